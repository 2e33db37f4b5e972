import type { DecideContext, ReminderRequest } from "../../runtime/actor-kind.js";
import { assert } from "../../runtime/assert.js";
import type { BookingAction } from "./classes.js";
import type { ReconciliationEvent } from "./events.js";
import { bookingEffect, type BookingEffect } from "./effects.js";
import { evolveReconciliation } from "./evolve.js";
import type { ReconciliationKey } from "./id.js";
import type { Difference, ReconciliationState } from "./state.js";

/** The reminder that resends a difference's booking while no answer came. */
export function bookingGuardKey(differenceId: string): string {
  return `book-${differenceId}`;
}

/**
 * How long after send number `send` the guard sends again: 10 s, doubling, at most 10 minutes, until answered. Sends
 * are counted over all of a difference's bookings, so a second booking after a failed one starts further apart.
 */
export function resendDelayMs(send: number): number {
  return Math.min(10_000 * 2 ** (send - 1), 600_000);
}

/** The send and its guard, for the difference as `events` leave it (its booking pending, `bookingSends` counted). */
export function bookingSend(
  key: ReconciliationKey,
  state: ReconciliationState,
  events: readonly ReconciliationEvent[],
  differenceId: string,
  context: DecideContext,
): { effect: BookingEffect; guard: ReminderRequest } {
  const after = events.reduce(evolveReconciliation, state);
  const d = after.differences.get(differenceId);
  assert(d?.booking?.status === "pending", `difference ${differenceId} has no pending booking to send`);
  assert(after.currency !== null, "a difference exists only after a run, which sets the currency");
  return { effect: bookingEffect(key, after.currency, d), guard: guardOf(d, context.now) };
}

function guardOf(d: Difference, now: number): ReminderRequest {
  return {
    key: bookingGuardKey(d.differenceId),
    dueAt: now + resendDelayMs(d.bookingSends),
    command: { type: "redeliver", payload: { differenceId: d.differenceId } },
  };
}

/**
 * What an answer to a booking does: a success is always taken, even after a failure (a late answer of an earlier
 * send: the account holds the adjustment, whatever was decided since), unless it was taken already; a failure only
 * while the booking is pending. Undefined: the answer is stale and changes nothing.
 */
export function answerEvent(
  d: Difference,
  answer: { action: BookingAction; ok: true } | { action: BookingAction; ok: false; reason: string },
  context: DecideContext,
): ReconciliationEvent | undefined {
  const booking = d.booking;
  if (!booking || booking.action !== answer.action || booking.status === "booked") return undefined;
  const stamp = { differenceId: d.differenceId, action: answer.action, by: context.principal, at: context.now };
  if (answer.ok) return { type: "resolutionBooked", late: booking.status === "failed", ...stamp };
  if (booking.status !== "pending") return undefined;
  return { type: "bookingFailed", reason: answer.reason, ...stamp };
}
