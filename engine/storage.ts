import type { Registry } from "prom-client";
import { ruleIndexOf, ruleWatermarks, type RuleEntry } from "../read-models/rule-directory.js";
import type { ViewDirectory } from "../read-models/view-directory.js";
import type { WatermarksConfig } from "../actors/account/watermarks.js";
import { MongoActorStore } from "../adapters/mongo/mongo-actor-store.js";
import { registerLiquidityMetrics } from "../adapters/prometheus/liquidity-metrics.js";
import { registerPositionMetrics } from "../adapters/prometheus/position-metrics.js";
import { PositionDirectory } from "../read-models/position-directory.js";
import type { Logger } from "../runtime/ports.js";
import { natsStep, startPositionFeed, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import { startTransferReadModel, type TransferReadModel } from "./read-models.js";
import { mongoFailure } from "./startup-failures.js";

/** Connects the MongoDB actor store (the journal); a failure becomes the line that names LIQ_MONGO_URL. */
export function connectMongoStore(config: EngineConfig, url: string): Promise<MongoActorStore> {
  return MongoActorStore.connect({
    url,
    database: config.mongoDatabase,
    writeConcern: { w: config.mongoWriteConcern },
    serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
  }).catch((error: unknown) => Promise.reject(mongoFailure(config, error)));
}

/** The position directory (kept in memory, fed by the events) and whether it has caught up with the stream. */
export interface Positions {
  readonly directory: PositionDirectory;
  readonly ready: () => boolean;
}

/** The position directory with its metrics: positions, and liquidity against the watermarks once caught up. */
export async function startPositionDirectory(
  config: EngineConfig,
  bus: Bus,
  watermarks: { readonly file: WatermarksConfig; readonly rules: ViewDirectory<RuleEntry> },
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<Positions> {
  const directory = new PositionDirectory();
  registerPositionMetrics(registry, directory, config.accountGaugesMax);
  const ready = await startPositionFeed(config, bus, directory, logger, closers);
  const ruleIndex = ruleIndexOf(watermarks.rules);
  registerLiquidityMetrics(registry, directory, {
    watermarks: watermarks.file,
    accountsMax: config.accountGaugesMax,
    ready: () => ready(),
    rules: () => ruleWatermarks(ruleIndex),
  });
  return { directory, ready };
}

/** The transfer read model (its index in MongoDB or in memory, and its feed); stopped with the engine. */
export async function startTransferReads(
  config: EngineConfig,
  bus: Bus,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<TransferReadModel> {
  const readModel = await natsStep(config, bus, "the transfer read model", () =>
    startTransferReadModel(config, bus.nc, bus.publisher, registry, logger),
  );
  closers.add(() => readModel.stop());
  return readModel;
}
