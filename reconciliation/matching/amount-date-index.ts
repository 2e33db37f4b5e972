import type { BookingDirection } from "../model.js";
import type { PreparedRecord } from "./prepare.js";

/** Records of one amount on one day, in record order; taken from the front only. */
interface Queue {
  readonly records: number[];
  head: number;
}

/** The queues of one direction and day, by amount; sorted by amount on the first search with a tolerance. */
interface Day {
  readonly byUnits: Map<bigint, Queue>;
  sorted: { readonly units: bigint; readonly queue: Queue }[] | undefined;
}

/**
 * The records rule 5 may take, by direction, day and amount: finding the next record for a line costs one lookup
 * per day tried (with a zero amount tolerance) instead of a scan.
 */
export class AmountDateIndex {
  private readonly days = new Map<string, Day>();

  /** `records` in record order, so each queue is too. */
  constructor(records: readonly PreparedRecord[]) {
    for (const { index, record, day, units } of records) {
      const key = dayKey(record.direction, day);
      let found = this.days.get(key);
      if (found === undefined) {
        found = { byUnits: new Map(), sorted: undefined };
        this.days.set(key, found);
      }
      const queue = found.byUnits.get(units);
      if (queue === undefined) found.byUnits.set(units, { records: [index], head: 0 });
      else queue.records.push(index);
    }
  }

  /**
   * Takes the first record in record order of this direction and day whose amount is within `tolerance` of
   * `units`; `undefined` when there is none left.
   */
  take(direction: BookingDirection, day: number, units: bigint, tolerance: bigint): number | undefined {
    const found = this.days.get(dayKey(direction, day));
    if (found === undefined) return undefined;
    if (tolerance === 0n) return front(found.byUnits.get(units), true);
    let best: Queue | undefined;
    const sorted = sortedQueues(found);
    for (let at = lowerBound(sorted, units - tolerance); at < sorted.length; at += 1) {
      const entry = sorted[at];
      if (entry === undefined || entry.units > units + tolerance) break;
      const candidate = front(entry.queue, false);
      if (candidate !== undefined && (best === undefined || candidate < (front(best, false) ?? Infinity)))
        best = entry.queue;
    }
    return front(best, true);
  }
}

function dayKey(direction: BookingDirection, day: number): string {
  return `${direction}:${day}`;
}

function front(queue: Queue | undefined, take: boolean): number | undefined {
  if (queue === undefined || queue.head >= queue.records.length) return undefined;
  const record = queue.records[queue.head];
  if (take) queue.head += 1;
  return record;
}

function sortedQueues(day: Day): { readonly units: bigint; readonly queue: Queue }[] {
  day.sorted ??= [...day.byUnits.entries()]
    .map(([units, queue]) => ({ units, queue }))
    .sort((a, b) => (a.units === b.units ? 0 : a.units < b.units ? -1 : 1));
  return day.sorted;
}

/** First position whose amount is at least `units`. */
function lowerBound(sorted: readonly { readonly units: bigint }[], units: bigint): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle]?.units ?? units) < units) low = middle + 1;
    else high = middle;
  }
  return low;
}
