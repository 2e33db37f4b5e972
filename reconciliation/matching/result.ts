import type { DifferenceClass, FoundDifference, Match } from "../model.js";
import type { MatchEvidence, MatchResult } from "./types.js";
import type { FoundDifferenceAt, FoundMatch, Workspace } from "./workspace.js";

/** The order differences are listed in: the order of `DifferenceClass`. */
const classRank: Record<DifferenceClass, number> = {
  missingAtBank: 0,
  missingInEngine: 1,
  amountDiffers: 2,
  duplicate: 3,
  openingBalanceDiffers: 4,
  closingBalanceDiffers: 5,
};

/** Turns positions into line numbers and record ids, in the documented orders. */
export function assembleResult(space: Workspace, pending: readonly number[], sumSearchCut: boolean): MatchResult {
  const matches = [...space.matches].sort(compareMatches);
  return {
    matches: matches.map((match) => toMatch(space, match)),
    differences: [...space.differences].sort(compareDifferences).map((found) => toDifference(space, found)),
    pending: pending.map((line) => space.lineAt(line).line.lineNo),
    evidence: matches.flatMap((match) => evidenceOf(space, match)),
    sumSearchCut,
  };
}

function toMatch(space: Workspace, match: FoundMatch): Match {
  let dayShift = 0;
  for (const line of match.lines) {
    for (const record of match.records)
      dayShift = Math.max(dayShift, Math.abs(space.lineAt(line).day - space.recordAt(record).day));
  }
  return {
    rule: match.rule,
    lines: match.lines.map((line) => space.lineAt(line).line.lineNo),
    records: match.records.map((record) => space.recordAt(record).record.recordId),
    dayShift,
  };
}

function toDifference(space: Workspace, found: FoundDifferenceAt): FoundDifference {
  return {
    class: found.class,
    lines: found.lines.map((line) => space.lineAt(line).line.lineNo),
    records: found.records.map((record) => space.recordAt(record).record.recordId),
    amount: found.amount,
    detail: found.detail,
  };
}

/** A record not booked yet that a line matched: the bank's answer for it, given with the match's first line. */
function evidenceOf(space: Workspace, match: FoundMatch): MatchEvidence[] {
  const first = match.lines[0];
  if (first === undefined) return [];
  const line = space.lineAt(first).line.lineNo;
  return match.records
    .map((record) => space.recordAt(record).record)
    .filter((record) => !record.booked)
    .map((record) => ({ line, recordId: record.recordId, rule: match.rule }));
}

function compareMatches(a: FoundMatch, b: FoundMatch): number {
  return comparePositions(a.lines, b.lines) || comparePositions(a.records, b.records);
}

function compareDifferences(a: FoundDifferenceAt, b: FoundDifferenceAt): number {
  return (
    classRank[a.class] - classRank[b.class] ||
    comparePositions(a.lines, b.lines) ||
    comparePositions(a.records, b.records)
  );
}

/** By first position; an empty list after every other. */
function comparePositions(a: readonly number[], b: readonly number[]): number {
  return (a[0] ?? Infinity) - (b[0] ?? Infinity) || 0;
}
