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

/**
 * The actor store in process memory, for the embedded mode and fast unit tests. Same contract as the MongoDB
 * store (test/contract): unique (actor, seq) and (actor, commandId), ordered appends. Not durable.
 */
export class MemoryActorStore implements ActorStore {
  private readonly journals = new Map<string, JournalEntry[]>();
  /** Each journal's sequence numbers: the unique (actor, seq) check without a scan of the journal. */
  private readonly seqs = new Map<string, Set<number>>();
  private readonly commandIds = new Map<string, JournalEntry>();
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly reminderIndex = new Map<string, ReminderIndexEntry>();
  private readonly checkpoints = new Map<number, number>();
  /** Test hook: called before each entry is inserted; throwing simulates a failed write at that point. */
  beforeInsert: ((entry: JournalEntry) => void) | undefined;

  async append(batches: readonly AppendBatch[]): Promise<AppendOutcome[]> {
    const outcomes: AppendOutcome[] = [];
    let failed = false;
    for (const batch of batches) {
      if (failed) {
        outcomes.push("skipped");
        continue;
      }
      failed = !batch.entries.every((entry) => this.insert(entry));
      outcomes.push(failed ? "uncertain" : "written");
    }
    return outcomes;
  }

  private insert(entry: JournalEntry): boolean {
    this.beforeInsert?.(entry);
    const key = actorKeyOf(entry.kind, entry.actorId);
    const journal = this.journals.get(key) ?? [];
    const seqs = this.seqs.get(key) ?? new Set<number>();
    const commandKey = `${key}/${entry.commandId}`;
    if (this.commandIds.has(commandKey) || seqs.has(entry.seq)) return false;
    const stored = structuredClone(entry);
    journal.push(stored);
    // Appends come in sequence order: sorting only when one does not keeps an append O(1), not O(journal length).
    if (journal.length > 1 && journal[journal.length - 2]!.seq > stored.seq) journal.sort((a, b) => a.seq - b.seq);
    seqs.add(entry.seq);
    this.journals.set(key, journal);
    this.seqs.set(key, seqs);
    this.commandIds.set(commandKey, stored);
    return true;
  }

  async readEntries(actor: ActorRef, afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const journal = this.journals.get(actorKeyOf(actor.kind, actor.actorId)) ?? [];
    const start = firstAfter(journal, afterSeq);
    return structuredClone(journal.slice(start, start + limit));
  }

  async findEntriesByCommandIds(actor: ActorRef, commandIds: readonly string[]): Promise<JournalEntry[]> {
    const key = actorKeyOf(actor.kind, actor.actorId);
    return commandIds.flatMap((id) => {
      const entry = this.commandIds.get(`${key}/${id}`);
      return entry ? [structuredClone(entry)] : [];
    });
  }

  async findActorsRecordedSince(since: number, before = Infinity): Promise<ActorRecordedSince[]> {
    return [...this.journals.values()].flatMap((journal) => {
      const recorded = journal.filter((entry) => entry.recordedAt >= since && entry.recordedAt < before);
      if (recorded.length === 0) return [];
      const earliestRecordedAt = recorded.reduce((earliest, entry) => Math.min(earliest, entry.recordedAt), Infinity);
      return [{ kind: recorded[0]!.kind, actorId: recorded[0]!.actorId, earliestRecordedAt }];
    });
  }

  async loadPublicationCheckpoints(partitions: readonly number[]): Promise<Map<number, number>> {
    return new Map(
      partitions.flatMap((partition) => {
        const recordedBefore = this.checkpoints.get(partition);
        return recordedBefore === undefined ? [] : [[partition, recordedBefore] as const];
      }),
    );
  }

  async savePublicationCheckpoints(partitions: readonly number[], recordedBefore: number): Promise<void> {
    for (const partition of partitions) this.checkpoints.set(partition, recordedBefore);
  }

  async loadSnapshot(actor: ActorRef): Promise<Snapshot | null> {
    const snapshot = this.snapshots.get(actorKeyOf(actor.kind, actor.actorId));
    return snapshot ? structuredClone(snapshot) : null;
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const key = actorKeyOf(snapshot.kind, snapshot.actorId);
    const existing = this.snapshots.get(key);
    if (!existing || existing.entrySeq < snapshot.entrySeq) this.snapshots.set(key, structuredClone(snapshot));
  }

  async setReminderIndex(entry: ReminderIndexEntry): Promise<void> {
    this.reminderIndex.set(actorKeyOf(entry.kind, entry.actorId), { ...entry });
  }

  async clearReminderIndex(actor: ActorRef): Promise<void> {
    this.reminderIndex.delete(actorKeyOf(actor.kind, actor.actorId));
  }

  async findDueReminders(
    partitions: readonly number[],
    dueBefore: number,
    limit: number,
  ): Promise<ReminderIndexEntry[]> {
    const wanted = new Set(partitions);
    return [...this.reminderIndex.values()]
      .filter((entry) => wanted.has(entry.partition) && entry.dueAt <= dueBefore)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit);
  }

  async close(): Promise<void> {}
}

/** Index of the first entry with `seq > afterSeq` in a journal sorted by seq: a read costs no more as it grows. */
function firstAfter(journal: readonly JournalEntry[], afterSeq: number): number {
  let [low, high] = [0, journal.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (journal[middle]!.seq > afterSeq) high = middle;
    else low = middle + 1;
  }
  return low;
}
