import { unreachable } from "../../runtime/assert.js";
import { Money } from "../shared/amount.js";
import { callKeyOf, isBreakerSuccess } from "./commands.js";
import type { ChannelChange } from "./events.js";
import { configFromJson } from "./parse-config.js";
import {
  closedBreaker,
  noDebits,
  observationsKept,
  trialCallExpiryMs,
  type BreakerState,
  type ChannelState,
  type Observation,
} from "./state.js";

/**
 * Applies one event (its health is not read, so `decide` can apply a change before the health exists).
 * Pure: returns a new state and copies only what the event changes.
 */
export function evolveChannel(state: ChannelState, event: ChannelChange): ChannelState {
  switch (event.type) {
    case "channelConfigured":
      return { ...state, config: configFromJson(event.config) };
    case "limitReserved": {
      // The first reservation of a local day drops the previous day's usage: the limit is per day.
      const usage =
        state.usage.day === event.day ? state.usage : { day: event.day, used: new Money(0), debits: noDebits };
      const amount = new Money(event.amount);
      return {
        ...state,
        usage: {
          day: event.day,
          used: usage.used.plus(amount),
          debits: usage.debits.with(event.transferId, amount),
        },
      };
    }
    case "limitReleased": {
      const amount = state.usage.debits.get(event.transferId);
      if (state.usage.day !== event.day || amount === undefined) return state;
      const debits = state.usage.debits.without(event.transferId);
      return { ...state, usage: { ...state.usage, used: state.usage.used.minus(amount), debits } };
    }
    case "trialCallStarted": {
      // Forget trials that expired: they no longer hold a slot, and the map stays within halfOpenCallsMax.
      const trials = new Map(
        [...state.breaker.trials].filter(([, acquiredAt]) => acquiredAt + trialCallExpiryMs > event.acquiredAt),
      );
      trials.set(callKeyOf(event.transferId, event.step), event.acquiredAt);
      return { ...state, breaker: { ...state.breaker, trials } };
    }
    case "callReported": {
      const trials = new Map(state.breaker.trials);
      trials.delete(callKeyOf(event.transferId, event.step));
      const breaker = observed({ ...state.breaker, trials }, isBreakerSuccess(event.outcome), event.trial);
      return {
        ...state,
        breaker,
        recent: withObservation(state.recent, { kind: event.outcome, latencyMs: event.latencyMs, at: event.at }),
      };
    }
    case "probeRecorded": {
      const breaker = observed(state.breaker, event.ok, true);
      return {
        ...state,
        breaker,
        recent: withObservation(state.recent, {
          kind: event.ok ? "probe_ok" : "probe_failed",
          latencyMs: event.latencyMs,
          at: event.at,
        }),
      };
    }
    case "circuitOpened":
      return {
        ...state,
        breaker: {
          ...state.breaker,
          circuit: "open",
          openedAt: event.openedAt,
          halfOpenSuccesses: 0,
          trials: new Map(),
        },
      };
    case "circuitHalfOpened":
      return { ...state, breaker: { ...state.breaker, circuit: "half_open", halfOpenSuccesses: 0, trials: new Map() } };
    case "circuitClosed":
      return { ...state, breaker: { ...closedBreaker, consecutiveFailures: state.breaker.consecutiveFailures } };
    default:
      return unreachable(event);
  }
}

/** Counts one outcome; only outcomes that decide a half-open circuit (trials, probes) count as its successes. */
function observed(breaker: BreakerState, success: boolean, decidesHalfOpen: boolean): BreakerState {
  if (!success) return { ...breaker, consecutiveFailures: breaker.consecutiveFailures + 1 };
  const halfOpenSuccesses =
    breaker.circuit === "half_open" && decidesHalfOpen ? breaker.halfOpenSuccesses + 1 : breaker.halfOpenSuccesses;
  return { ...breaker, consecutiveFailures: 0, halfOpenSuccesses };
}

function withObservation(recent: readonly Observation[], observation: Observation): readonly Observation[] {
  return [...recent, observation].slice(-observationsKept);
}
