/** Every bound the runtime enforces, with its unit last. Defaults are documented in docs/configuration.md ("Limits"). */
export interface RuntimeLimits {
  /** Commands waiting in one actor's mailbox; beyond it callers get `mailbox_full`. */
  readonly mailboxCapacity: number;
  /** Commands decided and persisted together in one group commit. */
  readonly batchSizeMax: number;
  /** Encoded size of one inbound command message. */
  readonly messageSizeMaxBytes: number;
  /** Events between two snapshots of an actor. */
  readonly snapshotEveryEvents: number;
  /** Recent command ids an actor answers from memory (older retries are caught by the journal's unique key). */
  readonly commandIdWindowSize: number;
  /** Replies of recently journaled commands the node keeps (all actors together), so repeats need no journal read. */
  readonly recentRepliesMax: number;
  /** An actor idle this long is passivated (removed from memory). */
  readonly passivateAfterIdleMs: number;
  /** Actors kept in memory at most; the least recently used idle ones are passivated beyond it. */
  readonly activeActorsMax: number;
  /** Reload-and-retry rounds after a fenced or uncertain journal write, before `journal_conflict`. */
  readonly journalConflictRetriesMax: number;
  /** Entries in one coalesced journal write. */
  readonly journalWriteEntriesMax: number;
  /** Coalesced journal writes in flight at once. */
  readonly journalWritesInFlightMax: number;
  /** Whether appends of many actors share one bulk write. */
  readonly journalCoalesce: boolean;
  /** How often due reminders are looked up in the store. */
  readonly reminderPollIntervalMs: number;
  /** How often the publication checkpoint is saved and orphaned actors are reactivated (ADR 002). */
  readonly publicationCheckpointIntervalMs: number;
  /** Safety margin under `now` and orphans in the publication checkpoint: absorbs backward clock steps (ADR 002 §9). */
  readonly publicationCheckpointLagMs: number;
  /** Actors recovery after a start activates at once (ADR 002 §4); commands activate theirs beside them. */
  readonly recoveryActivationsInFlightMax: number;
  /** Width of the first window of recovery's journal search, in `recordedAt` milliseconds (ADR 002 §9). */
  readonly recoverySearchWindowMs: number;
  /** Actors one window of recovery's journal search should list; the next window is sized by it (ADR 002 §9). */
  readonly recoverySearchWindowActors: number;
  /** Backoff bounds for retrying a failed publication. */
  readonly publicationRetryDelayMsMin: number;
  readonly publicationRetryDelayMsMax: number;
  /** Events of one actor sent to the bus and not yet acknowledged: how far its publication is pipelined (ADR 002 §8). */
  readonly publicationUnackedEventsMax: number;
  /** Effects running at once on this node; beyond it an effect is dropped and its guard reminder takes over. */
  readonly effectsInFlightMax: number;
  /** Deliveries of one effect's result that met a retryable refusal (mailbox full...) before it is given up. */
  readonly effectResultDeliveriesMax: number;
  /** NATS-facing partitions; fixed for the life of a deployment (it is part of every command subject). */
  readonly partitionCount: number;
}

export const defaultLimits: RuntimeLimits = {
  mailboxCapacity: 1_000,
  batchSizeMax: 256,
  messageSizeMaxBytes: 64 * 1024,
  snapshotEveryEvents: 500,
  commandIdWindowSize: 1_000,
  recentRepliesMax: 100_000,
  passivateAfterIdleMs: 60_000,
  activeActorsMax: 100_000,
  journalConflictRetriesMax: 3,
  journalWriteEntriesMax: 2_000,
  journalWritesInFlightMax: 4,
  journalCoalesce: true,
  reminderPollIntervalMs: 1_000,
  publicationCheckpointIntervalMs: 1_000,
  publicationCheckpointLagMs: 5_000,
  recoveryActivationsInFlightMax: 32,
  // A quiet restart's span (the checkpoint's interval and lag, 6 s) in three windows of 1, 2 and 4 s; a dense one
  // starts listing actors after a search of one second of its traffic.
  recoverySearchWindowMs: 1_000,
  recoverySearchWindowActors: 1_000,
  publicationRetryDelayMsMin: 100,
  publicationRetryDelayMsMax: 30_000,
  publicationUnackedEventsMax: 1_000,
  effectsInFlightMax: 10_000,
  effectResultDeliveriesMax: 5,
  partitionCount: 64,
};

export function resolveLimits(overrides: Partial<RuntimeLimits> = {}): RuntimeLimits {
  const limits = { ...defaultLimits, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value === "number" && !(Number.isInteger(value) && value > 0)) {
      throw new RangeError(`limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}
