import type { ParseResult } from "../../runtime/actor-kind.js";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import { addDays, bookingDayOf, isBookingDay } from "../shared/booking-day.js";
import { parseFields, type Fields } from "../shared/fields.js";

/**
 * A job's `reconciliation run` (ADR 013 §7, ADR 014): reconcile one account, or every account with a statement of
 * the day, for a day or for the day before the slot's (UTC). It is no command of an actor: the engine runs the
 * reconciler for it (engine/reconciliation.ts), so only a job can name it.
 */
export type ReconciliationRun = {
  readonly type: "run";
  /** An account id `<bankCode>:<accountNumber>`; null: every account with a statement covering the day. */
  readonly account: string | null;
  /** YYYY-MM-DD, or `yesterday`: the UTC day before the slot's. */
  readonly date: string;
};

const allowedFields = { run: ["account", "date"] } as const;

/** The payload of a job's `reconciliation run`, checked when the job is put. */
export function parseReconciliationRun(type: string, payload: unknown): ParseResult<ReconciliationRun> {
  return parseFields("reconciliation run", type, payload, allowedFields, (_type, f) => ({
    type: "run",
    account: f.has("account") ? accountOf(f) : null,
    date: dateOf(f),
  }));
}

/** The day a run at `slot` (epoch ms) reconciles. */
export function runDayOf(run: ReconciliationRun, slot: number): string {
  return run.date === "yesterday" ? addDays(bookingDayOf(slot), -1) : run.date;
}

function accountOf(f: Fields): string {
  const value = f.raw("account");
  const colon = typeof value === "string" ? value.indexOf(":") : -1;
  if (
    typeof value !== "string" ||
    colon < 0 ||
    !bankCodePattern.test(value.slice(0, colon)) ||
    !accountNumberPattern.test(value.slice(colon + 1))
  )
    return f.fail("account", "an account id <bankCode>:<accountNumber>, e.g. BANKA:A1 (absent: every account)");
  return value;
}

function dateOf(f: Fields): string {
  const value = f.raw("date");
  return value === "yesterday" || isBookingDay(value)
    ? value
    : f.fail("date", 'a day YYYY-MM-DD or "yesterday" (the UTC day before the slot\'s)');
}
