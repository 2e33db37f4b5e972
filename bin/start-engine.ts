import type { Server } from "node:http";
import type { NatsConnection } from "@nats-io/transport-node";
import { collectDefaultMetrics, Registry } from "prom-client";
import { MemoryActorStore } from "../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { MongoActorStore } from "../adapters/mongo/mongo-actor-store.js";
import { connectNats } from "../adapters/nats/connect.js";
import { JetStreamEventPublisher } from "../adapters/nats/jetstream-event-publisher.js";
import { NatsCommandServer } from "../adapters/nats/nats-command-server.js";
import { PrometheusRuntimeMetrics } from "../adapters/prometheus/prometheus-runtime-metrics.js";
import { accountKind } from "../actors/account/index.js";
import { tallyKind } from "../actors/tally/index.js";
import type { AnyActorKind } from "../runtime/actor-kind.js";
import { ActorSystem } from "../runtime/actor-system.js";
import type { ActorStore, EventPublisher, Logger } from "../runtime/ports.js";
import { startAdminHttp } from "./admin-http.js";
import type { EngineConfig } from "./config.js";
import { withFaultPoint } from "./fault-points.js";

/** The actor kinds this engine serves. */
export const engineKinds: readonly AnyActorKind[] = [tallyKind, accountKind];

export interface RunningEngine {
  readonly system: ActorSystem;
  readonly mode: { readonly store: "mongodb" | "memory"; readonly transport: "nats" | "none" };
  readonly adminPort: number;
  readonly registry: Registry;
  stop(): Promise<void>;
}

/** Composition root: picks adapters from the configuration, wires them to the runtime, starts serving. */
export async function startEngine(config: EngineConfig, logger: Logger): Promise<RunningEngine> {
  const closers: Array<() => Promise<void>> = [];
  try {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    let store: ActorStore = new MemoryActorStore();
    if (config.mongoUrl) {
      store = await MongoActorStore.connect({ url: config.mongoUrl, database: config.mongoDatabase, writeConcern: { w: config.mongoWriteConcern } });
    }
    closers.push(() => store.close());
    let nc: NatsConnection | undefined;
    let publisher: EventPublisher = new MemoryEventBus();
    if (config.natsUrl) {
      const natsConnection = await connectNats({
        servers: config.natsUrl,
        ...(config.natsUser !== undefined && { user: config.natsUser }),
        ...(config.natsPassword !== undefined && { password: config.natsPassword }),
        ...(config.natsToken !== undefined && { token: config.natsToken }),
      });
      nc = natsConnection;
      closers.push(() => natsConnection.drain());
      publisher = await JetStreamEventPublisher.create(natsConnection, { prefix: config.subjectPrefix });
    }
    ({ store, publisher } = withFaultPoint(config.faultPoint, store, publisher));
    const system = new ActorSystem({
      kinds: engineKinds, store, publisher, limits: config.limits, logger, metrics: new PrometheusRuntimeMetrics(registry),
    });
    system.start();
    closers.unshift(() => system.stop());
    if (nc) {
      const commandServer = new NatsCommandServer(nc, system, { prefix: config.subjectPrefix }, logger);
      commandServer.start();
      closers.unshift(() => commandServer.stop());
    }
    const admin: Server = await startAdminHttp({
      host: config.adminHost, port: config.adminPort, registry, system, acceptCommands: !nc,
    });
    closers.unshift(() => new Promise<void>((resolve) => admin.close(() => resolve())));
    const address = admin.address();
    return {
      system,
      registry,
      mode: { store: config.mongoUrl ? "mongodb" : "memory", transport: nc ? "nats" : "none" },
      adminPort: typeof address === "object" && address ? address.port : config.adminPort,
      stop: () => runClosers(closers),
    };
  } catch (error) {
    await runClosers(closers);
    throw error;
  }
}

async function runClosers(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers.splice(0)) {
    await close().catch(() => undefined);
  }
}
