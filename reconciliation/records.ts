import { Money } from "../actors/shared/amount.js";
import type { StoredBooking } from "../read-models/account-bookings.js";
import type { InternalRecord } from "./model.js";
import type { RecordSource } from "./ports.js";

/** A stored booking as reconciliation reads it: the amount an exact decimal, absent fields undefined. */
export function internalRecordOf(stored: StoredBooking): InternalRecord {
  return {
    recordId: stored.recordId,
    kind: stored.kind,
    direction: stored.direction,
    amount: new Money(stored.amount),
    bookingDate: stored.bookingDate,
    serial: stored.serial ?? undefined,
    // The bank's reference is on the transfer, not in the account's events: matching by serial covers the steps.
    bankReference: undefined,
    reference: stored.reference ?? undefined,
    booked: stored.booked,
    transferId: stored.transferId ?? undefined,
  };
}

/** The records read model did not reach the account's event sequence in time: reading it now would miss records. */
export class RecordsLaggingError extends Error {
  override readonly name = "RecordsLaggingError";
}

const pollDelayMsMin = 10;
const pollDelayMsMax = 500;
/** No reconciliation waits longer than this for the read model, whatever it asks. */
export const awaitRecordsTimeoutMsMax = 120_000;

/**
 * Waits until the records read model has folded the account's events up to `eventSeq`, so that a reconciliation
 * never reads a lagging model; polls with a doubling delay (10 ms to 500 ms) and gives up after `timeoutMs` with a
 * `RecordsLaggingError` (retryable: the model catches up on its own).
 *
 * `eventSeq` is the account's current event sequence from its journal: `ActorSystem.inspect({ kind: "account",
 * actorId })` answers it as `eventSeq` (the runtime's count of the events journaled, published or not; the account's
 * `get` reply has no sequence, being the actor's own state). Waiting for the journal's sequence rather than the bus's
 * (`EventPublisher.lastPublishedEventSeq`) also covers events journaled and not yet published, which the actor
 * publishes within moments, so a reconciliation started right after a booking sees it.
 */
export async function awaitRecords(
  source: RecordSource,
  accountId: string,
  eventSeq: number,
  timeoutMs: number,
): Promise<void> {
  if (!Number.isSafeInteger(eventSeq) || eventSeq < 0)
    throw new RangeError(`awaitRecords: eventSeq ${eventSeq} is not a non-negative integer`);
  if (!(timeoutMs >= 0 && timeoutMs <= awaitRecordsTimeoutMsMax))
    throw new RangeError(`awaitRecords: timeoutMs ${timeoutMs} is not within 0..${awaitRecordsTimeoutMsMax}`);
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = pollDelayMsMin; ; delayMs = Math.min(pollDelayMsMax, delayMs * 2)) {
    const applied = await source.appliedThrough(accountId);
    if (applied >= eventSeq) return;
    const left = deadline - Date.now();
    if (left <= 0)
      throw new RecordsLaggingError(
        `the records of account ${accountId} are folded through event ${applied}, not yet ${eventSeq} (waited ${timeoutMs} ms)`,
      );
    await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, left)));
  }
}
