import { describeLine, describeRecords } from "./describe.js";
import { keyRules, type KeyRule } from "./keys.js";
import type { Workspace } from "./workspace.js";

/**
 * The bank's reference names one booking: a booked line repeating the reference of an earlier booked line is the
 * same booking reported twice, a `duplicate` whatever it matches.
 */
export function setAsideRepeatedBankReferences(space: Workspace): void {
  const firstLine = new Map<string, number>();
  for (const prepared of space.lines) {
    const { bankReference, lineNo } = prepared.line;
    if (!space.lineIsOpen(prepared.index) || bankReference === undefined || bankReference === "") continue;
    const earlier = firstLine.get(bankReference);
    if (earlier === undefined) firstLine.set(bankReference, lineNo);
    else
      space.duplicate(
        prepared.index,
        [],
        `${describeLine(prepared)} repeats the bank reference "${bankReference}" of line ${earlier}`,
      );
  }
}

/**
 * Rules 1 to 3, one round each: a line whose keys name records under the round's rule takes the first open one that
 * agrees in direction and amount. When all it names are taken, it is a duplicate; when none agrees, it claims them
 * and waits for the sum rules (a payment split in parts) before it becomes `amountDiffers`.
 */
export function matchByKeys(space: Workspace, batchLines: readonly boolean[]): void {
  for (const rule of keyRules) {
    for (const { index } of space.lines) {
      if (!space.lineIsOpen(index)) continue;
      const named = namedBy(space, index, rule, batchLines[index] === true);
      if (named.length > 0) settle(space, index, rule, named);
    }
  }
}

/**
 * The records a line names under one rule: its own keys first; its details' keys only when the line is not a
 * batch (details naming several records are rule 4's).
 */
function namedBy(space: Workspace, line: number, rule: KeyRule, isBatch: boolean): readonly number[] {
  const { line: statementLine } = space.lineAt(line);
  const own = space.keys.named(rule, [statementLine]);
  if (own.length > 0 || isBatch) return own;
  return space.keys.named(rule, statementLine.details);
}

function settle(space: Workspace, line: number, rule: KeyRule, named: readonly number[]): void {
  const open = named.filter((record) => space.recordIsOpen(record));
  if (open.length === 0) {
    const records = describeRecords(named.map((record) => space.recordAt(record)));
    space.duplicate(
      line,
      named,
      `${describeLine(space.lineAt(line))} names ${records} by ${rule}, already paired with another line`,
    );
    return;
  }
  const agreeing = open.find((record) => space.agrees(line, record));
  if (agreeing === undefined) space.claim(line, { rule, named });
  else space.match(rule, [line], [agreeing]);
}
