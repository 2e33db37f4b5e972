import { ActorSlots } from "./actor-slots.js";
import { Activation, type ActivationDeps } from "./activation.js";
import { isRejection, type AnyActorKind } from "./actor-kind.js";
import { assert } from "./assert.js";
import type { PendingCommand } from "./decide-batch.js";
import { EffectRunner, type EffectHandler } from "./effect-runner.js";
import { errorBody, type RuntimeErrorCode } from "./errors.js";
import { RecentReplies } from "./idempotency.js";
import type { Json } from "./json.js";
import { JournalWriter } from "./journal-writer.js";
import { resolveLimits, type RuntimeLimits } from "./limits.js";
import { actorLogFields, commandLogFields } from "./log-fields.js";
import { silentLogger } from "./logger.js";
import { commandIdPattern, commandTypePattern, errorReply, type CommandRequest, type Reply } from "./messages.js";
import {
  noopMetrics,
  systemClock,
  type ActorRef,
  type ActorStore,
  type Clock,
  type EventPublisher,
  type Logger,
  type RuntimeMetrics,
} from "./ports.js";
import { PublicationCheckpoint, type RecordedWindow } from "./publication-checkpoint.js";
import { endCommandSpan, startCommandSpan, type TracedCommand } from "./spans.js";
import { actorIdPattern, actorKeyOf, kindPattern, partitionOf } from "./subjects.js";
import { findIllFormedText, illFormedMessage, truncateText } from "./text.js";
import { newTrace } from "./trace-context.js";

export interface ActorSystemOptions {
  readonly kinds: readonly AnyActorKind[];
  readonly store: ActorStore;
  readonly publisher: EventPublisher;
  readonly limits?: Partial<RuntimeLimits>;
  readonly clock?: Clock;
  readonly metrics?: RuntimeMetrics;
  readonly logger?: Logger;
  /** Partitions this node serves; all of them unless a cluster splits them. */
  readonly ownedPartitions?: readonly number[];
  /** Per kind name: runs that kind's effects (ADR 006 §1). */
  readonly effectHandlers?: Readonly<Record<string, EffectHandler>>;
}

/**
 * The node's actors: validates commands, activates actors on demand, routes commands to their mailboxes,
 * passivates idle actors, wakes actors whose reminders are due and repairs publication the engine did not finish.
 */
export class ActorSystem {
  readonly limits: RuntimeLimits;
  readonly ownedPartitions: readonly number[];
  private readonly kinds = new Map<string, AnyActorKind>();
  private readonly slots = new ActorSlots();
  private readonly owned: Set<number>;
  private readonly deps: ActivationDeps;
  private readonly checkpoint: PublicationCheckpoint;
  private readonly effects: EffectRunner;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private polling = false;
  private recovering = false;
  /** When the first recovery pass began (performance.now), and whether "publication recovery done" was logged. */
  private recoveryStartedAt: number | undefined;
  private recoveryDoneLogged = false;
  private checkpointing = false;

  constructor(options: ActorSystemOptions) {
    this.limits = resolveLimits(options.limits);
    for (const kind of options.kinds) {
      assert(kindPattern.test(kind.name), `actor kind name ${kind.name} is not a subject token`);
      assert(!this.kinds.has(kind.name), `actor kind ${kind.name} registered twice`);
      this.kinds.set(kind.name, kind);
    }
    this.ownedPartitions =
      options.ownedPartitions ?? Array.from({ length: this.limits.partitionCount }, (_, index) => index);
    this.owned = new Set(this.ownedPartitions);
    const logger = options.logger ?? silentLogger;
    const metrics = options.metrics ?? noopMetrics;
    this.checkpoint = new PublicationCheckpoint(
      options.store,
      this.ownedPartitions,
      this.limits.publicationCheckpointLagMs,
      { firstWidthMs: this.limits.recoverySearchWindowMs, actorsPerWindow: this.limits.recoverySearchWindowActors },
    );
    const handlers = new Map(Object.entries(options.effectHandlers ?? {}));
    for (const name of handlers.keys()) assert(this.kinds.has(name), `effect handler for unknown kind ${name}`);
    const actorFields = (ref: ActorRef) => actorLogFields(this.kinds.get(ref.kind) ?? { name: ref.kind }, ref.actorId);
    this.effects = new EffectRunner(handlers, (request) => this.dispatch(request), this.limits, logger, actorFields);
    this.deps = {
      store: options.store,
      publisher: options.publisher,
      onOrphaned: (ref, since) => this.checkpoint.orphaned(ref, since),
      recentReplies: new RecentReplies(this.limits.recentRepliesMax),
      runEffects: (ref, effects, trace) => this.effects.run(ref, effects, trace),
      onActive: (activation) => this.slots.touched(actorKeyOf(activation.ref.kind, activation.ref.actorId), activation),
      writer: new JournalWriter(options.store, this.limits, metrics, logger),
      clock: options.clock ?? systemClock,
      limits: this.limits,
      metrics,
      logger,
    };
  }

  get kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  get activeCount(): number {
    return this.slots.size;
  }

  /** Actors in memory (loaded or loading) per kind; every served kind is present, with 0 when none is active. */
  activeCountsByKind(): Map<string, number> {
    return new Map([...this.kinds.keys()].map((kind) => [kind, this.slots.countOf(kind)]));
  }

  /** Effects whose handler is running or whose result is being delivered. */
  get effectsInFlight(): number {
    return this.effects.running;
  }

  /** Whether recovery after the last stop or crash is complete (ADR 002 §4). */
  get recovered(): boolean {
    return this.checkpoint.isRecovered;
  }

  /**
   * Whether recovery has begun: the stored publication checkpoint is read (the store answered). Commands need not
   * wait for more: an actor a command activates before recovery reaches it is recovered by that activation.
   */
  get recoveryBegun(): boolean {
    return this.checkpoint.isRead;
  }

  /**
   * Actors recorded since the stored publication checkpoint that recovery has still to activate; undefined until
   * they are listed (ADR 002 §4).
   */
  get recoveryActorsRemaining(): number | undefined {
    return this.checkpoint.unrecoveredCount;
  }

  /** Starts recovery and the background loops: passivation, reminder polling, publication checkpoint. */
  start(): void {
    const every = (ms: number, task: () => Promise<void> | void): void => {
      const timer = setInterval(() => void task(), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.min(5_000, Math.max(100, this.limits.passivateAfterIdleMs / 2)), () => this.passivateIdle());
    every(this.limits.reminderPollIntervalMs, () => this.pollReminders());
    every(this.limits.publicationCheckpointIntervalMs, () => this.advanceCheckpoint());
    void this.recover();
    void this.pollReminders();
  }

  /**
   * Validates and delivers a command; always resolves with a reply, never throws. A command without a trace (sent
   * by the engine itself: configuration, probes) starts a new one (ADR 009 §2).
   */
  async dispatch(received: CommandRequest): Promise<Reply> {
    const request: TracedCommand = { ...received, trace: received.trace ?? newTrace() };
    const checked = this.check(request);
    // The command's span (ADR 009 §7) runs from here to its reply, whatever answers it.
    const span = startCommandSpan(request, !("refused" in checked));
    const reply = "refused" in checked ? checked.refused : await this.deliver(checked.kind, request, checked.command);
    endCommandSpan(span, reply);
    return reply;
  }

  /** The command's kind and parsed command, or the reply that refuses it before any actor sees it. */
  private check(
    request: CommandRequest,
  ): { readonly refused: Reply } | { readonly kind: AnyActorKind; readonly command: unknown } {
    const invalid = this.validate(request);
    if (invalid) return { refused: invalid };
    const kind = this.kinds.get(request.kind);
    assert(kind, "validated kind must exist");
    const parsed = kind.parseCommand(request.type, request.payload);
    if (!parsed.ok) {
      this.deps.metrics.rejected(kind.name, parsed.code);
      return {
        refused: errorReply({ code: parsed.code, message: parsed.message, retryable: false }, request.commandId),
      };
    }
    return { kind, command: parsed.command };
  }

  /**
   * Answers a read-only command (`get`) from the actor's committed state, beside its mailbox: no journal entry, no
   * idempotency record, no span. For the engine's own frequent reads (the planner reads every account of a pool on
   * each evaluation); the answer is the state after the last committed turn, as a `get` queued behind nothing would
   * see it. A command that would change the state is a bug of the caller and throws.
   */
  async query(kind: string, actorId: string, type: string, payload: Json, principal: string): Promise<Reply> {
    const commandId = `query:${type}`;
    const refused = this.validate({ kind, actorId, commandId, type, payload, principal });
    if (refused) return refused;
    const actorKind = this.kinds.get(kind);
    assert(actorKind, "validated kind must exist");
    const parsed = actorKind.parseCommand(type, payload);
    if (!parsed.ok) return errorReply({ code: parsed.code, message: parsed.message, retryable: false }, commandId);
    let activation: Activation;
    try {
      activation = await this.activateBounded(actorKind, actorId);
    } catch (error) {
      if (error instanceof MailboxFull) return this.refuse(actorKind, { commandId } as CommandRequest, "mailbox_full");
      return this.refuse(actorKind, { commandId } as CommandRequest, "journal_unavailable");
    }
    const context = { actorId, commandId, principal, now: this.deps.clock.now() };
    const result = actorKind.decide(activation.committedState, parsed.command, context);
    if (isRejection(result)) return errorReply({ ...result.rejected, retryable: false }, commandId);
    assert(result.events.length === 0 && !result.effects?.length, `${kind} ${type} is not read-only`);
    return { ok: true, commandId, result: result.reply };
  }

  /**
   * The committed state of an actor and the sequences of its last entry and event (tests, diagnostics, and readers
   * that wait for a read model to catch up with the actor); activates it if needed.
   */
  async inspect(ref: ActorRef): Promise<{ state: unknown; entrySeq: number; eventSeq: number }> {
    const kind = this.kinds.get(ref.kind);
    assert(kind, `unknown kind ${ref.kind}`);
    const activation = await this.activate(kind, ref.actorId);
    return { state: activation.committedState, entrySeq: activation.entrySeq, eventSeq: activation.eventSeq };
  }

  /** Stops accepting commands, lets mailboxes drain (bounded by `drainTimeoutMs`), and stops every actor. */
  async stop(drainTimeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    this.effects.stop();
    for (const timer of this.timers) clearInterval(timer);
    const deadline = Date.now() + drainTimeoutMs;
    while (Date.now() < deadline && this.settling()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const slot of this.slots.values()) slot.activation?.stop();
    this.slots.clear();
    // Activations that stopped owing the bus are orphans now: the checkpoint saved stays below them.
    await this.saveCheckpoint().catch((error: unknown) =>
      this.deps.logger.warn("final publication checkpoint not saved", { error }),
    );
  }

  /**
   * Whether any actor is still loading, busy, or writing; an idle one first writes the reminder index its activity
   * deferred (ADR 001 §7), and counts as busy until that is done.
   */
  private settling(): boolean {
    let settling = false;
    for (const slot of this.slots.values()) {
      const activation = slot.activation;
      if (slot.loading !== undefined || (activation && (!activation.idle || activation.tidyReminderIndex())))
        settling = true;
    }
    return settling;
  }

  /**
   * Passivates one actor now (tests and operators); it reactivates on its next command. False when it is busy, or
   * is first writing the reminder index its activity deferred (ask again once that is done).
   */
  passivate(ref: ActorRef): boolean {
    const key = actorKeyOf(ref.kind, ref.actorId);
    const activation = this.slots.get(key)?.activation;
    if (!activation || !activation.idle || activation.tidyReminderIndex()) return false;
    this.slots.delete(key);
    activation.stop();
    this.deps.metrics.passivated(ref.kind);
    return true;
  }

  private validate(request: CommandRequest): Reply | undefined {
    const fail = (code: RuntimeErrorCode, message?: string): Reply => {
      // Unknown kinds share one label: callers must not be able to create metric series.
      this.deps.metrics.rejected(this.kinds.has(request.kind) ? request.kind : "unknown", code);
      return errorReply(
        errorBody(code, message),
        typeof request.commandId === "string" ? request.commandId : undefined,
      );
    };
    if (this.stopping) return fail("shutting_down");
    if (!this.kinds.has(request.kind))
      return fail("unknown_actor_kind", `no actor kind named "${truncateText(String(request.kind), 64)}"`);
    if (typeof request.actorId !== "string" || !actorIdPattern.test(request.actorId)) {
      return fail("invalid_actor_id", "actor ids are 1-128 characters of A-Z a-z 0-9 _ : -");
    }
    if (typeof request.commandId !== "string" || !commandIdPattern.test(request.commandId)) {
      return fail("invalid_envelope", "commandId must be 1-128 printable ASCII characters without spaces");
    }
    if (typeof request.type !== "string" || !commandTypePattern.test(request.type))
      return fail("invalid_envelope", "type is not a command name");
    if (!this.owned.has(partitionOf(request.actorId, this.limits.partitionCount))) return fail("partition_not_owned");
    // Whatever the door: a lone surrogate would be stored as U+FFFD but published as itself (runtime/text.ts).
    const illFormed = findIllFormedText(request.payload);
    if (illFormed) return fail("invalid_command", illFormedMessage(illFormed));
    return undefined;
  }

  private async deliver(kind: AnyActorKind, request: CommandRequest, command: unknown): Promise<Reply> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let activation: Activation;
      try {
        activation = await this.activateBounded(kind, request.actorId);
      } catch (error) {
        if (error instanceof MailboxFull) return this.refuse(kind, request, "mailbox_full");
        this.deps.logger.warn("activation failed", { error, ...commandLogFields(request, kind) });
        return this.refuse(kind, request, "journal_unavailable");
      }
      let resolveReply: (reply: Reply) => void = () => {};
      const reply = new Promise<Reply>((resolve) => (resolveReply = resolve));
      const pending: PendingCommand = { request, command, resolve: resolveReply };
      const offered = activation.offer(pending);
      if (offered === "accepted") return reply;
      if (offered === "mailbox_full") return this.refuse(kind, request, "mailbox_full");
      // The activation stopped between lookup and offer (failure or passivation): forget it and load afresh.
      this.forget(kind.name, request.actorId, activation);
    }
    return this.refuse(kind, request, "internal_error");
  }

  private refuse(kind: AnyActorKind, request: CommandRequest, code: RuntimeErrorCode): Reply {
    this.deps.metrics.rejected(kind.name, code);
    return errorReply(errorBody(code), request.commandId);
  }

  private async activateBounded(kind: AnyActorKind, actorId: string): Promise<Activation> {
    const slot = this.slots.get(actorKeyOf(kind.name, actorId));
    // Its offer marks it active (Activation.markActive), which keeps it from passivation.
    if (slot?.activation && !slot.activation.isStopped) return slot.activation;
    if (slot?.loading && slot.waiting >= this.limits.mailboxCapacity) throw new MailboxFull();
    return this.activate(kind, actorId);
  }

  private async activate(kind: AnyActorKind, actorId: string): Promise<Activation> {
    const key = actorKeyOf(kind.name, actorId);
    let slot = this.slots.get(key);
    if (slot?.activation && !slot.activation.isStopped) return slot.activation;
    if (!slot || (!slot.loading && slot.activation?.isStopped)) {
      slot = { waiting: 0 };
      this.slots.add(key, slot);
    }
    let loading = slot.loading;
    if (!loading) {
      const current = slot;
      const ref = { kind: kind.name, actorId };
      const floor = this.checkpoint.repairFloor(ref);
      const started = performance.now();
      loading = current.loading = Activation.load(kind, actorId, this.deps, floor).then(
        (activation) => {
          // One synchronous step: the checkpoint stops counting what the actor owed once its activation holds it.
          current.activation = activation;
          current.loading = undefined;
          this.checkpoint.adopted(ref, floor);
          // A command may activate the last actor a failed recovery pass left: recovery ends there too.
          if (this.checkpoint.isRecovered) this.logRecoveryDone();
          this.deps.metrics.activated(kind.name, (performance.now() - started) / 1000);
          return activation;
        },
        (error: unknown) => {
          if (this.slots.get(key) === current) this.slots.delete(key);
          throw error;
        },
      );
    }
    slot.waiting++;
    try {
      return await loading;
    } finally {
      slot.waiting--;
    }
  }

  private forget(kindName: string, actorId: string, activation: Activation): void {
    const key = actorKeyOf(kindName, actorId);
    if (this.slots.get(key)?.activation === activation) this.slots.delete(key);
  }

  /** Whether the actor is in memory (loaded or loading). */
  isActive(ref: ActorRef): boolean {
    return this.slots.get(actorKeyOf(ref.kind, ref.actorId)) !== undefined;
  }

  /**
   * Passivates the actors idle for `passivateAfterIdleMs`, and the least recently active beyond `activeActorsMax`;
   * `start` runs it on a timer. The slots are in the order of last activity, so the walk stops at the first actor
   * that is recent enough while the cap holds: it visits what it passivates, the busy ones before it, and one more.
   */
  passivateIdle(): void {
    const now = this.deps.clock.now();
    let overflow = this.slots.size - this.limits.activeActorsMax;
    for (const [key, slot] of this.slots.entries()) {
      const activation = slot.activation;
      if (!activation) continue;
      if (activation.isStopped) {
        this.slots.delete(key);
        overflow--;
        continue;
      }
      if (now - activation.lastActiveAt < this.limits.passivateAfterIdleMs && overflow <= 0) return;
      if (!activation.idle) continue;
      overflow--;
      // The reminder index its activity deferred is written first; the next sweep passivates it (ADR 001 §7).
      if (activation.tidyReminderIndex()) continue;
      this.slots.delete(key);
      activation.stop();
      this.deps.metrics.passivated(activation.kind.name);
    }
  }

  /** Activates actors whose reminders are due; their activation arms the timers that fire them. */
  private async pollReminders(): Promise<void> {
    if (this.polling || this.stopping) return;
    this.polling = true;
    try {
      const horizon = this.deps.clock.now() + this.limits.reminderPollIntervalMs;
      const due = await this.deps.store.findDueReminders(this.ownedPartitions, horizon, 1_000);
      for (const entry of due) {
        const kind = this.kinds.get(entry.kind);
        if (!kind) continue;
        const activation = await this.activate(kind, entry.actorId);
        activation.reminderIndexDue(entry.dueAt);
      }
    } catch (error) {
      this.deps.logger.warn("reminder poll failed", { error });
    } finally {
      this.polling = false;
    }
  }

  /**
   * Recovery (ADR 002 §4, §7, §9): searches the journal in windows of `recordedAt` from the stored checkpoint on and
   * activates what each window lists while the next one is searched, earliest entry first,
   * `recoveryActivationsInFlightMax` at once; each activation checks those entries against the bus and republishes
   * what is missing. Commands activate their own actors beside it. What fails is retried on the next checkpoint
   * round; the checkpoint advances meanwhile, window by window (`PublicationCheckpoint`).
   */
  private async recover(): Promise<void> {
    if (this.recovering || this.stopping || this.checkpoint.isRecovered) return;
    this.recovering = true;
    this.recoveryStartedAt ??= performance.now();
    let failed = 0;
    let firstError: unknown;
    const tally = (pass: { failed: number; firstError: unknown }) => {
      if (failed === 0) firstError = pass.firstError;
      failed += pass.failed;
    };
    try {
      if (!this.checkpoint.isRead) await this.loadCheckpoint();
      // What an earlier pass left, then the windows not searched yet. The next window is searched while the actors
      // of this one are activated: the search's wait is not recovery's.
      tally(await this.activateAll(this.checkpoint.unrecoveredRefs()));
      for (let listing = this.listNextWindow(); listing;) {
        const listed = await listing;
        if ("error" in listed) throw listed.error;
        listing = this.stopping ? undefined : this.listNextWindow();
        tally(await this.activateAll(listed.actors));
      }
      if (this.checkpoint.isRecovered) {
        this.logRecoveryDone();
      } else if (!this.stopping) {
        this.deps.logger.warn("publication recovery incomplete; retrying", {
          failed,
          remaining: this.checkpoint.unrecoveredCount,
          ...(firstError !== undefined && { error: firstError }),
        });
      }
    } catch (error) {
      // A start that fails after the actors started stops them, and recovery then reads a closed store: no retry follows.
      if (this.stopping) this.deps.logger.debug("publication recovery ended by the stop", { error });
      else this.deps.logger.warn("publication recovery failed; retrying", { error });
    } finally {
      this.recovering = false;
    }
  }

  /** Says once that recovery is done, whichever activation (recovery's or a command's) ended it. */
  private logRecoveryDone(): void {
    if (this.recoveryDoneLogged) return;
    this.recoveryDoneLogged = true;
    this.deps.logger.info("publication recovery done", {
      actors: this.checkpoint.listedTotal,
      seconds: Math.round(performance.now() - (this.recoveryStartedAt ?? performance.now())) / 1000,
    });
  }

  private async loadCheckpoint(): Promise<void> {
    const since = await this.checkpoint.load(this.deps.clock.now());
    this.deps.logger.info("publication recovery started", { since });
  }

  /** Lists the next window of the journal, if any is left; a failure is returned, to be thrown when awaited. */
  private listNextWindow(): Promise<{ actors: ActorRef[] } | { error: unknown }> | undefined {
    const window = this.checkpoint.nextWindow();
    if (!window) return undefined;
    return this.listWindow(window).then(
      (actors) => ({ actors }),
      (error: unknown) => ({ error }),
    );
  }

  /** Lists the actors one window of the journal holds, this node's kinds and partitions only, and returns them. */
  private async listWindow(window: RecordedWindow): Promise<ActorRef[]> {
    const recorded = await this.deps.store.findActorsRecordedSince(window.since, window.before);
    const ours = recorded.filter(
      (actor) => this.kinds.has(actor.kind) && this.owned.has(partitionOf(actor.actorId, this.limits.partitionCount)),
    );
    const actors = this.checkpoint.listed(window, ours, recorded.length);
    this.deps.logger.info("publication recovery window listed", {
      since: window.since,
      ...(window.before !== undefined && { before: window.before }),
      actors: actors.length,
    });
    return actors;
  }

  /**
   * Activates the actors given that are still unrecovered, at most `recoveryActivationsInFlightMax` at once, in
   * order; returns how many activations failed, and the first failure.
   */
  private async activateAll(actors: readonly ActorRef[]): Promise<{ failed: number; firstError: unknown }> {
    let next = 0;
    let failed = 0;
    let firstError: unknown;
    const worker = async (): Promise<void> => {
      for (let ref = actors[next++]; ref && !this.stopping; ref = actors[next++]) {
        const kind = this.kinds.get(ref.kind);
        if (!kind || !this.checkpoint.isUnrecovered(ref)) continue;
        try {
          await this.activate(kind, ref.actorId);
        } catch (error) {
          if (failed++ === 0) firstError = error;
          this.deps.logger.debug("recovery activation failed", { error, ...actorLogFields(kind, ref.actorId) });
        }
      }
    };
    const workers = Math.min(actors.length, this.limits.recoveryActivationsInFlightMax);
    await Promise.all(Array.from({ length: workers }, worker));
    return { failed, firstError };
  }

  /**
   * Reactivates orphans (their new activation repairs and takes their hold over), then saves the checkpoint; while
   * recovery is not done, (re)starts it without waiting for it: the checkpoint advances during recovery.
   */
  private async advanceCheckpoint(): Promise<void> {
    if (this.checkpointing || this.stopping) return;
    if (!this.checkpoint.isRecovered) void this.recover();
    this.checkpointing = true;
    try {
      for (const ref of this.checkpoint.orphanRefs) {
        const kind = this.kinds.get(ref.kind);
        if (kind) await this.activate(kind, ref.actorId);
      }
      await this.saveCheckpoint();
    } catch (error) {
      this.deps.logger.warn("publication checkpoint not advanced", { error });
    } finally {
      this.checkpointing = false;
    }
  }

  private async saveCheckpoint(): Promise<void> {
    const now = this.deps.clock.now();
    // The oldest of what the actors in memory still owe the bus, read every checkpoint interval: no array of them.
    let oldestHold: number | undefined;
    for (const slot of this.slots.values()) {
      const hold = slot.activation?.unpublishedSince;
      if (hold !== undefined && (oldestHold === undefined || hold < oldestHold)) oldestHold = hold;
    }
    const recordedBefore = this.checkpoint.safePoint(now, [oldestHold]);
    if (recordedBefore === undefined) return;
    await this.checkpoint.save(recordedBefore);
    this.deps.metrics.publicationCheckpointLag(Math.max(0, now - recordedBefore) / 1000);
  }
}

class MailboxFull extends Error {
  override readonly name = "MailboxFull";
}
