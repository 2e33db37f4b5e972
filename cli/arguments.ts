import { randomUUID } from "node:crypto";
import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { parseAccountKey } from "../actors/account/account-key.js";
import { parseAmount } from "../actors/shared/amount.js";
import { usageFailure } from "./failures.js";

/**
 * Parsers of command-line values: each returns the value as the wire wants it or throws commander's
 * InvalidArgumentError, which commander reports in one line and `liq` exits with 2 (nothing was sent).
 */

/** An account key as on the wire. */
export interface AccountKey {
  readonly bank_code: string;
  readonly account_number: string;
}

/** `BANK:NUMBER`, e.g. `HSBC:001`, checked by the engine's own rule (actors/account/account-key.ts). */
export function accountArgument(value: string): AccountKey {
  const colon = value.indexOf(":");
  if (colon < 0) throw new InvalidArgumentError(`expected BANK:NUMBER, e.g. HSBC:001`);
  const key = { bank_code: value.slice(0, colon), account_number: value.slice(colon + 1) };
  const parsed = parseAccountKey(key.bank_code, key.account_number);
  if (!parsed.ok) throw new InvalidArgumentError(`expected BANK:NUMBER: ${parsed.message}`);
  return key;
}

/** A positive amount as a decimal string, checked by the engine's rule (actors/shared/amount.ts), sent as given. */
export function amountArgument(value: string): string {
  const parsed = parseAmount(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
  return value;
}

/** A whole number from 1 to `max`. */
export function countArgument(max: number): (value: string) => number {
  return (value) => {
    const number = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= 1 && number <= max)) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return number;
  };
}

/** A sequence number or offset: a whole number from 0. */
export function sequenceArgument(value: string): number {
  const number = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new InvalidArgumentError("expected a whole number from 0");
  return number;
}

/** A point in time: epoch milliseconds, a date (2026-12-06, UTC midnight) or an ISO 8601 time with its zone. */
export function timeArgument(value: string): number {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const ms = shape.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InvalidArgumentError(
      "expected epoch milliseconds, a date (2026-12-06) or a time with its zone (2026-12-06T09:30:00Z)",
    );
  return ms;
}

/** A fresh idempotency key, for a call given none: shown, so that a repeat can reuse it. */
export function newRequestId(): string {
  return randomUUID();
}

/** The options of an accounting entry's amount (`accounts record`, `entries publish`): one of the two. */
export const entryAmountOption = {
  credit: () => new Option("--credit <amount>", "money in").argParser(amountArgument).conflicts("debit"),
  debit: () => new Option("--debit <amount>", "money out").argParser(amountArgument),
};

/** The day the bank booked an entry (`accounts record`, `entries publish`); checked by the engine's own parser. */
export const bookingDateOption = () =>
  new Option(
    "--booking-date <date>",
    "the day the bank booked it, YYYY-MM-DD (default: the day the engine records it, UTC)",
  );

/** An entry's fields from the command line, as the account's `recordEntry` takes them; the entry id made if absent. */
export function entryFields(options: {
  entry?: string;
  credit?: string;
  debit?: string;
  currency: string;
  description?: string;
  bookingDate?: string;
}) {
  const amount = options.credit ?? options.debit;
  if (amount === undefined) throw usageFailure("give the amount as --credit <amount> or --debit <amount>");
  const direction: "credit" | "debit" = options.credit !== undefined ? "credit" : "debit";
  return {
    entryId: options.entry ?? newRequestId(),
    direction,
    amount,
    currency: options.currency,
    ...(options.description !== undefined && { description: options.description }),
    ...(options.bookingDate !== undefined && { bookingDate: options.bookingDate }),
  };
}
