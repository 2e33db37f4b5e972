import type { Decimal } from "decimal.js";
import { StatementRefused } from "./errors.js";
import { fieldPlace, type Mt940Field } from "./mt940-fields.js";
import { calendarDate, quoted, unsignedAmount, yearOfTwoDigits } from "./values.js";

/** The SWIFT notations MT940 writes amounts, dates and balances in. */

/**
 * A SWIFT amount (15d): digits with a decimal comma that is always there, decimals optional ("1250,", "0,5").
 * Rewritten with a point and read by the common rule, which bounds its decimal places.
 */
export function swiftAmount(text: string, place: string): Decimal {
  const match = /^(\d+),(\d*)$/.exec(text);
  if (match === null || text.length > 15)
    throw new StatementRefused(place, `${quoted(text)} is not a SWIFT amount (digits and a decimal comma)`);
  return unsignedAmount(match[2] === "" ? match[1]! : `${match[1]}.${match[2]}`, place);
}

/** YYMMDD as YYYY-MM-DD, YY below 80 being 20YY. */
export function swiftDate(text: string, place: string): string {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  const date = match && calendarDate(yearOfTwoDigits(Number(match[1])), Number(match[2]), Number(match[3]));
  if (!date) throw new StatementRefused(place, `${quoted(text)} is not a date (YYMMDD)`);
  return date;
}

/**
 * An entry date written MMDD after a value date: its year is the one that puts it nearest the value date, so a
 * value date of 31 December booked on 2 January falls in the next year, and one of 2 January booked on 31 December
 * in the year before.
 */
export function entryDateNear(monthDay: string, valueDate: string, place: string): string {
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(2, 4));
  const year = Number(valueDate.slice(0, 4));
  const value = Date.parse(valueDate);
  let nearest: { date: string; days: number } | undefined;
  for (const candidate of [year - 1, year, year + 1]) {
    const date = calendarDate(candidate, month, day);
    if (date === undefined) continue;
    const days = Math.abs(Date.parse(date) - value) / 86_400_000;
    if (nearest === undefined || days < nearest.days) nearest = { date, days };
  }
  if (nearest === undefined) throw new StatementRefused(place, `${quoted(monthDay)} is not an entry date (MMDD)`);
  return nearest.date;
}

export interface SwiftBalance {
  /** Signed: negative when the mark is D. */
  readonly amount: Decimal;
  readonly date: string;
  readonly currency: string;
}

/** A balance field (`:60F:`, `:62F:`...): D/C mark, YYMMDD, currency, amount. */
export function swiftBalance(field: Mt940Field): SwiftBalance {
  const place = fieldPlace(field);
  if (field.lines.length > 1) throw new StatementRefused(place, "a balance is one line");
  const text = field.lines[0]!;
  const match = /^([CD])(\d{6})([A-Z]{3})(.*)$/.exec(text);
  if (match === null)
    throw new StatementRefused(place, `${quoted(text)} is not a balance (C or D, YYMMDD, currency, amount)`);
  const magnitude = swiftAmount(match[4]!, place);
  return {
    amount: match[1] === "D" && !magnitude.isZero() ? magnitude.negated() : magnitude,
    date: swiftDate(match[2]!, place),
    currency: match[3]!,
  };
}
