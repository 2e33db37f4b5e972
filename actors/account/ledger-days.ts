import type { Decimal } from "decimal.js";
import type { Rejection } from "../../runtime/actor-kind.js";
import { addDays, laterDay } from "../shared/booking-day.js";
import { Money } from "../shared/amount.js";
import { reject, type AccountRejectionCode } from "./rejections.js";
import type { AccountState } from "./state.js";

/*
 * The ledger per booking day (ADR 014 §2). Every movement of the ledger is booked on a day; the account keeps the net
 * movement of each day of a window that ends at the newest day it holds, so that the ledger at the end of a kept day
 * is the ledger now minus what was booked after it. Everything here is pure and reads days from events only, never a
 * clock, so a replay prunes exactly as the first run did.
 */

const zero = new Money(0);

/**
 * The state after a signed movement of the ledger booked on `day`. A movement without a day (an event from a journal
 * written before booking dates) moves the ledger but no day, and leaves every day unknown until the next dated
 * movement, which opens the window at its own day: the undated movements happened on or before it.
 */
export function withMovement(
  state: AccountState,
  signed: Decimal,
  day: string | undefined,
  daysKept: number,
): AccountState {
  const ledger = state.ledger.plus(signed);
  if (day === undefined) return { ...state, ledger, undatedMovement: true };
  const oldest = laterDay(
    laterDay(state.oldestDayKept, addDays(day, 1 - daysKept)),
    state.undatedMovement ? day : undefined,
  )!;
  const ledgerDays = new Map(state.ledgerDays);
  // A day before the window (only when the window was narrowed since) counts in the ledger, like a pruned day.
  if (day >= oldest) ledgerDays.set(day, (ledgerDays.get(day) ?? zero).plus(signed));
  if (oldest !== state.oldestDayKept) {
    for (const kept of ledgerDays.keys()) if (kept < oldest) ledgerDays.delete(kept);
  }
  return { ...state, ledger, ledgerDays, oldestDayKept: oldest, undatedMovement: false };
}

/** The ledger at the end of `date`, and the net movement booked after it. */
export interface LedgerAsOf {
  readonly ledger: Decimal;
  readonly bookedAfter: Decimal;
}

/**
 * The ledger at the end of `date` (YYYY-MM-DD): the ledger now minus the movements booked after it. Refused with
 * `as_of_beyond_retention` for a day before the window, where the answer could be wrong.
 */
export function ledgerAsOf(state: AccountState, date: string): LedgerAsOf | Rejection<AccountRejectionCode> {
  if (state.undatedMovement)
    return reject(
      "as_of_beyond_retention",
      `the ledger as of ${date} is not known: movements recorded before booking dates have no day; the next booked movement opens the window`,
    );
  if (state.oldestDayKept !== undefined && date < state.oldestDayKept)
    return reject(
      "as_of_beyond_retention",
      `the ledger as of ${date} is not known: the account keeps booking days from ${state.oldestDayKept} on`,
      { oldestDayKept: state.oldestDayKept },
    );
  let bookedAfter: Decimal = zero;
  for (const [day, net] of state.ledgerDays) if (day > date) bookedAfter = bookedAfter.plus(net);
  return { ledger: state.ledger.minus(bookedAfter), bookedAfter };
}

/**
 * The days an entry may be booked on in a turn of `today`: up to the day after (a bank's next booking day), back to
 * the oldest day kept or the window's length before today, whichever is later. While undated movements wait for a
 * dated one, only today: a day before it might precede them.
 */
export function bookingDaysOpen(
  state: AccountState,
  today: string,
  daysKept: number,
): { readonly first: string; readonly last: string } {
  if (state.undatedMovement) return { first: today, last: today };
  return { first: laterDay(state.oldestDayKept, addDays(today, 1 - daysKept))!, last: addDays(today, 1) };
}
