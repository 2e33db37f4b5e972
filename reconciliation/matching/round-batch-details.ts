import { describeLine, describeRecords } from "./describe.js";
import { keyRules } from "./keys.js";
import { distance, type Workspace } from "./workspace.js";

/** A batch line: two details or more whose keys name two records or more between them. */
export function findBatchLines(space: Workspace): boolean[] {
  return space.lines.map(({ line, index }) => {
    if (line.details.length < 2) return false;
    return namedByDetails(space, index).length >= 2;
  });
}

/**
 * Rule 4: a batch line whose every detail names one record of its own, all open, with the line's direction and
 * amounts that add up (a detail's own amount, when given, agreeing with its record's) is one match of one line and
 * several records. Keys that name records but not one per detail leave the line claimed for the sum rules.
 */
export function matchBatchDetails(space: Workspace, batchLines: readonly boolean[]): void {
  for (const { index, line } of space.lines) {
    if (!space.lineIsOpen(index) || batchLines[index] !== true) continue;
    const records = line.details.map((detail) => space.keys.recordOfDetail(detail));
    const distinct = new Set(records);
    if (records.includes(undefined) || distinct.size !== records.length) {
      space.claim(index, { rule: "batchDetails", named: namedByDetails(space, index) });
      continue;
    }
    settleBatch(space, index, records as number[]);
  }
}

function settleBatch(space: Workspace, line: number, records: readonly number[]): void {
  const open = records.filter((record) => space.recordIsOpen(record));
  const sortedRecords = [...records].sort((a, b) => a - b);
  if (open.length === 0) {
    const named = describeRecords(sortedRecords.map((record) => space.recordAt(record)));
    space.duplicate(
      line,
      sortedRecords,
      `${describeLine(space.lineAt(line))}: its details name ${named}, already paired with another line`,
    );
  } else if (open.length < records.length) {
    space.claim(line, { rule: "batchDetails", named: sortedRecords });
  } else if (batchAgrees(space, line, records)) {
    space.match("batchDetails", [line], records);
  } else {
    const named = describeRecords(sortedRecords.map((record) => space.recordAt(record)));
    space.differ(
      "amountDiffers",
      [line],
      records,
      `${describeLine(space.lineAt(line))}: its details name ${named}, which do not add up to it`,
    );
  }
}

/** Records in the line's direction summing to its amount, each agreeing with its detail's amount when one is given. */
function batchAgrees(space: Workspace, line: number, records: readonly number[]): boolean {
  const batch = space.lineAt(line);
  const tolerance = space.prepared.toleranceUnits;
  let total = 0n;
  for (const [position, recordIndex] of records.entries()) {
    const { record, units } = space.recordAt(recordIndex);
    const detailUnits = batch.detailUnits[position];
    if (record.direction !== batch.line.direction) return false;
    if (detailUnits !== undefined && distance(detailUnits, units) > tolerance) return false;
    total += units;
  }
  return distance(total, batch.units) <= tolerance;
}

function namedByDetails(space: Workspace, line: number): readonly number[] {
  const { details } = space.lineAt(line).line;
  const found = new Set<number>();
  for (const rule of keyRules) for (const record of space.keys.named(rule, details)) found.add(record);
  return [...found].sort((a, b) => a - b);
}
