import { MongoTransferIndex } from "../../adapters/mongo/mongo-transfer-index.js";
import { describeTransferIndexContract } from "../contract/transfer-index.contract.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

// A database per case: lists and counts see only that case's transfers.
describeTransferIndexContract("mongodb (real MongoDB-wire server)", async () => {
  const { mongoUrl } = await rigServers();
  return MongoTransferIndex.connect({
    url: mongoUrl,
    database: uniqueDatabaseName("transfer_index"),
    writeConcern: { w: 1 },
  });
});
