import { Gauge, type Registry } from "prom-client";
import type { DirectoryEntry, PositionDirectory } from "../../read-models/position-directory.js";
import {
  liquidityStateOf,
  liquidityStates,
  type LiquidityState,
  type Watermarks,
  type WatermarksConfig,
} from "../../actors/account/watermarks.js";
import { Money } from "../../actors/shared/amount.js";
import type { RuleWatermarks } from "../../read-models/rule-directory.js";
import { positionFieldLabels as positionFields } from "./position-metrics.js";

const watermarkLevels = [
  ["low_danger", "lowDanger"],
  ["low_warning", "lowWarning"],
  ["high", "high"],
] as const;

export interface LiquidityMetricsSettings {
  readonly watermarks: WatermarksConfig;
  /** Per-account series are exported for at most this many accounts (label cardinality). */
  readonly accountsMax: number;
  /** False until the directory has caught up with the events stream: no verdicts on a half-read directory. */
  readonly ready: () => boolean;
  /**
   * The watermarks of the decision rules (ADR 012 §6), read at every scrape so that a rule change shows at once: for
   * an account a rule covers they replace the file's. Called once per scrape.
   */
  readonly rules?: () => RuleWatermarks;
}

/**
 * Positions judged against watermarks (ADR 008 §2). Verdicts are exact (decimal.js) and exported as state gauges,
 * so that alerts never compare floats; balances and thresholds are exported as floats for drawing only.
 */
export function registerLiquidityMetrics(
  registry: Registry,
  directory: PositionDirectory,
  settings: LiquidityMetricsSettings,
): void {
  const registers = [registry];
  const { watermarks } = settings;
  /**
   * The accounts that have watermarks, capped: those the rules name, the members of the pools they cover, and the
   * file's. Found from the rules and the file, never by reading every account: with a million accounts, a walk of
   * the directory per scrape held the event loop for hundreds of milliseconds.
   */
  const watchedAccounts = (): Array<[DirectoryEntry, Watermarks]> => {
    const watched: Array<[DirectoryEntry, Watermarks]> = [];
    const rules = settings.rules?.();
    const seen = new Set<string>();
    /** False once the cap is reached: the walk stops. */
    const consider = (accountId: string): boolean => {
      if (seen.has(accountId)) return true;
      seen.add(accountId);
      const entry = directory.get(accountId);
      const marks = entry && (rules?.of(entry) ?? watermarks.accounts.get(accountId));
      if (entry && marks) watched.push([entry, marks]);
      return watched.length < settings.accountsMax;
    };
    const candidates = function* (): Generator<string> {
      if (rules) {
        yield* rules.scopes.accounts;
        for (const { pool, currency } of rules.scopes.pools) yield* directory.poolMembers(pool, currency);
      }
      yield* watermarks.accounts.keys();
    };
    for (const accountId of candidates()) if (!consider(accountId)) break;
    return watched;
  };
  new Gauge({
    name: "liq_account_watermark",
    help: "An account's watermark by level (low_danger, low_warning, high): its decision rule's, else LIQ_WATERMARKS_FILE's; a float for drawing",
    labelNames: ["account", "currency", "pool", "level"],
    registers,
    collect() {
      this.reset();
      for (const [entry, marks] of watchedAccounts()) {
        setWatermarks(this, { account: entry.accountId, currency: entry.currency, pool: entry.pool }, marks);
      }
    },
  });
  new Gauge({
    name: "liq_account_liquidity_state",
    help: "1 for an account's current liquidity state (ok, low_warning, low_danger, high): its available amount judged exactly against its watermarks",
    labelNames: ["account", "currency", "pool", "state"],
    registers,
    collect() {
      this.reset();
      if (!settings.ready()) return;
      for (const [entry, marks] of watchedAccounts()) {
        setState(
          this,
          { account: entry.accountId, currency: entry.currency, pool: entry.pool },
          liquidityStateOf(new Money(entry.position.available), marks),
        );
      }
    },
  });
  new Gauge({
    name: "liq_pool_position",
    help: "A pool's position by field: the exact sum over its accounts in one currency, exported as a float",
    labelNames: ["pool", "currency", "field"],
    registers,
    collect() {
      this.reset();
      if (!settings.ready()) return;
      for (const total of directory.poolTotals.values()) {
        for (const [label, key] of positionFields)
          this.set({ pool: total.pool, currency: total.currency, field: label }, total.sums[key].toNumber());
      }
    },
  });
  new Gauge({
    name: "liq_pool_watermark",
    help: "A pool's configured watermark by level (low_danger, low_warning, high), LIQ_WATERMARKS_FILE; a float for drawing",
    labelNames: ["pool", "currency", "level"],
    registers,
    collect() {
      this.reset();
      for (const marks of watermarks.pools.values()) {
        setWatermarks(this, { pool: marks.pool, currency: marks.currency }, marks);
      }
    },
  });
  new Gauge({
    name: "liq_pool_liquidity_state",
    help: "1 for a pool's current liquidity state (ok, low_warning, low_danger, high): the exact sum of its accounts' available amounts judged against its watermarks",
    labelNames: ["pool", "currency", "state"],
    registers,
    collect() {
      this.reset();
      if (!settings.ready()) return;
      const totals = directory.poolTotals;
      for (const [key, marks] of watermarks.pools) {
        // A configured pool without accounts holds nothing: judged at zero, so a misnamed pool is noticed.
        const available = totals.get(key)?.sums.available ?? new Money(0);
        setState(this, { pool: marks.pool, currency: marks.currency }, liquidityStateOf(available, marks));
      }
    },
  });
}

/** Each watermark that is set, as `level` series (floats, for drawing). */
function setWatermarks<L extends string>(
  gauge: Gauge<L | "level">,
  labels: Record<L, string>,
  marks: Watermarks,
): void {
  for (const [level, key] of watermarkLevels) {
    const value = marks[key];
    if (value) gauge.set({ ...labels, level } as Record<L | "level", string>, value.toNumber());
  }
}

/** One series per liquidity state: 1 for the current one, 0 for the others. */
function setState<L extends string>(
  gauge: Gauge<L | "state">,
  labels: Record<L, string>,
  current: LiquidityState,
): void {
  for (const state of liquidityStates)
    gauge.set({ ...labels, state } as Record<L | "state", string>, state === current ? 1 : 0);
}
