import { unreachable } from "../../runtime/assert.js";
import type { ChannelConfig } from "./config.js";
import type { Turn } from "./turn.js";

/** The reminder that half-opens the circuit when nobody calls (ADR 006 §4). */
export const halfOpenReminderKey = "half-open";

/** When an open circuit may try again. */
export function halfOpenAtOf(openedAt: number, config: ChannelConfig): number {
  return openedAt + config.breaker.openForMs;
}

/**
 * Lazy half-open: an open circuit whose time is up half-opens before anything else is decided, so a caller never
 * waits for the reminder. The reminder is cancelled; it would only find the circuit half-open already.
 */
export function settleCircuit(turn: Turn, config: ChannelConfig, now: number): void {
  const { circuit, openedAt } = turn.state.breaker;
  if (circuit !== "open" || openedAt === undefined || now < halfOpenAtOf(openedAt, config)) return;
  turn.apply({ type: "circuitHalfOpened", at: now });
  turn.cancelReminder(halfOpenReminderKey);
}

export function openCircuit(turn: Turn, config: ChannelConfig, now: number, reason: string): void {
  const halfOpenAt = halfOpenAtOf(now, config);
  turn.apply({ type: "circuitOpened", openedAt: now, halfOpenAt, reason });
  scheduleHalfOpen(turn, halfOpenAt);
}

export function scheduleHalfOpen(turn: Turn, dueAt: number): void {
  turn.setReminder({ key: halfOpenReminderKey, dueAt, command: { type: "reopenCheck", payload: {} } });
}

/**
 * Moves the circuit after one outcome was applied (callReported / probeRecorded): closed opens at the threshold;
 * half-open reopens on any failure that decides it and closes after enough successes.
 */
export function afterOutcome(
  turn: Turn,
  config: ChannelConfig,
  now: number,
  success: boolean,
  decidesHalfOpen: boolean,
): void {
  const breaker = turn.state.breaker;
  switch (breaker.circuit) {
    case "closed":
      if (!success && breaker.consecutiveFailures >= config.breaker.failureThreshold) {
        openCircuit(
          turn,
          config,
          now,
          `${breaker.consecutiveFailures} consecutive failures (threshold ${config.breaker.failureThreshold})`,
        );
      }
      return;
    case "half_open":
      if (!decidesHalfOpen) return;
      if (!success) openCircuit(turn, config, now, "a half-open trial failed");
      else if (breaker.halfOpenSuccesses >= config.breaker.halfOpenSuccesses)
        turn.apply({ type: "circuitClosed", at: now });
      return;
    case "open":
      // Outcomes while open (late reports, probes) are counted but do not move it: only time half-opens it.
      return;
    default:
      return unreachable(breaker.circuit);
  }
}
