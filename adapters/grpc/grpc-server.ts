import { readFileSync } from "node:fs";
import { loaderOptions } from "./proto-files.js";
import { fileURLToPath } from "node:url";
import {
  loadPackageDefinition,
  ServerCredentials,
  status,
  type handleUnaryCall,
  Metadata,
  type ServerWritableStream,
  type ServiceError,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { HealthImplementation } from "grpc-health-check";
import { Counter, Histogram, type Registry } from "prom-client";
import type { PositionDirectory } from "../../read-models/position-directory.js";
import type { Logger } from "../../runtime/ports.js";
import { endGrpcServerSpan, startGrpcServerSpan } from "./grpc-span.js";
import {
  continueTrace,
  formatTraceparent,
  traceLogFields,
  traceparentHeader,
  type TraceContext,
} from "../../runtime/trace-context.js";
import type { ProtoGrpcType } from "../../protos/generated/positions.js";
import type { PositionsHandlers } from "../../protos/generated/liquidity/v1/Positions.js";
import type { PositionUpdate } from "../../protos/generated/liquidity/v1/PositionUpdate.js";
import type { WatchPositionsRequest__Output } from "../../protos/generated/liquidity/v1/WatchPositionsRequest.js";
import type { ProtoGrpcType as TransfersProtoGrpcType } from "../../protos/generated/transfers.js";
import type { TransfersHandlers } from "../../protos/generated/liquidity/v1/Transfers.js";
import type { TransferUpdate } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import type { WatchTransfersRequest__Output } from "../../protos/generated/liquidity/v1/WatchTransfersRequest.js";
import type { AccessControl } from "./access.js";
import { isMethodName, requiredRole, type MethodName } from "./method-roles.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { PositionsService, summaryOf } from "./positions-service.js";
import { grpcError } from "./status.js";
import { StrictDecodingServer } from "./strict-decoding.js";
import { summaryOf as transferSummaryOf } from "./transfer-messages.js";
import type { TransfersService } from "./transfers-service.js";
import type { ChannelsService } from "./channels-service.js";
import type { ProtoGrpcType as ChannelsProtoGrpcType } from "../../protos/generated/channels.js";
import type { ChannelsHandlers } from "../../protos/generated/liquidity/v1/Channels.js";
import type { GetChannelRequest__Output } from "../../protos/generated/liquidity/v1/GetChannelRequest.js";
import type { ListChannelsRequest__Output } from "../../protos/generated/liquidity/v1/ListChannelsRequest.js";
import type { RulesService } from "./rules-service.js";
import type { ProtoGrpcType as RulesProtoGrpcType } from "../../protos/generated/rules.js";
import type { RulesHandlers } from "../../protos/generated/liquidity/v1/Rules.js";
import type { JobsService } from "./jobs-service.js";
import type { ProtoGrpcType as JobsProtoGrpcType } from "../../protos/generated/jobs.js";
import type { JobsHandlers } from "../../protos/generated/liquidity/v1/Jobs.js";
import type { ProtoGrpcType as SuggestionsProtoGrpcType } from "../../protos/generated/suggestions.js";
import type { SuggestionsHandlers } from "../../protos/generated/liquidity/v1/Suggestions.js";
import type { SuggestionUpdate } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";
import type { WatchSuggestionsRequest__Output } from "../../protos/generated/liquidity/v1/WatchSuggestionsRequest.js";
import { matchesSuggestion } from "../../read-models/suggestion-directory.js";
import { suggestionOf } from "./suggestion-messages.js";
import type { SuggestionsService } from "./suggestions-service.js";
import type { ProtoGrpcType as DifferencesProtoGrpcType } from "../../protos/generated/differences.js";
import type { DifferencesHandlers } from "../../protos/generated/liquidity/v1/Differences.js";
import type { DifferenceUpdate } from "../../protos/generated/liquidity/v1/DifferenceUpdate.js";
import type { WatchDifferencesRequest__Output } from "../../protos/generated/liquidity/v1/WatchDifferencesRequest.js";
import { matchesDifference } from "../../read-models/difference-directory.js";
import { differenceSummaryOf } from "./difference-messages.js";
import type { DifferencesService } from "./differences-service.js";
import type { ProtoGrpcType as StatementsProtoGrpcType } from "../../protos/generated/statements.js";
import type { StatementsHandlers } from "../../protos/generated/liquidity/v1/Statements.js";
import type { StatementsService } from "./statements-service.js";
import type { ProtoGrpcType as ReconciliationProtoGrpcType } from "../../protos/generated/reconciliation.js";
import type { ReconciliationHandlers } from "../../protos/generated/liquidity/v1/Reconciliation.js";
import type { ReconciliationService } from "./reconciliation-service.js";

/** The protos compiled by buf (`npm run protos`), which reflection serves. */
const descriptorSetFile = fileURLToPath(new URL("../../protos/descriptor.binpb", import.meta.url));
const positionsProtoFile = "liquidity/v1/positions.proto";
const positionsServiceName = "liquidity.v1.Positions";
const transfersProtoFile = "liquidity/v1/transfers.proto";
const transfersServiceName = "liquidity.v1.Transfers";
const channelsProtoFile = "liquidity/v1/channels.proto";
const channelsServiceName = "liquidity.v1.Channels";
const rulesProtoFile = "liquidity/v1/rules.proto";
const rulesServiceName = "liquidity.v1.Rules";
const jobsProtoFile = "liquidity/v1/jobs.proto";
const jobsServiceName = "liquidity.v1.Jobs";
const suggestionsProtoFile = "liquidity/v1/suggestions.proto";
const suggestionsServiceName = "liquidity.v1.Suggestions";
const differencesProtoFile = "liquidity/v1/differences.proto";
const differencesServiceName = "liquidity.v1.Differences";
const statementsProtoFile = "liquidity/v1/statements.proto";
const statementsServiceName = "liquidity.v1.Statements";
const reconciliationProtoFile = "liquidity/v1/reconciliation.proto";
const reconciliationServiceName = "liquidity.v1.Reconciliation";

export interface GrpcTls {
  readonly certFile: string;
  readonly keyFile: string;
  /** Client certificates must be signed by this CA (mutual TLS). */
  readonly clientCaFile?: string;
}

export interface GrpcServerSettings {
  readonly host: string;
  readonly port: number;
  readonly tls?: GrpcTls;
  /** Updates a watcher may have queued before it is cut off as too slow. */
  readonly watchBufferMax?: number;
}

/**
 * The gRPC endpoint: the Positions, Transfers, Channels, Rules, Jobs, Suggestions, Statements, Reconciliation and
 * Differences services behind access control, plus grpc.health.v1.Health and server reflection (no token needed for
 * those two, so probes and grpcurl work).
 */
export class GrpcApiServer {
  private readonly server = new StrictDecodingServer(readFileSync(descriptorSetFile), (method, metadata, reason) =>
    this.refuseMalformed(method, metadata, reason),
  );
  private readonly health = new HealthImplementation({
    "": "NOT_SERVING",
    [positionsServiceName]: "NOT_SERVING",
    [transfersServiceName]: "NOT_SERVING",
    [channelsServiceName]: "NOT_SERVING",
    [rulesServiceName]: "NOT_SERVING",
    [jobsServiceName]: "NOT_SERVING",
    [suggestionsServiceName]: "NOT_SERVING",
    [differencesServiceName]: "NOT_SERVING",
    [statementsServiceName]: "NOT_SERVING",
    [reconciliationServiceName]: "NOT_SERVING",
  });
  private readonly watches = new Set<{ end(): void }>();
  private readonly requests: Counter<"method" | "code">;
  private readonly latency: Histogram<"method">;
  private boundPort = 0;

  constructor(
    private readonly service: PositionsService,
    private readonly directory: PositionDirectory,
    private readonly access: AccessControl,
    private readonly settings: GrpcServerSettings,
    registry: Registry,
    private readonly logger: Logger,
    transfers: TransfersService,
    channels: ChannelsService,
    rules: RulesService,
    jobs: JobsService,
    suggestions: SuggestionsService,
    differences: DifferencesService,
    statements: StatementsService,
    reconciliation: ReconciliationService,
  ) {
    this.requests = new Counter({
      name: "liq_grpc_requests_total",
      help: "gRPC calls by method and status code",
      labelNames: ["method", "code"],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: "liq_grpc_request_duration_seconds",
      help: "Time to answer a unary gRPC call",
      labelNames: ["method"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const definition = loadSync(positionsProtoFile, loaderOptions);
    const proto = loadPackageDefinition(definition) as unknown as ProtoGrpcType;
    this.server.addService(proto.liquidity.v1.Positions.service, this.implementation());
    const transfersDefinition = loadSync(transfersProtoFile, loaderOptions);
    const transfersProto = loadPackageDefinition(transfersDefinition) as unknown as TransfersProtoGrpcType;
    this.server.addService(transfersProto.liquidity.v1.Transfers.service, this.transfersImplementation(transfers));
    const channelsDefinition = loadSync(channelsProtoFile, loaderOptions);
    const channelsProto = loadPackageDefinition(channelsDefinition) as unknown as ChannelsProtoGrpcType;
    this.server.addService(channelsProto.liquidity.v1.Channels.service, this.channelsImplementation(channels));
    const rulesProto = loadPackageDefinition(loadSync(rulesProtoFile, loaderOptions)) as unknown as RulesProtoGrpcType;
    this.server.addService(rulesProto.liquidity.v1.Rules.service, this.rulesImplementation(rules));
    const jobsProto = loadPackageDefinition(loadSync(jobsProtoFile, loaderOptions)) as unknown as JobsProtoGrpcType;
    this.server.addService(jobsProto.liquidity.v1.Jobs.service, this.jobsImplementation(jobs));
    const suggestionsProto = loadPackageDefinition(
      loadSync(suggestionsProtoFile, loaderOptions),
    ) as unknown as SuggestionsProtoGrpcType;
    this.server.addService(
      suggestionsProto.liquidity.v1.Suggestions.service,
      this.suggestionsImplementation(suggestions),
    );
    const differencesProto = loadPackageDefinition(
      loadSync(differencesProtoFile, loaderOptions),
    ) as unknown as DifferencesProtoGrpcType;
    this.server.addService(
      differencesProto.liquidity.v1.Differences.service,
      this.differencesImplementation(differences),
    );
    const statementsProto = loadPackageDefinition(
      loadSync(statementsProtoFile, loaderOptions),
    ) as unknown as StatementsProtoGrpcType;
    this.server.addService(statementsProto.liquidity.v1.Statements.service, this.statementsImplementation(statements));
    const reconciliationProto = loadPackageDefinition(
      loadSync(reconciliationProtoFile, loaderOptions),
    ) as unknown as ReconciliationProtoGrpcType;
    this.server.addService(
      reconciliationProto.liquidity.v1.Reconciliation.service,
      this.reconciliationImplementation(reconciliation),
    );
    this.health.addToServer(this.server);
  }

  get port(): number {
    return this.boundPort;
  }

  get tls(): boolean {
    return this.settings.tls !== undefined;
  }

  async start(): Promise<number> {
    this.boundPort = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(
        `${this.settings.host}:${this.settings.port}`,
        credentialsOf(this.settings.tls),
        (error, port) => (error ? reject(error) : resolve(port)),
      ),
    );
    return this.boundPort;
  }

  /** Health: SERVING once the engine is ready (engine/api.ts: recovery begun, the directories caught up). */
  setServing(serving: boolean): void {
    const value = serving ? "SERVING" : "NOT_SERVING";
    this.health.setStatus("", value);
    this.health.setStatus(positionsServiceName, value);
    this.health.setStatus(transfersServiceName, value);
    this.health.setStatus(channelsServiceName, value);
    this.health.setStatus(rulesServiceName, value);
    this.health.setStatus(jobsServiceName, value);
    this.health.setStatus(suggestionsServiceName, value);
    this.health.setStatus(differencesServiceName, value);
    this.health.setStatus(statementsServiceName, value);
    this.health.setStatus(reconciliationServiceName, value);
  }

  /** Ends every watch, lets calls in progress finish (bounded), then closes the port. */
  async stop(graceMs = 5_000): Promise<void> {
    this.setServing(false);
    for (const call of this.watches) call.end();
    this.watches.clear();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private implementation(): PositionsHandlers {
    const s = this.service;
    return {
      OpenAccount: this.unary("OpenAccount", (request, caller) => s.openAccount(request, caller)),
      GetPosition: this.unary("GetPosition", (request, caller) => s.getPosition(request, caller)),
      GetLedgerAsOf: this.unary("GetLedgerAsOf", (request, caller) => s.ledgerAsOf(request, caller)),
      ListPositions: this.unary("ListPositions", async (request) => s.listPositions(request)),
      RecordEntry: this.unary("RecordEntry", (request, caller) => s.recordEntry(request, caller)),
      Freeze: this.unary("Freeze", (request, caller) => s.freeze(request, caller)),
      Unfreeze: this.unary("Unfreeze", (request, caller) => s.unfreeze(request, caller)),
      SyncStatement: this.unary("SyncStatement", (request, caller) => s.syncStatement(request, caller)),
      CloseAccount: this.unary("CloseAccount", (request, caller) => s.closeAccount(request, caller)),
      GetAccountHistory: this.unary("GetAccountHistory", (request) => s.accountHistory(request)),
      WatchPositions: (call) => this.watchPositions(call),
    };
  }

  private transfersImplementation(t: TransfersService): TransfersHandlers {
    return {
      CreateTransfer: this.unary("CreateTransfer", (request, caller) => t.createTransfer(request, caller)),
      GetTransfer: this.unary("GetTransfer", (request, caller) => t.getTransfer(request, caller)),
      ListTransfers: this.unary("ListTransfers", (request) => t.listTransfers(request)),
      ApproveTransfer: this.unary("ApproveTransfer", (request, caller) => t.approveTransfer(request, caller)),
      CancelTransfer: this.unary("CancelTransfer", (request, caller) => t.cancelTransfer(request, caller)),
      RetryTransfer: this.unary("RetryTransfer", (request, caller) => t.retryTransfer(request, caller)),
      ResolveTransfer: this.unary("ResolveTransfer", (request, caller) => t.resolveTransfer(request, caller)),
      ConfirmResolution: this.unary("ConfirmResolution", (request, caller) => t.confirmResolution(request, caller)),
      WatchTransfers: (call) => this.watchTransfers(t, call),
    };
  }

  private channelsImplementation(c: ChannelsService): ChannelsHandlers {
    return {
      ListChannels: this.unary("ListChannels", (request: ListChannelsRequest__Output, caller) =>
        c.listChannels(request, caller),
      ),
      GetChannel: this.unary("GetChannel", (request: GetChannelRequest__Output, caller) =>
        c.getChannel(request, caller),
      ),
    };
  }

  private rulesImplementation(r: RulesService): RulesHandlers {
    return {
      PutRule: this.unary("PutRule", (request, caller) => r.putRule(request, caller)),
      GetRule: this.unary("GetRule", (request, caller) => r.getRule(request, caller)),
      DeleteRule: this.unary("DeleteRule", (request, caller) => r.deleteRule(request, caller)),
      GetRuleHistory: this.unary("GetRuleHistory", (request) => r.ruleHistory(request)),
      ListRules: this.unary("ListRules", async (request) => r.listRules(request)),
      DryRun: this.unary("DryRun", (request) => r.dryRun(request)),
    };
  }

  private jobsImplementation(j: JobsService): JobsHandlers {
    return {
      PutJob: this.unary("PutJob", (request, caller) => j.putJob(request, caller)),
      GetJob: this.unary("GetJob", (request, caller) => j.getJob(request, caller)),
      ListJobs: this.unary("ListJobs", async (request) => j.listJobs(request)),
      PauseJob: this.unary("PauseJob", (request, caller) => j.pauseJob(request, caller)),
      ResumeJob: this.unary("ResumeJob", (request, caller) => j.resumeJob(request, caller)),
      DeleteJob: this.unary("DeleteJob", (request, caller) => j.deleteJob(request, caller)),
    };
  }

  private suggestionsImplementation(s: SuggestionsService): SuggestionsHandlers {
    return {
      ListSuggestions: this.unary("ListSuggestions", async (request) => s.listSuggestions(request)),
      GetSuggestion: this.unary("GetSuggestion", (request, caller) => s.getSuggestion(request, caller)),
      ApproveSuggestion: this.unary("ApproveSuggestion", (request, caller) => s.approveSuggestion(request, caller)),
      RejectSuggestion: this.unary("RejectSuggestion", (request, caller) => s.rejectSuggestion(request, caller)),
      WatchSuggestions: (call) => this.watchSuggestions(s, call),
    };
  }

  private differencesImplementation(d: DifferencesService): DifferencesHandlers {
    return {
      ListDifferences: this.unary("ListDifferences", async (request) => d.listDifferences(request)),
      GetDifference: this.unary("GetDifference", (request, caller) => d.getDifference(request, caller)),
      ExplainDifference: this.unary("ExplainDifference", (request, caller) => d.explainDifference(request, caller)),
      ResolveDifference: this.unary("ResolveDifference", (request, caller) => d.resolveDifference(request, caller)),
      ConfirmResolution: this.unary("ConfirmResolution", (request, caller) => d.confirmResolution(request, caller)),
      RejectResolution: this.unary("RejectResolution", (request, caller) => d.rejectResolution(request, caller)),
      WatchDifferences: (call) => this.watchDifferences(d, call),
    };
  }

  private statementsImplementation(s: StatementsService): StatementsHandlers {
    return {
      ImportStatement: this.unary("ImportStatement", (request, caller) => s.importStatement(request, caller)),
      ListStatements: this.unary("ListStatements", (request, caller) => s.listStatements(request, caller)),
    };
  }

  private reconciliationImplementation(r: ReconciliationService): ReconciliationHandlers {
    return {
      ReconcileNow: this.unary("ReconcileNow", (request, caller) => r.reconcileNow(request, caller)),
      GetReport: this.unary("GetReport", (request) => r.getReport(request)),
    };
  }

  /**
   * Checks access, runs the handler, maps errors to statuses and counts the call. The call's span continues the
   * caller's `traceparent` metadata (a new trace when absent or invalid) and goes back in the response headers, so
   * the caller can find the call's log lines and journal entries (ADR 009 §3).
   */
  private unary<Request, Response>(
    method: MethodName,
    handler: (request: Request, caller: Caller) => Promise<Response>,
  ): handleUnaryCall<Request, Response> {
    return (call, callback) => {
      const stopTimer = this.latency.startTimer({ method });
      const trace = continueTrace(call.metadata.get(traceparentHeader));
      const span = startGrpcServerSpan(call.getPath(), trace);
      const responseHeaders = new Metadata();
      responseHeaders.set(traceparentHeader, formatTraceparent(trace));
      call.sendMetadata(responseHeaders);
      const finish = (error: Partial<ServiceError> | null, response?: Response): void => {
        stopTimer();
        this.requests.inc({ method, code: status[error?.code ?? status.OK] });
        endGrpcServerSpan(span, error?.code ?? status.OK);
        callback(error, response);
      };
      const principal = this.authorize(method, call.metadata);
      if (typeof principal !== "string") {
        finish(principal);
        return;
      }
      // Through a promise, so that a synchronous throw (a validation ApiError) gets the same mapping.
      Promise.resolve(principal)
        .then((caller) => handler(call.request, { principal: caller, trace }))
        .then(
          (response) => finish(null, response),
          (error: unknown) => finish(this.toServiceError(method, error, trace)),
        );
    };
  }

  /** The current position of every matching account (`cause: "current"`), then each change. */
  private watchPositions(call: ServerWritableStream<WatchPositionsRequest__Output, PositionUpdate>): void {
    this.serveWatch(
      "WatchPositions",
      call,
      () => this.service.watchFilter(call.request),
      (filter, write) => {
        // The directory sends the current entries before it returns.
        let initial = true;
        const unsubscribe = this.directory.watch(filter, (entry) =>
          write({
            summary: summaryOf(entry),
            cause: initial ? "current" : entry.cause,
            command_id: initial ? "" : entry.commandId,
          }),
        );
        initial = false;
        return unsubscribe;
      },
    );
  }

  /** Like WatchPositions: the current state of the transfers asked for by id, then each change (ADR 007 §5). */
  private watchTransfers(
    t: TransfersService,
    call: ServerWritableStream<WatchTransfersRequest__Output, TransferUpdate>,
  ): void {
    this.serveWatch(
      "WatchTransfers",
      call,
      () => t.watchFilter(call.request),
      (filter, write, fail) => {
        const handle = t.watches.open(
          filter,
          (change) => write({ transfer: transferSummaryOf(change.record), cause: change.cause }),
          fail,
        );
        handle.started.catch(fail);
        // Headers now: a client that has them knows its watch is registered and sees every later change.
        call.sendMetadata(new Metadata());
        return () => handle.close();
      },
    );
  }

  /** Like WatchPositions: every matching suggestion as it is now (`cause: "current"`), then each change. */
  private watchSuggestions(
    s: SuggestionsService,
    call: ServerWritableStream<WatchSuggestionsRequest__Output, SuggestionUpdate>,
  ): void {
    this.serveWatch(
      "WatchSuggestions",
      call,
      () => s.watchFilter(call.request),
      (filter, write) => {
        // The directory sends the current entries before it returns.
        let initial = true;
        const unsubscribe = s.directory.watch((_suggestionId, entry) => {
          if (entry && matchesSuggestion(filter, entry.suggestion))
            write({ suggestion: suggestionOf(entry.suggestion), cause: initial ? "current" : entry.cause });
        });
        initial = false;
        return unsubscribe;
      },
    );
  }

  /** Like WatchSuggestions: every matching difference as it is now (`cause: "current"`), then each change. */
  private watchDifferences(
    d: DifferencesService,
    call: ServerWritableStream<WatchDifferencesRequest__Output, DifferenceUpdate>,
  ): void {
    this.serveWatch(
      "WatchDifferences",
      call,
      () => d.watchFilter(call.request),
      (filter, write) => {
        // The directory sends the current entries before it returns.
        let initial = true;
        const unsubscribe = d.directory.watch((_key, entry) => {
          if (entry && matchesDifference(filter, entry))
            write({ difference: differenceSummaryOf(entry), cause: initial ? "current" : entry.lastChange.change });
        });
        initial = false;
        return unsubscribe;
      },
    );
  }

  /**
   * What the watches share: access check, filter validation, the call count, a bound on updates the client has not
   * read yet, and cleanup when the call ends. `subscribe` registers the watch and returns how to unregister it.
   */
  private serveWatch<Filter, Update>(
    method: MethodName,
    call: ServerWritableStream<unknown, Update>,
    filterOf: () => Filter,
    subscribe: (filter: Filter, write: (update: Update) => void, fail: (error: unknown) => void) => () => void,
  ): void {
    const refuse = (error: Partial<ServiceError>): void => {
      this.requests.inc({ method, code: status[error.code ?? status.UNKNOWN] });
      call.emit("error", error);
    };
    const principal = this.authorize(method, call.metadata);
    if (typeof principal !== "string") return refuse(principal);
    let filter: Filter;
    try {
      filter = filterOf();
    } catch (error) {
      return refuse(this.toServiceError(method, error));
    }
    this.requests.inc({ method, code: "OK" });
    const bufferMax = this.settings.watchBufferMax ?? 10_000;
    let ended = false;
    let unsubscribe = (): void => {};
    const cleanup = (): void => {
      ended = true;
      unsubscribe();
      this.watches.delete(call);
    };
    const fail = (error: unknown): void => {
      cleanup();
      call.emit("error", this.toServiceError(method, error));
    };
    const write = (update: Update): void => {
      if (ended) return;
      // A watcher that stops reading must not make the engine hold its updates without bound.
      if (call.writableLength > bufferMax)
        return fail(
          new ApiError(
            status.RESOURCE_EXHAUSTED,
            `the watcher fell more than ${bufferMax} updates behind; watch again`,
            "watcher_too_slow",
          ),
        );
      call.write(update);
    };
    this.watches.add(call);
    call.on("cancelled", cleanup);
    call.on("close", cleanup);
    call.on("error", cleanup);
    const unregister = subscribe(filter, write, fail);
    // Ended while subscribing (cut off during the current states): unregister now, nothing will call cleanup again.
    if (ended) unregister();
    else unsubscribe = unregister;
  }

  /** The caller's principal (`grpc:<name>`), or the error that refuses the call. */
  private authorize(method: string, metadata: Metadata): string | Partial<ServiceError> {
    if (!isMethodName(method))
      return grpcError(status.UNIMPLEMENTED, `method ${method} is not served`, "unknown_method");
    const role = requiredRole[method];
    const header = metadata.get("authorization")[0];
    const decision = this.access.check(typeof header === "string" ? header : undefined, role);
    if (decision.ok) return `grpc:${decision.grant.principal}`;
    const code = {
      unauthenticated: status.UNAUTHENTICATED,
      permission_denied: status.PERMISSION_DENIED,
      rate_limited: status.RESOURCE_EXHAUSTED,
    }[decision.reason];
    return grpcError(code, decision.message, decision.reason);
  }

  /**
   * A request body that does not decode (strict-decoding.ts): INVALID_ARGUMENT with `malformed_request`, never
   * INTERNAL, which clients retry. On the engine's methods access is checked first, so such calls count against
   * the caller's rate and in the request metrics like any other.
   */
  private refuseMalformed(method: string, metadata: Metadata, reason: string): Partial<ServiceError> {
    const malformed = grpcError(status.INVALID_ARGUMENT, reason, "malformed_request");
    if (!isMethodName(method)) return malformed;
    const principal = this.authorize(method, metadata);
    const error = typeof principal === "string" ? malformed : principal;
    this.requests.inc({ method, code: status[error.code ?? status.UNKNOWN] });
    return error;
  }

  private toServiceError(method: string, error: unknown, trace?: TraceContext): Partial<ServiceError> {
    if (error instanceof ApiError) return grpcError(error.code, error.message, error.engineCode);
    this.logger.error("gRPC handler failed", { ...traceLogFields(trace), method, error });
    return grpcError(status.INTERNAL, "internal error", "internal_error");
  }
}

function credentialsOf(tls: GrpcTls | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  const keyPair = { private_key: readFileSync(tls.keyFile), cert_chain: readFileSync(tls.certFile) };
  const clientCa = tls.clientCaFile ? readFileSync(tls.clientCaFile) : null;
  return ServerCredentials.createSsl(clientCa, [keyPair], clientCa !== null);
}
