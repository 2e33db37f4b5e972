import type { Decimal } from "decimal.js";
import type { InternalRecord, StatementLine } from "../model.js";
import { dayNumber } from "./days.js";
import { MatchingInputError } from "./errors.js";
import { dateDaysMax, decimalPlacesMax, type MatchInput } from "./types.js";

/** A statement line with its date as a day number and its amounts as integers of the input's smallest unit. */
export interface PreparedLine {
  /** Position in line order (ascending line number). */
  readonly index: number;
  readonly line: StatementLine;
  readonly day: number;
  readonly units: bigint;
  /** Each detail's amount in units, undefined where the detail states none. */
  readonly detailUnits: readonly (bigint | undefined)[];
}

/** An internal record prepared the same way. */
export interface PreparedRecord {
  /** Position in record order (booking date, then record id). */
  readonly index: number;
  readonly record: InternalRecord;
  readonly day: number;
  readonly units: bigint;
}

/** The input in canonical order, so that the result does not depend on the order of the arrays given. */
export interface Prepared {
  readonly lines: readonly PreparedLine[];
  readonly records: readonly PreparedRecord[];
  readonly dateDays: number;
  readonly toleranceUnits: bigint;
}

/** Validates and orders the input; throws `MatchingInputError` naming the first line or record at fault. */
export function prepare(input: MatchInput): Prepared {
  checkTolerance(input);
  const lines = [...input.lines].sort((a, b) => a.lineNo - b.lineNo);
  const records = [...input.records].sort(compareRecords);
  const days = new DayCache();
  const toleranceScale = amountPlaces(input.tolerance.amount);
  if (typeof toleranceScale === "string") throw new MatchingInputError(`tolerance.amount ${toleranceScale}`);
  const scale = checkLines(lines, days, checkRecords(records, days, toleranceScale));
  return {
    lines: lines.map((line, index) => ({
      index,
      line,
      day: days.of(line.bookingDate),
      units: toUnits(line.amount, scale),
      detailUnits: line.details.map((detail) =>
        detail.amount === undefined ? undefined : toUnits(detail.amount, scale),
      ),
    })),
    records: records.map((record, index) => ({
      index,
      record,
      day: days.of(record.bookingDate),
      units: toUnits(record.amount, scale),
    })),
    dateDays: input.tolerance.dateDays,
    toleranceUnits: toUnits(input.tolerance.amount, scale),
  };
}

/** Record order: booking date, then record id (code-unit order, the same on every machine). */
function compareRecords(a: InternalRecord, b: InternalRecord): number {
  if (a.bookingDate !== b.bookingDate) return a.bookingDate < b.bookingDate ? -1 : 1;
  if (a.recordId === b.recordId) return 0;
  return a.recordId < b.recordId ? -1 : 1;
}

function checkTolerance(input: MatchInput): void {
  const { dateDays } = input.tolerance;
  if (!Number.isInteger(dateDays) || dateDays < 0 || dateDays > dateDaysMax)
    throw new MatchingInputError(`tolerance.dateDays must be an integer from 0 to ${dateDaysMax}, not ${dateDays}`);
}

/** Checks every line; answers the largest number of decimal places seen, `scale` included. */
function checkLines(lines: readonly StatementLine[], days: DayCache, scale: number): number {
  let largest = scale;
  let previous: number | undefined;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.lineNo) || line.lineNo < 1)
      refuseLine(line, "the line number must be a positive integer");
    if (line.lineNo === previous) refuseLine(line, "the line number appears twice");
    previous = line.lineNo;
    if (!isDirection(line.direction)) refuseLine(line, `direction "${line.direction}" is neither credit nor debit`);
    if (line.status !== "booked" && line.status !== "pending")
      refuseLine(line, `status "${String(line.status)}" is neither booked nor pending`);
    if (Number.isNaN(days.of(line.bookingDate)))
      refuseLine(line, `booking date "${line.bookingDate}" is not a YYYY-MM-DD date`);
    largest = Math.max(largest, lineAmountPlaces(line, line.amount, "amount"));
    for (const [position, detail] of line.details.entries()) {
      if (detail.amount !== undefined)
        largest = Math.max(largest, lineAmountPlaces(line, detail.amount, `detail ${position + 1} amount`));
    }
  }
  return largest;
}

function checkRecords(records: readonly InternalRecord[], days: DayCache, scale: number): number {
  let largest = scale;
  // Sorted by date first, so the same id on two dates is not adjacent: a set finds it.
  const ids = new Set<string>();
  for (const record of records) {
    if (record.recordId === "") throw new MatchingInputError("a record has an empty record id");
    if (ids.has(record.recordId)) refuseRecord(record, "the record id appears twice");
    ids.add(record.recordId);
    if (!isDirection(record.direction))
      refuseRecord(record, `direction "${record.direction}" is neither credit nor debit`);
    if (Number.isNaN(days.of(record.bookingDate)))
      refuseRecord(record, `booking date "${record.bookingDate}" is not a YYYY-MM-DD date`);
    const places = amountPlaces(record.amount);
    if (typeof places === "string") refuseRecord(record, `amount ${places}`);
    largest = Math.max(largest, places);
  }
  return largest;
}

// The place of a refusal is written only when refusing: 100,000 lines would otherwise make as many strings.
function refuseLine(line: StatementLine, problem: string): never {
  throw new MatchingInputError(`line ${line.lineNo} (${line.place}): ${problem}`);
}

function refuseRecord(record: InternalRecord, problem: string): never {
  throw new MatchingInputError(`record ${record.recordId}: ${problem}`);
}

function lineAmountPlaces(line: StatementLine, amount: Decimal, name: string): number {
  const places = amountPlaces(amount);
  if (typeof places === "string") refuseLine(line, `${name} ${places}`);
  return places;
}

function isDirection(direction: string): boolean {
  return direction === "credit" || direction === "debit";
}

/** Decimal places of a non-negative finite amount, or what is wrong with it. */
function amountPlaces(amount: Decimal): number | string {
  if (!amount.isFinite()) return "is not a finite number";
  if (amount.isNegative() && !amount.isZero()) return "must not be negative: the direction says which way money moved";
  const places = amount.decimalPlaces();
  if (places > decimalPlacesMax) return `has ${places} decimal places, more than ${decimalPlacesMax}`;
  return places;
}

/** An amount as an exact integer count of 10^-scale: sums and comparisons without rounding or Decimal objects. */
function toUnits(amount: Decimal, scale: number): bigint {
  return BigInt(amount.abs().toFixed(scale).replace(".", ""));
}

/** Dates repeat a lot in a statement: parse each once. NaN stands for a malformed date. */
class DayCache {
  private readonly days = new Map<string, number>();

  of(date: string): number {
    let day = this.days.get(date);
    if (day === undefined) {
      day = dayNumber(date) ?? Number.NaN;
      this.days.set(date, day);
    }
    return day;
  }
}
