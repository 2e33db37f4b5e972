import type { AnyActorKind, ReminderChanges } from "./actor-kind.js";
import { assert } from "./assert.js";
import type { JournalEntry, PendingReminder, Snapshot } from "./ports.js";
import type { TraceContext } from "./trace-context.js";
import { RecentCommandIds } from "./idempotency.js";

/**
 * Everything the runtime keeps for one actor, rebuilt from snapshot + journal tail: the actor's own state,
 * the sequence numbers, the window of recent command ids, and pending reminders.
 */
export class ActorRecord {
  constructor(
    readonly kind: AnyActorKind,
    readonly actorId: string,
    public state: unknown,
    public entrySeq: number,
    public eventSeq: number,
    readonly recentCommandIds: RecentCommandIds,
    /** Shared with the record it was drafted from until an entry changes it (copied then: `ownsReminders`). */
    private pendingReminders: Map<string, PendingReminder>,
    private ownsReminders: boolean,
  ) {}

  get reminders(): ReadonlyMap<string, PendingReminder> {
    return this.pendingReminders;
  }

  static initial(kind: AnyActorKind, actorId: string, windowSize: number): ActorRecord {
    return new ActorRecord(
      kind,
      actorId,
      kind.initialState(actorId),
      0,
      0,
      RecentCommandIds.empty(windowSize),
      noReminders,
      false,
    );
  }

  static fromSnapshot(kind: AnyActorKind, snapshot: Snapshot, windowSize: number): ActorRecord {
    assert(snapshot.kind === kind.name, `snapshot of kind ${snapshot.kind} loaded as ${kind.name}`);
    const reminders = new Map(snapshot.reminders.map((reminder) => [reminder.key, reminder]));
    return new ActorRecord(
      kind,
      snapshot.actorId,
      kind.decodeState(snapshot.state),
      snapshot.entrySeq,
      snapshot.eventSeq,
      RecentCommandIds.fromSnapshot(windowSize, snapshot.recentCommandIds),
      reminders,
      true,
    );
  }

  /**
   * A copy a batch can advance; the original stays the committed state until the write succeeds. The reminders are
   * shared until the batch changes them: most batches do not, and every actor in memory would otherwise keep a map
   * of its own, empty or not.
   */
  draft(): ActorRecord {
    return new ActorRecord(
      this.kind,
      this.actorId,
      this.state,
      this.entrySeq,
      this.eventSeq,
      this.recentCommandIds.clone(),
      this.pendingReminders,
      false,
    );
  }

  /** Applies a journal entry: the single path for live batches and for replay, so both give the same state. */
  applyEntry(entry: JournalEntry): void {
    assert(entry.seq === this.entrySeq + 1, `entry ${entry.seq} applied after ${this.entrySeq} for ${this.actorId}`);
    assert(entry.firstEventSeq === this.eventSeq + 1, `event seq ${entry.firstEventSeq} after ${this.eventSeq}`);
    // Evolve into a local first: if `evolve` throws (a bug), the record is left untouched.
    let state = this.state;
    for (const event of entry.events) state = this.kind.evolve(state, event);
    this.state = state;
    this.entrySeq = entry.seq;
    this.eventSeq += entry.events.length;
    this.recentCommandIds.remember(entry.commandId);
    if (entry.reminders) {
      if (!this.ownsReminders) {
        this.pendingReminders = new Map(this.pendingReminders);
        this.ownsReminders = true;
      }
      applyReminderChanges(this.pendingReminders, entry.reminders, entry.trace);
    }
  }

  earliestReminder(): PendingReminder | undefined {
    let earliest: PendingReminder | undefined;
    for (const reminder of this.reminders.values()) {
      if (earliest === undefined || reminder.dueAt < earliest.dueAt) earliest = reminder;
    }
    return earliest;
  }

  toSnapshot(takenAt: number): Snapshot {
    return {
      kind: this.kind.name,
      actorId: this.actorId,
      entrySeq: this.entrySeq,
      eventSeq: this.eventSeq,
      state: this.kind.encodeState(this.state),
      recentCommandIds: this.recentCommandIds.toSnapshot(),
      reminders: [...this.reminders.values()],
      takenAt,
    };
  }
}

/** The reminders of a record that has none of its own: never changed, a record copies it before a change. */
const noReminders = new Map<string, PendingReminder>();

/** Each reminder set keeps the trace of the entry that set it: its firing continues that trace (ADR 009 §5). */
function applyReminderChanges(
  reminders: Map<string, PendingReminder>,
  changes: ReminderChanges,
  trace: TraceContext | undefined,
): void {
  for (const key of changes.cancel ?? []) reminders.delete(key);
  for (const reminder of changes.set ?? []) reminders.set(reminder.key, trace ? { ...reminder, trace } : reminder);
}
