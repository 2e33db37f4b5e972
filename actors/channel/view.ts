import type { JsonObject } from "../../runtime/json.js";
import { formatAmount } from "../shared/amount.js";
import { halfOpenAtOf } from "./breaker.js";
import { configToJson } from "./config.js";
import { limitDayOf, observationsKept, usageOn, type ChannelState, type Observation } from "./state.js";

/** The full view for `get`, as of `now`: an open circuit whose time is up reads as half-open, a past day as empty. */
export function describeChannel(state: ChannelState, now: number): JsonObject {
  const { config, breaker } = state;
  const halfOpenAt = config && breaker.openedAt !== undefined ? halfOpenAtOf(breaker.openedAt, config) : undefined;
  const circuit = breaker.circuit === "open" && halfOpenAt !== undefined && now >= halfOpenAt ? "half_open" : breaker.circuit;
  const breakerView = {
    circuit,
    consecutiveFailures: breaker.consecutiveFailures,
    openedAt: breaker.openedAt ?? null,
    halfOpenAt: breaker.circuit === "open" ? (halfOpenAt ?? null) : null,
    halfOpenSuccesses: breaker.halfOpenSuccesses,
    trialCalls: [...breaker.trials.keys()],
  };
  if (!config) return { configured: false, config: null, breaker: breakerView, usage: null, health: healthSummary(state.recent) };
  const usage = usageOn(state, limitDayOf(state, config.utcOffsetMinutes, now));
  return {
    configured: true,
    config: configToJson(config),
    breaker: breakerView,
    usage: {
      day: usage.day,
      usedToday: formatAmount(usage.used),
      dailyLimit: formatAmount(config.dailyLimit),
      remaining: formatAmount(config.dailyLimit.minus(usage.used)),
      debits: usage.debits.size,
    },
    health: healthSummary(state.recent),
  };
}

/** Counts of the last observations by kind, their mean latency and the time of the last one. */
function healthSummary(recent: readonly Observation[]): JsonObject {
  const counts: Record<Observation["kind"], number> = { succeeded: 0, rejected: 0, unknown: 0, transport_failure: 0, probe_ok: 0, probe_failed: 0 };
  let latencyTotal = 0;
  for (const observation of recent) {
    counts[observation.kind]++;
    latencyTotal += observation.latencyMs;
  }
  return {
    window: observationsKept,
    observed: recent.length,
    ...counts,
    meanLatencyMs: recent.length === 0 ? null : Math.round(latencyTotal / recent.length),
    lastObservedAt: recent.at(-1)?.at ?? null,
  };
}
