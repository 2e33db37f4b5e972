import type { Decimal } from "decimal.js";
import type { RuleMode } from "../actors/rule/definition.js";
import { formatAmount, Money } from "../actors/shared/amount.js";
import type { JsonObject } from "../runtime/json.js";
import { hashSeed, seededRandom, type Random } from "../simulator/prng.js";
import type { FlowAccount } from "./flows.js";

/** The watermarks of one account's rule (ADR 012 §1). */
export interface Watermarks {
  readonly lowDanger: Decimal;
  readonly lowWarning: Decimal;
  readonly target: Decimal;
  readonly high: Decimal;
}

/** An operating account: upstream flows hit it, its rule keeps it funded from the concentration account. */
export interface ScenarioAccount extends FlowAccount {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly pool: string;
  readonly opening: Decimal;
  readonly watermarks: Watermarks;
}

export interface ScenarioChannel {
  readonly id: string;
  readonly bankCode: string;
  /** The channel actor's `configure` payload. */
  readonly config: JsonObject;
}

/** The treasury being simulated: banks and their channels, operating accounts in pools, one concentration account. */
export interface Scenario {
  readonly seed: number;
  /** Local midnight of the first simulated day (a Monday), epoch ms. */
  readonly start: number;
  readonly days: number;
  readonly utcOffsetMinutes: number;
  readonly timeZone: string;
  readonly currency: string;
  readonly pools: readonly string[];
  readonly accounts: readonly ScenarioAccount[];
  readonly concentration: {
    readonly bankCode: string;
    readonly accountNumber: string;
    readonly pool: string;
    readonly opening: Decimal;
  };
  readonly channels: readonly ScenarioChannel[];
}

export interface ScenarioSettings {
  readonly seed: number;
  readonly days: number;
  readonly accounts: number;
  readonly pools: number;
}

/** Monday 2 March 2026, 00:00 in Shanghai (UTC+8): the simulated week starts on a business day. */
export const simulationStart = Date.UTC(2026, 2, 1, 16, 0);
const operatingBanks = ["BANKA", "BANKB", "BANKC", "BANKD"];
const concentrationBank = "BANKH";

/** The treasury a seed makes: the same seed and sizes give the same banks, fees, accounts and watermarks. */
export function buildScenario(settings: ScenarioSettings): Scenario {
  const random = seededRandom(hashSeed(`${settings.seed}:scenario`));
  const pools = Array.from({ length: settings.pools }, (_, index) =>
    settings.pools === 1 ? "ops" : `ops-${index + 1}`,
  );
  const accounts = Array.from({ length: settings.accounts }, (_, index) =>
    operatingAccount(random, operatingBanks[index % operatingBanks.length]!, index, pools[index % pools.length]!),
  );
  const banks = [...new Set(accounts.map((account) => account.bankCode)), concentrationBank];
  const totalVolume = accounts.reduce((total, account) => total.plus(account.dailyVolume), new Money(0));
  return {
    seed: settings.seed,
    start: simulationStart,
    days: settings.days,
    utcOffsetMinutes: 480,
    timeZone: "Asia/Shanghai",
    currency: "CNY",
    pools,
    accounts,
    // Deep enough never to run dry: the simulation is about the operating accounts.
    concentration: {
      bankCode: concentrationBank,
      accountNumber: "CONC",
      pool: "treasury",
      opening: totalVolume.times(20),
    },
    channels: banks.map((bankCode) => channelOf(random, bankCode)),
  };
}

/**
 * One operating account sized by its daily volume (0.5 to 3 million), watermarks in proportion to it (danger 10 %,
 * warning 25 %, target 50 %, high 120 % of a day's payouts), opening a little around its target.
 */
function operatingAccount(random: Random, bankCode: string, index: number, pool: string): ScenarioAccount {
  const accountNumber = `OPS-${String(index + 1).padStart(2, "0")}`;
  const dailyVolume = new Money(500_000 + 50_000 * Math.floor(random.next() * 51));
  const share = (percent: number) => dailyVolume.times(percent).div(100).toDecimalPlaces(0);
  const openingPercent = 40 + Math.floor(random.next() * 21);
  return {
    accountId: `${bankCode}:${accountNumber}`,
    bankCode,
    accountNumber,
    pool,
    dailyVolume,
    opening: share(openingPercent),
    watermarks: { lowDanger: share(10), lowWarning: share(25), target: share(50), high: share(120) },
  };
}

/** One channel per bank, fees drawn per bank (normal 1-6, urgent 15-35), no cut-off, a daily limit far away. */
function channelOf(random: Random, bankCode: string): ScenarioChannel {
  const normalFee = new Money(2 + Math.floor(random.next() * 11)).div(2);
  const urgentFee = new Money(15 + Math.floor(random.next() * 21));
  return {
    id: `${bankCode}-direct`,
    bankCode,
    config: {
      bankCode,
      currency: "CNY",
      utcOffsetMinutes: 480,
      dailyLimit: "1000000000",
      speeds: {
        normal: { fee: formatAmount(normalFee), cutoff: "24:00" },
        urgent: { fee: formatAmount(urgentFee), cutoff: "24:00" },
      },
      alternative: null,
    },
  };
}

export function concentrationIdOf(scenario: Scenario): string {
  return `${scenario.concentration.bankCode}:${scenario.concentration.accountNumber}`;
}

/**
 * The rule of one account: top up from the concentration account to the target when below low warning (urgent
 * below low danger), sweep the excess back above high on the daily sweep. Only `mode` differs between the runs. The
 * window of 12 hours keeps an afternoon's top-up from being swept back that evening, not the next evening.
 */
export function ruleOf(scenario: Scenario, account: ScenarioAccount, mode: RuleMode): JsonObject {
  const { lowDanger, lowWarning, target, high } = account.watermarks;
  return {
    scope: { account: account.accountId },
    lowDanger: formatAmount(lowDanger),
    lowWarning: formatAmount(lowWarning),
    target: formatAmount(target),
    high: formatAmount(high),
    sources: ["concentration"],
    concentration: concentrationIdOf(scenario),
    amount: "target - available - plannedIn",
    minimum: "10000",
    maximum: formatAmount(account.dailyVolume.times(2)),
    roundingStep: "1000",
    coolDownMs: 15 * 60_000,
    windowMs: 12 * 3_600_000,
    transfersPerWindowMax: 24,
    mode,
  };
}

/**
 * The daily sweep of a pool: a scheduled job asking its planner for an evaluation with sweeps at 18:30 on weekdays,
 * after the day's payouts: what is above high then is idle (a morning sweep would take what the day pays out, and
 * the afternoon would top it up again).
 */
export function sweepJobOf(scenario: Scenario, pool: string): { jobId: string; put: JsonObject } {
  return {
    jobId: `sweep-${pool}`,
    put: {
      expectedVersion: 0,
      cron: "30 18 * * 1-5",
      timeZone: scenario.timeZone,
      target: { kind: "planner", actorId: `${pool}:${scenario.currency}`, type: "evaluate", payload: { sweeps: true } },
      missedSlots: "skip",
      enabled: true,
    },
  };
}
