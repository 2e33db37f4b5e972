import type { Server } from "node:http";
import type { Registry } from "prom-client";
import type { AccessControl } from "../adapters/grpc/access.js";
import { ChannelsService } from "../adapters/grpc/channels-service.js";
import { DifferencesService } from "../adapters/grpc/differences-service.js";
import { JobsService } from "../adapters/grpc/jobs-service.js";
import { RulesService } from "../adapters/grpc/rules-service.js";
import { SuggestionsService } from "../adapters/grpc/suggestions-service.js";
import { StatementsService, type StatementImporter } from "../adapters/grpc/statements-service.js";
import { ReconciliationService } from "../adapters/grpc/reconciliation-service.js";
import type { ReconcilerParts } from "../reconciliation/reconciler.js";
import type { Decimal } from "decimal.js";
import { GrpcApiServer, type GrpcServerSettings } from "../adapters/grpc/grpc-server.js";
import { PositionsService } from "../adapters/grpc/positions-service.js";
import { TransfersService } from "../adapters/grpc/transfers-service.js";
import { startAdminHttp } from "../adapters/http/admin-http.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { ActorStore, Logger } from "../runtime/ports.js";
import type { ChannelSetting } from "./banks-config.js";
import type { Banks } from "./banks.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import type { Jobs } from "./jobs.js";
import type { TransferReadModel } from "./read-models.js";
import type { Positions } from "./storage.js";
import type { Rules } from "./decisions.js";
import type { DecisionEngine } from "../decisions/decision-engine.js";
import type { SuggestionViews } from "./suggestion-views.js";
import type { Differences } from "./differences.js";
import { checkCanListen, listenFailure, type ListenAddress } from "./startup-failures.js";

/** The two addresses the engine listens on, with the variables that set them (for messages). */
function apiAddresses(config: EngineConfig): { readonly grpc: ListenAddress; readonly admin: ListenAddress } {
  return {
    grpc: {
      host: config.grpc.host,
      port: config.grpc.port,
      hostVariable: "LIQ_GRPC_HOST",
      portVariable: "LIQ_GRPC_PORT",
      what: "the gRPC API",
    },
    admin: {
      host: config.adminHost,
      port: config.adminPort,
      hostVariable: "LIQ_ADMIN_HOST",
      portVariable: "LIQ_ADMIN_PORT",
      what: "the admin HTTP server",
    },
  };
}

/** Tried before anything connects, so that a port in use stops the start before NATS and MongoDB are touched. */
export async function checkApiAddresses(config: EngineConfig): Promise<void> {
  const addresses = apiAddresses(config);
  await checkCanListen(addresses.grpc);
  await checkCanListen(addresses.admin);
}

/** What the API serves: the actors and the read models, behind the configured access. */
export interface ApiParts {
  readonly system: ActorSystem;
  readonly store: ActorStore;
  readonly positions: Positions;
  readonly transfers: TransferReadModel;
  readonly rules: Rules;
  readonly decisions: DecisionEngine;
  readonly jobs: Jobs;
  readonly suggestions: SuggestionViews;
  readonly differences: Differences;
  /** The statement import the Statements service runs (engine/statements.ts). */
  readonly importer: StatementImporter;
  /** The reconciler's parts, and the approval threshold every resolution of a difference is sent with. */
  readonly reconciliation: { readonly parts: ReconcilerParts; readonly approvalAbove: Decimal };
  /** Shared with the NATS command door. */
  readonly access: AccessControl;
  readonly channels: readonly ChannelSetting[];
  readonly banks: Pick<Banks, "callbackHandler">;
  /** Embedded mode only: commands over the admin HTTP, as there is no NATS to send them through. */
  readonly acceptCommands: boolean;
}

/** Where the API listens, once it does (a port of 0 in the configuration is the one the system picked). */
export interface RunningApi {
  readonly grpcPort: number;
  readonly grpcTls: boolean;
  readonly adminPort: number;
}

/** The gRPC API (not serving until the engine is ready) and the admin HTTP server; each stops with the engine. */
export async function startApi(
  config: EngineConfig,
  parts: ApiParts,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<RunningApi> {
  const addresses = apiAddresses(config);
  // Ready once recovery has begun and the directories have caught up with the stream: before, answers would be stale.
  // Recovery goes on in the background (docs/runtime.md "Recovery"): a command activates its own actor, which
  // repairs that actor's publication first, so commands are safe; a directory may miss an actor's last events until
  // its activation republishes them (liq_recovery_actors_remaining).
  const ready = () =>
    parts.system.recoveryBegun &&
    parts.positions.ready() &&
    parts.jobs.ready() &&
    parts.suggestions.ready() &&
    parts.differences.ready();
  const grpcServer = grpcApiServer(config, parts, registry, logger);
  const grpcPort = await grpcServer
    .start()
    .catch((error: unknown) => Promise.reject(listenFailure(addresses.grpc, error)));
  closers.add(() => grpcServer.stop());
  startServingCheck(grpcServer, ready, closers);
  const bankCallback = parts.banks.callbackHandler(parts.system, registry);
  const admin: Server = await startAdminHttp({
    host: config.adminHost,
    port: config.adminPort,
    registry,
    system: parts.system,
    acceptCommands: parts.acceptCommands,
    ready,
    ...(bankCallback && { bankCallback }),
  }).catch((error: unknown) => Promise.reject(listenFailure(addresses.admin, error)));
  closers.add(() => new Promise<void>((resolve) => admin.close(() => resolve())));
  const address = admin.address();
  const adminPort = typeof address === "object" && address ? address.port : config.adminPort;
  return { grpcPort, grpcTls: grpcServer.tls, adminPort };
}

/** The gRPC server with its services, built but not listening. */
function grpcApiServer(config: EngineConfig, parts: ApiParts, registry: Registry, logger: Logger): GrpcApiServer {
  const { system, positions, transfers } = parts;
  const channels = new ChannelsService(system, parts.channels);
  return new GrpcApiServer(
    new PositionsService(system, parts.store, positions.directory),
    positions.directory,
    parts.access,
    grpcSettings(config),
    registry,
    logger,
    new TransfersService(system, transfers.index, transfers.feed, parts.channels, channels, logger),
    channels,
    new RulesService(system, parts.store, {
      rules: parts.rules.directory,
      positions: positions.directory,
      planner: parts.decisions,
    }),
    new JobsService(system, parts.jobs.directory),
    new SuggestionsService(system, parts.suggestions.directory),
    new DifferencesService(system, parts.differences.directory, parts.differences.approvalAbove),
    new StatementsService(system, parts.importer),
    new ReconciliationService(parts.reconciliation.parts),
  );
}

/** Address and TLS (a certificate and its key; a client CA too for mutual TLS). */
function grpcSettings(config: EngineConfig): GrpcServerSettings {
  const { host, port, tlsCertFile, tlsKeyFile, tlsClientCaFile } = config.grpc;
  return {
    host,
    port,
    ...(tlsCertFile !== undefined &&
      tlsKeyFile !== undefined && {
        tls: {
          certFile: tlsCertFile,
          keyFile: tlsKeyFile,
          ...(tlsClientCaFile !== undefined && { clientCaFile: tlsClientCaFile }),
        },
      }),
  };
}

/** Health says SERVING once the engine is ready, checked every 100 ms; a stop before then ends the checks. */
function startServingCheck(grpcServer: GrpcApiServer, ready: () => boolean, closers: Closers): void {
  const servingCheck = setInterval(() => {
    if (!ready()) return;
    grpcServer.setServing(true);
    clearInterval(servingCheck);
  }, 100);
  // The check alone must not keep the process alive.
  servingCheck.unref();
  closers.add(async () => clearInterval(servingCheck));
}
