import { createHash } from "node:crypto";
import type { Decimal } from "decimal.js";
import { addDays } from "../actors/shared/booking-day.js";
import type { FoundDifference, InternalRecord, StatementLine } from "./model.js";
import type { MatchTolerance } from "./matching/index.js";

/**
 * The pure parts of one account and day's run (ADR 014 §3): which lines and records it reads, which of matching's
 * differences belong to the day, and the digest that says whether two runs read the same.
 */

/** A statement's lines booked (or, pending, expected) on `date`: a statement of several days gives only that day's. */
export function linesOfDay(lines: readonly StatementLine[], date: string): StatementLine[] {
  return lines.filter((line) => line.bookingDate === date);
}

/** The booking days whose records a day's lines may match: `date` ± the date tolerance. */
export function recordWindow(date: string, dateDays: number): { readonly fromDate: string; readonly toDate: string } {
  return { fromDate: addDays(date, -dateDays), toDate: addDays(date, dateDays) };
}

/**
 * The differences that belong to `date`. A neighbouring day's record is read so that a line booked a day late still
 * finds it; left unmatched, it is that day's business (its own statement may show it), not missing at the bank on
 * this one. An adjustment left unmatched is not missing at the bank either: it is the engine correcting its own book
 * by resolving a difference (a fee the bank never charged, a balance gap), approved as such, and no bank line will
 * ever show it. One that answers a line (interest the engine did not know) still matches that line. Everything else
 * matching found names a line of this day, or a record booked on it.
 */
export function differencesOfDay(
  differences: readonly FoundDifference[],
  records: readonly InternalRecord[],
  date: string,
): FoundDifference[] {
  const byId = new Map(records.map((record) => [record.recordId, record]));
  return differences.filter(
    (d) =>
      d.class !== "missingAtBank" ||
      d.records.every(
        (recordId) => byId.get(recordId)?.bookingDate === date && byId.get(recordId)?.kind !== "adjustment",
      ),
  );
}

/** A line's effect on the bank's book: a credit adds, a debit takes away. */
export function signedAmount(line: Pick<StatementLine, "direction" | "amount">): Decimal {
  return line.direction === "credit" ? line.amount : line.amount.negated();
}

/** Everything a run reads besides the statement's lines, which its digest names. */
export interface DayInputs {
  readonly statementDigest: string;
  readonly date: string;
  readonly records: readonly InternalRecord[];
  /** The ledger at the end of the day before and of the day; undefined when beyond the account's retention. */
  readonly ledgerBefore: Decimal | undefined;
  readonly ledgerAt: Decimal | undefined;
  readonly tolerance: MatchTolerance;
}

/**
 * SHA-256 (hex) of a run's inputs in a canonical form: records in (booking date, record id) order, absent fields as
 * null, amounts as exact decimals without trailing zeros. Two runs with the same digest read the same and find the
 * same, so the reconciliation actor records the second as unchanged.
 */
export function inputsDigestOf(inputs: DayInputs): string {
  const records = [...inputs.records]
    .sort(recordOrder)
    .map((r) => [
      r.recordId,
      r.kind,
      r.direction,
      r.amount.toFixed(),
      r.bookingDate,
      r.serial ?? null,
      r.bankReference ?? null,
      r.reference ?? null,
      r.booked,
      r.transferId ?? null,
    ]);
  const canonical = JSON.stringify({
    statement: inputs.statementDigest,
    date: inputs.date,
    records,
    ledgerBefore: inputs.ledgerBefore?.toFixed() ?? null,
    ledgerAt: inputs.ledgerAt?.toFixed() ?? null,
    tolerance: { dateDays: inputs.tolerance.dateDays, amount: inputs.tolerance.amount.toFixed() },
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** Booking date, then record id by code units (never the locale's: the digest must be the same on every node). */
function recordOrder(a: InternalRecord, b: InternalRecord): number {
  if (a.bookingDate !== b.bookingDate) return a.bookingDate < b.bookingDate ? -1 : 1;
  return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}
