import type { Decimal } from "decimal.js";

/* Watermarks judge a position (ADR 008 §2); read from LIQ_WATERMARKS_FILE by engine/watermarks.ts. */

/** Thresholds for one account or pool; any may be absent. Invariant: lowDanger <= lowWarning < high. */
export interface Watermarks {
  readonly lowDanger?: Decimal;
  readonly lowWarning?: Decimal;
  readonly high?: Decimal;
}

export interface PoolWatermarks extends Watermarks {
  readonly pool: string;
  readonly currency: string;
}

export interface WatermarksConfig {
  /** By account id (`<bankCode>:<accountNumber>`). */
  readonly accounts: ReadonlyMap<string, Watermarks>;
  /** By `<pool>/<currency>`: a pool holds one total per currency. */
  readonly pools: ReadonlyMap<string, PoolWatermarks>;
}

export function poolKey(pool: string, currency: string): string {
  return `${pool}/${currency}`;
}

export type LiquidityState = "ok" | "low_warning" | "low_danger" | "high";
export const liquidityStates: readonly LiquidityState[] = ["ok", "low_warning", "low_danger", "high"];

/** Exact verdict on an available amount: below lowDanger is danger, below lowWarning warning, above high high. */
export function liquidityStateOf(available: Decimal, watermarks: Watermarks): LiquidityState {
  if (watermarks.lowDanger && available.lessThan(watermarks.lowDanger)) return "low_danger";
  if (watermarks.lowWarning && available.lessThan(watermarks.lowWarning)) return "low_warning";
  if (watermarks.high && available.greaterThan(watermarks.high)) return "high";
  return "ok";
}
