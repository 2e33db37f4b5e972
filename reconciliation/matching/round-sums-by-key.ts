import { describeLine, describeRecords } from "./describe.js";
import { chosen, sumCandidatesMax, type SumSearch } from "./subset-sum.js";
import { distance, type Claim, type Workspace } from "./workspace.js";

/**
 * Rule 6 for the lines key rules claimed, before any sum by date: a line against the open records its keys name
 * (`batchSum`: entries sharing one reference paid in one line), then a record against the claimed lines naming it
 * (`splitSum`: one payment in parts). Sums are exact and in one direction. A claim still standing after that is
 * settled by what is left of it: when every record it names was taken by another line, a `duplicate`; when the
 * records left open agree with the line (a batch line one of whose details another line already paid), a match by
 * the claim's rule; otherwise a key match with other amounts, `amountDiffers`.
 */
export function matchSumsByKey(space: Workspace, search: SumSearch): void {
  for (const [line] of claimsInLineOrder(space)) batchByKey(space, search, line);
  splitByKey(space, search);
  for (const [line, claim] of claimsInLineOrder(space)) settleClaim(space, line, claim);
}

function batchByKey(space: Workspace, search: SumSearch, line: number): void {
  const claim = space.claims.get(line);
  if (claim === undefined) return;
  const { line: statementLine, units } = space.lineAt(line);
  const candidates = claim.named
    .filter(
      (record) => space.recordIsOpen(record) && space.recordAt(record).record.direction === statementLine.direction,
    )
    .slice(0, sumCandidatesMax);
  const found = search.find(
    candidates.map((record) => space.recordAt(record).units),
    units,
  );
  if (found !== undefined) space.match("batchSum", [line], chosen(candidates, found));
}

function splitByKey(space: Workspace, search: SumSearch): void {
  const linesNaming = new Map<number, number[]>();
  for (const [line, claim] of claimsInLineOrder(space)) {
    for (const record of claim.named) {
      const lines = linesNaming.get(record);
      if (lines === undefined) linesNaming.set(record, [line]);
      else lines.push(line);
    }
  }
  for (const record of [...linesNaming.keys()].sort((a, b) => a - b)) {
    if (!space.recordIsOpen(record)) continue;
    const { record: internal, units } = space.recordAt(record);
    const candidates = (linesNaming.get(record) ?? [])
      .filter((line) => space.claims.has(line) && space.lineAt(line).line.direction === internal.direction)
      .slice(0, sumCandidatesMax);
    const found = search.find(
      candidates.map((line) => space.lineAt(line).units),
      units,
    );
    if (found !== undefined) space.match("splitSum", chosen(candidates, found), [record]);
  }
}

function settleClaim(space: Workspace, line: number, claim: Claim): void {
  const open = claim.named.filter((record) => space.recordIsOpen(record));
  const described = describeLine(space.lineAt(line));
  if (open.length === 0) {
    const named = describeRecords(claim.named.map((record) => space.recordAt(record)));
    space.duplicate(
      line,
      claim.named,
      `${described} names ${named} by ${claim.rule}, already paired with another line`,
    );
    return;
  }
  if (openAgree(space, line, open)) {
    space.match(claim.rule, [line], open);
    return;
  }
  const named = describeRecords(open.map((record) => space.recordAt(record)));
  space.differ(
    "amountDiffers",
    [line],
    open,
    `${described} names ${named} by ${claim.rule}, with another amount or direction`,
  );
}

/** The records left open agree with the line together: in its direction, their sum within the tolerance. */
function openAgree(space: Workspace, line: number, open: readonly number[]): boolean {
  const { line: statementLine, units } = space.lineAt(line);
  let total = 0n;
  for (const record of open) {
    const found = space.recordAt(record);
    if (found.record.direction !== statementLine.direction) return false;
    total += found.units;
  }
  return distance(total, units) <= space.prepared.toleranceUnits;
}

function claimsInLineOrder(space: Workspace): [number, Claim][] {
  return [...space.claims.entries()].sort(([a], [b]) => a - b);
}
