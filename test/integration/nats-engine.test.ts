import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import type { Reply } from "../../runtime/messages.js";
import { commandSubject, eventSubject } from "../../runtime/subjects.js";
import { readEventsOnSubject } from "../support/jetstream.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { eventually } from "../support/tally.js";

describe("engine over real NATS (JetStream) and a real MongoDB-wire server", () => {
  let env: Record<string, string>;
  let engine: RunningEngine;
  let store: MongoActorStore;
  const clients: NatsConnection[] = [];
  const prefix = () => env["LIQ_SUBJECT_PREFIX"]!;
  const client = (nc: NatsConnection) =>
    new NatsActorClient(nc, prefix(), engine.system.limits.partitionCount, "tests");

  before(async () => {
    env = await isolatedEngineEnv({ LIQ_MAILBOX_CAPACITY: "2000" });
    engine = await startEngine(configFrom(env), silentLogger);
    store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
    for (let index = 0; index < 10; index++) clients.push(await connect({ servers: env["LIQ_NATS_URL"]! }));
  });
  after(async () => {
    await Promise.all(clients.map((nc) => nc.close()));
    await store.close();
    await engine.stop();
  });

  it("applies 1,000 concurrent commands from 10 NATS clients to one actor with no lost update, and publishes each event once", async () => {
    const replies = await Promise.all(
      Array.from({ length: 1_000 }, (_, index) =>
        client(clients[index % clients.length]!).send({
          kind: "tally",
          actorId: "hot",
          commandId: `h-${index}`,
          type: "add",
          payload: { amount: "0.0123" },
        }),
      ),
    );
    const failed = replies.filter((reply) => !reply.ok);
    expect(failed, JSON.stringify(failed.slice(0, 3))).to.have.length(0);
    const get = await client(clients[0]!).send({ kind: "tally", actorId: "hot", commandId: "read-1", type: "get" });
    expect(get).to.deep.include({ ok: true, result: { total: "12.3", additions: 1_000, reminded: [], fulfilled: [] } });
    const entries = await store.readEntries({ kind: "tally", actorId: "hot" }, 0, 2_000);
    expect(entries.map((entry) => entry.seq)).to.deep.equal(Array.from({ length: 1_000 }, (_, index) => index + 1));
    const readEvents = () =>
      readEventsOnSubject(clients[0]!, streamNameFor(prefix()), eventSubject(prefix(), "tally", "hot"));
    await eventually("all events on the stream", async () => (await readEvents()).length >= 1_000, 20_000, 50);
    const events = await readEvents();
    expect(events.map((event) => event.eventSeq)).to.deep.equal(Array.from({ length: 1_000 }, (_, index) => index + 1));
    expect(events.at(-1)?.event).to.deep.equal({ type: "added", amount: "0.0123", total: "12.3" });
  });

  it("answers malformed messages with a clear error code, persists nothing, and keeps serving", async () => {
    const nats = client(clients[0]!);
    const partitions = engine.system.limits.partitionCount;
    const subject = commandSubject(prefix(), "tally", "victim", partitions);
    const encode = (value: unknown) =>
      new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
    const cases: Array<[string, Promise<Reply>, string]> = [
      ["undecodable bytes", nats.sendRaw(subject, new Uint8Array([0xff, 0xfe, 0x7b])), "malformed_message"],
      ["not JSON", nats.sendRaw(subject, encode("{oops")), "malformed_message"],
      ["not an object", nats.sendRaw(subject, encode([1, 2])), "invalid_envelope"],
      [
        "missing command id",
        nats.sendRaw(subject, encode({ type: "add", payload: { amount: "1" } })),
        "invalid_envelope",
      ],
      [
        "unknown command",
        nats.sendRaw(subject, encode({ commandId: "u1", type: "teleport", payload: {} })),
        "unknown_command",
      ],
      [
        "bad amount",
        nats.sendRaw(subject, encode({ commandId: "u2", type: "add", payload: { amount: "1,5" } })),
        "invalid_command",
      ],
      [
        "unknown kind",
        nats.sendRaw(commandSubject(prefix(), "ghost", "victim", partitions), encode({ commandId: "u3", type: "add" })),
        "unknown_actor_kind",
      ],
      [
        "wrong partition",
        nats.sendRaw(
          `${prefix()}.cmd.tally.${(Number(subject.split(".")[3]) + 1) % partitions}.victim`,
          encode({ commandId: "u4", type: "add", payload: { amount: "1" } }),
        ),
        "partition_mismatch",
      ],
      [
        "oversized",
        nats.sendRaw(
          subject,
          encode({ commandId: "u5", type: "add", payload: { amount: "1", pad: "x".repeat(70_000) } }),
        ),
        "message_too_large",
      ],
    ];
    for (const [name, pending, code] of cases) {
      const reply = await pending;
      expect(reply.ok ? "accepted" : reply.error.code, name).to.equal(code);
      expect(reply.ok ? "" : reply.error.message, name).to.not.equal("");
    }
    expect(await store.readEntries({ kind: "tally", actorId: "victim" }, 0, 10)).to.have.length(0);
    const healthy = await nats.send({
      kind: "tally",
      actorId: "victim",
      commandId: "ok-1",
      type: "add",
      payload: { amount: "2.5" },
    });
    expect(healthy).to.deep.include({ ok: true, result: { total: "2.5" }, entrySeq: 1 });
  });
});
