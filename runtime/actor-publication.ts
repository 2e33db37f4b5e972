import type { RuntimeLimits } from "./limits.js";
import type {
  ActorRef,
  EventPublisher,
  JournalEntry,
  JournalStore,
  Logger,
  OutboundEvent,
  RuntimeMetrics,
  Snapshot,
  SnapshotStore,
} from "./ports.js";

const repairPageSize = 500;

export function outboundEvents(entry: JournalEntry): OutboundEvent[] {
  return entry.events.map((event, index) => ({
    kind: entry.kind,
    actorId: entry.actorId,
    eventSeq: entry.firstEventSeq + index,
    entrySeq: entry.seq,
    commandId: entry.commandId,
    event,
    recordedAt: entry.recordedAt,
    ...(entry.trace && { trace: entry.trace }),
  }));
}

export interface PublicationDeps {
  readonly publisher: EventPublisher;
  readonly store: JournalStore & SnapshotStore;
  readonly limits: RuntimeLimits;
  readonly metrics: RuntimeMetrics;
  readonly logger: Logger;
}

/** Events sent to the bus together, awaiting their acknowledgements. */
interface InFlight {
  readonly entries: readonly JournalEntry[];
  readonly events: number;
  /** The publisher's ordered path when they were sent (`EventPublisher.orderedPath`). */
  readonly path: object | undefined;
  state: "sent" | "acknowledged" | "failed";
}

/**
 * Publishes one actor's committed entries to the bus, strictly in order and without gaps. Batches are pipelined:
 * the next one goes out while earlier acknowledgements are awaited, up to `publicationUnackedEventsMax` events and
 * only on the publisher's ordered path (ADR 002 §8), so a later event can be on the bus only if every earlier one
 * is. On a failure (or a gap) it drops its queue, lets what is in flight settle, and switches to repair: it asks
 * the bus for the actor's last event and republishes from the store what comes after (ADR 001 §6). It reports the
 * `recordedAt` of the oldest entry it may still owe the bus, which holds the node's publication checkpoint back
 * (ADR 002). Snapshots are saved once the entries they cover are acknowledged, so every unpublished entry lies in
 * the tail an activation replays.
 */
export class ActorPublication {
  /** Committed entries not yet sent. */
  private queue: JournalEntry[][] = [];
  /** Sent and not yet settled (or settled behind an unsettled one), oldest first. */
  private inFlight: InFlight[] = [];
  private unacknowledgedEvents = 0;
  /** Every entry with seq <= this has been sent (or is known to be on the bus). */
  private sentThroughSeq: number;
  /** Set from a failure until everything in flight has settled and a repair is scheduled. */
  private failing = false;
  private repairing = false;
  /** Set while a repair is owed: the oldest `recordedAt` the repair may have to publish. */
  private repairSince: number | undefined;
  /**
   * The journal's entries after `publishedThroughSeq` as the activation read them, for the repair it requested at
   * load: nothing written since is missing from them but what was queued after them. Dropped by any later repair.
   */
  private loadedTail: readonly JournalEntry[] | undefined;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private savingSnapshot = false;
  private pendingSnapshot: Snapshot | undefined;

  constructor(
    private readonly actor: ActorRef,
    /** The node's, shared by every actor's publication. */
    private readonly deps: PublicationDeps,
    /** Lines about this actor (the node's logger in `deps` has no actor fields). */
    private readonly logger: Logger,
    /** Every entry with seq <= this is known to be on the bus. */
    private publishedThroughSeq: number,
  ) {
    this.sentThroughSeq = publishedThroughSeq;
  }

  get idle(): boolean {
    return !this.repairing && this.queue.length === 0 && this.inFlight.length === 0 && this.repairSince === undefined;
  }

  /**
   * The smallest `recordedAt` of the entries this actor may still owe the bus; undefined when it owes nothing. The
   * smallest, not the first one's: after a backward clock step a later entry has an earlier stamp, and the
   * checkpoint keeps no margin under holds (ADR 002 §9). Owed entries are few (a batch or two), so this is short.
   */
  get unpublishedSince(): number | undefined {
    let since = this.repairSince ?? Number.POSITIVE_INFINITY;
    for (const batch of this.inFlight) since = Math.min(since, earliestRecordedAt(batch.entries));
    for (const entries of this.queue) since = Math.min(since, earliestRecordedAt(entries));
    return since === Number.POSITIVE_INFINITY ? undefined : since;
  }

  enqueue(entries: readonly JournalEntry[]): void {
    if (this.stopped || entries.length === 0) return;
    // Queued even while a repair is owed: the repair may have read the store before these were written.
    this.queue.push([...entries]);
    this.kick();
  }

  /** Saves this snapshot once everything up to its entry is published. */
  snapshotWhenPublished(snapshot: Snapshot): void {
    this.pendingSnapshot = snapshot;
    this.maybeSaveSnapshot();
  }

  /** Republishes from the store whatever the bus lacks after `publishedThroughSeq`; `since` bounds its age. */
  requestRepair(since: number): void {
    this.owe(since, undefined);
  }

  /**
   * The repair an activation asks for at load: `tail` holds the journal's entries after `publishedThroughSeq`, read
   * just now, before anything was queued. They are published without reading the store again (what is written later
   * is queued behind them), and held meanwhile by their smallest stamp (after a backward clock step a later entry
   * has an earlier one).
   */
  repairLoaded(tail: readonly JournalEntry[]): void {
    this.owe(earliestRecordedAt(tail), tail);
  }

  private owe(since: number, loadedTail: readonly JournalEntry[] | undefined): void {
    // unpublishedSince already covers a repair owed, what is in flight and the queue about to be dropped.
    this.repairSince = Math.min(since, this.unpublishedSince ?? Number.POSITIVE_INFINITY);
    this.loadedTail = loadedTail;
    this.queue = [];
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private kick(): void {
    if (this.stopped || this.retryTimer || this.repairing || this.failing) return;
    if (this.repairSince === undefined) return this.sendQueued();
    // A repair starts once nothing of this actor is on the wire: it must see what the bus settled on.
    if (this.inFlight.length === 0) void this.runRepair();
  }

  /** Sends queued batches while the pipeline has room and the publisher's path keeps them in order. */
  private sendQueued(): void {
    while (this.queue.length > 0) {
      const path = this.deps.publisher.orderedPath?.();
      const ahead = this.inFlight[this.inFlight.length - 1];
      if (ahead && (path === undefined || path !== ahead.path)) return;
      const entries = this.takeQueued();
      if (entries.length === 0) return;
      const first = entries[0]!;
      if (first.seq !== this.sentThroughSeq + 1) {
        // Entries between were written by an attempt this activation did not see succeed: fetch them from the store.
        // Their age is unknown here, so the repair holds the checkpoint at 0 until it is done (milliseconds).
        this.logger.error("publication gap; repairing from the journal", {
          expected: this.sentThroughSeq + 1,
          got: first.seq,
        });
        this.repairSince = 0;
        return this.failed(new Error(`publication gap before entry ${first.seq}`));
      }
      this.send(entries, path);
    }
  }

  /**
   * The queued batches that fit in the pipeline, at least one when nothing is in flight; entries already on the bus
   * (a repair published them) are left out.
   */
  private takeQueued(): JournalEntry[] {
    const taken: JournalEntry[] = [];
    let events = this.unacknowledgedEvents;
    for (let batch = this.queue[0]; batch; batch = this.queue[0]) {
      const unsent = batch.filter((entry) => entry.seq > this.sentThroughSeq);
      const count = unsent.reduce((sum, entry) => sum + entry.events.length, 0);
      const empty = this.inFlight.length === 0 && taken.length === 0;
      if (!empty && events + count > this.deps.limits.publicationUnackedEventsMax) break;
      // A batch that does not follow on is left for `sendQueued`, which repairs the gap.
      const last = taken[taken.length - 1];
      if (last && unsent[0] && unsent[0].seq !== last.seq + 1) break;
      this.queue.shift();
      // An emptied array keeps its grown backing store; every actor in memory keeps this one (and `inFlight`).
      if (this.queue.length === 0) this.queue = [];
      taken.push(...unsent);
      events += count;
    }
    return taken;
  }

  private send(entries: readonly JournalEntry[], path: object | undefined): void {
    const events = entries.flatMap(outboundEvents);
    const sent: InFlight = { entries, events: events.length, path, state: "sent" };
    this.inFlight.push(sent);
    this.unacknowledgedEvents += events.length;
    this.sentThroughSeq = entries[entries.length - 1]!.seq;
    const acknowledged = events.length > 0 ? this.deps.publisher.publish(events) : Promise.resolve();
    acknowledged.then(
      () => this.settled(sent, undefined),
      (error: unknown) => this.settled(sent, error ?? new Error("publish failed")),
    );
  }

  private settled(sent: InFlight, error: unknown): void {
    sent.state = error === undefined ? "acknowledged" : "failed";
    if (error === undefined && !this.failing) this.failures = 0;
    // Acknowledgements count in order: an entry is on the bus for good once everything before it is too.
    while (this.inFlight[0]?.state === "acknowledged") {
      const head = this.inFlight.shift()!;
      if (this.inFlight.length === 0) this.inFlight = [];
      this.unacknowledgedEvents -= head.events;
      this.deps.metrics.eventsPublished(this.actor.kind, head.events);
      this.afterPublished(head.entries);
    }
    if (error !== undefined && !this.failing) this.failed(error);
    else if (this.failing) this.afterFailureSettled();
    else this.kick();
  }

  /** A publish failed: nothing more is sent; once everything in flight has settled, a repair is scheduled. */
  private failed(error: unknown): void {
    this.failing = true;
    this.failures++;
    this.logger.warn("event publication failed; will repair", { error, failures: this.failures });
    this.afterFailureSettled();
  }

  private afterFailureSettled(): void {
    if (this.inFlight.some((sent) => sent.state === "sent")) return;
    // What was acknowledged behind the failure is on the bus too, but the repair asks the bus rather than assume.
    const owed = this.unpublishedSince ?? 0;
    this.inFlight = [];
    this.unacknowledgedEvents = 0;
    this.sentThroughSeq = this.publishedThroughSeq;
    this.failing = false;
    if (this.stopped) return;
    this.requestRepairLater(owed);
  }

  private requestRepairLater(since: number): void {
    this.repairSince = Math.min(since, this.repairSince ?? Number.POSITIVE_INFINITY);
    this.loadedTail = undefined;
    this.queue = [];
    this.scheduleRetry();
  }

  private async runRepair(): Promise<void> {
    this.repairing = true;
    try {
      await this.repair();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.logger.warn("event publication failed; will repair", { error, failures: this.failures });
      this.scheduleRetry();
    } finally {
      this.repairing = false;
    }
    this.kick();
  }

  private async repair(): Promise<void> {
    const lastOnBus = await this.deps.publisher.lastPublishedEventSeq(this.actor);
    const loaded = this.loadedTail;
    // Used once: a retry after a failure reads the store, as a repair for any other cause does.
    this.loadedTail = undefined;
    if (loaded !== undefined && loaded[0]?.seq === this.publishedThroughSeq + 1) {
      for (let start = 0; start < loaded.length; start += repairPageSize) {
        await this.republish(loaded.slice(start, start + repairPageSize), lastOnBus);
      }
    } else {
      for (;;) {
        const entries = await this.deps.store.readEntries(this.actor, this.publishedThroughSeq, repairPageSize);
        await this.republish(entries, lastOnBus);
        if (entries.length < repairPageSize) break;
      }
    }
    this.sentThroughSeq = this.publishedThroughSeq;
    this.repairSince = undefined;
  }

  /** Publishes the events of these entries the bus does not have (those after `lastOnBus`). */
  private async republish(entries: readonly JournalEntry[], lastOnBus: number): Promise<void> {
    const events = entries.flatMap(outboundEvents).filter((event) => event.eventSeq > lastOnBus);
    if (events.length > 0) await this.deps.publisher.publish(events);
    this.deps.metrics.eventsPublished(this.actor.kind, events.length);
    if (entries.length > 0) this.afterPublished(entries);
  }

  private afterPublished(entries: readonly JournalEntry[]): void {
    const last = entries[entries.length - 1];
    if (last) this.publishedThroughSeq = Math.max(this.publishedThroughSeq, last.seq);
    this.maybeSaveSnapshot();
  }

  /**
   * One save at a time per actor, the newest pending snapshot next: two concurrent conditional replaces of one
   * document can lose the newer one on a store without isolation between match and write (FerretDB 1.24 did).
   */
  private maybeSaveSnapshot(): void {
    const snapshot = this.pendingSnapshot;
    if (!snapshot || snapshot.entrySeq > this.publishedThroughSeq || this.savingSnapshot) return;
    this.pendingSnapshot = undefined;
    this.savingSnapshot = true;
    void this.deps.store
      .saveSnapshot(snapshot)
      .catch((error: unknown) => {
        this.logger.warn("snapshot save failed; activation will replay a longer tail", { error });
      })
      .finally(() => {
        this.savingSnapshot = false;
        this.maybeSaveSnapshot();
      });
  }

  private scheduleRetry(): void {
    const { publicationRetryDelayMsMin: min, publicationRetryDelayMsMax: max } = this.deps.limits;
    const ceiling = Math.min(max, min * 2 ** Math.min(this.failures, 20));
    // Full jitter: many actors failing together must not retry together.
    const delay = min + Math.random() * (ceiling - min);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }
}

function earliestRecordedAt(entries: readonly JournalEntry[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const entry of entries) if (entry.recordedAt < earliest) earliest = entry.recordedAt;
  return earliest;
}
