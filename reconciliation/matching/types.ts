import type { Decimal } from "decimal.js";
import type { FoundDifference, InternalRecord, Match, MatchRule, StatementLine } from "../model.js";

/** How far a line and a record may differ and still be paired by amount and date (ADR 014 §3, rule 5). */
export interface MatchTolerance {
  /** Largest booking-date distance in days; an integer from 0 to `dateDaysMax`. */
  readonly dateDays: number;
  /** Largest amount difference still counted as equal; zero or positive. */
  readonly amount: Decimal;
}

/** One account's statement lines and the engine's records for the same days. */
export interface MatchInput {
  readonly lines: readonly StatementLine[];
  readonly records: readonly InternalRecord[];
  readonly tolerance: MatchTolerance;
}

/** A line matched to a record the engine has not booked yet (a step in transit or unknown): the bank's answer. */
export interface MatchEvidence {
  /** The match's first line. */
  readonly line: number;
  readonly recordId: string;
  readonly rule: MatchRule;
}

export interface MatchResult {
  /** Sorted by first line number, then first record. */
  readonly matches: Match[];
  /** Sorted by class, then first line, then first record. */
  readonly differences: FoundDifference[];
  /** Line numbers of the pending lines, ascending: listed, never matched. */
  readonly pending: number[];
  readonly evidence: MatchEvidence[];
  /** True when the bounded search of the sum rules stopped early: some sums may have gone unfound. */
  readonly sumSearchCut: boolean;
}

/** Upper bound of `MatchTolerance.dateDays`: a window wider than a month pairs unrelated movements. */
export const dateDaysMax = 31;

/** Decimal places an amount may carry: exact integer arithmetic in units of 10^-scale. */
export const decimalPlacesMax = 18;
