import type { Decimal } from "decimal.js";
import { formatAmount } from "../shared/amount.js";

export type Speed = "normal" | "urgent";
export const speeds: readonly Speed[] = ["normal", "urgent"];

/** One speed of a channel: its fee and its cut-off, local "HH:MM" ("24:00": no cut-off). */
export interface SpeedTerms {
  readonly fee: Decimal;
  readonly cutoff: string;
}

/** An absolute maintenance window, ISO 8601 UTC instants, `from` inclusive, `to` exclusive. */
export interface MaintenanceWindow {
  readonly from: string;
  readonly to: string;
}

/** A maintenance window every day, local "HH:MM"; `to` before `from` crosses midnight. */
export interface DailyMaintenance {
  readonly from: string;
  readonly to: string;
}

export interface BreakerSettings {
  readonly failureThreshold: number;
  readonly openForMs: number;
  readonly halfOpenSuccesses: number;
  readonly halfOpenCallsMax: number;
}

export const defaultBreaker: BreakerSettings = {
  failureThreshold: 5,
  openForMs: 30_000,
  halfOpenSuccesses: 2,
  halfOpenCallsMax: 1,
};

/** A channel's configuration; `configure` replaces it whole and it applies from the next command. */
export interface ChannelConfig {
  readonly bankCode: string;
  readonly currency: string;
  readonly speeds: Partial<Readonly<Record<Speed, SpeedTerms>>>;
  /** The bank's local time, for cut-offs, daily maintenance and the daily limit's day. */
  readonly utcOffsetMinutes: number;
  /** Sum of debits acquired per local day. */
  readonly dailyLimit: Decimal;
  readonly maintenanceWindows: readonly MaintenanceWindow[];
  readonly dailyMaintenance: readonly DailyMaintenance[];
  /** The channel a refused transfer may fail over to. */
  readonly alternative: string | null;
  readonly breaker: BreakerSettings;
}

/** A channel's configuration as JSON: amounts are decimal strings, windows and times as `configure` takes them. */
export type ChannelConfigJson = {
  readonly bankCode: string;
  readonly currency: string;
  readonly speeds: { [S in Speed]?: { readonly fee: string; readonly cutoff: string } };
  readonly utcOffsetMinutes: number;
  readonly dailyLimit: string;
  readonly maintenanceWindows: Array<{ readonly from: string; readonly to: string }>;
  readonly dailyMaintenance: Array<{ readonly from: string; readonly to: string }>;
  readonly alternative: string | null;
  readonly breaker: {
    readonly failureThreshold: number;
    readonly openForMs: number;
    readonly halfOpenSuccesses: number;
    readonly halfOpenCallsMax: number;
  };
};

/** The wire form, which is also a valid `configure` payload (so events and snapshots decode through the parser). */
export function configToJson(config: ChannelConfig): ChannelConfigJson {
  const speedsJson: { -readonly [S in Speed]?: { fee: string; cutoff: string } } = {};
  for (const speed of speeds) {
    const terms = config.speeds[speed];
    if (terms) speedsJson[speed] = { fee: formatAmount(terms.fee), cutoff: terms.cutoff };
  }
  return {
    bankCode: config.bankCode,
    currency: config.currency,
    speeds: speedsJson,
    utcOffsetMinutes: config.utcOffsetMinutes,
    dailyLimit: formatAmount(config.dailyLimit),
    maintenanceWindows: config.maintenanceWindows.map((window) => ({ from: window.from, to: window.to })),
    dailyMaintenance: config.dailyMaintenance.map((window) => ({ from: window.from, to: window.to })),
    alternative: config.alternative,
    breaker: { ...config.breaker },
  };
}
