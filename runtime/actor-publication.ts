import type { RuntimeLimits } from "./limits.js";
import type { ActorRef, EventPublisher, JournalEntry, JournalStore, Logger, OutboundEvent, RuntimeMetrics, Snapshot, SnapshotStore } from "./ports.js";
import type { PublishedMarker } from "./published-marker.js";

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
  }));
}

export interface PublicationDeps {
  readonly publisher: EventPublisher;
  readonly store: JournalStore & SnapshotStore;
  readonly marker: PublishedMarker;
  readonly limits: RuntimeLimits;
  readonly metrics: RuntimeMetrics;
  readonly logger: Logger;
}

/**
 * Publishes one actor's committed entries to the bus, strictly in order, then marks them published.
 * On failure it drops its in-memory queue and switches to repair: it asks the bus for the actor's last event
 * and republishes from the store what comes after (ADR 001 §6). Snapshots are saved once the entries they cover
 * are published, so every unpublished entry lies in the tail an activation replays.
 */
export class ActorPublication {
  private queue: JournalEntry[][] = [];
  private running = false;
  private repairNeeded = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private pendingSnapshot: Snapshot | undefined;

  constructor(
    private readonly actor: ActorRef,
    private readonly deps: PublicationDeps,
    /** Every entry with seq <= this is known to be on the bus. */
    private publishedThroughSeq: number,
    repairFromStart: boolean,
  ) {
    if (repairFromStart) this.requestRepair();
  }

  get idle(): boolean {
    return !this.running && this.queue.length === 0 && !this.repairNeeded;
  }

  enqueue(entries: readonly JournalEntry[]): void {
    if (this.stopped || entries.length === 0) return;
    if (!this.repairNeeded) this.queue.push([...entries]);
    this.kick();
  }

  /** Saves this snapshot once everything up to its entry is published. */
  snapshotWhenPublished(snapshot: Snapshot): void {
    this.pendingSnapshot = snapshot;
    this.maybeSaveSnapshot();
  }

  requestRepair(): void {
    this.repairNeeded = true;
    this.queue = [];
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.queue = [];
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
        if (this.repairNeeded) await this.repair();
        else {
          const entries = this.queue.shift();
          if (!entries) return;
          await this.publishEntries(entries.filter((entry) => entry.seq > this.publishedThroughSeq));
        }
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.logger().warn("event publication failed; will repair", { error, actor: this.actor, failures: this.failures });
        this.repairNeeded = true;
        this.queue = [];
        this.scheduleRetry();
        return;
      }
    }
  }

  private async publishEntries(entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
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
    this.repairNeeded = false;
  }

  private afterPublished(entries: readonly JournalEntry[]): void {
    const last = entries[entries.length - 1];
    if (last) this.publishedThroughSeq = Math.max(this.publishedThroughSeq, last.seq);
    this.deps.marker.mark(entries.filter((entry) => !entry.published));
    this.maybeSaveSnapshot();
  }

  private maybeSaveSnapshot(): void {
    const snapshot = this.pendingSnapshot;
    if (!snapshot || snapshot.entrySeq > this.publishedThroughSeq) return;
    this.pendingSnapshot = undefined;
    this.deps.store.saveSnapshot(snapshot).catch((error: unknown) => {
      this.logger().warn("snapshot save failed; activation will replay a longer tail", { error, actor: this.actor });
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

  private logger(): Logger {
    return this.deps.logger;
  }
}
