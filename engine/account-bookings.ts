import { MemoryAccountBookings } from "../adapters/memory/memory-account-bookings.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { MongoAccountBookings } from "../adapters/mongo/mongo-account-bookings.js";
import { JetStreamBookingsProjector } from "../adapters/nats/jetstream-bookings-projector.js";
import type { AccountBookingsWriter } from "../read-models/account-bookings.js";
import type { RecordSource } from "../reconciliation/ports.js";
import { assert } from "../runtime/assert.js";
import type { Logger } from "../runtime/ports.js";
import { natsStep, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import { readModelDatabase } from "./read-models.js";
import { mongoFailure } from "./startup-failures.js";

/** The records reconciliation reads (ADR 014 §2), and whether the model has caught up with the stream. */
export interface AccountBookings {
  readonly source: RecordSource;
  ready(): boolean;
}

/**
 * Each account's bookings by booking day, folded from the account events: with NATS, in MongoDB (the read model's
 * database, beside the transfer index) written by a durable consumer that survives restarts and catches up; in the
 * embedded engine in memory, fed by the in-process bus. Call before the actors start, so that the in-process bus's
 * first event is seen.
 */
export async function startAccountBookings(
  config: EngineConfig,
  bus: Bus,
  logger: Logger,
  closers: Closers,
): Promise<AccountBookings> {
  if (bus.nc) {
    const nc = bus.nc;
    // An engine with NATS and no MongoDB is refused at start: it would join the durable consumer.
    assert(config.mongoUrl !== undefined, "an engine with NATS has MongoDB");
    const store = await MongoAccountBookings.connect({
      url: config.mongoUrl,
      database: readModelDatabase(config.mongoDatabase),
      writeConcern: { w: config.mongoWriteConcern },
      serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
    }).catch((error: unknown) => Promise.reject(mongoFailure(config, error)));
    closers.add(() => store.close());
    const projector = await natsStep(config, bus, "the account bookings projector", () =>
      JetStreamBookingsProjector.start(nc, store, { prefix: config.subjectPrefix }, logger),
    );
    closers.add(() => projector.stop());
    return { source: store, ready: () => projector.ready };
  }
  const store = new MemoryAccountBookings();
  if (bus.publisher instanceof MemoryEventBus) followInMemory(bus.publisher, store, logger, closers);
  // The in-process bus delivers each event as it is published: the model is never behind.
  return { source: store, ready: () => true };
}

/** The memory store folds each event within the bus's delivery, so events land in publication order. */
function followInMemory(bus: MemoryEventBus, store: AccountBookingsWriter, logger: Logger, closers: Closers): void {
  const unsubscribe = bus.subscribe((published) => {
    if (published.kind !== "account") return;
    const { actorId, eventSeq, recordedAt, event } = published;
    store
      .apply([{ actorId, eventSeq, recordedAt, event }])
      .catch((error: unknown) =>
        logger.error("account bookings: an event was not folded", { actorId, eventSeq, error }),
      );
  });
  closers.add(async () => void unsubscribe());
}
