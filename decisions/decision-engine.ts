import { Money, formatAmount } from "../actors/shared/amount.js";
import type { DirectoryEntry } from "../read-models/position-directory.js";
import { ruleIndexOf, type RuleIndex, type RuleEntry } from "../read-models/rule-directory.js";
import type { TransferEventFeed } from "../read-models/transfer-read-model.js";
import type { Logger } from "../runtime/ports.js";
import type { DecisionAlerts, DecisionMetrics } from "./decision-metrics.js";
import { evaluatePool, plannerIdOf, type Evaluation, type EvaluationParts } from "./evaluation.js";

export interface DecisionEngineSettings {
  /** The safety net: every pool with rules is evaluated at least this often (ms); 0: only on position changes. */
  readonly intervalMs: number;
  /** False until the actors have recovered and the position directory has caught up. */
  readonly ready: () => boolean;
  /**
   * The transfer events as published: a plan's transfer (its id is the plan's) ends after its accounts last change,
   * when it records its last position task, so only its own event can show the plan's end.
   */
  readonly transferEvents?: Pick<TransferEventFeed, "subscribe">;
}

/** Evaluations of one pool that found another in between before giving up until the next trigger. */
const staleRetriesMax = 3;

interface PoolKey {
  readonly pool: string;
  readonly currency: string;
}

/**
 * Runs the planner (ADR 012 §4): a pool is evaluated when a position of one of its accounts falls below its rule's
 * low warning (screened on the position directory, decided on the actors), when a rule changes, when an account a
 * pending plan moves money from or to changes or the plan's transfer does (so its end is seen), on a timer as a
 * safety net, and when a scheduled job asks. One evaluation per pool runs at a time; triggers during it run it once more after.
 */
export class DecisionEngine {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Map<string, boolean>();
  /** Per pool with plans pending, the accounts they move money from or to: a change there may end one. */
  private readonly following = new Map<string, ReadonlySet<string>>();
  private readonly stops: Array<() => void> = [];
  private started = false;
  private stopped = false;
  private readonly ruleIndex: RuleIndex;

  constructor(
    private readonly parts: EvaluationParts,
    private readonly settings: DecisionEngineSettings,
    private readonly metrics: DecisionMetrics,
    private readonly alerts: DecisionAlerts,
    private readonly logger: Logger,
  ) {
    this.ruleIndex = ruleIndexOf(parts.rules);
  }

  /** Starts watching once the engine is ready: at once if it is, else checked every 100 ms until then. */
  start(): void {
    if (this.settings.ready()) return this.begin();
    const waiting = setInterval(() => {
      if (this.stopped || !this.settings.ready()) return;
      clearInterval(waiting);
      this.begin();
    }, 100);
    waiting.unref();
    this.stops.push(() => clearInterval(waiting));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
    await Promise.allSettled([...this.running.values()]);
  }

  /** An evaluation that records nothing: what the engine would plan now, with its reasons. */
  dryRun(pool: string, currency: string, sweeps: boolean): Promise<Evaluation> {
    return evaluatePool(this.parts, pool, currency, { sweeps, dryRun: true });
  }

  /** Asks for an evaluation of a planner's pool (`<pool>:<currency>`), e.g. from a scheduled job. */
  request(plannerId: string, sweeps: boolean): void {
    const separator = plannerId.lastIndexOf(":");
    if (separator < 1) return;
    this.schedule({ pool: plannerId.slice(0, separator), currency: plannerId.slice(separator + 1) }, sweeps);
  }

  private begin(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    // The current positions first (a restart catches up on what it missed), then every change.
    this.stops.push(this.parts.positions.watch({}, (entry) => this.onPosition(entry)));
    this.stops.push(this.parts.rules.subscribe((ruleId, entry) => this.onRule(ruleId, entry)));
    const transfers = this.settings.transferEvents;
    if (transfers) this.stops.push(transfers.subscribe((event) => this.onPlanTransfer(event.transferId)));
    if (this.settings.intervalMs > 0) {
      const timer = setInterval(() => this.sweepAll(), this.settings.intervalMs);
      timer.unref();
      this.stops.push(() => clearInterval(timer));
    }
  }

  private onPosition(entry: DirectoryEntry): void {
    const key = { pool: entry.pool, currency: entry.currency };
    // A change of an account a pending plan moves money from or to may end it (or expire its suggestion).
    if (this.following.get(plannerIdOf(key.pool, key.currency))?.has(entry.accountId)) return this.schedule(key, false);
    const rule = this.ruleCovering(entry);
    if (rule && rule.rule.enabled && new Money(entry.position.available).lessThan(rule.rule.lowWarning))
      this.schedule(key, false);
  }

  /** An event of a plan's transfer (`plan:<pool>:<currency>:<n>`) while its pool has plans pending: it may end one. */
  private onPlanTransfer(transferId: string): void {
    if (!transferId.startsWith("plan:")) return;
    const plannerId = transferId.slice("plan:".length, transferId.lastIndexOf(":"));
    if (this.following.has(plannerId)) this.request(plannerId, false);
  }

  /** A changed or deleted rule: its pool is evaluated again (a pending suggestion of it expires). */
  private onRule(_ruleId: string, entry: RuleEntry | null): void {
    if (entry === null) {
      this.sweepAll();
      return;
    }
    const { scope } = entry.rule;
    if (scope.kind === "pool") return this.schedule({ pool: scope.pool, currency: scope.currency }, false);
    const account = this.parts.positions.get(scope.account);
    if (account) this.schedule({ pool: account.pool, currency: account.currency }, false);
  }

  /** The pools that have rules or pending plans: the safety net's round. */
  private sweepAll(): void {
    const pools = new Map<string, PoolKey>();
    for (const entry of this.parts.positions.all()) {
      const id = plannerIdOf(entry.pool, entry.currency);
      if (!pools.has(id) && (this.following.has(id) || this.ruleCovering(entry)))
        pools.set(id, { pool: entry.pool, currency: entry.currency });
    }
    for (const key of pools.values()) this.schedule(key, false);
  }

  private ruleCovering(entry: DirectoryEntry): RuleEntry | undefined {
    return this.ruleIndex.covering(entry);
  }

  private schedule(key: PoolKey, sweeps: boolean): void {
    if (this.stopped) return;
    const id = plannerIdOf(key.pool, key.currency);
    if (this.running.has(id)) {
      this.again.set(id, (this.again.get(id) ?? false) || sweeps);
      return;
    }
    const run = this.run(key, sweeps)
      .catch((error: unknown) => {
        this.metrics.evaluated(key.pool, key.currency, 0, "failed");
        this.logger.error("pool evaluation failed", { planner: id, error: String(error) });
      })
      .finally(() => {
        this.running.delete(id);
        const sweepsAgain = this.again.get(id);
        this.again.delete(id);
        if (sweepsAgain !== undefined) this.schedule(key, sweepsAgain);
      });
    this.running.set(id, run);
  }

  private async run(key: PoolKey, sweeps: boolean): Promise<void> {
    for (let attempt = 1; attempt <= staleRetriesMax; attempt++) {
      const started = performance.now();
      const evaluation = await evaluatePool(this.parts, key.pool, key.currency, { sweeps, dryRun: false });
      const outcome = await this.record(evaluation);
      if (outcome === "stale") continue;
      this.report(evaluation, (performance.now() - started) / 1000);
      return;
    }
    this.logger.warn("pool evaluation kept finding newer plans; it waits for the next trigger", {
      planner: plannerIdOf(key.pool, key.currency),
    });
  }

  /** Records the evaluation in the pool's planner: plans, stopped rules, ended plans, and expired suggestions. */
  private async record(evaluation: Evaluation): Promise<"recorded" | "stale"> {
    const { drafts, trips, endings, plannerId } = evaluation;
    for (const planId of evaluation.expired) this.logger.info("suggestion expired", { planId, planner: plannerId });
    if (drafts.length === 0 && trips.length === 0 && endings.length === 0) {
      this.follow(plannerId, evaluation.pendingAccounts);
      return "recorded";
    }
    const reply = await this.parts.reads.send(
      "planner",
      plannerId,
      `record:${plannerId}:${evaluation.basedOn}`,
      "record",
      { basedOn: evaluation.basedOn, plans: drafts as never, trips: trips as never, endings: endings as never },
    );
    if (!reply.ok && reply.error.code === "stale_evaluation") return "stale";
    if (!reply.ok)
      throw new Error(`planner ${plannerId} refused the plans: ${reply.error.code} ${reply.error.message}`);
    this.follow(plannerId, evaluation.pendingAccounts);
    return "recorded";
  }

  private follow(plannerId: string, accounts: readonly string[]): void {
    if (accounts.length > 0) this.following.set(plannerId, new Set(accounts));
    else this.following.delete(plannerId);
  }

  private raise(alertId: string, severity: "warning" | "critical", alert: Record<string, string | number>): void {
    this.logger.warn(`planner alert: ${String(alert["type"])}`, { alertId, severity, ...alert });
    this.alerts(`planner:${alertId}`, severity, alert).catch((error: unknown) =>
      this.logger.error("planner alert not relayed", { alertId, error: String(error) }),
    );
  }

  private report(evaluation: Evaluation, seconds: number): void {
    const { pool, currency, plan, plannerId } = evaluation;
    this.metrics.evaluated(pool, currency, seconds, evaluation.drafts.length > 0 ? "planned" : "nothing");
    let shortfall = new Money(0);
    for (const decision of plan.decisions) {
      shortfall = shortfall.plus(decision.shortfall);
      this.metrics.decided(decision.ruleId, decision.mode, outcomeOf(decision, evaluation));
      const about = { planner: plannerId, rule: decision.ruleId, ruleVersion: decision.ruleVersion };
      if (decision.trip !== null) {
        this.metrics.tripped(decision.ruleId);
        this.raise(`${plannerId}:stopped:${decision.ruleId}:${decision.ruleVersion}`, "critical", {
          type: "ruleStopped",
          ...about,
          account: decision.account,
          reason: decision.trip,
        });
      }
      if (decision.fallback !== null)
        this.raise(`${plannerId}:fallback:${decision.ruleId}:${evaluation.basedOn}`, "warning", {
          type: "autoFellBackToSuggest",
          ...about,
          account: decision.account,
          reason: decision.fallback,
        });
      if (decision.shortfall.isPositive() && !decision.shortfall.isZero())
        this.raise(`${plannerId}:shortfall:${decision.account}:${evaluation.basedOn}`, "warning", {
          type: "shortfall",
          ...about,
          account: decision.account,
          need: formatAmount(decision.need),
          shortfall: formatAmount(decision.shortfall),
        });
    }
    this.metrics.shortfall(pool, currency, formatAmount(shortfall));
    this.metrics.idle(pool, currency, plan.idle.length);
    for (const draft of evaluation.drafts)
      this.logger.info("planned", {
        planner: plannerId,
        rule: draft.ruleId,
        mode: draft.mode,
        from: draft.from,
        to: draft.to,
        amount: draft.amount,
      });
  }
}

function outcomeOf(decision: Evaluation["plan"]["decisions"][number], evaluation: Evaluation): string {
  if (decision.trip !== null) return "stopped";
  if (decision.moves.length === 0) return decision.shortfall.isZero() ? "none" : "shortfall";
  if (decision.mode === "MONITOR") return "alerted";
  if (!evaluation.drafts.some((draft) => draft.ruleId === decision.ruleId && draft.to === decision.moves[0]!.to))
    return "none";
  return decision.mode === "AUTO" ? "executed" : "suggested";
}
