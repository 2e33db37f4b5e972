import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Document,
  type Filter,
  type WriteConcernSettings,
} from "mongodb";
import {
  checkDayRange,
  planBookingWrites,
  recordsPerQueryMax,
  TooManyRecordsError,
  type AccountBookingEvent,
  type AccountBookingsWrite,
  type AccountBookingsWriter,
  type BookingKind,
  type StoredBooking,
} from "../../read-models/account-bookings.js";
import type { InternalRecord } from "../../reconciliation/model.js";
import type { RecordSource } from "../../reconciliation/ports.js";
import { internalRecordOf } from "../../reconciliation/records.js";
import { assert } from "../../runtime/assert.js";
import { createMissingIndexes } from "./indexes.js";

export interface MongoAccountBookingsOptions {
  readonly url: string;
  readonly database: string;
  /** A write acked with less than the journal's concern could lose a booking for good: same default. */
  readonly writeConcern?: WriteConcernSettings;
  /** How long to wait for a reachable server, at connect and per operation; 10 s by default. */
  readonly serverSelectionTimeoutMs?: number;
}

/** One record: `_id` is `<accountId>|<recordId>` (account ids hold no `|`). */
interface BookingDocument extends StoredBooking {
  _id: string;
}

/** How far an account's events are folded. */
interface ProgressDocument {
  _id: string;
  appliedThrough: number;
}

export const accountBookingsCollection = "account_bookings";
export const accountBookingsProgressCollection = "account_bookings_progress";
const duplicateKey = 11000;
/** Updates per bulk command: FerretDB 1.24 hangs at about 100 (see mongo-transfer-index.ts). */
const updatesPerCommandMax = 32;
const kinds: readonly BookingKind[] = ["transferStep", "entry", "adjustment"];

/**
 * The bookings read model on MongoDB and FerretDB (ADR 014 §2): single-document writes only (no transactions), each
 * a guarded upsert that replaces a record only with a newer event's, so a repeat, a redelivery or a second node
 * changes nothing. A batch writes its records first and then each account's sequence applied: a crash between the
 * two re-applies the same events, which writes the same documents.
 */
export class MongoAccountBookings implements RecordSource, AccountBookingsWriter {
  private constructor(
    private readonly client: MongoClient,
    private readonly bookings: Collection<BookingDocument>,
    private readonly progress: Collection<ProgressDocument>,
    private readonly writeConcern: WriteConcernSettings,
  ) {}

  static async connect(options: MongoAccountBookingsOptions): Promise<MongoAccountBookings> {
    const client = await MongoClient.connect(options.url, {
      appName: "liquidity-engine-account-bookings",
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    try {
      const db = client.db(options.database);
      await createMissingIndexes(db, accountBookingsCollection, [
        { key: { accountId: 1, bookingDate: 1, recordId: 1 }, name: "account_day_record" },
      ]);
      return new MongoAccountBookings(
        client,
        db.collection<BookingDocument>(accountBookingsCollection),
        db.collection<ProgressDocument>(accountBookingsProgressCollection),
        options.writeConcern ?? { w: "majority" },
      );
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async apply(events: readonly AccountBookingEvent[]): Promise<void> {
    if (events.length === 0) return;
    const applied = await this.appliedThroughOf([...new Set(events.map((event) => event.actorId))]);
    const writes = planBookingWrites(events, applied);
    const bookings = writes.flatMap((write) => write.bookings.map(bookingWrite));
    await this.writeAll(this.bookings, bookings);
    await this.writeAll(this.progress, writes.map(progressWrite));
  }

  async appliedThroughOf(accountIds: readonly string[]): Promise<Map<string, number>> {
    const documents = await this.progress.find({ _id: { $in: [...accountIds] } }).toArray();
    return new Map(documents.map((document) => [document._id, document.appliedThrough]));
  }

  async appliedThrough(accountId: string): Promise<number> {
    return (await this.progress.findOne({ _id: accountId }))?.appliedThrough ?? 0;
  }

  async recordsOf(accountId: string, fromDate: string, toDate: string): Promise<InternalRecord[]> {
    checkDayRange(fromDate, toDate);
    const documents = await this.bookings
      .find({ accountId, bookingDate: { $gte: fromDate, $lte: toDate }, removed: false })
      .sort({ bookingDate: 1, recordId: 1 })
      .limit(recordsPerQueryMax + 1)
      .toArray();
    if (documents.length > recordsPerQueryMax)
      throw new TooManyRecordsError(
        `account ${accountId} has more than ${recordsPerQueryMax} records from ${fromDate} to ${toDate}`,
      );
    return documents.map((document) => internalRecordOf(checkedBooking(document)));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Unordered bulks of guarded upserts; a failed bulk is replayed op by op (see mongo-transfer-index.ts). */
  private async writeAll<T extends Document>(
    collection: Collection<T>,
    writes: readonly GuardedWrite[],
  ): Promise<void> {
    const options = { ordered: false, writeConcern: this.writeConcern };
    for (let start = 0; start < writes.length; start += updatesPerCommandMax) {
      const chunk = writes.slice(start, start + updatesPerCommandMax);
      const operations = chunk.map((write) => ({ updateOne: { ...write, upsert: true } }) as AnyBulkWriteOperation<T>);
      try {
        await collection.bulkWrite(operations, options);
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        for (const write of chunk) await this.writeOne(collection, write);
      }
    }
  }

  /** A duplicate key means the document exists with the same or a newer event: already written. */
  private async writeOne<T extends Document>(collection: Collection<T>, write: GuardedWrite): Promise<void> {
    try {
      await collection.updateOne(write.filter as Filter<T>, write.update, {
        upsert: true,
        writeConcern: this.writeConcern,
      });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === duplicateKey)) throw error;
    }
  }
}

/** An upsert that matches only an older document, so that its insert collides with a newer one. */
interface GuardedWrite {
  readonly filter: Document;
  readonly update: Document;
}

function bookingWrite(booking: StoredBooking): GuardedWrite {
  return {
    filter: { _id: `${booking.accountId}|${booking.recordId}`, eventSeq: { $lt: booking.eventSeq } },
    update: { $set: { ...booking } },
  };
}

function progressWrite(write: AccountBookingsWrite): GuardedWrite {
  return {
    filter: { _id: write.accountId, appliedThrough: { $lt: write.appliedThrough } },
    update: { $set: { appliedThrough: write.appliedThrough } },
  };
}

/** Asserts the shape read back: only this adapter writes the collection. */
function checkedBooking(document: BookingDocument): StoredBooking {
  const { _id, ...booking } = document;
  assert(
    kinds.includes(booking.kind) &&
      (booking.direction === "credit" || booking.direction === "debit") &&
      typeof booking.amount === "string" &&
      typeof booking.booked === "boolean",
    `${accountBookingsCollection} ${_id}: not a booking this adapter wrote`,
  );
  return booking;
}
