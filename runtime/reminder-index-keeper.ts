import type { ActorRef, Logger, ReminderStore } from "./ports.js";

/**
 * Keeps an actor's document in the reminder index in step with its pending reminders (ADR 001 §7):
 * written before a journal write that makes the earliest due time earlier (intent first), lazily after one
 * that makes it later or removes it. Writes are serialized, so a lazy write can never land after, and undo,
 * a later intent write.
 */
export class ReminderIndexKeeper {
  /** The due time in the index: a number, null when known absent, undefined when unknown. */
  private indexed: number | null | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private writesPending = 0;

  constructor(
    private readonly ref: ActorRef,
    private readonly partition: number,
    private readonly store: ReminderStore,
    private readonly logger: Logger,
    hasReminders: boolean,
  ) {
    // Without pending reminders a leftover index document can only cause a wake-up, which reconciles it.
    this.indexed = hasReminders ? undefined : null;
  }

  get idle(): boolean {
    return this.writesPending === 0;
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

  /** After a commit: tidy the index when the earliest due time moved later or went away. */
  afterCommit(earliest: number | undefined): void {
    if (earliest === undefined ? this.indexed === null : this.indexed === earliest) return;
    this.reconcile(earliest);
  }

  reconcile(earliest: number | undefined): void {
    this.indexed = earliest ?? null;
    const write =
      earliest === undefined
        ? () => this.store.clearReminderIndex(this.ref)
        : () => this.store.setReminderIndex({ ...this.ref, partition: this.partition, dueAt: earliest });
    this.serialize(write).catch((error: unknown) => {
      this.logger.warn("reminder index tidy-up failed", { error });
      this.indexed = undefined;
    });
  }

  private serialize(write: () => Promise<void>): Promise<void> {
    this.writesPending++;
    const result = this.chain.then(write).finally(() => this.writesPending--);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
