import { Registry } from "prom-client";
import { registerProcessMetrics, registerRuntimeGauges } from "../adapters/prometheus/node-metrics.js";
import { AccessControl } from "../adapters/grpc/access.js";
import { PrometheusRuntimeMetrics } from "../adapters/prometheus/prometheus-runtime-metrics.js";
import { accountKindOf } from "../actors/account/index.js";
import { channelKind } from "../actors/channel/index.js";
import { reconciliationKind } from "../actors/reconciliation/index.js";
import { plannerKind } from "../actors/planner/index.js";
import { ruleKind } from "../actors/rule/index.js";
import { scheduleKind } from "../actors/schedule/index.js";
import { statementsKind } from "../actors/statements/index.js";
import { suggestionEffectHandler, suggestionKind } from "../actors/suggestion/index.js";
import { tallyKind } from "../actors/tally/index.js";
import { transferKind } from "../actors/transfer/index.js";
import type { AnyActorKind } from "../runtime/actor-kind.js";
import { ActorSystem } from "../runtime/actor-system.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { RecordSource } from "../reconciliation/ports.js";
import type { ReconcilerParts } from "../reconciliation/reconciler.js";
import type { StatementImporter } from "../adapters/grpc/statements-service.js";
import type { ActorStore, EventPublisher, Logger } from "../runtime/ports.js";
import { startAccountBookings } from "./account-bookings.js";
import { checkApiAddresses, startApi } from "./api.js";
import { startJobDirectory } from "./jobs.js";
import { connectBackends } from "./backends.js";
import { wireBanks } from "./banks.js";
import { startCommandIntake, startTransferObserver } from "./bus.js";
import { Closers } from "./closers.js";
import { ConfigError, halfDurableProblem, type EngineConfig } from "./config.js";
import { readConfiguredFiles } from "./configured-files.js";
import { decisionPolicyOf } from "./approval-policy.js";
import { startDifferences } from "./differences.js";
import { plannerEffects, startDecisionEngine, startRuleDirectory } from "./decisions.js";
import { withEffectFaultPoint, withFaultPoint } from "./fault-points.js";
import { prepareReconciliation } from "./reconciliation.js";
import { startPositionDirectory, startTransferReads } from "./storage.js";
import { startSuggestionViews } from "./suggestion-views.js";
import { connectStatements, startStatementInbox } from "./statements.js";

/** The actor kinds this engine serves. */
export function engineKinds(config: Pick<EngineConfig, "transferPolicy" | "ledgerDaysKept">): readonly AnyActorKind[] {
  return [
    tallyKind,
    accountKindOf({ ledgerDaysKept: config.ledgerDaysKept }),
    transferKind(config.transferPolicy),
    channelKind,
    ruleKind,
    scheduleKind,
    plannerKind,
    suggestionKind,
    reconciliationKind,
    statementsKind,
  ];
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
  /** Each account's records by booking day, folded from its events (ADR 014 §2): what reconciliation matches. */
  readonly accountBookings: RecordSource;
  /** The one statement import every door ends in, and the reconciler's parts: what the benchmarks drive directly. */
  readonly importer: StatementImporter;
  readonly reconciler: ReconcilerParts;
  stop(): Promise<void>;
}

/**
 * Composition root: picks adapters from the configuration, wires them to the runtime, starts serving. Each step
 * adds its closers as it starts, so a failed start stops what had started and `stop` undoes the start in reverse.
 */
export async function startEngine(config: EngineConfig, logger: Logger): Promise<RunningEngine> {
  refuseHalfDurable(config);
  const closers = new Closers();
  try {
    // Everything that can be checked without a connection first: a bad file or a port in use stops the start
    // before NATS and MongoDB are touched.
    const files = readConfiguredFiles(config);
    await checkApiAddresses(config);
    const registry = new Registry();
    registerProcessMetrics(registry);
    const backends = await connectBackends(config, logger, closers);
    const rules = await startRuleDirectory(config, backends, logger, closers);
    const positions = await startPositionDirectory(
      config,
      backends,
      { file: files.watermarks, rules: rules.directory },
      registry,
      logger,
      closers,
    );
    // Before the actors start, so that the observer's durable consumer exists before this engine's first event.
    await startTransferObserver(config, backends, registry, logger, closers);
    const transfers = await startTransferReads(config, backends, registry, logger, closers);
    const accountBookings = await startAccountBookings(config, backends, logger, closers);
    const jobs = await startJobDirectory(config, backends, registry, logger, closers);
    const suggestions = await startSuggestionViews(config, backends, registry, logger, closers);
    const differences = await startDifferences(config, backends, registry, logger, closers);
    const { store, publisher } = withFaultPoint(config.faultPoint, backends.store, backends.publisher);
    const banks = wireBanks(config, files, logger);
    const planner = plannerEffects();
    const statements = await connectStatements(config, banks, closers);
    const reconciliation = await prepareReconciliation(config, registry, logger, closers);
    const system = startActors(
      config,
      store,
      publisher,
      {
        transfer: banks.transferEffects,
        planner: planner.handler,
        schedule: reconciliation.scheduleHandler,
        reconciliation: reconciliation.effectHandler,
        statements: statements.pullEffects,
      },
      registry,
      logger,
      closers,
    );
    const reconciler = reconciliation.attach(system, {
      lines: statements.lines,
      records: accountBookings.source,
      accounts: () => [...positions.directory.all()].map((entry) => entry.accountId),
    });
    const decisions = await startDecisionEngine(
      config,
      backends,
      {
        system,
        positions,
        rules,
        channels: files.banks.channels,
        policy: decisionPolicyOf(files.approvalPolicy),
        watermarks: files.watermarks,
        transferEvents: transfers.feed,
      },
      registry,
      logger,
      closers,
    );
    planner.attach(decisions);
    const importer = statements.attach(system);
    // One access control for both doors: the same tokens, roles and per-principal rate limit (ADR 005 §5).
    const access = new AccessControl(files.access);
    await startCommandIntake(config, backends, system, access, registry, logger, closers);
    const api = await startApi(
      config,
      {
        system,
        store,
        positions,
        transfers,
        rules,
        decisions,
        jobs,
        suggestions,
        differences,
        importer,
        reconciliation: { parts: reconciler, approvalAbove: reconciliation.approvalAbove },
        access,
        channels: files.banks.channels,
        banks,
        acceptCommands: !backends.nc,
      },
      registry,
      logger,
      closers,
    );
    await banks.start(system, api.adminPort, closers);
    await startStatementInbox(config, importer, logger, closers);
    return {
      system,
      registry,
      accountBookings: accountBookings.source,
      importer,
      reconciler,
      mode: { store: config.mongoUrl ? "mongodb" : "memory", transport: backends.nc ? "nats" : "none" },
      ...api,
      developmentToken: files.developmentToken,
      stop: () => closers.run(),
    };
  } catch (error) {
    await closers.run();
    throw error;
  }
}

/** Refused for a configuration built by hand too: an in-memory engine must never join a durable consumer. */
function refuseHalfDurable(config: EngineConfig): void {
  const problem = halfDurableProblem(config);
  if (problem !== undefined) throw new ConfigError(problem);
}

/** The actor system over the (possibly fault-injecting) store and publisher, with its runtime metrics. */
function startActors(
  config: EngineConfig,
  store: ActorStore,
  publisher: EventPublisher,
  effects: {
    readonly transfer: EffectHandler;
    readonly planner: EffectHandler;
    readonly schedule: EffectHandler;
    readonly reconciliation: EffectHandler;
    readonly statements: EffectHandler;
  },
  registry: Registry,
  logger: Logger,
  closers: Closers,
): ActorSystem {
  const system = new ActorSystem({
    kinds: engineKinds(config),
    store,
    publisher,
    limits: config.limits,
    logger,
    metrics: new PrometheusRuntimeMetrics(registry),
    effectHandlers: {
      transfer: withEffectFaultPoint(config.faultPoint, effects.transfer),
      schedule: effects.schedule,
      planner: withEffectFaultPoint(config.faultPoint, effects.planner),
      suggestion: withEffectFaultPoint(config.faultPoint, suggestionEffectHandler),
      reconciliation: withEffectFaultPoint(config.faultPoint, effects.reconciliation),
      // The fault points of a pull are set where the handler is made (engine/statements.ts).
      statements: effects.statements,
    },
  });
  system.start();
  closers.add(() => system.stop());
  registerRuntimeGauges(registry, system);
  return system;
}
