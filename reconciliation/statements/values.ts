import type { Decimal } from "decimal.js";
import { fitsAmount, Money } from "../../actors/shared/amount.js";
import { truncateText } from "../../runtime/text.js";
import { StatementRefused } from "./errors.js";

/**
 * The values every statement format shares, checked the same way whatever the format: amounts as exact decimals
 * (`Money`), dates as real calendar days. Each parser first rewrites its own notation (MT940's decimal comma, a
 * CSV's DD.MM.YYYY) into the plain form read here, so one rule decides what an amount or a date is.
 */

/** Digits, then optionally a point and digits: no sign, exponent, grouping or leading point. */
const plainDecimalPattern = /^(\d+)(?:\.(\d+))?$/;
export const amountDecimalPlacesMax = 4;

/** A value from the file, quoted and cut short, for messages. */
export function quoted(text: string, charactersMax = 40): string {
  return JSON.stringify(truncateText(text, charactersMax));
}

/** A balance's magnitude or any other amount that may be zero: a plain decimal, ≤ 4 places, below 10^16. */
export function unsignedAmount(text: string, place: string): Decimal {
  const match = plainDecimalPattern.exec(text);
  if (!match) throw new StatementRefused(place, `${quoted(text)} is not an amount`);
  if ((match[2]?.length ?? 0) > amountDecimalPlacesMax)
    throw new StatementRefused(place, `${quoted(text)} has more than ${amountDecimalPlacesMax} decimal places`);
  const amount = new Money(text);
  if (!fitsAmount(amount))
    throw new StatementRefused(place, `${quoted(text)} is too large (16 integer digits at most)`);
  return amount;
}

/** A line's amount: a plain decimal as above, and more than zero (the direction says which way it moved). */
export function lineAmount(text: string, place: string): Decimal {
  return positive(unsignedAmount(text, place), text, place);
}

/** A line's amount read in another notation (`text` as written), refused when zero. */
export function positive(amount: Decimal, text: string, place: string): Decimal {
  if (amount.isZero()) throw new StatementRefused(place, `${quoted(text)}: a line's amount must be more than zero`);
  return amount;
}

/** An amount with an optional leading sign ("-12.50", "+3"): a CSV's signed amount or balance. */
export function signedAmount(text: string, place: string): Decimal {
  const sign = text.startsWith("-") ? -1 : 1;
  const magnitude = unsignedAmount(/^[+-]/.test(text) ? text.slice(1) : text, place);
  return sign < 0 && !magnitude.isZero() ? magnitude.negated() : magnitude;
}

/** YYYY-MM-DD of a real day, or undefined (February 30th, month 13). */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date that is a real calendar day. */
export function isoDate(text: string, place: string): string {
  const match = isoDatePattern.exec(text);
  const date = match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (date === undefined) throw new StatementRefused(place, `${quoted(text)} is not a date (YYYY-MM-DD)`);
  return date;
}

/** ISO 8601 date and time as ISO 20022 writes it: seconds required, fraction and offset optional. */
const isoDateTimePattern =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** A date and time, checked and returned as given (the bank's own offset kept). */
export function isoDateTime(text: string, place: string): string {
  const match = isoDateTimePattern.exec(text);
  if (!match) throw new StatementRefused(place, `${quoted(text)} is not a date and time (YYYY-MM-DDThh:mm:ss)`);
  isoDate(match[1]!, place);
  return text;
}

/**
 * The day of a date and time, as the bank wrote it: the local day in the bank's offset, not converted to UTC, since
 * a booking day is the bank's business day.
 */
export function dayOfDateTime(text: string, place: string): string {
  return isoDateTime(text, place).slice(0, 10);
}

/** The SWIFT century window: YY below 80 is 20YY, else 19YY. */
export function yearOfTwoDigits(twoDigits: number): number {
  return twoDigits < 80 ? 2000 + twoDigits : 1900 + twoDigits;
}
