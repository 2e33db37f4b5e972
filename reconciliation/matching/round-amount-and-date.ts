import { AmountDateIndex } from "./amount-date-index.js";
import type { Workspace } from "./workspace.js";

/**
 * Rule 5: open lines (booked, their keys naming no record) against records free for amounts (booked, named by no
 * line waiting), same direction, amounts within the tolerance, booking dates at most `dateDays` apart. Nearest date
 * first: every line tries a shift of 0 days before any line tries 1; within a shift, lines in line order, each
 * taking the first record in record order (so the earlier of the two days a shift reaches comes first). That is
 * exactly taking, over and over, the open pair smallest by (days apart, line, record).
 */
export function matchByAmountAndDate(space: Workspace): void {
  const index = new AmountDateIndex(space.records.filter(({ index: record }) => space.recordIsFreeForAmounts(record)));
  const tolerance = space.prepared.toleranceUnits;
  let waiting = space.lines.filter(({ index: line }) => space.lineIsOpen(line));
  for (let shift = 0; shift <= space.prepared.dateDays && waiting.length > 0; shift += 1) {
    waiting = waiting.filter(({ index: line, line: { direction }, day, units }) => {
      let record = index.take(direction, day - shift, units, tolerance);
      if (record === undefined && shift > 0) record = index.take(direction, day + shift, units, tolerance);
      if (record === undefined) return true;
      space.match("amountAndDate", [line], [record]);
      return false;
    });
  }
}
