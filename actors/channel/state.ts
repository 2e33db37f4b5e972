import { RecentMap } from "../shared/recent-map.js";
import type { Decimal } from "decimal.js";
import { assert } from "../../runtime/assert.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { Money } from "../shared/amount.js";
import { decodeRows, encodeRows } from "../shared/snapshot-rows.js";
import { localDayOf } from "./local-time.js";
import { callOutcomes, type CallOutcome } from "./commands.js";
import { configToJson, type ChannelConfig } from "./config.js";
import type { HealthJson } from "./events.js";
import { configFromJson } from "./parse-config.js";

export type Circuit = "closed" | "open" | "half_open";
export const circuits: readonly Circuit[] = ["closed", "open", "half_open"];

/** The circuit breaker (ADR 006 §4). Invariants in `assertBreaker`. */
export interface BreakerState {
  readonly circuit: Circuit;
  /** Failures since the last success, calls and probes alike. */
  readonly consecutiveFailures: number;
  /** Set while open or half-open. */
  readonly openedAt: number | undefined;
  /** Successes of trial calls and probes since the circuit half-opened. */
  readonly halfOpenSuccesses: number;
  /** Half-open trial calls not yet reported: call key → acquiredAt. */
  readonly trials: ReadonlyMap<string, number>;
}

/** Debits acquired on one local day: only the current day is kept, a new day starts fresh. */
export interface DayUsage {
  readonly day: string;
  readonly used: Decimal;
  /** transferId → amount, reserved and not released, in the order reserved (at most `debitsPerDayMax`). */
  readonly debits: RecentMap<Decimal>;
}

/** One call outcome or probe result, for the health summary. */
export interface Observation {
  readonly kind: CallOutcome | "probe_ok" | "probe_failed";
  readonly latencyMs: number;
  readonly at: number;
}

export interface ChannelState {
  readonly config: ChannelConfig | undefined;
  readonly breaker: BreakerState;
  readonly usage: DayUsage;
  /** The last `observationsKept` observations, oldest first. */
  readonly recent: readonly Observation[];
}

/** Bounds of the state (put a limit on everything). */
export const observationsKept = 50;
/** Debit reservations per local day: keeps the idempotency set bounded; beyond it, debits wait for the next day. */
export const debitsPerDayMax = 10_000;
/** A trial that was never reported (its transfer crashed) stops holding a half-open slot after this long. */
export const trialCallExpiryMs = 120_000;

const zero = new Money(0);
/** A day's debits before the first: shared, never changed (a RecentMap returns a new map on every change). */
export const noDebits = RecentMap.empty<Decimal>(debitsPerDayMax);

export const closedBreaker: BreakerState = {
  circuit: "closed",
  consecutiveFailures: 0,
  openedAt: undefined,
  halfOpenSuccesses: 0,
  trials: new Map(),
};

export const initialChannelState: ChannelState = {
  config: undefined,
  breaker: closedBreaker,
  usage: { day: "", used: zero, debits: noDebits },
  recent: [],
};

export function healthOf(state: ChannelState): HealthJson {
  return {
    circuit: state.breaker.circuit,
    consecutiveFailures: state.breaker.consecutiveFailures,
    openedAt: state.breaker.openedAt ?? null,
  };
}

/** The breaker's invariants: what must hold after every event, whatever the commands were. */
export function assertBreaker(breaker: BreakerState): void {
  const { circuit, openedAt, halfOpenSuccesses, trials, consecutiveFailures } = breaker;
  assert(circuits.includes(circuit), `unknown circuit state ${String(circuit)}`);
  assert(Number.isSafeInteger(consecutiveFailures) && consecutiveFailures >= 0, "consecutive failures must be a count");
  assert(
    (circuit === "closed") === (openedAt === undefined),
    "openedAt is set exactly while the circuit is not closed",
  );
  assert(
    circuit === "half_open" || (halfOpenSuccesses === 0 && trials.size === 0),
    "only a half-open circuit counts trials",
  );
}

const trialFields = ["key", "at"] as const;
const debitFields = ["id", "amount"] as const;
const observationFields = ["kind", "latencyMs", "at"] as const;

export function encodeChannelState(state: ChannelState): JsonObject {
  const { breaker, usage } = state;
  return {
    config: state.config ? configToJson(state.config) : null,
    breaker: {
      circuit: breaker.circuit,
      consecutiveFailures: breaker.consecutiveFailures,
      openedAt: breaker.openedAt ?? null,
      halfOpenSuccesses: breaker.halfOpenSuccesses,
      trials: encodeRows(trialFields, [...breaker.trials]),
    },
    usage: {
      day: usage.day,
      used: usage.used.toFixed(),
      debits: encodeRows(
        debitFields,
        [...usage.debits].map(([id, amount]) => [id, amount.toFixed()]),
      ),
    },
    recent: encodeRows(
      observationFields,
      state.recent.map((o) => [o.kind, o.latencyMs, o.at]),
    ),
  };
}

export function decodeChannelState(encoded: JsonObject): ChannelState {
  const fail = (what: string): never => {
    throw new TypeError(`not an encoded channel state: ${what}`);
  };
  const object = (value: Json | undefined, what: string): JsonObject => (isJsonObject(value) ? value : fail(what));
  const text = (value: Json | undefined, what: string): string => (typeof value === "string" ? value : fail(what));
  const count = (value: Json | undefined, what: string): number =>
    typeof value === "number" && Number.isSafeInteger(value) ? value : fail(what);
  const rows = (value: Json | undefined, what: string, fields: readonly string[]): Json[][] =>
    decodeRows(fields, value) ?? fail(what);
  const breakerJson = object(encoded["breaker"], "breaker");
  const usageJson = object(encoded["usage"], "usage");
  const circuit = breakerJson["circuit"];
  if (!circuits.includes(circuit as Circuit)) fail("circuit");
  const openedAt = breakerJson["openedAt"];
  const breaker: BreakerState = {
    circuit: circuit as Circuit,
    consecutiveFailures: count(breakerJson["consecutiveFailures"], "consecutiveFailures"),
    openedAt: openedAt === null ? undefined : count(openedAt, "openedAt"),
    halfOpenSuccesses: count(breakerJson["halfOpenSuccesses"], "halfOpenSuccesses"),
    trials: new Map(
      rows(breakerJson["trials"], "trials", trialFields).map(([key, at]) => [
        text(key, "trial key"),
        count(at, "trial time"),
      ]),
    ),
  };
  assertBreaker(breaker);
  const config = encoded["config"];
  return {
    config: config === null ? undefined : configFromJson(object(config, "config")),
    breaker,
    usage: {
      day: text(usageJson["day"], "day"),
      used: new Money(text(usageJson["used"], "used")),
      debits: RecentMap.of(
        debitsPerDayMax,
        rows(usageJson["debits"], "debits", debitFields).map(([id, amount]) => [
          text(id, "debit id"),
          new Money(text(amount, "debit amount")),
        ]),
      ),
    },
    recent: rows(encoded["recent"], "recent", observationFields).map(([kind, latencyMs, at]) => ({
      kind: [...callOutcomes, "probe_ok", "probe_failed"].includes(kind as string)
        ? (kind as Observation["kind"])
        : fail("observation"),
      latencyMs: count(latencyMs, "latency"),
      at: count(at, "observation time"),
    })),
  };
}

/** The usage of local day `day`: empty when the kept usage is of another day. */
export function usageOn(state: ChannelState, day: string): DayUsage {
  return state.usage.day === day ? state.usage : { day, used: zero, debits: noDebits };
}

/**
 * The daily limit's day at `now`: the bank's local day, but never one before the day last reserved. A UTC offset
 * moved backwards (a new configuration) must not open a day whose usage was already dropped: that would grant
 * its allowance twice.
 */
export function limitDayOf(state: ChannelState, utcOffsetMinutes: number, now: number): string {
  const day = localDayOf(now, utcOffsetMinutes);
  return day < state.usage.day ? state.usage.day : day;
}
