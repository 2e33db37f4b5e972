import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
  type IndexDescription,
  type WriteConcernSettings,
} from "mongodb";
import type {
  ActorRecordedSince,
  ActorRef,
  ActorStore,
  AppendBatch,
  AppendOutcome,
  JournalEntry,
  ReminderIndexEntry,
  Snapshot,
} from "../../runtime/ports.js";
import { actorKeyOf } from "../../runtime/subjects.js";
import {
  fromJournalDocument,
  fromSnapshotDocument,
  journalDocumentId,
  toJournalDocument,
  type CheckpointDocument,
  type JournalDocument,
  type ReminderDocument,
  type SnapshotDocument,
} from "./documents.js";

export interface MongoStoreOptions {
  readonly url: string;
  readonly database: string;
  /** Journal writes are acknowledged with this concern; `majority` by default (use it on a replica set). */
  readonly writeConcern?: WriteConcernSettings;
  /** How long to wait for a reachable server, at connect and per operation; 10 s by default. */
  readonly serverSelectionTimeoutMs?: number;
  readonly appName?: string;
}

const duplicateKey = 11000;
const publicationCheckpointId = "publication";
/** Field names, not array positions: `partitions.0` would address an array element if the field were an array. */
const partitionField = (partition: number) => `p${partition}`;
const namespaceNotFound = 26;

/**
 * The actor store on MongoDB: single-document atomic writes and unique indexes only; no transactions, no
 * change streams (ADR 001). Runs on a MongoDB replica set and on FerretDB.
 */
export class MongoActorStore implements ActorStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly journal: Collection<JournalDocument>,
    private readonly snapshots: Collection<SnapshotDocument>,
    private readonly reminders: Collection<ReminderDocument>,
    private readonly checkpoints: Collection<CheckpointDocument>,
    private readonly writeConcern: WriteConcernSettings,
  ) {}

  static async connect(options: MongoStoreOptions): Promise<MongoActorStore> {
    const client = await MongoClient.connect(options.url, {
      appName: options.appName ?? "liquidity-engine",
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    try {
      const db = client.db(options.database);
      await ensureIndexes(db);
      return new MongoActorStore(
        client,
        db.collection<JournalDocument>("journal"),
        db.collection<SnapshotDocument>("snapshots"),
        db.collection<ReminderDocument>("reminders"),
        db.collection<CheckpointDocument>("checkpoints"),
        options.writeConcern ?? { w: "majority" },
      );
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async append(batches: readonly AppendBatch[]): Promise<AppendOutcome[]> {
    const documents = batches.flatMap((batch) => batch.entries.map(toJournalDocument));
    if (documents.length === 0) return batches.map(() => "written");
    try {
      await this.journal.insertMany(documents, { ordered: true, writeConcern: this.writeConcern });
      return batches.map(() => "written");
    } catch (error) {
      const failedIndex = firstFailedIndex(error);
      if (failedIndex === undefined) throw error;
      return outcomesAround(batches, failedIndex);
    }
  }

  async readEntries(actor: ActorRef, afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const documents = await this.journal
      .find({ actor: actorKeyOf(actor.kind, actor.actorId), seq: { $gt: afterSeq } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return documents.map(fromJournalDocument);
  }

  async findEntriesByCommandIds(actor: ActorRef, commandIds: readonly string[]): Promise<JournalEntry[]> {
    if (commandIds.length === 0) return [];
    const ids = commandIds.map((id) => journalDocumentId(actor.kind, actor.actorId, id));
    // Equality on _id, one query per id: FerretDB 1.24 (SQLite) answers `$in` by scanning the whole journal.
    const found = await Promise.all(ids.map((id) => this.journal.findOne({ _id: id })));
    return found.filter((document) => document !== null).map(fromJournalDocument);
  }

  async findActorsRecordedSince(since: number): Promise<ActorRecordedSince[]> {
    const cursor = this.journal.find(
      { recordedAt: { $gte: since } },
      { projection: { _id: 0, kind: 1, actorId: 1, recordedAt: 1 } },
    );
    // Folded here, not by a $group stage: the same plain read of the recordedAt index on MongoDB and on FerretDB.
    const actors = new Map<string, ActorRecordedSince>();
    for await (const { kind, actorId, recordedAt } of cursor) {
      const key = actorKeyOf(kind, actorId);
      const earliestRecordedAt = Math.min(recordedAt, actors.get(key)?.earliestRecordedAt ?? recordedAt);
      actors.set(key, { kind, actorId, earliestRecordedAt });
    }
    return [...actors.values()];
  }

  async loadPublicationCheckpoints(partitions: readonly number[]): Promise<Map<number, number>> {
    const document = await this.checkpoints.findOne({ _id: publicationCheckpointId });
    const stored = document?.partitions ?? {};
    return new Map(
      partitions.flatMap((partition) => {
        const recordedBefore = stored[partitionField(partition)];
        return typeof recordedBefore === "number" ? [[partition, recordedBefore] as const] : [];
      }),
    );
  }

  async savePublicationCheckpoints(partitions: readonly number[], recordedBefore: number): Promise<void> {
    if (partitions.length === 0) return;
    // One document, one field per partition: a single-document write however many partitions the node owns.
    const fields = Object.fromEntries(
      partitions.map((partition) => [`partitions.${partitionField(partition)}`, recordedBefore]),
    );
    await this.checkpoints.updateOne(
      { _id: publicationCheckpointId },
      { $set: fields },
      { upsert: true, writeConcern: this.writeConcern },
    );
  }

  async loadSnapshot(actor: ActorRef): Promise<Snapshot | null> {
    const document = await this.snapshots.findOne({ _id: actorKeyOf(actor.kind, actor.actorId) });
    return document ? fromSnapshotDocument(document) : null;
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const _id = actorKeyOf(snapshot.kind, snapshot.actorId);
    try {
      // Matches only an older snapshot; when a newer one exists the upsert collides on _id and is dropped.
      await this.snapshots.replaceOne({ _id, entrySeq: { $lt: snapshot.entrySeq } }, snapshot, { upsert: true });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === duplicateKey)) throw error;
    }
  }

  async setReminderIndex(entry: ReminderIndexEntry): Promise<void> {
    const _id = actorKeyOf(entry.kind, entry.actorId);
    await this.reminders.replaceOne({ _id }, entry, { upsert: true, writeConcern: this.writeConcern });
  }

  async clearReminderIndex(actor: ActorRef): Promise<void> {
    await this.reminders.deleteOne({ _id: actorKeyOf(actor.kind, actor.actorId) });
  }

  async findDueReminders(
    partitions: readonly number[],
    dueBefore: number,
    limit: number,
  ): Promise<ReminderIndexEntry[]> {
    const documents = await this.reminders
      .find({ partition: { $in: [...partitions] }, dueAt: { $lte: dueBefore } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray();
    return documents.map(({ _id, ...entry }) => entry);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

async function ensureIndexes(db: Db): Promise<void> {
  await createMissingIndexes(db, "journal", [
    { key: { actor: 1, seq: 1 }, name: "actor_seq_unique", unique: true },
    { key: { recordedAt: 1 }, name: "recorded_at" },
  ]);
  await createMissingIndexes(db, "reminders", [{ key: { partition: 1, dueAt: 1 }, name: "due" }]);
}

/**
 * Creates only the indexes not there yet. MongoDB treats a repeated createIndexes as a no-op, but FerretDB 1.24
 * (SQLite) drops the connection on it (a server-side panic), so a second engine connecting would fail.
 */
export async function createMissingIndexes(db: Db, collection: string, indexes: IndexDescription[]): Promise<void> {
  const existing = new Set<string>();
  try {
    for (const index of await db.collection(collection).listIndexes().toArray()) existing.add(String(index["name"]));
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === namespaceNotFound)) throw error;
  }
  const missing = indexes.filter((index) => !existing.has(index.name ?? ""));
  if (missing.length > 0) await db.collection(collection).createIndexes(missing);
}

/** Index of the first document an ordered insert did not write, or undefined if the error is not per-document. */
function firstFailedIndex(error: unknown): number | undefined {
  if (!(error instanceof MongoBulkWriteError)) return undefined;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  const indexes = writeErrors.map((writeError) => writeError.index).filter((index) => Number.isInteger(index));
  return indexes.length > 0 ? Math.min(...indexes) : undefined;
}

/** Batches wholly before the failing document were written; its batch is uncertain; later ones were not attempted. */
function outcomesAround(batches: readonly AppendBatch[], failedIndex: number): AppendOutcome[] {
  let start = 0;
  return batches.map((batch) => {
    const end = start + batch.entries.length;
    const outcome: AppendOutcome = end <= failedIndex ? "written" : start <= failedIndex ? "uncertain" : "skipped";
    start = end;
    return outcome;
  });
}
