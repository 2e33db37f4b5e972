import { ActorPublication, type PublicationDeps } from "./actor-publication.js";
import { ActorRecord } from "./actor-record.js";
import type { AnyActorKind, EffectRequest } from "./actor-kind.js";
import { decideBatch, type BatchOutcome, type PendingCommand } from "./decide-batch.js";
import { errorBody, type RuntimeErrorCode } from "./errors.js";
import { answerFromJournal, answerRepeatsInBatch, type RecentReplies } from "./idempotency.js";
import type { JournalWriter } from "./journal-writer.js";
import { actorLogFields, commandLogFields } from "./log-fields.js";
import { Mailbox } from "./mailbox.js";
import type { CommandRequest, Reply } from "./messages.js";
import {
  startClockTimer,
  type ActorRef,
  type ActorStore,
  type Clock,
  type ClockTimer,
  type JournalEntry,
  type Logger,
} from "./ports.js";
import { ReminderIndexKeeper } from "./reminder-index-keeper.js";
import { endCommandSpan, endSpan, startCommandSpan, type TracedCommand } from "./spans.js";
import { partitionOf } from "./subjects.js";
import { childSpan, newTrace, type TraceContext } from "./trace-context.js";

export interface ActivationDeps extends PublicationDeps {
  readonly store: ActorStore;
  readonly writer: JournalWriter;
  readonly clock: Clock;
  /** Told when an activation stops while it still owes the bus entries recorded since `since` (ADR 002). */
  readonly onOrphaned: (ref: ActorRef, since: number) => void;
  readonly recentReplies: RecentReplies;
  /** Hands the effects of a written entry to the kind's effect handler (ADR 006 §1), in the entry's trace (ADR 009). */
  readonly runEffects: (ref: ActorRef, effects: readonly EffectRequest[], trace: TraceContext | undefined) => void;
  /** Told whenever `lastActiveAt` moves: the node keeps its actors in that order (ActorSlots). */
  readonly onActive: (activation: Activation) => void;
}

export type OfferResult = "accepted" | "mailbox_full" | "stopped";

const replayPageSize = 1_000;
/**
 * Entries read from the first one alongside the snapshot: an actor with a history this short (an account opened
 * and booked once or twice) has no snapshot, and loads in one round trip instead of three. Few, because an actor
 * with a snapshot does not use them, and on FerretDB each document read costs about as much as a query.
 */
const firstEntriesRead = 4;

/**
 * One actor in memory: its committed record, its bounded mailbox and the loop that drains it in group commits.
 * Only this object changes the actor's state, one batch at a time; the store's unique keys fence any other
 * activation of the same actor (ADR 001 §3).
 */
export class Activation {
  private readonly mailbox: Mailbox<PendingCommand>;
  private draining = false;
  private stopped = false;
  /** The poller found a stale index document while a batch was being written: tidy it after the batch. */
  private reminderIndexTidyOwed = false;
  /** On the clock's time: a virtual clock (a simulation) fires reminders as it advances. */
  private reminderTimer: ClockTimer | undefined;
  /**
   * Reminders offered to the mailbox and not yet answered (`key:dueAt`): never offered twice at once. Made on the
   * first firing: most actors in memory never fire one.
   */
  private remindersInFlight: Set<string> | undefined;
  private snapshotEventSeq: number;
  /** `recordedAt` of the batch being written, until the publication has it (or it proved unwritten). */
  private writingSince: number | undefined;
  /** When a command was last offered or a batch last finished (the clock's time); see `markActive`. */
  private lastActive: number;

  private constructor(
    readonly ref: ActorRef,
    readonly kind: AnyActorKind,
    private record: ActorRecord,
    private readonly deps: ActivationDeps,
    readonly publication: ActorPublication,
    readonly reminderIndex: ReminderIndexKeeper,
    /** Lines about this actor: they carry its kind and ids (ADR 009 §6). */
    private readonly logger: Logger,
  ) {
    this.mailbox = new Mailbox(deps.limits.mailboxCapacity);
    this.snapshotEventSeq = record.eventSeq;
    this.lastActive = deps.clock.now();
  }

  get lastActiveAt(): number {
    return this.lastActive;
  }

  /**
   * Activation = latest snapshot + replay of the journal tail. Tail entries recorded at or after `repairFloor` may
   * not be on the bus (a crash, an earlier activation that stopped): they are checked and republished (ADR 002).
   */
  static async load(
    kind: AnyActorKind,
    actorId: string,
    deps: ActivationDeps,
    repairFloor: number,
  ): Promise<Activation> {
    const { record, repairTail } = await loadRecord(kind, actorId, deps, repairFloor);
    const ref = { kind: kind.name, actorId };
    const logger = deps.logger.child(actorLogFields(kind, actorId));
    const firstOwed = repairTail[0];
    const publication = new ActorPublication(ref, deps, logger, firstOwed ? firstOwed.seq - 1 : record.entrySeq);
    if (firstOwed) publication.repairLoaded(repairTail);
    const partition = partitionOf(actorId, deps.limits.partitionCount);
    const reminderIndex = new ReminderIndexKeeper(ref, partition, deps.store, logger, record.earliestReminder()?.dueAt);
    const activation = new Activation(ref, kind, record, deps, publication, reminderIndex, logger);
    activation.armReminderTimer();
    return activation;
  }

  get mailboxSize(): number {
    return this.mailbox.size;
  }

  get entrySeq(): number {
    return this.record.entrySeq;
  }

  /** The sequence of the actor's last committed event (0 when none): what a read model folding it must reach. */
  get eventSeq(): number {
    return this.record.eventSeq;
  }

  /** Read-only view of the committed state, for tests and diagnostics. */
  get committedState(): unknown {
    return this.record.state;
  }

  get idle(): boolean {
    return !this.draining && this.mailbox.size === 0 && this.publication.idle && this.reminderIndex.idle;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** The `recordedAt` of the oldest entry this actor may still owe the bus (being written or published). */
  get unpublishedSince(): number | undefined {
    const publishing = this.publication.unpublishedSince;
    if (this.writingSince === undefined) return publishing;
    return publishing === undefined ? this.writingSince : Math.min(publishing, this.writingSince);
  }

  offer(pending: PendingCommand): OfferResult {
    if (this.stopped) return "stopped";
    if (!this.mailbox.offer(pending)) return "mailbox_full";
    this.markActive();
    if (!this.draining) void this.drain();
    return "accepted";
  }

  /**
   * Stops taking commands; pending ones are answered `shutting_down`/retryable. Publication is abandoned: what it
   * still owed becomes an orphan hold, and the node reactivates the actor to repair it (ADR 002).
   */
  stop(code: RuntimeErrorCode = "shutting_down"): void {
    if (this.stopped) return;
    const owed = this.unpublishedSince;
    if (owed !== undefined) this.deps.onOrphaned(this.ref, owed);
    this.stopped = true;
    this.reminderTimer?.cancel();
    this.publication.stop();
    for (const pending of this.mailbox.drainAll()) pending.resolve(failure(pending, code));
  }

  /**
   * The poller found this actor's index document due at `dueAt`. If that is not a pending reminder (the timer
   * fires those), the document is stale: it is tidied now, or after the batch being written.
   */
  reminderIndexDue(dueAt: number): void {
    this.reminderIndex.observed(dueAt);
    this.reminderIndexTidyOwed = true;
    if (!this.draining) this.tidyReminderIndex();
  }

  /**
   * Before passivation or a stop: writes the index the tidy-up deferred while the actor was active (ADR 001 §7).
   * Returns whether a write started; the activation is not idle until it is done. Never while a batch is being
   * written: the tidy-up writes the committed reminders, and the batch's may be in the journal already.
   */
  tidyReminderIndex(): boolean {
    if (this.draining || this.stopped) return false;
    this.reminderIndexTidyOwed = false;
    return this.reminderIndex.tidy();
  }

  private markActive(): void {
    this.lastActive = this.deps.clock.now();
    this.deps.onActive(this);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.mailbox.size > 0 && !this.stopped) {
        this.deps.metrics.mailboxDepth(this.kind.name, this.mailbox.size);
        await this.processBatch(this.mailbox.take(this.deps.limits.batchSizeMax));
        // Between batches nothing is being written: the committed reminders are the journal's.
        if (this.reminderIndexTidyOwed) {
          this.reminderIndexTidyOwed = false;
          this.reminderIndex.tidy();
        }
      }
    } catch (error) {
      this.logger.error("activation failed; stopping it", { error });
      this.stop("internal_error");
    } finally {
      this.draining = false;
      this.markActive();
    }
  }

  private async processBatch(batch: PendingCommand[]): Promise<void> {
    let remaining = batch;
    for (let attempt = 0; remaining.length > 0; attempt++) {
      const seqBefore = this.record.entrySeq;
      const uncertain = await this.commitOnce(remaining);
      if (uncertain.length === 0) return;
      this.deps.metrics.journalReloads(this.kind.name);
      try {
        this.record = (await loadRecord(this.kind, this.record.actorId, this.deps, Number.POSITIVE_INFINITY)).record;
        this.reminderIndex.reloaded(this.record.earliestReminder()?.dueAt);
        // Entries of the uncertain write may be in the journal: the publication must fetch them from there.
        this.publication.requestRepair(this.writingSince ?? 0);
        this.writingSince = undefined;
        remaining = await answerFromJournal(this.deps.store, this.ref, uncertain, seqBefore);
      } catch (error) {
        this.logger.error("journal unreachable after an uncertain write; stopping activation", {
          error,
          commands: uncertain.length,
        });
        for (const pending of uncertain) pending.resolve(failure(pending, "journal_unavailable"));
        this.stop("journal_unavailable");
        return;
      }
      if (attempt >= this.deps.limits.journalConflictRetriesMax) {
        for (const pending of remaining) pending.resolve(failure(pending, "journal_conflict"));
        return;
      }
    }
  }

  /** Decides and persists one batch. Returns the commands whose outcome is uncertain (empty when all answered). */
  private async commitOnce(batch: PendingCommand[]): Promise<PendingCommand[]> {
    const started = performance.now();
    const draft = this.record.draft();
    const outcome = decideBatch(draft, batch, this.deps.clock.now(), this.deps.logger);
    this.deps.metrics.turn(this.kind.name, (performance.now() - started) / 1000, batch.length);
    for (const code of outcome.rejectionCodes) this.deps.metrics.rejected(this.kind.name, code);
    if (outcome.entries.length > 0) {
      // Taken in the same synchronous step that stamped the entries' recordedAt, so the checkpoint cannot pass them;
      // the smallest stamp, as a retry after a backward clock step stamps earlier (ADR 002 §9).
      for (const entry of outcome.entries)
        this.writingSince = Math.min(this.writingSince ?? entry.recordedAt, entry.recordedAt);
      const earliest = draft.earliestReminder()?.dueAt;
      if (!(await this.reminderIndex.beforeWrite(earliest))) {
        this.writingSince = undefined;
        for (const pending of batch) pending.resolve(failure(pending, "journal_unavailable"));
        return [];
      }
      if ((await this.deps.writer.append(outcome.entries)) === "uncertain") return batch;
      this.record = draft;
      this.afterCommit(outcome.entries);
      this.writingSince = undefined;
    }
    await this.sendReplies(outcome);
    return [];
  }

  private afterCommit(entries: readonly JournalEntry[]): void {
    this.publication.enqueue(entries);
    for (const entry of entries) {
      this.deps.recentReplies.remember(entry);
      if (entry.effects) this.deps.runEffects(this.ref, entry.effects, entry.trace);
    }
    if (this.record.eventSeq - this.snapshotEventSeq >= this.deps.limits.snapshotEveryEvents) {
      this.snapshotEventSeq = this.record.eventSeq;
      this.publication.snapshotWhenPublished(this.record.toSnapshot(this.deps.clock.now()));
    }
    if (entries.some((entry) => entry.reminders !== null)) {
      this.reminderIndex.afterCommit(this.record.earliestReminder()?.dueAt);
      this.armReminderTimer();
    }
  }

  private async sendReplies(outcome: BatchOutcome): Promise<void> {
    for (const { pending, reply } of outcome.replies) pending.resolve(reply);
    answerRepeatsInBatch(outcome.repeats, outcome.replies);
    const notRemembered = this.deps.recentReplies.answer(this.ref, outcome.alreadyAccepted);
    if (notRemembered.length > 0) {
      const stillUnknown = await answerFromJournal(
        this.deps.store,
        this.ref,
        notRemembered,
        Number.POSITIVE_INFINITY,
      ).catch(() => {
        for (const pending of notRemembered) pending.resolve(failure(pending, "journal_unavailable"));
        return [];
      });
      for (const pending of stillUnknown) {
        this.logger.error(
          "command id in the recent window but not in the journal",
          commandLogFields(pending.request, this.kind),
        );
        pending.resolve(failure(pending, "internal_error"));
      }
    }
  }

  private armReminderTimer(): void {
    this.reminderTimer?.cancel();
    this.reminderTimer = undefined;
    let next: { dueAt: number } | undefined;
    for (const reminder of this.record.reminders.values()) {
      if (this.remindersInFlight?.has(`${reminder.key}:${reminder.dueAt}`)) continue;
      if (!next || reminder.dueAt < next.dueAt) next = reminder;
    }
    if (!next || this.stopped) return;
    // setTimeout holds at most ~24.8 days; a farther reminder re-arms when the timer fires early.
    const delay = Math.min(Math.max(0, next.dueAt - this.deps.clock.now()), 2 ** 31 - 1);
    this.reminderTimer = startClockTimer(this.deps.clock, () => this.fireDueReminders(), delay);
  }

  private fireDueReminders(): void {
    this.reminderTimer = undefined;
    const now = this.deps.clock.now();
    for (const reminder of this.record.reminders.values()) {
      const firing = `${reminder.key}:${reminder.dueAt}`;
      if (reminder.dueAt > now || this.remindersInFlight?.has(firing)) continue;
      const parsed = this.kind.parseCommand(reminder.command.type, reminder.command.payload);
      const request: TracedCommand = {
        kind: this.kind.name,
        actorId: this.record.actorId,
        commandId: `reminder:${reminder.key}:${reminder.dueAt}`,
        type: reminder.command.type,
        payload: reminder.command.payload,
        principal: "system:reminder",
        // The trace of the entry that set the reminder (ADR 009 §5); a reminder from before it starts a new one.
        trace: reminder.trace ? childSpan(reminder.trace) : newTrace(),
      };
      // An unparsable reminder command is decided as a rejection, which consumes the reminder.
      const command = parsed.ok ? parsed.command : { invalidReminder: parsed.message };
      const span = startCommandSpan(request, parsed.ok);
      const result = this.offer({
        request,
        command,
        reminder: { key: reminder.key, dueAt: reminder.dueAt },
        resolve: (reply) => {
          endCommandSpan(span, reply);
          this.onReminderReply(request, firing, reply);
        },
      });
      if (result === "accepted") (this.remindersInFlight ??= new Set()).add(firing);
      else endSpan(span, result);
      if (result === "mailbox_full") {
        this.reminderTimer = startClockTimer(this.deps.clock, () => this.fireDueReminders(), 1_000);
        return;
      }
      this.deps.metrics.remindersFired(this.kind.name);
    }
    if (!this.reminderTimer) this.armReminderTimer();
  }

  private onReminderReply(request: CommandRequest, firing: string, reply: Reply): void {
    this.remindersInFlight?.delete(firing);
    if (!reply.ok && reply.error.retryable) {
      this.deps.logger.warn("reminder delivery failed; retrying", {
        ...commandLogFields(request, this.kind),
        firing,
        error: reply.error,
      });
    }
    // A consumed reminder is gone from the record; a failed one is due again and re-fires.
    if (!this.stopped) this.armReminderTimer();
  }
}

function failure(pending: PendingCommand, code: RuntimeErrorCode): Reply {
  return { ok: false, commandId: pending.request.commandId, error: errorBody(code) };
}

interface LoadedRecord {
  readonly record: ActorRecord;
  /**
   * The tail from its first entry recorded at or after the repair floor on (empty when there is none), as read: what
   * the bus may lack, which the repair publishes without reading the store again.
   */
  readonly repairTail: readonly JournalEntry[];
}

async function loadRecord(
  kind: AnyActorKind,
  actorId: string,
  deps: ActivationDeps,
  repairFloor: number,
): Promise<LoadedRecord> {
  const ref = { kind: kind.name, actorId };
  const windowSize = deps.limits.commandIdWindowSize;
  const [snapshot, firstEntries] = await Promise.all([
    deps.store.loadSnapshot(ref),
    deps.store.readEntries(ref, 0, firstEntriesRead),
  ]);
  let record = ActorRecord.initial(kind, actorId, windowSize);
  if (snapshot) {
    try {
      record = ActorRecord.fromSnapshot(kind, snapshot, windowSize);
    } catch (error) {
      deps.logger.error("snapshot unreadable; replaying the whole journal", {
        error,
        ...actorLogFields(kind, actorId),
      });
    }
  }
  const repairTail: JournalEntry[] = [];
  const apply = (entries: readonly JournalEntry[]) => {
    for (const entry of entries) {
      record.applyEntry(entry);
      // A sender retrying after a crash most likely retries one of these: answered from memory, not by a journal
      // lookup by command id (which no index serves on FerretDB, so each one read the whole journal).
      deps.recentReplies.remember(entry);
      if (repairTail.length > 0 || entry.recordedAt >= repairFloor) repairTail.push(entry);
    }
  };
  // The first entries are entries 1..k without a gap: those after the snapshot (all of them without one) continue it.
  if (record.entrySeq < firstEntries.length) apply(firstEntries.slice(record.entrySeq));
  // Fewer than asked: the journal ended there. Otherwise, or when the snapshot is further on, read on from the record.
  const ended = firstEntries.length < firstEntriesRead && record.entrySeq === firstEntries.length;
  while (!ended) {
    const entries = await deps.store.readEntries(ref, record.entrySeq, replayPageSize);
    apply(entries);
    if (entries.length < replayPageSize) break;
  }
  return { record, repairTail };
}
