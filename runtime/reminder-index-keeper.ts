import type { ActorRef, Logger, ReminderStore } from "./ports.js";

/**
 * Keeps an actor's document in the reminder index (ADR 001 §7) so that it always wakes the actor no later than its
 * earliest pending reminder, also across a crash: the document may be earlier than needed, or present with nothing
 * pending, but never later than a reminder in the journal, nor absent while one is pending.
 *
 * - Intent first: before a journal write that makes the earliest due time earlier than the index, the index moves.
 * - While the actor is active and keeps a reminder, nothing else is written: its in-memory timer is what fires
 *   reminders, and an index that is earlier than needed only causes a spurious wake-up. Moving the document later
 *   waits until the activation asks for it: before passivation, at a stop, or when the poller found the stale
 *   document due. The activation asks only between batches, so the committed due time is the journal's.
 * - When the last reminder goes, the document is removed after that commit.
 *
 * Writes are serialized, so a tidy-up can never land after, and undo, a later intent write.
 */
export class ReminderIndexKeeper {
  /**
   * What the index holds once the queued writes land: a due time (or an earlier one), null when absent (or a
   * leftover not yet seen), undefined when unknown (a write failed, or the poller found a stale document).
   */
  private indexed: number | null | undefined;
  /** The earliest due time of the committed reminders, null when none: what a tidy-up writes. */
  private committed: number | null;
  /** The last queued write (failures caught); none when nothing is queued, as for most actors in memory. */
  private chain: Promise<unknown> | undefined;
  private writesPending = 0;

  constructor(
    private readonly ref: ActorRef,
    private readonly partition: number,
    private readonly store: ReminderStore,
    private readonly logger: Logger,
    committedEarliest: number | undefined,
  ) {
    this.committed = committedEarliest ?? null;
    // The index holds the committed earliest due time or an earlier one (the invariant), which is all `beforeWrite`
    // needs to know; a stale document, or one left over without pending reminders, shows when the poller finds it.
    this.indexed = this.committed;
  }

  get idle(): boolean {
    return this.writesPending === 0;
  }

  /** The index may differ from the committed reminders (earlier than needed, or left with none pending). */
  get stale(): boolean {
    return this.indexed !== this.committed;
  }

  /** Makes sure the index wakes the actor no later than `earliest`. False if that could not be written. */
  async beforeWrite(earliest: number | undefined): Promise<boolean> {
    if (earliest === undefined) return true;
    if (typeof this.indexed === "number" && this.indexed <= earliest) return true;
    try {
      await this.serialize(() =>
        this.store.setReminderIndex({ ...this.ref, partition: this.partition, dueAt: earliest }),
      );
      this.indexed = earliest;
      return true;
    } catch (error) {
      this.logger.warn("reminder index write failed", { error });
      this.indexed = undefined;
      return false;
    }
  }

  /**
   * After a commit: remembers the earliest due time, which is never earlier than the index (`beforeWrite`). When no
   * reminder is left the document goes at once: that one write is due whenever it is made, and made now it leaves
   * nothing for the poller, or a restart, to wake.
   */
  afterCommit(earliest: number | undefined): void {
    this.reloaded(earliest);
    if (this.committed === null) this.tidy();
  }

  /** After a reload of the record: remembers its earliest due time; the tidy-up waits as while active. */
  reloaded(earliest: number | undefined): void {
    this.committed = earliest ?? null;
  }

  /**
   * The poller found the index document due at `dueAt`. Unless that is the committed earliest due time (which the
   * timer fires), the document is stale: forget what the index was thought to hold, so `tidy` writes it.
   */
  observed(dueAt: number): void {
    if (dueAt !== this.committed) this.indexed = undefined;
  }

  /**
   * Writes the committed earliest due time (or removes the document) when the index is stale. Only while no batch
   * is being written: the caller makes sure. Returns whether a write was started.
   */
  tidy(): boolean {
    if (!this.stale) return false;
    const earliest = this.committed;
    this.indexed = earliest;
    const write =
      earliest === null
        ? () => this.store.clearReminderIndex(this.ref)
        : () => this.store.setReminderIndex({ ...this.ref, partition: this.partition, dueAt: earliest });
    this.serialize(write).catch((error: unknown) => {
      this.logger.warn("reminder index tidy-up failed", { error });
      this.indexed = undefined;
    });
    return true;
  }

  private serialize(write: () => Promise<void>): Promise<void> {
    this.writesPending++;
    const result = (this.chain ?? Promise.resolve()).then(write).finally(() => {
      if (--this.writesPending === 0) this.chain = undefined;
    });
    this.chain = result.catch(() => undefined);
    return result;
  }
}
