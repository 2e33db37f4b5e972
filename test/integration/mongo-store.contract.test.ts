import { expect } from "chai";
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
});
