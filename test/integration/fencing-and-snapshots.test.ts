import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { JetStreamEventPublisher } from "../../adapters/nats/jetstream-event-publisher.js";
import { accountKind } from "../../actors/account/index.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorRecord } from "../../runtime/actor-record.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { noopMetrics, type RuntimeMetrics } from "../../runtime/ports.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { eventually, sendTally } from "../support/tally.js";

describe("fencing and snapshots on a real MongoDB-wire server", () => {
  let env: Record<string, string>;
  let nc: NatsConnection;
  const stores: MongoActorStore[] = [];
  const systems: ActorSystem[] = [];
  const node = async (
    limits: ConstructorParameters<typeof ActorSystem>[0]["limits"] = {},
    metrics: RuntimeMetrics = noopMetrics,
  ) => {
    const store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
    stores.push(store);
    const publisher = await JetStreamEventPublisher.create(nc, { prefix: env["LIQ_SUBJECT_PREFIX"]! });
    const system = new ActorSystem({ kinds: [tallyKind, accountKind], store, publisher, limits, metrics });
    systems.push(system);
    return { system, store };
  };

  beforeEach(async () => {
    env = await isolatedEngineEnv();
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
  });
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await nc.close();
  });

  it("lets the loser of a double activation fail cleanly and recover by reloading", async () => {
    let reloads = 0;
    const one = await node({}, { ...noopMetrics, journalReloads: () => reloads++ });
    const two = await node();
    await one.system.inspect({ kind: "tally", actorId: "dbl" });
    await two.system.inspect({ kind: "tally", actorId: "dbl" });
    expect(await sendTally(two.system, "dbl", "from-two", "add", { amount: "5" })).to.deep.include({
      ok: true,
      entrySeq: 1,
    });
    const stale = await sendTally(one.system, "dbl", "from-one", "add", { amount: "1" });
    expect(stale).to.deep.include({ ok: true, entrySeq: 2, result: { total: "6" } });
    expect(reloads).to.equal(1);
    const entries = await one.store.readEntries({ kind: "tally", actorId: "dbl" }, 0, 10);
    expect(entries.map((entry) => [entry.seq, entry.commandId])).to.deep.equal([
      [1, "from-two"],
      [2, "from-one"],
    ]);
  });

  it("keeps one gap-free journal when two activations take commands concurrently", async () => {
    const one = await node();
    const two = await node();
    const send = async (system: ActorSystem, id: string) => {
      for (let attempt = 0; ; attempt++) {
        const reply = await sendTally(system, "race", id, "add", { amount: "0.5" });
        if (reply.ok || !reply.error.retryable || attempt > 50) return reply;
      }
    };
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, index) => send(index % 2 ? one.system : two.system, `r-${index}`)),
    );
    expect(replies.filter((reply) => !reply.ok)).to.have.length(0);
    const entries = await one.store.readEntries({ kind: "tally", actorId: "race" }, 0, 1_000);
    expect(entries.map((entry) => entry.seq)).to.deep.equal(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(new Set(entries.map((entry) => entry.commandId)).size).to.equal(200);
    expect(entries.at(-1)?.events[0]).to.deep.include({ total: "100" });
  });

  it("rebuilds the same state from snapshot + tail as from a full replay of the journal", async () => {
    const writer = await node({ snapshotEveryEvents: 10 });
    for (let index = 0; index < 55; index++)
      await sendTally(writer.system, "snap", `s-${index}`, "add", { amount: `${index}.0101` });
    await eventually(
      "a snapshot",
      async () => ((await writer.store.loadSnapshot({ kind: "tally", actorId: "snap" }))?.entrySeq ?? 0) >= 50,
    );
    const reader = await node();
    const fromSnapshot = await reader.system.inspect({ kind: "tally", actorId: "snap" });
    const full = ActorRecord.initial(tallyKind, "snap", 10);
    for (const entry of await reader.store.readEntries({ kind: "tally", actorId: "snap" }, 0, 1_000))
      full.applyEntry(entry);
    expect(fromSnapshot.entrySeq).to.equal(55);
    expect(tallyKind.encodeState(fromSnapshot.state as never)).to.deep.equal(
      tallyKind.encodeState(full.state as never),
    );
    expect(tallyKind.encodeState(full.state as never)["total"]).to.equal("1485.5555");
  });

  // Tables in an account's state (freezes, reservations, finished ones) are arrays of objects: FerretDB refused the
  // arrays of pairs written before, so accounts (and channels, encoded alike) were never snapshotted on it.
  it("snapshots an account with freezes and reservations, and rebuilds it from the snapshot alone", async () => {
    const writer = await node({ snapshotEveryEvents: 4 });
    const send = (commandId: string, type: string, payload: unknown) =>
      writer.system.dispatch({ kind: "account", actorId: "SNAP:1", commandId, type, payload, principal: "test" });
    const commands: Array<[string, unknown]> = [
      ["open", { bankCode: "SNAP", accountNumber: "1", currency: "EUR", pool: "main" }],
      ["recordEntry", { entryId: "e1", direction: "credit", amount: "1000.00", currency: "EUR" }],
      ["freeze", { freezeId: "f1", amount: "100.00", currency: "EUR", reason: "court order" }],
      ["reserve", { reservationId: "r1", direction: "debit", amount: "250.50", currency: "EUR", transferId: "t1" }],
      ["reserve", { reservationId: "r2", direction: "credit", amount: "10.00", currency: "EUR", transferId: "t2" }],
      ["settle", { reservationId: "r2" }],
      ["freeze", { freezeId: "f2", amount: "5.00", currency: "EUR", reason: "dispute" }],
      ["unfreeze", { freezeId: "f2" }],
    ];
    for (const [index, [type, payload]] of commands.entries()) {
      const reply = await send(`c${index}`, type, payload);
      expect(reply.ok, `${type}: ${JSON.stringify(reply)}`).to.equal(true);
    }
    await eventually(
      "an account snapshot",
      async () => ((await writer.store.loadSnapshot({ kind: "account", actorId: "SNAP:1" }))?.entrySeq ?? 0) >= 6,
      10_000,
      50,
    );
    const snapshot = (await writer.store.loadSnapshot({ kind: "account", actorId: "SNAP:1" }))!;
    const full = ActorRecord.initial(accountKind, "SNAP:1", 10);
    const entries = await writer.store.readEntries({ kind: "account", actorId: "SNAP:1" }, 0, 100);
    for (const entry of entries.filter((candidate) => candidate.seq <= snapshot.entrySeq)) full.applyEntry(entry);
    expect(snapshot.state).to.deep.equal(accountKind.encodeState(full.state as never));
    const reader = await node();
    const rebuilt = await reader.system.inspect({ kind: "account", actorId: "SNAP:1" });
    for (const entry of entries.filter((candidate) => candidate.seq > snapshot.entrySeq)) full.applyEntry(entry);
    expect(accountKind.encodeState(rebuilt.state as never)).to.deep.equal(accountKind.encodeState(full.state as never));
    expect(accountKind.encodeState(full.state as never)).to.deep.include({ ledger: "1010", frozen: "100" });
  });
});
