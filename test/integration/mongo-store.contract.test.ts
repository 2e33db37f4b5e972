import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { describeActorStoreContract } from "../contract/actor-store.contract.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

describeActorStoreContract("mongodb (real MongoDB-wire server)", async () => {
  const { mongoUrl } = await rigServers();
  return MongoActorStore.connect({ url: mongoUrl, database: uniqueDatabaseName("contract") });
});
