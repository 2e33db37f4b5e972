import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Filter,
  type UpdateFilter,
  type WriteConcernSettings,
} from "mongodb";
import {
  coalesceTransferEvents,
  isStatus,
  type PublishedTransferEvent,
  type StatusSummary,
  type TransferIndex,
  type TransferIndexUpdate,
  type TransferListQuery,
  type TransferRecord,
  type TransferRequestSummary,
} from "../../read-models/transfer-read-model.js";
import { terminalStatuses } from "../../actors/transfer/state.js";
import { createMissingIndexes } from "./indexes.js";

export interface MongoTransferIndexOptions {
  readonly url: string;
  readonly database: string;
  /** A projection acked with less than the journal's concern could lose a terminal status for good: same default. */
  readonly writeConcern?: WriteConcernSettings;
  /** How long to wait for a reachable server, at connect and per operation; 10 s by default. */
  readonly serverSelectionTimeoutMs?: number;
}

/** The stored shape (ADR 007 §1): the request's fields at the top level, so that `from` and `to` can be indexed. */
interface TransferIndexDocument extends Partial<TransferRequestSummary> {
  _id: string;
  status: string;
  eventSeq: number;
  updatedAt: number;
  createdAt: number;
}

export const transferIndexCollection = "transfer_index";
const duplicateKey = 11000;
/**
 * Updates per bulk command. FerretDB 1.24 (SQLite) keeps a pooled connection open for every update of a command
 * until the command ends (100 per database), so a bulk of about 100 updates never returns; 32 stays well clear.
 */
const updatesPerCommandMax = 32;

/** The transfer read model on MongoDB (and FerretDB): guarded upserts, one unordered bulk per batch (ADR 007). */
export class MongoTransferIndex implements TransferIndex {
  private constructor(
    private readonly client: MongoClient,
    private readonly collection: Collection<TransferIndexDocument>,
    private readonly writeConcern: WriteConcernSettings,
  ) {}

  static async connect(options: MongoTransferIndexOptions): Promise<MongoTransferIndex> {
    const client = await MongoClient.connect(options.url, {
      appName: "liquidity-engine-transfer-index",
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    try {
      const db = client.db(options.database);
      await createMissingIndexes(db, transferIndexCollection, [
        { key: { status: 1, createdAt: -1, _id: -1 }, name: "status_created" },
        { key: { from: 1, createdAt: -1, _id: -1 }, name: "from_created" },
        { key: { to: 1, createdAt: -1, _id: -1 }, name: "to_created" },
        { key: { createdAt: -1, _id: -1 }, name: "created" },
        { key: { status: 1, updatedAt: 1 }, name: "status_updated" },
      ]);
      return new MongoTransferIndex(
        client,
        db.collection<TransferIndexDocument>(transferIndexCollection),
        options.writeConcern ?? { w: "majority" },
      );
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async apply(events: readonly PublishedTransferEvent[]): Promise<void> {
    const updates = coalesceTransferEvents(events);
    for (let start = 0; start < updates.length; start += updatesPerCommandMax)
      await this.applyBulk(updates.slice(start, start + updatesPerCommandMax));
  }

  async get(transferId: string): Promise<TransferRecord | undefined> {
    const document = await this.collection.findOne({ _id: transferId });
    return document ? recordOf(document) : undefined;
  }

  async list(query: TransferListQuery): Promise<{ records: TransferRecord[]; more: boolean }> {
    const documents = await this.collection
      .find(filterOf(query))
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .toArray();
    const records = documents.slice(0, query.limit).map(recordOf);
    return { records, more: documents.length > query.limit };
  }

  async statusSummary(): Promise<Map<string, StatusSummary>> {
    const groups = await this.collection
      .aggregate<{ _id: unknown; count: number }>([{ $group: { _id: "$status", count: { $sum: 1 } } }])
      .toArray();
    const summaries = new Map<string, StatusSummary>();
    for (const group of groups) {
      const status = String(group._id);
      // One indexed lookup per status in flight (status_updated): FerretDB 1.24 has neither $min nor $first in $group.
      const oldest =
        isStatus(status) && !terminalStatuses.has(status)
          ? await this.collection.findOne({ status }, { sort: { updatedAt: 1 }, projection: { updatedAt: 1 } })
          : null;
      summaries.set(status, { count: Number(group.count), ...(oldest && { oldestUpdatedAt: oldest.updatedAt }) });
    }
    return summaries;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async applyBulk(updates: readonly TransferIndexUpdate[]): Promise<void> {
    const operations: AnyBulkWriteOperation<TransferIndexDocument>[] = updates.map((update) => ({
      updateOne: { filter: olderThan(update), update: writeOf(update), upsert: true },
    }));
    try {
      await this.collection.bulkWrite(operations, { ordered: false, writeConcern: this.writeConcern });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      // Which ops were applied is unknowable on FerretDB 1.24: it stops an unordered bulk at its first error and
      // reports a wrong index. Every op is idempotent, so all are replayed one by one.
      for (const update of updates) await this.applyOne(update);
    }
  }

  private async applyOne(update: TransferIndexUpdate): Promise<void> {
    const options = { writeConcern: this.writeConcern };
    try {
      await this.collection.updateOne(olderThan(update), writeOf(update), { ...options, upsert: true });
      return;
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === duplicateKey)) throw error;
    }
    // The record exists: usually with this event or a newer one. If it was inserted concurrently with an older one
    // (several nodes), move it forward without an upsert, which cannot collide; and give it a request it lacks.
    await this.collection.updateOne(olderThan(update), { $set: stateOf(update) }, options);
    if (update.request)
      await this.collection.updateOne(
        { _id: update.transferId, from: { $exists: false } },
        { $set: { ...update.request } },
        options,
      );
  }
}

function olderThan(update: TransferIndexUpdate): Filter<TransferIndexDocument> {
  return { _id: update.transferId, eventSeq: { $lt: update.eventSeq } };
}

function stateOf(update: TransferIndexUpdate): Partial<TransferIndexDocument> {
  return { status: update.status, eventSeq: update.eventSeq, updatedAt: update.updatedAt };
}

/** The latest state, and the request (with the true creation time) when known; else a stand-in creation time. */
function writeOf(update: TransferIndexUpdate): UpdateFilter<TransferIndexDocument> {
  if (update.request) return { $set: { ...stateOf(update), ...update.request } };
  return { $set: stateOf(update), $setOnInsert: { createdAt: update.firstAt } };
}

function filterOf(query: TransferListQuery): Filter<TransferIndexDocument> {
  const conditions: Filter<TransferIndexDocument>[] = [];
  if (query.statuses.length > 0) conditions.push({ status: { $in: [...query.statuses] } });
  if (query.account !== undefined) conditions.push({ $or: [{ from: query.account }, { to: query.account }] });
  if (query.createdFrom !== undefined) conditions.push({ createdAt: { $gte: query.createdFrom } });
  if (query.createdTo !== undefined) conditions.push({ createdAt: { $lt: query.createdTo } });
  if (query.after) {
    const { createdAt, transferId } = query.after;
    conditions.push({ $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: transferId } }] });
  }
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0]! : { $and: conditions };
}

function recordOf(document: TransferIndexDocument): TransferRecord {
  const {
    _id,
    status,
    eventSeq,
    updatedAt,
    createdAt,
    from,
    to,
    amount,
    currency,
    speed,
    approvalRequired,
    reference,
    createdBy,
    executeAt,
  } = document;
  const request =
    from !== undefined && to !== undefined && amount !== undefined && currency !== undefined
      ? {
          from,
          to,
          amount,
          currency,
          speed: speed ?? "normal",
          approvalRequired: approvalRequired === true,
          reference: reference ?? "",
          createdBy: createdBy ?? "",
          createdAt,
          ...(typeof executeAt === "number" && { executeAt }),
        }
      : null;
  if (!isStatus(status)) throw new TypeError(`transfer_index ${_id}: unknown status ${status}`);
  return { transferId: _id, status, eventSeq, updatedAt, createdAt, request };
}
