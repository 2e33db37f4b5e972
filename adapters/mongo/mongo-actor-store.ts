import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
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
import { createMissingIndexes } from "./indexes.js";
import { prepareJournal } from "./journal-layout.js";

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
/**
 * Entries the first query of a journal tail read asks for, then every later one (FerretDB pushes an `_id` `$in` of
 * up to 1,000 down). Sixteen `_id` lookups cost the store little more than one, and cover most actors' whole tail.
 */
const [tailWindowFirst, tailWindowMax] = [16, 256];
const publicationCheckpointId = "publication";
/** Field names, not array positions: `partitions.0` would address an array element if the field were an array. */
const partitionField = (partition: number) => `p${partition}`;

/**
 * The actor store on MongoDB: single-document atomic writes and unique indexes only; no transactions, no
 * change streams (ADR 001). Runs on a MongoDB replica set and on FerretDB. Reads on the common path (a journal
 * tail, a snapshot) go by `_id` (ADR 015), so their cost does not grow with the journal on any of them.
 */
export class MongoActorStore implements ActorStore {
  private constructor(
    /** Journal entries this connect rewrote from the layout keyed by command id (ADR 015); 0 once migrated. */
    readonly rewrittenEntries: number,
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
      const rewrittenEntries = await ensureIndexes(db);
      return new MongoActorStore(
        rewrittenEntries,
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

  /**
   * By `_id` (ADR 015): one `$in` query per window of entry numbers, served by the `_id` index on MongoDB and on the
   * rig's FerretDB (SQLite and PostgreSQL), where a filter on `actor` and `seq` would scan the journal. Entry
   * numbers are gap-free, so the first one missing ends the read. Windows of 16, then 256: proving an actor new, or
   * reading a short tail, costs one query, and a tail of a snapshot interval three.
   */
  async readEntries(actor: ActorRef, afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const entries: JournalEntry[] = [];
    let window = tailWindowFirst;
    while (entries.length < limit) {
      const first = afterSeq + entries.length + 1;
      const count = Math.min(window, limit - entries.length);
      const ids = Array.from({ length: count }, (_, index) =>
        journalDocumentId(actor.kind, actor.actorId, first + index),
      );
      const documents = await this.journal.find(count === 1 ? { _id: ids[0]! } : { _id: { $in: ids } }).toArray();
      const bySeq = new Map(documents.map((document) => [document.seq, document]));
      for (let seq = first; seq < first + count; seq++) {
        const document = bySeq.get(seq);
        // A later entry found after a missing one was written during the query: the prefix is what is read.
        if (document === undefined) return entries;
        entries.push(fromJournalDocument(document));
      }
      window = Math.min(window * 16, tailWindowMax);
    }
    return entries;
  }

  async findEntriesByCommandIds(actor: ActorRef, commandIds: readonly string[]): Promise<JournalEntry[]> {
    if (commandIds.length === 0) return [];
    // Served by the (actor, commandId) index on MongoDB; a scan on FerretDB, which only pushes `_id` equality down.
    // Called for a repeat older than the node's recent replies and after a fenced write, not on the common path.
    const documents = await this.journal
      .find({ actor: actorKeyOf(actor.kind, actor.actorId), commandId: { $in: [...commandIds] } })
      .toArray();
    return documents.map(fromJournalDocument);
  }

  async findActorsRecordedSince(since: number, before?: number): Promise<ActorRecordedSince[]> {
    const cursor = this.journal.find(
      { recordedAt: before === undefined ? { $gte: since } : { $gte: since, $lt: before } },
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

async function ensureIndexes(db: Db): Promise<number> {
  const rewritten = await prepareJournal(db);
  await createMissingIndexes(db, "reminders", [{ key: { partition: 1, dueAt: 1 }, name: "due" }]);
  return rewritten;
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
