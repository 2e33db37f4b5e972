import { MemoryActorStore } from "../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { assert } from "../runtime/assert.js";
import type { ActorStore, Logger } from "../runtime/ports.js";
import { connectNatsServers, createEventPublisher, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import { ConfigError, type EngineConfig } from "./config.js";
import { redactCredentials } from "./settings.js";
import { DependencyError } from "./startup-failures.js";
import { connectMongoStore } from "./storage.js";

/** The actor store and the bus the actors publish to. */
export interface Backends extends Bus {
  readonly store: ActorStore;
}

/**
 * MongoDB and NATS for a durable engine, connected at once so that both are reported when both fail (each
 * failure one line naming its setting and address); the in-memory store and bus for the embedded engine.
 * The connections close after every other part, which uses them until it stops.
 */
export async function connectBackends(config: EngineConfig, logger: Logger, closers: Closers): Promise<Backends> {
  if (config.mongoUrl === undefined || config.natsUrl === undefined)
    return { store: new MemoryActorStore(), publisher: new MemoryEventBus(), nc: undefined };
  const [mongo, nats] = await Promise.allSettled([
    connectMongoStore(config, config.mongoUrl),
    connectNatsServers(config, config.natsUrl),
  ]);
  if (mongo.status === "fulfilled") closers.addLast(() => mongo.value.close());
  if (nats.status === "fulfilled") closers.addLast(() => nats.value.drain());
  const failures = [mongo, nats].flatMap((settled) =>
    settled.status === "rejected" ? [settled.reason as ConfigError | DependencyError] : [],
  );
  // A malformed LIQ_MONGO_URL is the configuration's fault (exit 2), not a server's (exit 3): reported alone.
  const configError = failures.find((failure) => failure instanceof ConfigError);
  if (configError) throw configError;
  if (failures.length > 0) throw new DependencyError(failures.flatMap((failure) => failure.problems));
  assert(mongo.status === "fulfilled" && nats.status === "fulfilled", "both connected when neither failed");
  logger.debug("connected to MongoDB", { url: redactCredentials(config.mongoUrl), database: config.mongoDatabase });
  if (mongo.value.rewrittenEntries > 0)
    logger.info("journal rewritten to the layout keyed by entry number", { entries: mongo.value.rewrittenEntries });
  logger.debug("connected to NATS", { servers: redactCredentials(config.natsUrl), server: nats.value.info?.server_id });
  const publisher = await createEventPublisher(config, nats.value);
  return { store: mongo.value, publisher, nc: nats.value };
}
