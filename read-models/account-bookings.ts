import { isBookingDay, bookingDayOf } from "../actors/shared/booking-day.js";
import { stepNames, type StepName } from "../actors/transfer/commands.js";
import { serialOf } from "../actors/transfer/state.js";
import type { PublishedAccountEvent } from "./position-directory.js";

/**
 * An account's bookings by booking day (ADR 014 §2): the records reconciliation matches against a statement, folded
 * from the account's events. Every event that touches a record carries everything the record holds, so a record is
 * always written whole by one event, and the fold needs no earlier state than the sequence applied so far.
 */

/** An account event as the fold reads it. */
export type AccountBookingEvent = Omit<PublishedAccountEvent, "commandId">;

/** What a booking is: a transfer's step (debit, credit, reversal), an upstream entry, or a reconciliation adjustment. */
export type BookingKind = "transferStep" | "entry" | "adjustment";

/** One record of an account as stored: the amount a decimal string, absent fields null. */
export interface StoredBooking {
  readonly accountId: string;
  /** `transfer:<transferId>:<step>`, `entry:<entryId>` or `adjustment:<differenceId>`; unique per account. */
  readonly recordId: string;
  readonly kind: BookingKind;
  readonly direction: "credit" | "debit";
  /** Positive, as the event wrote it. */
  readonly amount: string;
  /** YYYY-MM-DD: booked on, or (not booked yet) expected on. */
  readonly bookingDate: string;
  /** The serial sent to the bank (transfer steps). */
  readonly serial: string | null;
  /** The upstream entry id (entries). */
  readonly reference: string | null;
  readonly transferId: string | null;
  /** On the ledger (true), or a reservation in transit whose outcome the engine awaits (false). */
  readonly booked: boolean;
  /**
   * A released reservation: the money never moved, so reads leave it out. Kept rather than deleted so that an older
   * event applied late (several nodes, a redelivery) finds a newer write and cannot bring the record back.
   */
  readonly removed: boolean;
  /** The account event that wrote it: a write only replaces a record written by an older event. */
  readonly eventSeq: number;
}

/** The writes one batch makes for one account: its records (the last write of each) and its new sequence applied. */
export interface AccountBookingsWrite {
  readonly accountId: string;
  readonly bookings: readonly StoredBooking[];
  readonly appliedThrough: number;
}

/** A records query that cannot be answered (a day that is not a calendar day, a reversed range). */
export class BookingsQueryError extends Error {
  override readonly name = "BookingsQueryError";
}

/** Records one query may return: a day of a 100,000-line statement with the date window on both sides fits. */
export const recordsPerQueryMax = 500_000;

/** A query asked for more than `recordsPerQueryMax` records. */
export class TooManyRecordsError extends Error {
  override readonly name = "TooManyRecordsError";
}

/**
 * The record an account event writes, or undefined for events that touch no record (opened, closed, freezes, a
 * compared or synced statement balance) and for an event without the fields it always carries (never from this
 * engine). Events written before booking dates are booked on the UTC day they were recorded.
 */
export function bookingOf(published: AccountBookingEvent): StoredBooking | undefined {
  const { event, actorId, eventSeq, recordedAt } = published;
  const { type, direction, amount } = event;
  if (!isDirection(direction) || typeof amount !== "string") return undefined;
  const recordedDay = bookingDayOf(recordedAt);
  const base = { accountId: actorId, direction, amount, eventSeq };
  switch (String(type)) {
    case "entryRecorded": {
      const entryId = event["entryId"];
      if (typeof entryId !== "string") return undefined;
      const bookingDate = isBookingDay(event["bookingDate"]) ? event["bookingDate"] : recordedDay;
      return { ...base, ...entryRecord(entryId), bookingDate, booked: true, removed: false };
    }
    case "transitReserved":
    case "transitSettled":
    case "transitReleased": {
      const step = reservationStep(event["reservationId"]);
      if (!step) return undefined;
      const settled = type === "transitSettled";
      const bookingDate = settled && isBookingDay(event["bookingDate"]) ? event["bookingDate"] : recordedDay;
      return { ...base, ...stepRecord(step), bookingDate, booked: settled, removed: type === "transitReleased" };
    }
    default:
      return undefined;
  }
}

function isDirection(value: unknown): value is StoredBooking["direction"] {
  return value === "credit" || value === "debit";
}

type RecordIdentity = Pick<StoredBooking, "recordId" | "kind" | "serial" | "reference" | "transferId">;

/**
 * The transfer saga's own entries (`transfer:<transferId>:<step>`: a reversal, an operator's resolved credit) are
 * that transfer's step; `adjustment:` entries are reconciliation's; anything else is an upstream entry.
 */
function entryRecord(entryId: string): RecordIdentity {
  const step = transferEntryStep(entryId);
  if (step) return stepRecord(step);
  if (entryId.startsWith("adjustment:"))
    return { recordId: entryId, kind: "adjustment", serial: null, reference: null, transferId: null };
  return { recordId: `entry:${entryId}`, kind: "entry", serial: null, reference: entryId, transferId: null };
}

interface TransferStep {
  readonly transferId: string;
  readonly step: StepName;
}

function stepRecord({ transferId, step }: TransferStep): RecordIdentity {
  return {
    recordId: `transfer:${transferId}:${step}`,
    kind: "transferStep",
    serial: serialOf(transferId, step),
    reference: null,
    transferId,
  };
}

/** `transfer:<transferId>:<step>`; a transfer id may itself hold colons, so the step is what follows the last. */
function transferEntryStep(entryId: string): TransferStep | undefined {
  if (!entryId.startsWith("transfer:")) return undefined;
  const last = entryId.lastIndexOf(":");
  return stepOf(entryId.slice("transfer:".length, last), entryId.slice(last + 1));
}

/** `<transferId>.debit` or `<transferId>.credit` (actors/transfer/saga.ts); transfer ids hold no dots. */
function reservationStep(reservationId: unknown): TransferStep | undefined {
  if (typeof reservationId !== "string") return undefined;
  const dot = reservationId.lastIndexOf(".");
  return dot < 0 ? undefined : stepOf(reservationId.slice(0, dot), reservationId.slice(dot + 1));
}

function stepOf(transferId: string, step: string): TransferStep | undefined {
  if (transferId === "" || !(stepNames as readonly string[]).includes(step)) return undefined;
  return { transferId, step: step as StepName };
}

/**
 * The writes of a batch of account events, per account (ADR 014 §2): events at or below the account's sequence
 * applied are ignored (repeats), the others fold in batch order, and a record written twice in the batch keeps the
 * later write. An account whose events touch no record still advances its sequence applied.
 */
export function planBookingWrites(
  events: readonly AccountBookingEvent[],
  appliedThrough: ReadonlyMap<string, number>,
): AccountBookingsWrite[] {
  const accounts = new Map<string, { bookings: Map<string, StoredBooking>; appliedThrough: number }>();
  for (const published of events) {
    if (!Number.isSafeInteger(published.eventSeq) || published.eventSeq < 1) continue;
    const known = accounts.get(published.actorId);
    const applied = known?.appliedThrough ?? appliedThrough.get(published.actorId) ?? 0;
    if (published.eventSeq <= applied) continue;
    const account = known ?? { bookings: new Map<string, StoredBooking>(), appliedThrough: applied };
    account.appliedThrough = published.eventSeq;
    const booking = bookingOf(published);
    if (booking) account.bookings.set(booking.recordId, booking);
    accounts.set(published.actorId, account);
  }
  return [...accounts].map(([accountId, account]) => ({
    accountId,
    bookings: [...account.bookings.values()],
    appliedThrough: account.appliedThrough,
  }));
}

/**
 * Splits a batch delivered by a stream that may redeliver out of order (a message unacknowledged by a stopped
 * consumer comes back after the ack wait, behind later ones) into the events that can be folded now, in sequence
 * order per account, and those that must wait. Per account, in sequence order: repeats fold (they change nothing),
 * then the next sequences without a hole; at the first hole the rest wait for the missing events, unless
 * `gapAccepted` says those will never come (the stream no longer holds them).
 */
export function splitAtGaps<E extends AccountBookingEvent>(
  events: readonly E[],
  appliedThrough: ReadonlyMap<string, number>,
  gapAccepted: (event: E) => boolean,
): { readonly ready: E[]; readonly held: E[] } {
  const byAccount = new Map<string, E[]>();
  for (const event of events) {
    const accountEvents = byAccount.get(event.actorId);
    if (accountEvents) accountEvents.push(event);
    else byAccount.set(event.actorId, [event]);
  }
  const ready: E[] = [];
  const held: E[] = [];
  for (const [accountId, accountEvents] of byAccount) {
    let reached = appliedThrough.get(accountId) ?? 0;
    let waiting = false;
    for (const event of accountEvents.sort((a, b) => a.eventSeq - b.eventSeq)) {
      if (event.eventSeq <= reached) ready.push(event);
      else if (!waiting && (event.eventSeq === reached + 1 || gapAccepted(event))) {
        ready.push(event);
        reached = event.eventSeq;
      } else {
        waiting = true;
        held.push(event);
      }
    }
  }
  return { ready, held };
}

/** Refuses a records query whose days are not calendar days or run backwards. */
export function checkDayRange(fromDate: string, toDate: string): void {
  if (!isBookingDay(fromDate))
    throw new BookingsQueryError(`recordsOf: fromDate "${fromDate}" is not a YYYY-MM-DD day`);
  if (!isBookingDay(toDate)) throw new BookingsQueryError(`recordsOf: toDate "${toDate}" is not a YYYY-MM-DD day`);
  if (fromDate > toDate) throw new BookingsQueryError(`recordsOf: fromDate ${fromDate} is after toDate ${toDate}`);
}

/** Reading order: booking date, then record id (code-unit order, which for these ASCII ids is MongoDB's too). */
export function compareBookings(a: StoredBooking, b: StoredBooking): number {
  if (a.bookingDate !== b.bookingDate) return a.bookingDate < b.bookingDate ? -1 : 1;
  return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}

/** The writing side of the bookings read model (memory and MongoDB adapters; they also read it as a RecordSource). */
export interface AccountBookingsWriter {
  /** Folds a batch of account events; idempotent: events at or below an account's sequence applied change nothing. */
  apply(events: readonly AccountBookingEvent[]): Promise<void>;
  /** The sequence applied of each given account that has one. */
  appliedThroughOf(accountIds: readonly string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}
