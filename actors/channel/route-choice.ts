import type { Decimal } from "decimal.js";
import { formatAmount, Money } from "../shared/amount.js";
import type { ChannelConfigJson, Speed } from "./config.js";
import {
  atLocalClock,
  localDayOf,
  localMidnightOf,
  localTimeOfDayMs,
  minuteOfDay,
  nextLocalMidnight,
} from "./local-time.js";
import { maintenanceEndAt } from "./maintenance.js";
import { debitsPerDayMax, trialCallExpiryMs } from "./state.js";
import type { ChannelView } from "./view.js";

/** What a route is chosen for: the transfer's currency, speed and amount, and the instant it must be usable at. */
export interface RouteQuery {
  readonly currency: string;
  readonly speed: Speed;
  readonly amount: Decimal;
  /** Epoch milliseconds. */
  readonly now: number;
}

/** A channel that may carry one end of the transfer, with the view its actor answered to `get`. */
export interface RouteCandidate {
  readonly channelId: string;
  readonly view: ChannelView;
}

/** The debit end is the source bank's channel, the credit end the target bank's. */
export type RouteEnd = "debit" | "credit";

/** One channel at one end, as the chooser judged it at `now`. */
export interface ConsideredChannel {
  readonly channelId: string;
  readonly end: RouteEnd;
  readonly usable: boolean;
  /** The channel's fee for the speed (decimal string); null when it has no such speed or no configuration. */
  readonly fee: string | null;
  /** The speed's cut-off on the bank's local day of `now`, an ISO instant; null without one ("24:00") or speed. */
  readonly cutoff: string | null;
  /** Why it cannot be used now, one short sentence; "" when usable. */
  readonly reason: string;
  /** When an unusable channel becomes usable if only time passes; null when usable now, or never. */
  readonly usableAt: number | null;
}

/** The route taken: a debit channel and a credit channel both usable now. */
export interface ChosenRoute {
  readonly debitChannel: string;
  readonly creditChannel: string;
  /** What the transfer pays: the debit channel's fee plus the credit channel's, for the speed (decimal string). */
  readonly fee: string;
  readonly debitFee: string;
  readonly creditFee: string;
  /** The earlier of the two ends' cut-offs today (ISO instant): the route must be used before it. Null: none. */
  readonly cutoff: string | null;
  readonly cutoffAt: number | null;
}

/** The chooser's answer: the route (or null), every channel it looked at and why, and when one opens if none is. */
export interface RouteChoice {
  readonly chosen: ChosenRoute | null;
  /** Debit candidates first, then credit candidates, each in the order given. */
  readonly considered: readonly ConsideredChannel[];
  /**
   * Null when a route was chosen. Otherwise the earliest instant at which some route becomes usable if only time
   * passes (a cut-off's next local day, a maintenance window's end, an open circuit's half-open time, a new day for
   * the daily limit); null when none ever does (no candidate at an end, a speed nobody offers, an amount above
   * every daily limit).
   */
  readonly nextWindowAt: number | null;
}

/** Put a limit on everything: steps of the search for the next usable instant (each moves past one obstacle). */
export const windowSearchStepsMax = 64;

/** What keeps a channel from being used at some instant, and until when (null: not by waiting). */
interface Obstacle {
  readonly reason: string;
  readonly until: number | null;
}

/**
 * Chooses the channels of a transfer before any money moves: a route is a debit channel of the source bank and a
 * credit channel of the target bank, each usable now by the same rules its `acquire` applies (configured, the
 * currency, the speed offered, not in maintenance, circuit not open and a half-open trial free, the speed's
 * cut-off not passed on the bank's local day, and at the debit end the amount within today's remaining daily
 * limit; only debits count against a limit, so the credit end has none). Among usable routes the lowest fee wins
 * (debit fee plus credit fee, what the saga's two steps quote); ties go to the candidates given first, the debit
 * end before the credit end, so callers list channels in their preference (LIQ_BANKS_FILE's order). Pure: the
 * views are what their actors answered, `query.now` is the only clock.
 */
export function chooseRoute(
  query: RouteQuery,
  debitCandidates: readonly RouteCandidate[],
  creditCandidates: readonly RouteCandidate[],
): RouteChoice {
  const debits = debitCandidates.map((candidate) => consider(candidate, "debit", query));
  const credits = creditCandidates.map((candidate) => consider(candidate, "credit", query));
  const considered = [...debits, ...credits];
  let chosen: ChosenRoute | null = null;
  for (const debit of debits) {
    for (const credit of credits) {
      if (!debit.usable || !credit.usable) continue;
      const route = routeOf(debit, credit);
      if (chosen === null || new Money(route.fee).lessThan(chosen.fee)) chosen = route;
    }
  }
  if (chosen !== null) return { chosen, considered, nextWindowAt: null };
  return { chosen, considered, nextWindowAt: nextWindowOf(query, debitCandidates, creditCandidates) };
}

function consider(candidate: RouteCandidate, end: RouteEnd, query: RouteQuery): ConsideredChannel {
  const { channelId, view } = candidate;
  const terms = view.config?.speeds[query.speed];
  const cutoffAt = view.config && terms ? cutoffOf(view.config, terms.cutoff, query.now) : null;
  const obstacles = obstaclesAt(candidate, end, query, query.now);
  return {
    channelId,
    end,
    usable: obstacles.length === 0,
    fee: terms ? formatAmount(new Money(terms.fee)) : null,
    cutoff: cutoffAt === null ? null : new Date(cutoffAt).toISOString(),
    reason: obstacles[0]?.reason ?? "",
    usableAt: obstacles.length === 0 ? null : usableFrom(candidate, end, query, query.now),
  };
}

function routeOf(debit: ConsideredChannel, credit: ConsideredChannel): ChosenRoute {
  const debitFee = new Money(debit.fee ?? "0");
  const creditFee = new Money(credit.fee ?? "0");
  const cutoffs = [debit.cutoff, credit.cutoff].filter((cutoff) => cutoff !== null).map((cutoff) => Date.parse(cutoff));
  const cutoffAt = cutoffs.length === 0 ? null : Math.min(...cutoffs);
  return {
    debitChannel: debit.channelId,
    creditChannel: credit.channelId,
    fee: formatAmount(debitFee.plus(creditFee)),
    debitFee: formatAmount(debitFee),
    creditFee: formatAmount(creditFee),
    cutoff: cutoffAt === null ? null : new Date(cutoffAt).toISOString(),
    cutoffAt,
  };
}

/** The earliest instant any debit-credit pair is usable together, or null when no pair ever is. */
function nextWindowOf(
  query: RouteQuery,
  debitCandidates: readonly RouteCandidate[],
  creditCandidates: readonly RouteCandidate[],
): number | null {
  let earliest: number | null = null;
  for (const debit of debitCandidates) {
    for (const credit of creditCandidates) {
      const opensAt = routeOpensAt(debit, credit, query);
      if (opensAt !== null && (earliest === null || opensAt < earliest)) earliest = opensAt;
    }
  }
  return earliest;
}

/**
 * When both ends are usable at the same instant: each end's next usable instant from `t`, and from the later of
 * the two again until they meet (an end usable from 09:00 may be in maintenance again when the other opens).
 */
function routeOpensAt(debit: RouteCandidate, credit: RouteCandidate, query: RouteQuery): number | null {
  let at = query.now;
  for (let step = 0; step < windowSearchStepsMax; step++) {
    const debitAt = usableFrom(debit, "debit", query, at);
    const creditAt = usableFrom(credit, "credit", query, at);
    if (debitAt === null || creditAt === null) return null;
    if (debitAt === creditAt) return debitAt;
    at = Math.max(debitAt, creditAt);
  }
  return null;
}

/**
 * The first instant from `from` at which the channel is usable, if only time passes. Every obstacle lasts at
 * least until its `until`, so the latest of them is a lower bound; from there the channel is judged again (a
 * window may end after the cut-off, a new day may start inside a daily maintenance).
 */
function usableFrom(candidate: RouteCandidate, end: RouteEnd, query: RouteQuery, from: number): number | null {
  let at = from;
  for (let step = 0; step < windowSearchStepsMax; step++) {
    const obstacles = obstaclesAt(candidate, end, query, at);
    if (obstacles.length === 0) return at;
    if (obstacles.some((obstacle) => obstacle.until === null)) return null;
    at = Math.max(...obstacles.map((obstacle) => obstacle.until!));
  }
  return null;
}

/**
 * Everything that would make the channel's `acquire` refuse this end at `at`, in `acquire`'s order (so the first
 * is the reason it would give). `at` may be later than `query.now`: the view is read as of then, an open circuit
 * past its time half-opened, a trial in flight expired, a past day's usage gone.
 */
function obstaclesAt(candidate: RouteCandidate, end: RouteEnd, query: RouteQuery, at: number): Obstacle[] {
  const { view } = candidate;
  if (!view.configured) return [{ reason: "it has no configuration yet (the engine sends it at start)", until: null }];
  const { config } = view;
  if (config.currency !== query.currency)
    return [{ reason: `it moves ${config.currency}, not ${query.currency}`, until: null }];
  const terms = config.speeds[query.speed];
  if (!terms) {
    const offered = Object.keys(config.speeds).join(", ");
    return [{ reason: `it has no ${query.speed} speed (it has ${offered})`, until: null }];
  }
  return [
    ...maintenanceAt(config, at),
    ...circuitAt(view, query.now, at),
    ...cutoffAt(config, query.speed, terms.cutoff, at),
    ...(end === "debit" ? dailyLimitAt(view, query.amount, at) : []),
  ];
}

function maintenanceAt(config: ChannelConfigJson, at: number): Obstacle[] {
  const end = maintenanceEndAt(config, at);
  return end === undefined ? [] : [{ reason: `it is in maintenance until ${iso(end)}`, until: end }];
}

function circuitAt(view: Extract<ChannelView, { configured: true }>, now: number, at: number): Obstacle[] {
  const { breaker, config } = view;
  if (breaker.circuit === "open") {
    const halfOpenAt = breaker.halfOpenAt ?? (breaker.openedAt ?? now) + config.breaker.openForMs;
    if (at < halfOpenAt) return [{ reason: `its circuit is open until ${iso(halfOpenAt)}`, until: halfOpenAt }];
    return []; // half-open by then, with no trial taken yet
  }
  // The view does not say when each trial began; one taken just before `now` holds its slot until this at most.
  const trialsFreeAt = now + trialCallExpiryMs;
  const { halfOpenCallsMax } = config.breaker;
  if (breaker.circuit === "half_open" && breaker.trialCalls.length >= halfOpenCallsMax && at < trialsFreeAt) {
    return [
      {
        reason: `its circuit is half-open and its ${halfOpenCallsMax} trial call(s) are in flight`,
        until: trialsFreeAt,
      },
    ];
  }
  return [];
}

function cutoffAt(config: ChannelConfigJson, speed: Speed, cutoff: string, at: number): Obstacle[] {
  if (localTimeOfDayMs(at, config.utcOffsetMinutes) < minuteOfDay(cutoff) * 60_000) return [];
  const opensAt = nextLocalMidnight(at, config.utcOffsetMinutes);
  return [{ reason: `the ${speed} cut-off (${cutoff} local) has passed until ${iso(opensAt)}`, until: opensAt }];
}

/** The debit end only: what `acquire` would reserve against today's limit, today being the bank's day at `at`. */
function dailyLimitAt(view: Extract<ChannelView, { configured: true }>, amount: Decimal, at: number): Obstacle[] {
  const { config, usage } = view;
  const limit = new Money(config.dailyLimit);
  if (amount.greaterThan(limit))
    return [{ reason: `${formatAmount(amount)} is above its whole daily limit ${formatAmount(limit)}`, until: null }];
  const sameDay = localDayOf(at, config.utcOffsetMinutes) <= usage.day;
  const used = sameDay ? new Money(usage.usedToday) : new Money(0);
  const debits = sameDay ? usage.debits : 0;
  const nextDay = nextLocalMidnight(at, config.utcOffsetMinutes);
  const after = used.plus(amount);
  if (after.greaterThan(limit)) {
    const reason = `a debit of ${formatAmount(amount)} would take today's debits to ${formatAmount(after)}, above its daily limit ${formatAmount(limit)}`;
    return [{ reason, until: nextDay }];
  }
  if (debits >= debitsPerDayMax)
    return [{ reason: `it took ${debitsPerDayMax} debits today, the most it tracks in a day`, until: nextDay }];
  return [];
}

/** The instant of the speed's cut-off on the bank's local day of `now`; null for "24:00" (no cut-off). */
function cutoffOf(config: ChannelConfigJson, cutoff: string, now: number): number | null {
  if (minuteOfDay(cutoff) >= 24 * 60) return null;
  return atLocalClock(localMidnightOf(now, config.utcOffsetMinutes), cutoff);
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
