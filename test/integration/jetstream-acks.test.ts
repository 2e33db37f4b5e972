import { headers, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { connectNats } from "../../adapters/nats/connect.js";
import { JetStreamAcks, JetStreamPublishFailed } from "../../adapters/nats/jetstream-acks.js";
import { JetStreamEventPublisher, streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import type { OutboundEvent } from "../../runtime/ports.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { readEventsOnSubject } from "../support/jetstream.js";

const encoder = new TextEncoder();

function message(subject: string, body = "{}") {
  return { subject, data: encoder.encode(body), headers: headers() };
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the publish fails").to.be.instanceOf(Error);
  return outcome as Error;
}

describe("JetStream acknowledgements collected per batch (adapters/nats/jetstream-acks.ts)", () => {
  let env: Record<string, string>;
  let nc: NatsConnection;

  beforeEach(async () => {
    env = await isolatedEngineEnv();
    nc = await connectNats({ servers: env["LIQ_NATS_URL"]!, name: "acks-test" });
  });
  afterEach(async () => {
    await nc.close();
  });

  it("stores a batch in order and resolves once the stream acknowledged all of it; a repeated message id is stored once", async () => {
    const prefix = env["LIQ_SUBJECT_PREFIX"]!;
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    const events: OutboundEvent[] = [1, 2, 3].map((eventSeq) => ({
      kind: "tally",
      actorId: "acked",
      eventSeq,
      entrySeq: eventSeq,
      commandId: `c-${eventSeq}`,
      event: { type: "added", amount: "1", total: String(eventSeq) },
      recordedAt: 1_000 + eventSeq,
    }));
    await publisher.publish(events);
    await publisher.publish(events.slice(1));
    const stored = await readEventsOnSubject(nc, streamNameFor(prefix), `${prefix}.evt.tally.acked`);
    expect(stored.map((event) => event.eventSeq)).to.deep.equal([1, 2, 3]);
    expect(await publisher.lastPublishedEventSeq({ kind: "tally", actorId: "acked" })).to.equal(3);
    await publisher.close();
  });

  it("fails a batch that the stream refuses, that no stream takes, or that is not acknowledged in time", async () => {
    const acks = new JetStreamAcks(nc, 200);
    const subject = `${env["LIQ_SUBJECT_PREFIX"]!}.fake`;
    // A stand-in for the stream: it acknowledges "ok.*", refuses "refused", and never answers "silent".
    const stand = nc.subscribe(`${subject}.>`, {
      callback: (_error, received) => {
        if (received.subject.endsWith(".silent")) return;
        const answer = received.subject.endsWith(".refused")
          ? { error: { code: 400, err_code: 10_060, description: "expected stream does not match" } }
          : { stream: "FAKE", seq: 1, ...(received.subject.endsWith(".dup") && { duplicate: true }) };
        received.respond(encoder.encode(JSON.stringify(answer)));
      },
    });
    try {
      await acks.publish([message(`${subject}.ok.a`), message(`${subject}.ok.dup`), message(`${subject}.ok.b`)]);
      await acks.publish([]);

      const refused = await rejection(acks.publish([message(`${subject}.ok.c`), message(`${subject}.refused`)]));
      expect(refused).to.be.instanceOf(JetStreamPublishFailed);
      expect(refused.message).to.equal("the stream refused the message: expected stream does not match");

      const nobody = await rejection(acks.publish([message(`${env["LIQ_SUBJECT_PREFIX"]!}.nobody.listens`)]));
      expect(nobody.message).to.equal("no stream stores the subject (no responders)");

      const silent = await rejection(acks.publish([message(`${subject}.ok.d`), message(`${subject}.silent`)]));
      expect(silent.message).to.equal("no acknowledgement from the stream within 200 ms");
    } finally {
      stand.unsubscribe();
      acks.close();
    }
  });
});
