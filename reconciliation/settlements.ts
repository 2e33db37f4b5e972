import type { Logger } from "../runtime/ports.js";
import type { ReconcilerReads } from "./actor-reads.js";

const pollIntervalMsMax = 200;

/**
 * Waits until each transfer that took evidence has had its position tasks applied (`positionTasksPending` 0): the
 * account then holds the step as booked, and a rerun of the day reads it so. Bounded by `timeoutMs`; a transfer still
 * busy then is logged and the rerun reads what there is (its line shows as evidence once more, already known).
 */
export async function waitForSettlements(
  reads: ReconcilerReads,
  transferIds: readonly string[],
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = [...new Set(transferIds)];
  for (let wait = 5; waiting.length > 0; wait = Math.min(wait * 2, pollIntervalMsMax)) {
    const views = await Promise.all(waiting.map((transferId) => reads.transfer(transferId)));
    waiting = waiting.filter((_, index) => views[index]!.positionTasksPending > 0);
    if (waiting.length === 0) return;
    if (Date.now() >= deadline) {
      logger.warn("evidenced transfers have not booked their steps in time; the day is run again all the same", {
        transfers: waiting.slice(0, 10).join(","),
        timeoutMs,
      });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
