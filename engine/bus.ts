import type { NatsConnection } from "@nats-io/transport-node";
import type { Registry } from "prom-client";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { connectNats } from "../adapters/nats/connect.js";
import { prometheusIngestionMetrics } from "../adapters/nats/ingestion-metrics.js";
import { JetStreamEntryIngestion } from "../adapters/nats/jetstream-entry-ingestion.js";
import { JetStreamEventPublisher } from "../adapters/nats/jetstream-event-publisher.js";
import { JetStreamPositionFeed } from "../adapters/nats/jetstream-position-feed.js";
import type { AccessControl } from "../adapters/grpc/access.js";
import { NatsCommandAccess } from "../adapters/nats/command-access.js";
import { NatsCommandServer } from "../adapters/nats/nats-command-server.js";
import { JetStreamViewFeed } from "../adapters/nats/jetstream-view-feed.js";
import type { PositionDirectory } from "../read-models/position-directory.js";
import type { ViewDirectory } from "../read-models/view-directory.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { EventPublisher, Logger } from "../runtime/ports.js";
import type { Closers } from "./closers.js";
import { ConfigError, type EngineConfig } from "./config.js";
import { DependencyError, jetStreamFailure, natsConnectFailure } from "./startup-failures.js";
import { startTransferObservation } from "./transfer-observation.js";

/** How events leave the actors: JetStream for a durable engine, the in-process bus for the embedded one. */
export interface Bus {
  readonly publisher: EventPublisher;
  /** Set for a durable engine only: an engine without MongoDB never joins a durable consumer. */
  readonly nc: NatsConnection | undefined;
}

/** Connects to the NATS servers of LIQ_NATS_URL; a refusal becomes the line that names the server (exit 3). */
export function connectNatsServers(config: EngineConfig, servers: string): Promise<NatsConnection> {
  return connectNats({
    servers,
    ...(config.natsUser !== undefined && { user: config.natsUser }),
    ...(config.natsPassword !== undefined && { password: config.natsPassword }),
    ...(config.natsToken !== undefined && { token: config.natsToken }),
    ...(config.natsCredsFile !== undefined && { credsFile: config.natsCredsFile }),
    ...(config.natsTlsCaFile !== undefined && { tlsCaFile: config.natsTlsCaFile }),
  }).catch((error: unknown) => Promise.reject(natsConnectFailure(config, error)));
}

/** The publisher of the events stream, which it creates (or checks) on the server. */
export function createEventPublisher(config: EngineConfig, nc: NatsConnection): Promise<EventPublisher> {
  return JetStreamEventPublisher.create(nc, {
    prefix: config.subjectPrefix,
    replicas: config.natsStreamReplicas,
  }).catch((error: unknown) => Promise.reject(jetStreamFailure(config, "the events stream", error)));
}

/**
 * A NATS step of the start: its failure names the server and the step (exit 3). A failure the step already
 * mapped (a MongoDB address, a configuration) passes as it is, and so does any failure without NATS.
 */
export function natsStep<T>(config: EngineConfig, bus: Bus, what: string, step: () => Promise<T>): Promise<T> {
  return step().catch((error: unknown) =>
    Promise.reject(
      bus.nc && !(error instanceof DependencyError || error instanceof ConfigError)
        ? jetStreamFailure(config, what, error)
        : error,
    ),
  );
}

/** Feeds the position directory from the events (JetStream, or the in-process bus); returns whether it caught up. */
export async function startPositionFeed(
  config: EngineConfig,
  bus: Bus,
  directory: PositionDirectory,
  logger: Logger,
  closers: Closers,
): Promise<() => boolean> {
  if (bus.nc) {
    const feed = new JetStreamPositionFeed(bus.nc, directory, config.subjectPrefix, logger);
    await natsStep(config, bus, "the position feed", () => feed.start());
    closers.add(() => feed.stop());
    return () => feed.ready;
  }
  if (bus.publisher instanceof MemoryEventBus) {
    const unsubscribe = bus.publisher.subscribe((event) => {
      if (event.kind === "account")
        directory.apply({
          actorId: event.actorId,
          eventSeq: event.eventSeq,
          commandId: event.commandId,
          recordedAt: event.recordedAt,
          event: event.event,
        });
    });
    closers.add(async () => void unsubscribe());
  }
  // The in-process bus delivers each event as it is published: the directory is never behind.
  return () => true;
}

/**
 * Feeds a view directory of one actor kind from its events (JetStream, or the in-process bus); returns whether it
 * caught up with the stream. Start it before the actors, so that the in-process bus's first event is seen. `from`:
 * each actor's last event (its events carry its whole view), or every event (a directory that folds changes).
 */
export async function startViewFeed<V>(
  config: EngineConfig,
  bus: Bus,
  kind: string,
  directory: ViewDirectory<V>,
  logger: Logger,
  closers: Closers,
  from: "lastPerSubject" | "all" = "lastPerSubject",
): Promise<() => boolean> {
  if (bus.nc) {
    const feed = new JetStreamViewFeed(bus.nc, kind, directory, config.subjectPrefix, logger, from);
    await natsStep(config, bus, `the ${kind} view feed`, () => feed.start());
    closers.add(() => feed.stop());
    return () => feed.ready;
  }
  if (bus.publisher instanceof MemoryEventBus) {
    const unsubscribe = bus.publisher.subscribe((event) => {
      if (event.kind === kind) directory.apply(event);
    });
    closers.add(async () => void unsubscribe());
  }
  return () => true;
}

/**
 * The transfer observer (alerts and transfer metrics) and the channel health feed. Call before the actors start,
 * so that the observer's durable consumer exists before this engine's first event.
 */
export async function startTransferObserver(
  config: EngineConfig,
  bus: Bus,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<void> {
  const source = bus.nc
    ? { nc: bus.nc, streamReplicas: config.natsStreamReplicas }
    : bus.publisher instanceof MemoryEventBus
      ? { bus: bus.publisher }
      : undefined;
  if (!source) return;
  const stop = await natsStep(config, bus, "the transfer observer", () =>
    startTransferObservation(source, config.subjectPrefix, registry, logger),
  );
  closers.add(stop);
}

/**
 * Commands over NATS (the request-reply server, behind the gRPC API's access control) and, when enabled, account
 * entries from their stream. Call after the actors start: both dispatch to them at once. Without NATS there is
 * neither: the admin HTTP takes commands.
 */
export async function startCommandIntake(
  config: EngineConfig,
  bus: Bus,
  system: ActorSystem,
  access: AccessControl,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<void> {
  const nc = bus.nc;
  if (!nc) return;
  const door = new NatsCommandAccess(access, new Set(system.kindNames));
  const commandServer = new NatsCommandServer(nc, system, door, { prefix: config.subjectPrefix }, logger);
  commandServer.start();
  closers.add(() => commandServer.stop());
  if (!config.ingestEnabled) return;
  const settings = {
    prefix: config.subjectPrefix,
    concurrency: config.ingestConcurrency,
    ackWaitMs: config.ingestAckWaitMs,
    replicas: config.natsStreamReplicas,
  };
  const ingestion = await natsStep(config, bus, "entry ingestion", () =>
    JetStreamEntryIngestion.start(nc, system, settings, prometheusIngestionMetrics(registry), logger),
  );
  closers.add(() => ingestion.stop());
}
