import type { DifferenceClass, MatchRule } from "../model.js";
import type { MatchResult } from "./types.js";

/** Counts of one matching run, for reports and metrics. */
export interface MatchSummary {
  readonly matchesByRule: Record<MatchRule, number>;
  readonly differencesByClass: Record<DifferenceClass, number>;
  readonly linesMatched: number;
  readonly recordsMatched: number;
  readonly pending: number;
  readonly evidence: number;
  readonly sumSearchCut: boolean;
}

export function summarize(result: MatchResult): MatchSummary {
  const matchesByRule: Record<MatchRule, number> = {
    serial: 0,
    bankReference: 0,
    entryReference: 0,
    batchDetails: 0,
    amountAndDate: 0,
    batchSum: 0,
    splitSum: 0,
  };
  const differencesByClass: Record<DifferenceClass, number> = {
    missingAtBank: 0,
    missingInEngine: 0,
    amountDiffers: 0,
    duplicate: 0,
    openingBalanceDiffers: 0,
    closingBalanceDiffers: 0,
  };
  let linesMatched = 0;
  let recordsMatched = 0;
  for (const match of result.matches) {
    matchesByRule[match.rule] += 1;
    linesMatched += match.lines.length;
    recordsMatched += match.records.length;
  }
  for (const difference of result.differences) differencesByClass[difference.class] += 1;
  return {
    matchesByRule,
    differencesByClass,
    linesMatched,
    recordsMatched,
    pending: result.pending.length,
    evidence: result.evidence.length,
    sumSearchCut: result.sumSearchCut,
  };
}
