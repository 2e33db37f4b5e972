import type { NatsConnection } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";
import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { connectNats } from "../../adapters/nats/connect.js";
import { JetStreamEventPublisher, streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { OutboundEvent } from "../../runtime/ports.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { readEventsOnSubject } from "../support/jetstream.js";
import { eventually, sendTally } from "../support/tally.js";

function event(actorId: string, eventSeq: number): OutboundEvent {
  return {
    kind: "tally",
    actorId,
    eventSeq,
    entrySeq: eventSeq,
    commandId: `c-${eventSeq}`,
    event: { type: "added", amount: "1", total: String(eventSeq) },
    recordedAt: Date.now(),
  };
}

describe("JetStream publication: ordered path and pipelined batches (ADR 002 §8)", () => {
  let env: Record<string, string>;
  let nc: NatsConnection;
  let prefix: string;

  beforeEach(async () => {
    env = await isolatedEngineEnv();
    prefix = env["LIQ_SUBJECT_PREFIX"]!;
    nc = await connectNats({ servers: env["LIQ_NATS_URL"]!, name: "publication-test" });
  });
  afterEach(async () => {
    await nc.close();
  });

  it("keeps one path per connection to a standalone server, and starts a new one after a reconnect or a failure", async () => {
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    const path = publisher.orderedPath();
    expect(path).to.be.an("object");
    expect(publisher.orderedPath()).to.equal(path);

    await nc.reconnect();
    await eventually("connected again, on a new path", () => ![path, undefined].includes(publisher.orderedPath()));
    const afterReconnect = publisher.orderedPath();
    expect(afterReconnect).to.not.equal(path);
    await publisher.publish([event("ok", 1)]);
    expect(publisher.orderedPath()).to.equal(afterReconnect);

    // A publish that fails (the stream is gone: nobody stores the subject) ends the path.
    await (await jetstreamManager(nc)).streams.delete(streamNameFor(prefix));
    const failure = await publisher.publish([event("ok", 2)]).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure, "the publish to a deleted stream fails").to.be.instanceOf(Error);
    // The message says what went wrong (no caller stacks are collected: noAsyncTraces).
    expect(failure!.message).to.match(/no responders|jetstream|timeout/i);
    expect(publisher.orderedPath()).to.not.equal(afterReconnect);
  });

  it("stores every actor's events once and in order when batches are pipelined", async () => {
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    const published: number[] = [];
    const unacknowledged = new Map<string, number>();
    let pipelined = 0;
    const counting = Object.assign(Object.create(publisher) as JetStreamEventPublisher, {
      publish: async (events: readonly OutboundEvent[]) => {
        const actorId = events[0]!.actorId;
        published.push(events.length);
        const before = unacknowledged.get(actorId) ?? 0;
        if (before > 0) pipelined++;
        unacknowledged.set(actorId, before + 1);
        try {
          await publisher.publish(events);
        } finally {
          unacknowledged.set(actorId, (unacknowledged.get(actorId) ?? 1) - 1);
        }
      },
    });
    const system = new ActorSystem({
      kinds: [tallyKind],
      store: new MemoryActorStore(),
      publisher: counting,
      limits: { publicationUnackedEventsMax: 8, batchSizeMax: 4 },
    });
    try {
      const replies = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          sendTally(system, `a${index % 3}`, `c-${index}`, "add", { amount: "1" }),
        ),
      );
      expect(replies.every((reply) => reply.ok)).to.equal(true);
      await eventually("everything published", async () => {
        const lasts = [0, 1, 2].map((index) =>
          publisher.lastPublishedEventSeq({ kind: "tally", actorId: `a${index}` }),
        );
        return (await Promise.all(lasts)).reduce((sum, last) => sum + last, 0) === 200;
      });
      for (const actorId of ["a0", "a1", "a2"]) {
        const events = await readEventsOnSubject(nc, streamNameFor(prefix), `${prefix}.evt.tally.${actorId}`);
        const expected = actorId === "a2" ? 66 : 67;
        expect(events.map((stored) => stored.eventSeq)).to.deep.equal(
          Array.from({ length: expected }, (_, index) => index + 1),
        );
      }
      expect(published.reduce((sum, count) => sum + count, 0)).to.equal(200);
      expect(
        pipelined,
        "publishes sent while an earlier one of the same actor awaited its acknowledgement",
      ).to.be.above(0);
    } finally {
      await system.stop();
    }
  });
});
