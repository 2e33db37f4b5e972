import { ReconciliationRunFailed } from "./errors.js";
import type { RecordSource } from "./ports.js";

/** Between two looks at the read model: short, as it is usually a publication behind at most. */
const pollIntervalMsMin = 10;
const pollIntervalMsMax = 200;

/**
 * Waits until the records read model has folded the account's events through `eventSeq` (the account's last
 * committed event, read just before), so that a run never reads records older than the ledger it compares. The
 * model is fed by the events stream, so it trails the account by a publication; `timeoutMs` bounds the wait, after
 * which the run fails with `records_behind` (retryable) rather than reading stale records.
 */
export async function waitForRecords(
  source: RecordSource,
  accountId: string,
  eventSeq: number,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<void> {
  const deadline = now() + timeoutMs;
  for (let wait = pollIntervalMsMin; ; wait = Math.min(wait * 2, pollIntervalMsMax)) {
    const applied = await source.appliedThrough(accountId);
    if (applied >= eventSeq) return;
    if (now() >= deadline)
      throw new ReconciliationRunFailed(
        "records_behind",
        `the records of ${accountId} are at event ${applied}, the account at ${eventSeq}, after ${timeoutMs} ms`,
        true,
      );
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(1, deadline - now()))));
  }
}
