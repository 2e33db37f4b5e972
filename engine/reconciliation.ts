import type { Decimal } from "decimal.js";
import { Money } from "../actors/shared/amount.js";
import { parseReconciliationRun, runDayOf } from "../actors/reconciliation/run-target.js";
import { decodeSlotDispatch } from "../actors/schedule/effects.js";
import { scheduleEffectHandler } from "../actors/schedule/index.js";
import { MemoryReportStore } from "../adapters/memory/memory-report-store.js";
import { MongoReportStore } from "../adapters/mongo/mongo-report-store.js";
import { prometheusReconcilerMetrics } from "../adapters/prometheus/reconciliation-run-metrics.js";
import { reconciliationEffectHandler } from "../reconciliation/booking-effects.js";
import { ReconciliationRunFailed } from "../reconciliation/errors.js";
import type { RecordSource, ReportStore, StatementLineStore } from "../reconciliation/ports.js";
import { reconcileAccounts, type AccountsRun } from "../reconciliation/reconcile-accounts.js";
import { reconcileDay, type ReconcilerParts } from "../reconciliation/reconciler.js";
import type { Registry } from "prom-client";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { JsonObject } from "../runtime/json.js";
import type { Logger } from "../runtime/ports.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import { withReconcilerFaultPoint } from "./fault-points.js";
import { readModelDatabase } from "./read-models.js";
import { mongoFailure } from "./startup-failures.js";

/** What reconciliation reads that other parts of the engine keep: statement lines and the records read model. */
export interface ReconciliationSources {
  readonly lines: StatementLineStore;
  readonly records: RecordSource;
  /** The accounts a run over every account looks at (the position directory's). */
  readonly accounts: () => readonly string[];
}

/**
 * Reconciliation in the engine (ADR 014): the report store (MongoDB for a durable engine, memory for the embedded
 * one), the reconciliation actor's effect handler, and the scheduled job's `reconciliation run`. The handlers exist
 * before the actor system; the reconciler they run is attached once the system and its sources are up.
 */
export interface ReconciliationWiring {
  readonly reports: ReportStore;
  /** LIQ_RECON_APPROVAL_ABOVE: the threshold the service layer passes with every resolution. */
  readonly approvalAbove: Decimal;
  readonly effectHandler: EffectHandler;
  /** The schedule actor's effect handler, with `reconciliation run` run here instead of sent to an actor. */
  readonly scheduleHandler: EffectHandler;
  /** The reconciler's parts, once attached; the gRPC service runs days with them. */
  attach(system: ActorSystem, sources: ReconciliationSources): ReconcilerParts;
}

export async function prepareReconciliation(
  config: EngineConfig,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<ReconciliationWiring> {
  const reports = await reportStoreOf(config, closers);
  const metrics = prometheusReconcilerMetrics(registry);
  const log = logger.child({ component: "reconciler" });
  let attached: { parts: ReconcilerParts; accounts: () => readonly string[] } | undefined;
  const runs = new Map<string, Promise<JsonObject>>();
  const runJob = (commandId: string, run: () => Promise<JsonObject>): Promise<JsonObject> => {
    // A slot resent by its guard while its run goes on joins that run rather than starting a second.
    let running = runs.get(commandId);
    if (!running) {
      running = run().finally(() => runs.delete(commandId));
      runs.set(commandId, running);
    }
    return running;
  };
  const scheduleHandler: EffectHandler = async (request, job, runtime) => {
    const { payload } = decodeSlotDispatch(request);
    if (payload.kind !== "reconciliation" || payload.type !== "run")
      return scheduleEffectHandler(request, job, runtime);
    const answer = await runJob(payload.commandId, async () => {
      if (!attached) throw new Error("the reconciler is not running yet");
      return jobAnswer(await runTarget(attached, payload.payload, payload.slot));
    });
    return { type: "delivered", payload: { slot: payload.slot, attempt: payload.attempt, ...answer } };
  };
  return {
    reports,
    approvalAbove: new Money(config.reconciliation.approvalAbove),
    effectHandler: reconciliationEffectHandler,
    scheduleHandler,
    attach: (system, sources) => {
      const parts: ReconcilerParts = {
        system: withReconcilerFaultPoint(config.faultPoint, system),
        lines: sources.lines,
        records: sources.records,
        reports,
        tolerance: {
          dateDays: config.reconciliation.dateToleranceDays,
          amount: new Money(config.reconciliation.amountTolerance),
        },
        now: () => Date.now(),
        metrics,
        logger: log,
      };
      attached = { parts, accounts: sources.accounts };
      return parts;
    },
  };
}

/** One account's day, or every account with a statement of it; a refused payload was refused at put already. */
async function runTarget(
  attached: { parts: ReconcilerParts; accounts: () => readonly string[] },
  payload: JsonObject,
  slot: number,
): Promise<AccountsRun> {
  const parsed = parseReconciliationRun("run", payload);
  if (!parsed.ok) throw new Error(`a job's reconciliation run is malformed: ${parsed.message}`);
  const date = runDayOf(parsed.command, slot);
  if (parsed.command.account === null) return reconcileAccounts(attached.parts, attached.accounts(), date);
  try {
    const result = await reconcileDay(attached.parts, parsed.command.account, date);
    const reconciled = result.outcome === "no_statement" ? 0 : 1;
    return {
      date,
      reconciled,
      recorded: result.outcome === "recorded" ? 1 : 0,
      unchanged: result.outcome === "unchanged" ? 1 : 0,
      failed: [],
    };
  } catch (error) {
    const code = error instanceof ReconciliationRunFailed ? error.code : "internal_error";
    const message = error instanceof Error ? error.message : String(error);
    return {
      date,
      reconciled: 0,
      recorded: 0,
      unchanged: 0,
      failed: [{ accountId: parsed.command.account, code, message }],
    };
  }
}

/** The job's slot is applied when every account it reconciled was; else refused, naming the first failure's code. */
function jobAnswer(run: AccountsRun): JsonObject {
  const first = run.failed[0];
  return first ? { ok: false, code: `reconciliation_${first.code}`.slice(0, 64) } : { ok: true };
}

async function reportStoreOf(config: EngineConfig, closers: Closers): Promise<ReportStore> {
  if (config.mongoUrl === undefined) return new MemoryReportStore();
  // Derived data, rebuilt by a rerun: beside the read models, not in the journal's database.
  const store = await MongoReportStore.connect({
    url: config.mongoUrl,
    database: readModelDatabase(config.mongoDatabase),
    writeConcern: { w: config.mongoWriteConcern },
    serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
  }).catch((error: unknown) => Promise.reject(mongoFailure(config, error)));
  closers.add(() => store.close());
  return store;
}

/**
 * Stand-ins for an engine that keeps no statement lines or records read model: a run that reaches them fails with a
 * retryable ReconciliationRunFailed naming what is missing, rather than reading nothing and finding every line
 * missing in the engine.
 */
export const noStatementLines: StatementLineStore = {
  putLines: async () => {
    throw new ReconciliationRunFailed("statement_lines_unavailable", "this engine keeps no statement lines", true);
  },
  lines: async () => {
    throw new ReconciliationRunFailed("statement_lines_unavailable", "this engine keeps no statement lines", true);
  },
};

export const noRecords: RecordSource = {
  recordsOf: async () => {
    throw new ReconciliationRunFailed("records_behind", "this engine keeps no records read model", true);
  },
  appliedThrough: async () => {
    throw new ReconciliationRunFailed("records_behind", "this engine keeps no records read model", true);
  },
};
