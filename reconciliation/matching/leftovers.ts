import { describeLine, describeRecord } from "./describe.js";
import type { Workspace } from "./workspace.js";

/**
 * What no rule took: a booked line is `missingInEngine`, a booked record `missingAtBank`. A record not booked yet (a
 * step in transit or unknown) is not on the engine's ledger, so the bank not showing it is no difference.
 */
export function reportLeftovers(space: Workspace): void {
  for (const prepared of space.lines) {
    if (space.lineIsOpen(prepared.index))
      space.differ(
        "missingInEngine",
        [prepared.index],
        [],
        `${describeLine(prepared)} matches no record of the engine`,
      );
  }
  for (const prepared of space.records) {
    if (space.recordIsOpen(prepared.index) && prepared.record.booked)
      space.differ(
        "missingAtBank",
        [],
        [prepared.index],
        `${describeRecord(prepared)} matches no line of the statement`,
      );
  }
}
