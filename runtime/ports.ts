/**
 * The runtime's ports. Adapters (adapters/memory, adapters/mongo, adapters/nats, adapters/prometheus) implement
 * them; actors know none of them.
 */
import type { ActorEvent, EffectRequest, ReminderChanges, ReminderRequest } from "./actor-kind.js";
import type { Json, JsonObject } from "./json.js";
import type { TraceContext } from "./trace-context.js";

/** One accepted command as persisted: the unit of the journal. */
export interface JournalEntry {
  readonly kind: string;
  readonly actorId: string;
  /** Entry number within the actor, gap-free from 1. Unique with the actor: the fencing key. */
  readonly seq: number;
  /** Sequence number of `events[0]`; event i has `firstEventSeq + i`. */
  readonly firstEventSeq: number;
  readonly events: readonly ActorEvent[];
  /** Unique with the actor, forever: the idempotency key. */
  readonly commandId: string;
  readonly commandType: string;
  /** What the command asked for (runtime/idempotency.ts); absent in entries written before it existed. */
  readonly commandFingerprint?: string;
  readonly principal: string;
  readonly reply: Json;
  readonly reminders: ReminderChanges | null;
  /** Effects run after this entry was written (ADR 006 §1); absent when none. */
  readonly effects?: readonly EffectRequest[];
  /** The trace of the command that produced it (ADR 009); its events, effects and reminders follow it. Absent in older entries. */
  readonly trace?: TraceContext;
  /** Epoch ms of the turn that decided it; the publication checkpoint is expressed in it (ADR 002). */
  readonly recordedAt: number;
}

export interface ActorRef {
  readonly kind: string;
  readonly actorId: string;
}

/** Entries of one actor, contiguous, to be appended after `seq - 1`. */
export interface AppendBatch {
  readonly entries: readonly JournalEntry[];
}

/**
 * Per-batch outcome of an append:
 * - written: every entry is durable;
 * - uncertain: some prefix may be durable (a unique key collided, or the write failed): reload before going on;
 * - skipped: nothing of this batch was attempted (an earlier batch in the same ordered write failed): resubmit.
 */
export type AppendOutcome = "written" | "uncertain" | "skipped";

export interface JournalStore {
  /** Appends batches in one ordered write: after the first failing entry, nothing later is attempted. */
  append(batches: readonly AppendBatch[]): Promise<AppendOutcome[]>;
  /** Entries with `seq > afterSeq`, ascending, at most `limit`. */
  readEntries(actor: ActorRef, afterSeq: number, limit: number): Promise<JournalEntry[]>;
  findEntriesByCommandIds(actor: ActorRef, commandIds: readonly string[]): Promise<JournalEntry[]>;
  /**
   * Every actor with an entry whose `recordedAt >= since` (and `< before` when given), once each, with the earliest
   * such `recordedAt`, in no particular order (recovery after a crash, ADR 002 §4, §9). Both bounds must be served by
   * an index: its cost must follow the entries in the window, not the journal.
   */
  findActorsRecordedSince(since: number, before?: number): Promise<ActorRecordedSince[]>;
}

/** An actor with entries recorded since a time, and the earliest of them: nothing older of it can be off the bus. */
export interface ActorRecordedSince extends ActorRef {
  /** The smallest `recordedAt` among its entries in the window asked. */
  readonly earliestRecordedAt: number;
}

/** "Every entry of partition p recorded before this time is on the bus", per partition (ADR 002). */
export interface CheckpointStore {
  /** The stored checkpoint of each given partition that has one. */
  loadPublicationCheckpoints(partitions: readonly number[]): Promise<Map<number, number>>;
  savePublicationCheckpoints(partitions: readonly number[], recordedBefore: number): Promise<void>;
}

/**
 * A reminder as the runtime keeps it (in memory and in snapshots): with the trace of the entry that set it, taken
 * from the entry when it is applied, so the journal stores the trace once (ADR 009 §5).
 */
export interface PendingReminder extends ReminderRequest {
  readonly trace?: TraceContext;
}

/** Runtime state of an actor at an entry boundary. */
export interface Snapshot {
  readonly kind: string;
  readonly actorId: string;
  readonly entrySeq: number;
  readonly eventSeq: number;
  readonly state: JsonObject;
  readonly recentCommandIds: readonly string[];
  readonly reminders: readonly PendingReminder[];
  readonly takenAt: number;
}

export interface SnapshotStore {
  loadSnapshot(actor: ActorRef): Promise<Snapshot | null>;
  /** Stores the snapshot unless a newer one (higher entrySeq) is already there. */
  saveSnapshot(snapshot: Snapshot): Promise<void>;
}

/** One document per actor that has pending reminders: when to wake it. */
export interface ReminderIndexEntry extends ActorRef {
  readonly partition: number;
  readonly dueAt: number;
}

export interface ReminderStore {
  setReminderIndex(entry: ReminderIndexEntry): Promise<void>;
  clearReminderIndex(actor: ActorRef): Promise<void>;
  findDueReminders(partitions: readonly number[], dueBefore: number, limit: number): Promise<ReminderIndexEntry[]>;
}

export interface ActorStore extends JournalStore, SnapshotStore, ReminderStore, CheckpointStore {
  close(): Promise<void>;
}

/** An event as it goes out on the bus. */
export interface OutboundEvent {
  readonly kind: string;
  readonly actorId: string;
  readonly eventSeq: number;
  readonly entrySeq: number;
  readonly commandId: string;
  readonly event: ActorEvent;
  readonly recordedAt: number;
  /** The trace of the entry's command: sent as the `traceparent` header (ADR 009 §4). */
  readonly trace?: TraceContext;
}

export interface EventPublisher {
  /** Publishes one actor's events in order; resolves when all are acknowledged, rejects if any is not. */
  publish(events: readonly OutboundEvent[]): Promise<void>;
  /**
   * The path publishes take to the bus now, or undefined when none keeps order across publishes. Publishes made
   * under one path reach the bus in the order they were made, and a later one is stored only if every earlier one
   * was; so an actor's next events may be sent while earlier ones await their acknowledgements (ADR 002 §8). The
   * path changes whenever that stops holding (a new connection, a failed publish). Absent: as if undefined.
   */
  orderedPath?(): object | undefined;
  /** The event sequence number of the last event of this actor already on the bus (0 if none). */
  lastPublishedEventSeq(actor: ActorRef): Promise<number>;
  close(): Promise<void>;
}

export interface Clock {
  now(): number;
  /**
   * A one-shot timer on this clock's time, for reminders. Absent: Node's timers on real time (the engine). A
   * simulation's virtual clock runs its timers itself as it advances, so reminders fire at their virtual due times.
   */
  readonly startTimer?: (callback: () => void, delayMs: number) => ClockTimer;
}

export interface ClockTimer {
  cancel(): void;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A timer on `clock`'s time: its own when it has them, else an unref'd Node timer (it must not hold the process). */
export function startClockTimer(clock: Clock, callback: () => void, delayMs: number): ClockTimer {
  if (clock.startTimer) return clock.startTimer(callback, delayMs);
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

export type JournalWriteOutcome = "written" | "uncertain" | "error";

/** Metric hooks; adapters/prometheus implements them, `noopMetrics` ignores them. */
export interface RuntimeMetrics {
  mailboxDepth(kind: string, depth: number): void;
  turn(kind: string, seconds: number, commands: number): void;
  journalWrite(seconds: number, entries: number, outcome: JournalWriteOutcome): void;
  /** An actor loaded into memory, and how long its load took (snapshot and journal reads). */
  activated(kind: string, seconds: number): void;
  passivated(kind: string): void;
  rejected(kind: string, code: string): void;
  eventsPublished(kind: string, count: number): void;
  remindersFired(kind: string): void;
  journalReloads(kind: string): void;
  /** Seconds between now and the publication checkpoint just saved. */
  publicationCheckpointLag(seconds: number): void;
}

export const noopMetrics: RuntimeMetrics = {
  mailboxDepth: () => {},
  turn: () => {},
  journalWrite: () => {},
  activated: () => {},
  passivated: () => {},
  rejected: () => {},
  eventsPublished: () => {},
  remindersFired: () => {},
  journalReloads: () => {},
  publicationCheckpointLag: () => {},
};

export type LogFields = Record<string, unknown>;

export interface Logger {
  /** Detail for finding a fault (LIQ_LOG_LEVEL=debug); off by default. */
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line also carries `fields` (a command's or an actor's correlation ids, ADR 009 §6). */
  child(fields: LogFields): Logger;
}
