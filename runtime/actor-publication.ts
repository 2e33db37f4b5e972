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

/**
 * Publishes one actor's committed entries to the bus, strictly in order and without gaps. On failure (or a gap)
 * it drops its in-memory queue and switches to repair: it asks the bus for the actor's last event and republishes
 * from the store what comes after (ADR 001 §6). It reports the `recordedAt` of the oldest entry it may still owe
 * the bus, which holds the node's publication checkpoint back (ADR 002). Snapshots are saved once the entries they
 * cover are published, so every unpublished entry lies in the tail an activation replays.
 */
export class ActorPublication {
  /** Committed entries not yet on the bus; the head stays queued until the bus acknowledged it. */
  private queue: JournalEntry[][] = [];
  private running = false;
  /** Set while a repair is owed: the oldest `recordedAt` the repair may have to publish. */
  private repairSince: number | undefined;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private savingSnapshot = false;
  private pendingSnapshot: Snapshot | undefined;

  constructor(
    private readonly actor: ActorRef,
    private readonly deps: PublicationDeps,
    /** Every entry with seq <= this is known to be on the bus. */
    private publishedThroughSeq: number,
  ) {}

  get idle(): boolean {
    return !this.running && this.queue.length === 0 && this.repairSince === undefined;
  }

  /** The `recordedAt` of the oldest entry this actor may still owe the bus; undefined when it owes nothing. */
  get unpublishedSince(): number | undefined {
    let since = this.repairSince ?? Number.POSITIVE_INFINITY;
    const oldestQueued = this.queue[0]?.[0];
    if (oldestQueued) since = Math.min(since, oldestQueued.recordedAt);
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
    // unpublishedSince already covers a repair owed and the queue about to be dropped.
    this.repairSince = Math.min(since, this.unpublishedSince ?? Number.POSITIVE_INFINITY);
    this.queue = [];
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private kick(): void {
    if (this.running || this.stopped || this.retryTimer) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.repairSince !== undefined) await this.repair();
        else {
          const entries = this.queue[0];
          if (!entries) return;
          await this.publishEntries(entries.filter((entry) => entry.seq > this.publishedThroughSeq));
          this.queue.shift();
        }
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.deps.logger.warn("event publication failed; will repair", { error, failures: this.failures });
        this.requestRepair(this.unpublishedSince ?? 0);
        this.scheduleRetry();
        return;
      }
    }
  }

  private async publishEntries(entries: readonly JournalEntry[]): Promise<void> {
    const first = entries[0];
    if (!first) return;
    if (first.seq !== this.publishedThroughSeq + 1) {
      // Entries between were written by an attempt this activation did not see succeed: fetch them from the store.
      // Their age is unknown here, so the repair holds the checkpoint at 0 until it is done (milliseconds).
      this.deps.logger.error("publication gap; repairing from the journal", {
        expected: this.publishedThroughSeq + 1,
        got: first.seq,
      });
      this.repairSince = 0;
      throw new Error(`publication gap before entry ${first.seq}`);
    }
    const events = entries.flatMap(outboundEvents);
    if (events.length > 0) await this.deps.publisher.publish(events);
    this.deps.metrics.eventsPublished(this.actor.kind, events.length);
    this.afterPublished(entries);
  }

  private async repair(): Promise<void> {
    const lastOnBus = await this.deps.publisher.lastPublishedEventSeq(this.actor);
    for (;;) {
      const entries = await this.deps.store.readEntries(this.actor, this.publishedThroughSeq, repairPageSize);
      const events = entries.flatMap(outboundEvents).filter((event) => event.eventSeq > lastOnBus);
      if (events.length > 0) await this.deps.publisher.publish(events);
      this.deps.metrics.eventsPublished(this.actor.kind, events.length);
      if (entries.length > 0) this.afterPublished(entries);
      if (entries.length < repairPageSize) break;
    }
    this.repairSince = undefined;
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
        this.deps.logger.warn("snapshot save failed; activation will replay a longer tail", { error });
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
