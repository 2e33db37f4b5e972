/** The engine's settings the account actor follows, the same for every account (engine/config.ts). */
export interface AccountPolicy {
  /**
   * Booking days whose net movement an account keeps (ADR 014 §2), counted back from the newest booking day it
   * holds: the ledger as of a day before them is refused, and no entry may be booked on one.
   */
  readonly ledgerDaysKept: number;
}

/**
 * At least two: the window must hold both the turn's day and the next one (an entry may be booked a day ahead), so
 * that booking on tomorrow never closes today.
 */
export const ledgerDaysKeptMin = 2;
/** Ten years: a bound on the days one account holds in memory and in its snapshot. */
export const ledgerDaysKeptMax = 3_660;

export const defaultAccountPolicy: AccountPolicy = { ledgerDaysKept: 400 };
