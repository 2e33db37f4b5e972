import { randomBytes } from "node:crypto";
import { headers } from "@nats-io/transport-node";
import { expect } from "chai";
import { streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { commandSubject, eventSubject } from "../../runtime/subjects.js";
import { parseTraceparent } from "../../runtime/trace-context.js";
import { accessFile } from "../support/access-file.js";
import { TestTransfersClient } from "../support/grpc-transfers-client.js";
import { readStoredMessages } from "../support/jetstream.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

describe("trace context through a real engine process, NATS, a MongoDB-wire server and the bank simulator (ADR 009)", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let client: TestTransfersClient;

  before(async () => {
    const access = accessFile({ olivia: ["operator"] });
    world = await TransferWorld.start({ env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" } });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    client = new TestTransfersClient(`127.0.0.1:${String(ready["grpcPort"])}`, access.tokens["olivia"]);
  });
  after(async () => {
    client?.close();
    await world?.stop();
  });

  const createTraced = (request: object, traceparent: string) => client.createTraced(request, traceparent);

  interface TracedEvent {
    readonly commandId: string;
    readonly status: unknown;
    readonly traceparent: string | undefined;
  }

  /** An actor's events on JetStream: each one's command id, status (transfers) and `traceparent` header. */
  async function eventTraces(kind: string, actorId: string): Promise<TracedEvent[]> {
    const stored = await readStoredMessages(
      world.nc,
      streamNameFor(world.prefix),
      eventSubject(world.prefix, kind, actorId),
    );
    return stored.map((message) => {
      const body = JSON.parse(message.body) as { commandId: unknown; event: { status?: unknown } };
      return {
        commandId: String(body.commandId),
        status: body.event.status,
        traceparent: message.headers["traceparent"],
      };
    });
  }

  it("carries a gRPC caller's trace to the journal's events, both bank calls and the engine's log lines for the transfer", async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const transferId = `trace-${hex(4)}`;
    const { result, responseTraceparent } = await createTraced(
      {
        request_id: transferId,
        from: { bank_code: "BANKA", account_number: "A1" },
        to: { bank_code: "BANKB", account_number: "B1" },
        amount: "42.50",
        currency: "CNY",
      },
      `00-${traceId}-${callerSpan}-01`,
    );
    expect(result.transfer?.transfer_id).to.equal(transferId);
    const answered = parseTraceparent(responseTraceparent);
    expect(answered, `response traceparent ${String(responseTraceparent)}`).to.deep.include({ traceId, flags: 1 });
    expect(answered!.parentId, "the engine answers with its own span, not the caller's").to.not.equal(callerSpan);

    await world.settled(transferId, ["SUCCESS"]);

    const transactions = await world.simulator.transactions({ serialPrefix: `${transferId}.` });
    expect(
      transactions.map((transaction) => `${transaction.bankCode} ${transaction.type} ${transaction.status}`).sort(),
    ).to.deep.equal(["BANKA debit succeeded", "BANKB credit succeeded"]);
    for (const transaction of transactions) {
      const received = parseTraceparent(transaction.traceparent);
      expect(received?.traceId, `${transaction.type}: the bank got ${String(transaction.traceparent)}`).to.equal(
        traceId,
      );
      expect(received!.parentId, "the bank sees the engine's span for the call").to.not.equal(callerSpan);
    }
    expect(parseTraceparent(transactions[0]!.traceparent)!.parentId).to.not.equal(
      parseTraceparent(transactions[1]!.traceparent)!.parentId,
    );

    // Every event of the transfer is in the caller's trace: the create's, and those of the effect results it caused.
    let events: TracedEvent[] = [];
    await eventually(
      "the SUCCESS event on JetStream",
      async () => {
        events = await eventTraces("transfer", transferId);
        return events.some((event) => event.status === "SUCCESS");
      },
      15_000,
      100,
    );
    expect(events.length).to.be.greaterThan(3);
    for (const event of events)
      expect(
        parseTraceparent(event.traceparent)?.traceId,
        `event of ${event.commandId}: ${String(event.traceparent)}`,
      ).to.equal(traceId);
    const createEvent = events.find((event) => event.commandId === `create:${transferId}`);
    expect(
      parseTraceparent(createEvent?.traceparent)?.parentId,
      "the create's events name the create command's span",
    ).to.not.equal(callerSpan);

    const bankCallLines = () =>
      world.engine!.logs.filter((line) => line["transferId"] === transferId && line["msg"] === "bank call");
    await eventually("the engine logged both bank calls", () => bankCallLines().length >= 2, 10_000, 50);
    for (const line of bankCallLines()) {
      expect(line, JSON.stringify(line)).to.deep.include({
        level: "info",
        traceId,
        kind: "transfer",
        actorId: transferId,
        outcome: "succeeded",
      });
      expect(transactions.map((transaction) => parseTraceparent(transaction.traceparent)?.parentId)).to.include(
        line["spanId"],
      );
    }
    for (const line of world.engine!.logs.filter((candidate) => candidate["transferId"] === transferId)) {
      expect(line["traceId"], JSON.stringify(line)).to.equal(traceId);
    }
  });

  it("continues the trace through a bank's asynchronous callback: the simulator signs it with a child of the call's span", async () => {
    const traceId = hex(16);
    const transferId = `trace-cb-${hex(4)}`;
    // BANKB settles later and reports by callback; its status queries fail meanwhile, so only the callback can tell.
    await world.simulator.setFaults("BANKB", {
      asyncRate: 1,
      asyncProcessingMs: 300,
      script: [{ op: "query", serialPrefix: `${transferId}.`, fault: "error503", times: 1_000 }],
    });
    try {
      await createTraced(
        {
          request_id: transferId,
          from: { bank_code: "BANKA", account_number: "A1" },
          to: { bank_code: "BANKB", account_number: "B1" },
          amount: "7.00",
          currency: "CNY",
        },
        `00-${traceId}-${hex(8)}-01`,
      );
      await world.settled(transferId, ["SUCCESS"]);
    } finally {
      await world.simulator.resetFaults("BANKB");
    }
    let events: TracedEvent[] = [];
    await eventually(
      "the SUCCESS event on JetStream",
      async () => {
        events = await eventTraces("transfer", transferId);
        return events.some((event) => event.status === "SUCCESS");
      },
      15_000,
      100,
    );
    const fromCallback = events.filter((event) => event.commandId === `callback:${transferId}.credit:succeeded`);
    expect(fromCallback.length, events.map((event) => event.commandId).join(", ")).to.be.greaterThan(0);
    for (const event of events)
      expect(parseTraceparent(event.traceparent)?.traceId, `event of ${event.commandId}`).to.equal(traceId);
  });

  it("accepts a NATS command with a malformed traceparent under a fresh trace, and continues a valid one", async () => {
    const subject = (actorId: string) => commandSubject(world.prefix, "tally", actorId, defaultLimits.partitionCount);
    const send = async (actorId: string, traceparent: string) => {
      const messageHeaders = headers();
      messageHeaders.set("traceparent", traceparent);
      const body = new TextEncoder().encode(
        JSON.stringify({ commandId: "c1", type: "add", payload: { amount: "1.25" } }),
      );
      const message = await world.nc.request(subject(actorId), body, { headers: messageHeaders, timeout: 10_000 });
      return { reply: message.json<Reply>(), traceparent: message.headers?.get("traceparent") };
    };
    const traceId = hex(16);

    const malformed = await send("trace-bad", `00-${traceId.toUpperCase()}-${hex(8)}-01`);
    expect(malformed.reply).to.deep.include({ ok: true, commandId: "c1" });
    const fresh = parseTraceparent(malformed.traceparent);
    expect(fresh, `reply traceparent ${String(malformed.traceparent)}`).to.not.equal(undefined);
    expect(fresh!.traceId).to.not.equal(traceId);

    const callerSpan = hex(8);
    const valid = await send("trace-good", `00-${traceId}-${callerSpan}-01`);
    expect(valid.reply).to.deep.include({ ok: true });
    expect(parseTraceparent(valid.traceparent)).to.deep.include({ traceId });

    let events: TracedEvent[] = [];
    await eventually(
      "both tally events on JetStream",
      async () => {
        events = [...(await eventTraces("tally", "trace-bad")), ...(await eventTraces("tally", "trace-good"))];
        return events.length === 2;
      },
      15_000,
      100,
    );
    expect(events.map((event) => event.traceparent)).to.deep.equal([malformed.traceparent, valid.traceparent]);
  });
});
