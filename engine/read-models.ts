import type { NatsConnection } from "@nats-io/transport-node";
import type { Registry } from "prom-client";
import type { TransferEventFeed, TransferIndex } from "../read-models/transfer-read-model.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { MemoryTransferFeed } from "../adapters/memory/memory-transfer-feed.js";
import { MemoryTransferIndex } from "../adapters/memory/memory-transfer-index.js";
import { MongoTransferIndex } from "../adapters/mongo/mongo-transfer-index.js";
import { JetStreamTransferFeed } from "../adapters/nats/jetstream-transfer-feed.js";
import { JetStreamTransferProjector } from "../adapters/nats/jetstream-transfer-projector.js";
import { registerProjectionMetrics } from "../adapters/prometheus/projection-metrics.js";
import { registerTransferStatusMetrics } from "../adapters/prometheus/transfer-status-metrics.js";
import { assert } from "../runtime/assert.js";
import type { EventPublisher, Logger } from "../runtime/ports.js";
import type { EngineConfig } from "./config.js";
import { mongoFailure } from "./startup-failures.js";

export interface TransferReadModel {
  readonly index: TransferIndex;
  readonly feed: TransferEventFeed;
  stop(): Promise<void>;
}

/**
 * The transfer read model (ADR 007): with NATS (and so MongoDB), the projection written by the durable projector,
 * and a JetStream feed for watches; in the embedded engine the index in memory, fed by the in-process bus.
 * Call before the actors start, so that the in-memory index sees the first event.
 */
export async function startTransferReadModel(
  config: EngineConfig,
  nc: NatsConnection | undefined,
  publisher: EventPublisher,
  registry: Registry,
  logger: Logger,
): Promise<TransferReadModel> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    let index: TransferIndex;
    let feed: TransferEventFeed;
    if (nc) {
      const jetStreamFeed = await JetStreamTransferFeed.start(nc, config.subjectPrefix, logger);
      stops.push(() => jetStreamFeed.stop());
      feed = jetStreamFeed;
      // An engine with NATS and no MongoDB is refused at start: it would join the projector's durable consumer.
      assert(config.mongoUrl !== undefined, "an engine with NATS has MongoDB");
      const mongoIndex = await MongoTransferIndex.connect({
        url: config.mongoUrl,
        database: readModelDatabase(config.mongoDatabase),
        writeConcern: { w: config.mongoWriteConcern },
        serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
      }).catch((error: unknown) => Promise.reject(mongoFailure(config, error)));
      index = mongoIndex;
      stops.push(() => mongoIndex.close());
      // Off on a node (LIQ_TRANSFER_INDEX_ENABLED=false): others, or none, write it; this one still reads it.
      if (config.transferIndexEnabled) {
        const metrics = registerProjectionMetrics(registry, logger);
        const projector = await JetStreamTransferProjector.start(
          nc,
          mongoIndex,
          { prefix: config.subjectPrefix, written: metrics.written },
          logger,
        );
        metrics.watch(projector);
        stops.push(() => projector.stop());
      }
    } else if (publisher instanceof MemoryEventBus) {
      feed = new MemoryTransferFeed(publisher);
      index = followInMemory(feed, stops);
    } else {
      throw new Error("the transfer read model needs NATS or the in-process bus");
    }
    registerTransferStatusMetrics(registry, index, logger);
    return { index, feed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A memory index applies synchronously inside its promise, so events land in feed order. */
function followInMemory(feed: TransferEventFeed, stops: Array<() => Promise<void>>): MemoryTransferIndex {
  const index = new MemoryTransferIndex();
  const unsubscribe = feed.subscribe((event) => void index.apply([event]));
  stops.push(async () => void unsubscribe());
  return index;
}

/**
 * The read model's own database, next to the journal's: it can be dropped and rebuilt alone, and on FerretDB (one
 * SQLite file per database) its writes never hold the journal's lock or connections.
 */
export function readModelDatabase(database: string): string {
  return `${database}_read`;
}
