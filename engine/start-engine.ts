import type { Server } from "node:http";
import type { NatsConnection } from "@nats-io/transport-node";
import { Registry } from "prom-client";
import { MemoryActorStore } from "../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { AccessControl } from "../adapters/grpc/access.js";
import { GrpcApiServer } from "../adapters/grpc/grpc-server.js";
import { PositionsService } from "../adapters/grpc/positions-service.js";
import { TransfersService } from "../adapters/grpc/transfers-service.js";
import { ChannelsService } from "../adapters/grpc/channels-service.js";
import { prometheusIngestionMetrics } from "../adapters/nats/ingestion-metrics.js";
import { JetStreamEntryIngestion } from "../adapters/nats/jetstream-entry-ingestion.js";
import { JetStreamPositionFeed } from "../adapters/nats/jetstream-position-feed.js";
import { registerPositionMetrics } from "../adapters/prometheus/position-metrics.js";
import { registerLiquidityMetrics } from "../adapters/prometheus/liquidity-metrics.js";
import { registerProcessMetrics, registerRuntimeGauges } from "../adapters/prometheus/node-metrics.js";
import { PositionDirectory } from "../read-models/position-directory.js";
import { MongoActorStore } from "../adapters/mongo/mongo-actor-store.js";
import { connectNats } from "../adapters/nats/connect.js";
import { JetStreamEventPublisher } from "../adapters/nats/jetstream-event-publisher.js";
import { NatsCommandServer } from "../adapters/nats/nats-command-server.js";
import { PrometheusRuntimeMetrics } from "../adapters/prometheus/prometheus-runtime-metrics.js";
import { accountKind } from "../actors/account/index.js";
import { tallyKind } from "../actors/tally/index.js";
import { transferKind } from "../actors/transfer/index.js";
import { channelKind } from "../actors/channel/index.js";
import { transferEffectHandler } from "../adapters/banks/transfer-effects.js";
import { ChannelProber } from "../adapters/banks/channel-prober.js";
import { bankCallbackHandler } from "../adapters/http/bank-callbacks.js";
import { configureChannels, channelAdapters } from "./channel-wiring.js";
import { startTransferObservation } from "./transfer-observation.js";
import { startTransferReadModel } from "./read-models.js";
import type { AnyActorKind } from "../runtime/actor-kind.js";
import { ActorSystem } from "../runtime/actor-system.js";
import { assert } from "../runtime/assert.js";
import type { ActorStore, EventPublisher, Logger } from "../runtime/ports.js";
import { startAdminHttp } from "../adapters/http/admin-http.js";
import { ConfigError, halfDurableProblem, type EngineConfig } from "./config.js";
import { readConfiguredFiles } from "./configured-files.js";
import { withEffectFaultPoint, withFaultPoint } from "./fault-points.js";
import { redactCredentials } from "./settings.js";
import {
  checkCanListen, DependencyError, jetStreamFailure, listenFailure, mongoFailure, natsConnectFailure, type ListenAddress,
} from "./startup-failures.js";

/** The actor kinds this engine serves. */
export function engineKinds(config: Pick<EngineConfig, "transferPolicy">): readonly AnyActorKind[] {
  return [tallyKind, accountKind, transferKind(config.transferPolicy), channelKind];
}

export interface RunningEngine {
  readonly system: ActorSystem;
  readonly mode: { readonly store: "mongodb" | "memory"; readonly transport: "nats" | "none" };
  readonly adminPort: number;
  readonly grpcPort: number;
  readonly grpcTls: boolean;
  /** Set when no access file is configured (embedded mode or LIQ_DEV_ACCESS): the admin token to use. */
  readonly developmentToken: string | undefined;
  readonly registry: Registry;
  stop(): Promise<void>;
}

/** Composition root: picks adapters from the configuration, wires them to the runtime, starts serving. */
export async function startEngine(config: EngineConfig, logger: Logger): Promise<RunningEngine> {
  refuseHalfDurable(config);
  const closers: Array<() => Promise<void>> = [];
  try {
    // Everything that can be checked without a connection first: a bad file or a port in use stops the start
    // before NATS and MongoDB are touched.
    const { watermarks, banks, callbackSecrets, access, developmentToken } = readConfiguredFiles(config);
    const grpcAddress: ListenAddress = { host: config.grpc.host, port: config.grpc.port, hostVariable: "LIQ_GRPC_HOST", portVariable: "LIQ_GRPC_PORT", what: "the gRPC API" };
    const adminAddress: ListenAddress = { host: config.adminHost, port: config.adminPort, hostVariable: "LIQ_ADMIN_HOST", portVariable: "LIQ_ADMIN_PORT", what: "the admin HTTP server" };
    await checkCanListen(grpcAddress);
    await checkCanListen(adminAddress);
    const registry = new Registry();
    registerProcessMetrics(registry);
    const backends = await connectBackends(config, logger, closers);
    let { store, publisher } = backends;
    const nc = backends.nc;
    /** A NATS step of the start: its failure names the server and the step (exit 3). */
    const natsStep = <T>(what: string, step: () => Promise<T>): Promise<T> =>
      step().catch((error: unknown) => Promise.reject(nc && !(error instanceof DependencyError || error instanceof ConfigError) ? jetStreamFailure(config, what, error) : error));
    const directory = new PositionDirectory();
    registerPositionMetrics(registry, directory, config.accountGaugesMax);
    let directoryReady: () => boolean = () => true;
    if (nc) {
      const feed = new JetStreamPositionFeed(nc, directory, config.subjectPrefix, logger);
      await natsStep("the position feed", () => feed.start());
      closers.unshift(() => feed.stop());
      directoryReady = () => feed.ready;
    } else if (publisher instanceof MemoryEventBus) {
      const unsubscribe = publisher.subscribe((event) => {
        if (event.kind === "account") directory.apply({ actorId: event.actorId, eventSeq: event.eventSeq, commandId: event.commandId, recordedAt: event.recordedAt, event: event.event });
      });
      closers.unshift(async () => void unsubscribe());
    }
    registerLiquidityMetrics(registry, directory, { watermarks, accountsMax: config.accountGaugesMax, ready: () => directoryReady() });
    // Before the actors start, so that the observer's durable consumer exists before this engine's first event.
    const observationSource = nc ? { nc, streamReplicas: config.natsStreamReplicas } : publisher instanceof MemoryEventBus ? { bus: publisher } : undefined;
    if (observationSource) {
      const stopObservation = await natsStep("the transfer observer", () => startTransferObservation(observationSource, config.subjectPrefix, registry, logger));
      closers.unshift(stopObservation);
    }
    const transferReadModel = await natsStep("the transfer read model", () => startTransferReadModel(config, nc, publisher, registry, logger));
    closers.unshift(() => transferReadModel.stop());
    ({ store, publisher } = withFaultPoint(config.faultPoint, store, publisher));
    // Banks are told a callback URL only when their callbacks can be verified; otherwise transfers poll.
    const callbacksOn = callbackSecrets.size > 0;
    if (banks.channels.length > 0 && !callbacksOn) logger.warn("bank callbacks are off: no LIQ_BANK_CALLBACK_SECRETS_FILE; transfers poll the banks", {});
    // The callback URL names the admin port, known only once it listens: read at each call.
    let callbackUrl = callbacksOn ? config.bankCallbackUrl : undefined;
    const adapters = channelAdapters(banks, config.bankCallTimeoutMs);
    const transferEffects = transferEffectHandler({
      channels: adapters,
      callbackUrl: () => callbackUrl,
    });
    const system = new ActorSystem({
      kinds: engineKinds(config), store, publisher, limits: config.limits, logger, metrics: new PrometheusRuntimeMetrics(registry),
      effectHandlers: { transfer: withEffectFaultPoint(config.faultPoint, transferEffects) },
    });
    system.start();
    closers.unshift(() => system.stop());
    registerRuntimeGauges(registry, system);
    if (nc) {
      const commandServer = new NatsCommandServer(nc, system, { prefix: config.subjectPrefix }, logger);
      commandServer.start();
      closers.unshift(() => commandServer.stop());
      if (config.ingestEnabled) {
        const settings = {
          prefix: config.subjectPrefix, concurrency: config.ingestConcurrency, ackWaitMs: config.ingestAckWaitMs, replicas: config.natsStreamReplicas,
        };
        const ingestion = await natsStep("entry ingestion", () => JetStreamEntryIngestion.start(nc, system, settings, prometheusIngestionMetrics(registry), logger));
        closers.unshift(() => ingestion.stop());
      }
    }
    const channels = new ChannelsService(system, banks.channels);
    const grpcServer = new GrpcApiServer(
      new PositionsService(system, store, directory),
      directory,
      new AccessControl(access),
      {
        host: config.grpc.host,
        port: config.grpc.port,
        ...(config.grpc.tlsCertFile !== undefined &&
          config.grpc.tlsKeyFile !== undefined && {
            tls: { certFile: config.grpc.tlsCertFile, keyFile: config.grpc.tlsKeyFile, ...(config.grpc.tlsClientCaFile !== undefined && { clientCaFile: config.grpc.tlsClientCaFile }) },
          }),
      },
      registry,
      logger,
      new TransfersService(system, transferReadModel.index, transferReadModel.feed, banks.channels, channels, logger),
      channels,
    );
    const grpcPort = await grpcServer.start().catch((error: unknown) => Promise.reject(listenFailure(grpcAddress, error)));
    closers.unshift(() => grpcServer.stop());
    const servingCheck = setInterval(() => {
      if (!system.recovered || !directoryReady()) return;
      grpcServer.setServing(true);
      clearInterval(servingCheck);
    }, 100);
    servingCheck.unref();
    closers.unshift(async () => clearInterval(servingCheck));
    const admin: Server = await startAdminHttp({
      host: config.adminHost, port: config.adminPort, registry, system, acceptCommands: !nc, ready: () => system.recovered && directoryReady(), ...(callbacksOn && { bankCallback: bankCallbackHandler(system, callbackSecrets, registry) }),
    }).catch((error: unknown) => Promise.reject(listenFailure(adminAddress, error)));
    closers.unshift(() => new Promise<void>((resolve) => admin.close(() => resolve())));
    const address = admin.address();
    const adminPort = typeof address === "object" && address ? address.port : config.adminPort;
    if (callbacksOn) callbackUrl ??= `http://${config.adminHost}:${adminPort}/callbacks/bank`;
    await configureChannels(system, banks, logger);
    const prober = new ChannelProber(adapters, (request) => system.dispatch(request), { intervalMs: config.channelProbeIntervalMs }, logger);
    prober.start();
    closers.unshift(() => prober.stop());
    return {
      system,
      registry,
      mode: { store: config.mongoUrl ? "mongodb" : "memory", transport: nc ? "nats" : "none" },
      adminPort,
      grpcPort,
      grpcTls: grpcServer.tls,
      developmentToken,
      stop: () => runClosers(closers),
    };
  } catch (error) {
    await runClosers(closers);
    throw error;
  }
}

/** Refused for a configuration built by hand too: an in-memory engine must never join a durable consumer. */
function refuseHalfDurable(config: EngineConfig): void {
  const problem = halfDurableProblem(config);
  if (problem !== undefined) throw new ConfigError(problem);
}

interface Backends {
  readonly store: ActorStore;
  readonly publisher: EventPublisher;
  /** Set for a durable engine only: an engine without MongoDB never joins a durable consumer. */
  readonly nc: NatsConnection | undefined;
}

/**
 * MongoDB and NATS for a durable engine, connected at once so that both are reported when both fail (each
 * failure one line naming its setting and address); the in-memory store and bus for the embedded engine.
 * Whatever connected is closed by `closers` if the start fails later.
 */
async function connectBackends(config: EngineConfig, logger: Logger, closers: Array<() => Promise<void>>): Promise<Backends> {
  if (config.mongoUrl === undefined || config.natsUrl === undefined) return { store: new MemoryActorStore(), publisher: new MemoryEventBus(), nc: undefined };
  const [mongo, nats] = await Promise.allSettled([
    MongoActorStore.connect({
      url: config.mongoUrl, database: config.mongoDatabase, writeConcern: { w: config.mongoWriteConcern }, serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
    }),
    connectNats({
      servers: config.natsUrl,
      ...(config.natsUser !== undefined && { user: config.natsUser }),
      ...(config.natsPassword !== undefined && { password: config.natsPassword }),
      ...(config.natsToken !== undefined && { token: config.natsToken }),
      ...(config.natsCredsFile !== undefined && { credsFile: config.natsCredsFile }),
      ...(config.natsTlsCaFile !== undefined && { tlsCaFile: config.natsTlsCaFile }),
    }),
  ]);
  if (mongo.status === "fulfilled") closers.push(() => mongo.value.close());
  if (nats.status === "fulfilled") closers.push(() => nats.value.drain());
  const failures = [
    ...(mongo.status === "rejected" ? [mongoFailure(config, mongo.reason)] : []),
    ...(nats.status === "rejected" ? [natsConnectFailure(config, nats.reason)] : []),
  ];
  if (failures.some((failure) => failure instanceof ConfigError)) throw failures.find((failure) => failure instanceof ConfigError);
  if (failures.length > 0) throw new DependencyError(failures.flatMap((failure) => failure.problems));
  assert(mongo.status === "fulfilled" && nats.status === "fulfilled", "both connected when neither failed");
  logger.debug("connected to MongoDB", { url: redactCredentials(config.mongoUrl), database: config.mongoDatabase });
  logger.debug("connected to NATS", { servers: redactCredentials(config.natsUrl), server: nats.value.info?.server_id });
  const publisher = await JetStreamEventPublisher.create(nats.value, { prefix: config.subjectPrefix, replicas: config.natsStreamReplicas }).catch((error: unknown) =>
    Promise.reject(jetStreamFailure(config, "the events stream", error)),
  );
  return { store: mongo.value, publisher, nc: nats.value };
}

async function runClosers(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers.splice(0)) {
    await close().catch(() => undefined);
  }
}
