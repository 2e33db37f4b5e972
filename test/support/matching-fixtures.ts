import { Money } from "../../actors/shared/amount.js";
import type { LineDetail, StatementLine, InternalRecord, FoundDifference } from "../../reconciliation/model.js";
import type { MatchResult } from "../../reconciliation/matching/index.js";

/** A statement line for matching tests: booked, dated 2026-12-01, no keys unless given. */
export function line(
  lineNo: number,
  direction: "credit" | "debit",
  amount: string,
  fields: Partial<Omit<StatementLine, "amount" | "details">> & {
    details?: { amount?: string; endToEndId?: string; bankReference?: string }[];
  } = {},
): StatementLine {
  const { details = [], ...rest } = fields;
  return {
    lineNo,
    direction,
    amount: new Money(amount),
    status: "booked",
    bookingDate: "2026-12-01",
    valueDate: rest.bookingDate ?? "2026-12-01",
    bankReference: undefined,
    endToEndId: undefined,
    code: undefined,
    place: `Ntry[${lineNo}]`,
    ...rest,
    details: details.map((detail): LineDetail => ({
      amount: detail.amount === undefined ? undefined : new Money(detail.amount),
      endToEndId: detail.endToEndId,
      bankReference: detail.bankReference,
      remittance: undefined,
    })),
  };
}

/** An internal record for matching tests: booked, dated 2026-12-01, no keys unless given. */
export function record(
  recordId: string,
  direction: "credit" | "debit",
  amount: string,
  fields: Partial<Omit<InternalRecord, "recordId" | "direction" | "amount">> = {},
): InternalRecord {
  return {
    recordId,
    kind: recordId.startsWith("entry:") ? "entry" : "transferStep",
    direction,
    amount: new Money(amount),
    bookingDate: "2026-12-01",
    serial: undefined,
    bankReference: undefined,
    reference: undefined,
    booked: true,
    transferId: undefined,
    ...fields,
  };
}

/** A difference with its amount as a fixed string, for deep comparison. */
export interface PlainDifference extends Omit<FoundDifference, "amount"> {
  readonly amount: string;
}

export function plainDifferences(differences: readonly FoundDifference[]): PlainDifference[] {
  return differences.map((difference) => ({ ...difference, amount: difference.amount.toFixed(4) }));
}

/** The result with amounts as strings: two results are equal when their plain forms are deeply equal. */
export function plainResult(result: MatchResult): unknown {
  return { ...result, differences: plainDifferences(result.differences) };
}

/** The differences without their detail text: what a test compares exactly. */
export function differenceKeys(
  differences: readonly FoundDifference[],
): { class: string; lines: readonly number[]; records: readonly string[]; amount: string }[] {
  return differences.map((difference) => ({
    class: difference.class,
    lines: difference.lines,
    records: difference.records,
    amount: difference.amount.toFixed(4),
  }));
}
