import type { BookingDirection } from "../model.js";
import { chosen, sumCandidatesMax, type SumSearch } from "./subset-sum.js";
import type { Workspace } from "./workspace.js";

/** Entries one candidate gathering looks at, taken or not: the cost per line stays bounded on crowded days. */
export const windowScanMax = 200;

/** What the gathering needs of a line or a record. */
interface Item {
  readonly index: number;
  readonly direction: BookingDirection;
  readonly day: number;
  readonly units: bigint;
}

/**
 * Rule 6 by date, after the sums by key: each open line against the records free for amounts in its direction and
 * date window (`batchSum`), then each such record against the open lines (`splitSum`). Candidates are gathered
 * nearest date first (the earlier day of a shift first), in line or record order within a day, smaller than the
 * target; the first exact sum of the fewest members wins.
 */
export function matchSumsInWindow(space: Workspace, search: SumSearch): void {
  const freeRecords = space.records
    .filter(({ index }) => space.recordIsFreeForAmounts(index))
    .map(({ index, record, day, units }) => ({ index, direction: record.direction, day, units }));
  batchesInWindow(space, search, freeRecords);
  splitsInWindow(space, search, freeRecords);
}

function batchesInWindow(space: Workspace, search: SumSearch, freeRecords: readonly Item[]): void {
  const recordsByDay = new DayLists(freeRecords);
  for (const { index, line, day, units } of space.lines) {
    if (!space.lineIsOpen(index)) continue;
    // Once the steps are spent no search can find anything: gathering candidates would only cost time.
    if (search.spent) return search.skipped();
    const target = { index, direction: line.direction, day, units };
    const candidates = recordsByDay.gather(target, space.prepared.dateDays, (record) => space.recordIsOpen(record));
    const found = search.find(
      candidates.map((candidate) => candidate.units),
      units,
    );
    if (found !== undefined) space.match("batchSum", [index], indicesOf(chosen(candidates, found)));
  }
}

function splitsInWindow(space: Workspace, search: SumSearch, freeRecords: readonly Item[]): void {
  const openLines = space.lines
    .filter(({ index }) => space.lineIsOpen(index))
    .map(({ index, line, day, units }) => ({ index, direction: line.direction, day, units }));
  const linesByDay = new DayLists(openLines);
  for (const record of freeRecords) {
    if (!space.recordIsOpen(record.index)) continue;
    if (search.spent) return search.skipped();
    const candidates = linesByDay.gather(record, space.prepared.dateDays, (line) => space.lineIsOpen(line));
    const found = search.find(
      candidates.map((candidate) => candidate.units),
      record.units,
    );
    if (found !== undefined) space.match("splitSum", indicesOf(chosen(candidates, found)), [record.index]);
  }
}

function indicesOf(items: readonly Item[]): number[] {
  return items.map((item) => item.index);
}

/** Items by direction and day, each list in the order given (line or record order). */
class DayLists {
  private readonly lists = new Map<string, Item[]>();

  constructor(items: readonly Item[]) {
    for (const item of items) {
      const key = `${item.direction}:${item.day}`;
      const list = this.lists.get(key);
      if (list === undefined) this.lists.set(key, [item]);
      else list.push(item);
    }
  }

  /** Available items of the target's direction within the window, positive and smaller than the target. */
  gather(target: Item, dateDays: number, available: (index: number) => boolean): Item[] {
    const found: Item[] = [];
    let scanned = 0;
    for (let shift = 0; shift <= dateDays; shift += 1) {
      for (const day of shift === 0 ? [target.day] : [target.day - shift, target.day + shift]) {
        for (const item of this.lists.get(`${target.direction}:${day}`) ?? []) {
          scanned += 1;
          if (scanned > windowScanMax) return found;
          if (item.units > 0n && item.units < target.units && available(item.index)) found.push(item);
          if (found.length === sumCandidatesMax) return found;
        }
      }
    }
    return found;
  }
}
