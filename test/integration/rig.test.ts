import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { expect } from "chai";
import { MongoClient } from "mongodb";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

describe("test rig", () => {
  it("runs a real nats-server with JetStream enabled", async () => {
    const nc = await connect({ servers: (await rigServers()).natsUrl });
    try {
      const info = await (await jetstreamManager(nc)).getAccountInfo();
      expect(info.limits).to.be.an("object");
    } finally {
      await nc.close();
    }
  });

  it("runs a real MongoDB-wire server that stores and returns documents", async () => {
    const { mongoUrl, mongoKind } = await rigServers();
    const client = await MongoClient.connect(mongoUrl);
    try {
      const collection = client.db(uniqueDatabaseName("rig")).collection<{ _id: string; amount: string }>("probe");
      await collection.insertOne({ _id: "one", amount: "1.0001" });
      expect(await collection.findOne({ _id: "one" })).to.deep.equal({ _id: "one", amount: "1.0001" });
      expect(mongoKind).to.be.oneOf(["MONGO_URL", "mongod", "ferretdb"]);
    } finally {
      await client.close();
    }
  });
});
