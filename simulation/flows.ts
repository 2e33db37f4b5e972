import type { Decimal } from "decimal.js";
import { formatAmount, Money } from "../actors/shared/amount.js";
import { hashSeed, seededRandom, type Random } from "../simulator/prng.js";
import {
  collectionsByHour,
  dayMs,
  hourMs,
  payoutsByHour,
  rateAt,
  weekdayWeight,
  weekendFactor,
} from "./seasonality.js";

/** An account whose upstream payment flows are simulated. */
export interface FlowAccount {
  readonly accountId: string;
  /** About what it pays out on a weekday, and collects on one. */
  readonly dailyVolume: Decimal;
}

export interface FlowSettings {
  readonly seed: number;
  /** Local midnight of the first day, epoch ms. */
  readonly start: number;
  readonly days: number;
  readonly utcOffsetMinutes: number;
  readonly accounts: readonly FlowAccount[];
}

export type FlowKind = "payout" | "collection" | "large payout" | "large collection";

/** One accounting entry an upstream payment system books on an account. */
export interface Flow {
  /** Epoch ms, on a whole minute. */
  readonly at: number;
  readonly accountId: string;
  readonly kind: FlowKind;
  readonly direction: "debit" | "credit";
  /** A decimal string with 4 places (the wire form). */
  readonly amount: string;
  readonly entryId: string;
}

/** Payouts in the busiest hour of a weekday; collections come in fewer, larger batches. */
const payoutsPerPeakHour = 24;
const collectionsPerPeakHour = 12;
/** The spread of single amounts around their mean (log-normal sigma), and the cap of one draw, in means. */
const amountSigma = 0.8;
const amountFactorMax = 8;
const smallestFlow = new Money("1.00");

/**
 * The upstream flows of every account over the simulated days, in time order: the same settings give the same flows.
 * Each account draws from its own generator (seeded by the seed and its id), so adding an account leaves the others'
 * flows as they were; the few large shocks draw from one more.
 */
export function generateFlows(settings: FlowSettings): Flow[] {
  const flows = settings.accounts.flatMap((account) => accountFlows(settings, account));
  flows.push(...shocks(settings));
  return flows.sort((a, b) => a.at - b.at || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
}

function accountFlows(settings: FlowSettings, account: FlowAccount): Flow[] {
  const random = seededRandom(hashSeed(`${settings.seed}:${account.accountId}`));
  const meanPayout = account.dailyVolume.div(payoutsPerPeakHour * weekdayWeight(payoutsByHour));
  const meanCollection = account.dailyVolume.div(collectionsPerPeakHour * weekdayWeight(collectionsByHour));
  const flows: Flow[] = [];
  const add = (at: number, kind: FlowKind, amount: Decimal) =>
    flows.push(flowOf(at, account.accountId, kind, amount, flows.length + 1));
  for (let hourStart = settings.start; hourStart < settings.start + settings.days * dayMs; hourStart += hourMs) {
    const payoutRate = rateAt(payoutsByHour, weekendFactor.payouts, hourStart, settings.utcOffsetMinutes);
    const collectionRate = rateAt(collectionsByHour, weekendFactor.collections, hourStart, settings.utcOffsetMinutes);
    for (let n = poisson(random, payoutsPerPeakHour * payoutRate); n > 0; n--)
      add(minuteIn(random, hourStart), "payout", drawAmount(random, meanPayout));
    for (let n = poisson(random, collectionsPerPeakHour * collectionRate); n > 0; n--)
      add(minuteIn(random, hourStart), "collection", drawAmount(random, meanCollection));
  }
  return flows;
}

/**
 * A few large, rare movements: a big payout in business hours (a merchant's settlement, a margin call) or a big
 * collection at night, of 40-80 % of the account's daily volume, about one per account every four days.
 */
function shocks(settings: FlowSettings): Flow[] {
  const { accounts, days } = settings;
  if (accounts.length === 0) return [];
  const random = seededRandom(hashSeed(`${settings.seed}:shocks`));
  const count = Math.max(1, Math.round((days * accounts.length) / 4));
  const flows: Flow[] = [];
  for (let index = 1; index <= count; index++) {
    const account = accounts[Math.floor(random.next() * accounts.length)]!;
    const day = Math.floor(random.next() * days);
    const payout = random.next() < 0.6;
    const hour = payout ? 10 + Math.floor(random.next() * 6) : (19 + Math.floor(random.next() * 10)) % 24;
    const at = minuteIn(random, settings.start + day * dayMs + hour * hourMs);
    const share = new Money((0.4 + 0.4 * random.next()).toFixed(2));
    const amount = account.dailyVolume.times(share).toDecimalPlaces(2);
    flows.push(flowOf(at, account.accountId, payout ? "large payout" : "large collection", amount, index));
  }
  return flows;
}

function flowOf(at: number, accountId: string, kind: FlowKind, amount: Decimal, seq: number): Flow {
  const credit = kind === "collection" || kind === "large collection";
  return {
    at,
    accountId,
    kind,
    direction: credit ? "credit" : "debit",
    amount: formatAmount(amount),
    entryId: `${kind.replace(" ", "-")}:${accountId}:${seq}`,
  };
}

function minuteIn(random: Random, hourStart: number): number {
  return hourStart + Math.floor(random.next() * 60) * 60_000;
}

/** A Poisson count (Knuth's product of uniforms: fine for the small means of one hour). */
function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random.next(); product > limit; product *= random.next()) count++;
  return count;
}

/**
 * One amount around `mean`, log-normal (many small, a few large). The draw is a float; money is not: the factor is
 * rounded to 6 places before it scales the decimal mean, and the amount to cents.
 */
function drawAmount(random: Random, mean: Decimal): Decimal {
  const u1 = 1 - random.next();
  const u2 = random.next();
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  const factor = Math.min(Math.exp(amountSigma * normal - (amountSigma * amountSigma) / 2), amountFactorMax);
  return Money.max(mean.times(factor.toFixed(6)).toDecimalPlaces(2), smallestFlow);
}
