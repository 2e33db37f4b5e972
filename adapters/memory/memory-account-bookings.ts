import {
  checkDayRange,
  compareBookings,
  planBookingWrites,
  recordsPerQueryMax,
  TooManyRecordsError,
  type AccountBookingEvent,
  type AccountBookingsWriter,
  type StoredBooking,
} from "../../read-models/account-bookings.js";
import type { InternalRecord } from "../../reconciliation/model.js";
import type { RecordSource } from "../../reconciliation/ports.js";
import { internalRecordOf } from "../../reconciliation/records.js";

/**
 * The bookings read model in memory: the embedded engine and unit tests. Same rules as the MongoDB adapter (a record
 * is only replaced by a newer event's write; a released reservation is kept, left out of reads). Holds every record
 * of every account, so it is not for a durable engine. `apply` changes everything within one synchronous step, so
 * applies land in call order.
 */
export class MemoryAccountBookings implements RecordSource, AccountBookingsWriter {
  private readonly accounts = new Map<string, { records: Map<string, StoredBooking>; appliedThrough: number }>();

  async apply(events: readonly AccountBookingEvent[]): Promise<void> {
    const applied = this.appliedOf(events.map((event) => event.actorId));
    for (const write of planBookingWrites(events, applied)) {
      const account = this.accounts.get(write.accountId) ?? { records: new Map(), appliedThrough: 0 };
      for (const booking of write.bookings) {
        const known = account.records.get(booking.recordId);
        if (!known || known.eventSeq < booking.eventSeq) account.records.set(booking.recordId, booking);
      }
      account.appliedThrough = Math.max(account.appliedThrough, write.appliedThrough);
      this.accounts.set(write.accountId, account);
    }
  }

  async appliedThroughOf(accountIds: readonly string[]): Promise<Map<string, number>> {
    return this.appliedOf(accountIds);
  }

  private appliedOf(accountIds: readonly string[]): Map<string, number> {
    const applied = new Map<string, number>();
    for (const accountId of accountIds) {
      const account = this.accounts.get(accountId);
      if (account) applied.set(accountId, account.appliedThrough);
    }
    return applied;
  }

  async appliedThrough(accountId: string): Promise<number> {
    return this.accounts.get(accountId)?.appliedThrough ?? 0;
  }

  async recordsOf(accountId: string, fromDate: string, toDate: string): Promise<InternalRecord[]> {
    checkDayRange(fromDate, toDate);
    const records = [...(this.accounts.get(accountId)?.records.values() ?? [])].filter(
      (booking) => !booking.removed && booking.bookingDate >= fromDate && booking.bookingDate <= toDate,
    );
    if (records.length > recordsPerQueryMax)
      throw new TooManyRecordsError(
        `account ${accountId} has more than ${recordsPerQueryMax} records from ${fromDate} to ${toDate}`,
      );
    return records.sort(compareBookings).map(internalRecordOf);
  }

  async close(): Promise<void> {}
}
