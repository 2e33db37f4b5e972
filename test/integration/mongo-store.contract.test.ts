import { expect } from "chai";
import { MongoClient } from "mongodb";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { describeActorStoreContract } from "../contract/actor-store.contract.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

describeActorStoreContract("mongodb (real MongoDB-wire server)", async () => {
  const { mongoUrl } = await rigServers();
  return MongoActorStore.connect({ url: mongoUrl, database: uniqueDatabaseName("contract") });
});

describe("MongoActorStore on a real MongoDB-wire server", () => {
  it("lets a second store (a restarted or second engine) connect to a database whose indexes exist, and share it", async () => {
    const { mongoUrl } = await rigServers();
    const database = uniqueDatabaseName("reconnect");
    const first = await MongoActorStore.connect({ url: mongoUrl, database });
    const entry = {
      kind: "tally",
      actorId: "shared",
      seq: 1,
      firstEventSeq: 1,
      events: [{ type: "added", amount: "1", total: "1" }],
      commandId: "c-1",
      commandType: "add",
      principal: "test",
      reply: { total: "1" },
      reminders: null,
      recordedAt: 1,
    };
    try {
      expect(await first.append([{ entries: [entry] }])).to.deep.equal(["written"]);
      // FerretDB 1.24 drops the connection when createIndexes names indexes that exist; the store must not do that.
      const second = await MongoActorStore.connect({ url: mongoUrl, database });
      try {
        expect(
          (await second.readEntries({ kind: "tally", actorId: "shared" }, 0, 10)).map((e) => e.commandId),
        ).to.deep.equal(["c-1"]);
        expect(await second.append([{ entries: [{ ...entry, commandId: "c-2" }] }])).to.deep.equal(["uncertain"]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it("rewrites a journal of the layout keyed by command id, finishing a rewrite an earlier start left half done", async () => {
    const { mongoUrl } = await rigServers();
    const database = uniqueDatabaseName("layout");
    const entry = (actorId: string, seq: number) => ({
      kind: "tally",
      actorId,
      seq,
      firstEventSeq: seq,
      events: [{ type: "added", amount: "1", total: String(seq) }],
      commandId: `c-${seq}`,
      commandType: "add",
      principal: "test",
      reply: { total: String(seq) },
      reminders: null,
      recordedAt: seq,
    });
    const legacy = (actorId: string, seq: number) => ({
      _id: `tally/${actorId}/c-${seq}`,
      actor: `tally/${actorId}`,
      ...entry(actorId, seq),
    });
    const client = await MongoClient.connect(mongoUrl);
    try {
      const journal = client.db(database).collection<{ _id: string; actor: string }>("journal");
      await journal.createIndex({ actor: 1, seq: 1 }, { name: "actor_seq_unique", unique: true });
      await journal.insertMany([1, 2, 3].map((seq) => legacy("a", seq)).concat([legacy("b", 1)]));
      // A start that died part-way: the index gone, entry a#1 copied but its original not yet deleted.
      await journal.dropIndex("actor_seq_unique");
      await journal.insertOne({ _id: "tally/a#000000000001", actor: "tally/a", ...entry("a", 1) });

      const store = await MongoActorStore.connect({ url: mongoUrl, database });
      try {
        expect(store.rewrittenEntries).to.equal(4);
        expect((await store.readEntries({ kind: "tally", actorId: "a" }, 0, 10)).map((e) => e.seq)).to.deep.equal([
          1, 2, 3,
        ]);
        expect((await store.readEntries({ kind: "tally", actorId: "a" }, 1, 1)).map((e) => e.seq)).to.deep.equal([2]);
        expect(await journal.countDocuments({})).to.equal(4);
        // Fencing by _id and permanent idempotency by (actor, commandId) both hold on the rewritten journal.
        expect(await store.append([{ entries: [{ ...entry("a", 3), commandId: "c-new" }] }])).to.deep.equal([
          "uncertain",
        ]);
        expect(await store.append([{ entries: [{ ...entry("b", 2), commandId: "c-1" }] }])).to.deep.equal([
          "uncertain",
        ]);
        expect(
          (await store.findEntriesByCommandIds({ kind: "tally", actorId: "a" }, ["c-2", "c-9"])).map((e) => e.seq),
        ).to.deep.equal([2]);
      } finally {
        await store.close();
      }
      const again = await MongoActorStore.connect({ url: mongoUrl, database });
      expect(again.rewrittenEntries).to.equal(0);
      await again.close();
    } finally {
      await client.close();
    }
  });
});
