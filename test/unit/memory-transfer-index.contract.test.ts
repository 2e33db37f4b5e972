import { MemoryTransferIndex } from "../../adapters/memory/memory-transfer-index.js";
import { describeTransferIndexContract } from "../contract/transfer-index.contract.js";

describeTransferIndexContract("memory", async () => new MemoryTransferIndex());
