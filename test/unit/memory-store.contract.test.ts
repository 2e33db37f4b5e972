import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { describeActorStoreContract } from "../contract/actor-store.contract.js";

describeActorStoreContract("memory", async () => new MemoryActorStore());
