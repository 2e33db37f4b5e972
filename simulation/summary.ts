import type { Decimal } from "decimal.js";
import type { RuleMode } from "../actors/rule/definition.js";
import { Money } from "../actors/shared/amount.js";
import type { ModeRun } from "./run-mode.js";
import type { Scenario } from "./scenario.js";

/** One account in one run. Money as decimal strings with 2 places. */
export interface AccountSummary {
  readonly accountId: string;
  readonly minutesBelowLowWarning: number;
  readonly minutesBelowLowDanger: number;
  readonly averageIdleAboveHigh: string;
  readonly lowest: string;
  readonly highest: string;
}

/** One run, summed over the operating accounts. */
export interface RunSummary {
  readonly mode: RuleMode;
  readonly minutesBelowLowWarning: number;
  readonly minutesBelowLowDanger: number;
  /** Transfers the planners made (AUTO plans): top-ups and sweeps. */
  readonly transfers: number;
  readonly topUps: number;
  readonly sweeps: number;
  /** Of those, how many ended SUCCESS once let finish. */
  readonly transfersSucceeded: number;
  /** The fees of the routes chosen for those transfers (debit + credit channel). */
  readonly feesPaid: string;
  /** Money above high, averaged over the run's minutes, summed over the accounts: what sat idle. */
  readonly averageIdleAboveHigh: string;
  /** Decision engine alerts by type. */
  readonly alerts: Readonly<Record<string, number>>;
  /** The ledgers add up to the openings plus the upstream flows once every transfer ended. */
  readonly moneyConserved: boolean;
  readonly accounts: readonly AccountSummary[];
}

/** AUTO against MONITOR for one measure: the difference, and the ratio (null when MONITOR's is 0). */
export interface Comparison {
  readonly monitor: string;
  readonly auto: string;
  readonly difference: string;
  readonly ratio: number | null;
}

export interface SimulationSummary {
  readonly settings: {
    readonly seed: number;
    readonly days: number;
    readonly accounts: number;
    readonly pools: number;
    readonly stepMinutes: number;
    readonly settlementMinutes: { readonly normal: number; readonly urgent: number };
    /** The first simulated day's local midnight, ISO 8601 with its offset. */
    readonly start: string;
    readonly flows: number;
  };
  readonly runs: { readonly MONITOR: RunSummary; readonly AUTO: RunSummary };
  readonly comparison: {
    readonly minutesBelowLowWarning: Comparison;
    readonly minutesBelowLowDanger: Comparison;
    readonly transfers: Comparison;
    readonly feesPaid: Comparison;
    readonly averageIdleAboveHigh: Comparison;
  };
}

const money = (amount: Decimal) => amount.toFixed(2);

export function summarizeRun(run: ModeRun): RunSummary {
  const minutes = run.measurements.measuredMinutes;
  const accounts = [...run.measurements.accounts.values()].map((measure) => ({
    accountId: measure.accountId,
    minutesBelowLowWarning: measure.minutesBelowLowWarning,
    minutesBelowLowDanger: measure.minutesBelowLowDanger,
    averageIdleAboveHigh: money(measure.idleMinutes.div(minutes)),
    lowest: money(measure.lowest),
    highest: money(measure.highest),
  }));
  const transfers = run.plans.transfers;
  const sum = (pick: (account: AccountSummary) => number) => accounts.reduce((total, a) => total + pick(a), 0);
  return {
    mode: run.mode,
    minutesBelowLowWarning: sum((account) => account.minutesBelowLowWarning),
    minutesBelowLowDanger: sum((account) => account.minutesBelowLowDanger),
    transfers: transfers.length,
    topUps: transfers.filter((seen) => seen.plan.kind === "topUp").length,
    sweeps: transfers.filter((seen) => seen.plan.kind === "sweep").length,
    transfersSucceeded: [...run.transferStatuses.values()].filter((status) => status === "SUCCESS").length,
    feesPaid: money(transfers.reduce((total, seen) => total.plus(seen.fee), new Money(0))),
    averageIdleAboveHigh: money(
      accounts.reduce((total, account) => total.plus(account.averageIdleAboveHigh), new Money(0)),
    ),
    alerts: Object.fromEntries([...run.alerts.entries()].sort()),
    moneyConserved: run.moneyConserved,
    accounts,
  };
}

export function summarize(
  scenario: Scenario,
  settings: { stepMinutes: number; settlementMinutes: { normal: number; urgent: number }; flows: number },
  monitor: RunSummary,
  auto: RunSummary,
): SimulationSummary {
  const compare = (pick: (run: RunSummary) => string | number, decimals: number): Comparison => {
    const [before, after] = [new Money(pick(monitor)), new Money(pick(auto))];
    return {
      monitor: before.toFixed(decimals),
      auto: after.toFixed(decimals),
      difference: after.minus(before).toFixed(decimals),
      ratio: before.isZero() ? null : after.div(before).toDecimalPlaces(3).toNumber(),
    };
  };
  return {
    settings: {
      seed: scenario.seed,
      days: scenario.days,
      accounts: scenario.accounts.length,
      pools: scenario.pools.length,
      stepMinutes: settings.stepMinutes,
      settlementMinutes: settings.settlementMinutes,
      start: localTimeOf(scenario.start, scenario.utcOffsetMinutes),
      flows: settings.flows,
    },
    runs: { MONITOR: monitor, AUTO: auto },
    comparison: {
      minutesBelowLowWarning: compare((run) => run.minutesBelowLowWarning, 0),
      minutesBelowLowDanger: compare((run) => run.minutesBelowLowDanger, 0),
      transfers: compare((run) => run.transfers, 0),
      feesPaid: compare((run) => run.feesPaid, 2),
      averageIdleAboveHigh: compare((run) => run.averageIdleAboveHigh, 2),
    },
  };
}

/** An instant as local ISO 8601 time with its offset: 2026-03-02T00:00:00+08:00. */
function localTimeOf(at: number, utcOffsetMinutes: number): string {
  const local = new Date(at + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(utcOffsetMinutes) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(utcOffsetMinutes) % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
}
