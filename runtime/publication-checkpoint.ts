import type { ActorRef, CheckpointStore } from "./ports.js";
import { actorKeyOf } from "./subjects.js";

/**
 * The node's publication checkpoint (ADR 002): a time before which every entry of the owned partitions is on the
 * bus. It is computed from holds (the `recordedAt` of the oldest entry each actor may still owe the bus) and from
 * orphans (activations that stopped owing something), always `lagMs` below them; it never passes the value read
 * at start until recovery has activated every actor recorded since then.
 */
export class PublicationCheckpoint {
  /** The checkpoint read at start; until it is read, everything counts as possibly unpublished. */
  private startedFrom = 0;
  private recovered = false;
  private lastSaved: number | undefined;
  private readonly orphans = new Map<string, { readonly ref: ActorRef; readonly since: number }>();

  constructor(
    private readonly store: CheckpointStore,
    private readonly partitions: readonly number[],
    private readonly lagMs: number,
  ) {}

  get isRecovered(): boolean {
    return this.recovered;
  }

  /** Reads the stored checkpoint (the oldest of the owned partitions'; 0 where there is none) and returns it. */
  async load(): Promise<number> {
    const stored = await this.store.loadPublicationCheckpoints(this.partitions);
    this.startedFrom = Math.min(...this.partitions.map((partition) => stored.get(partition) ?? 0));
    if (!Number.isFinite(this.startedFrom)) this.startedFrom = 0;
    return this.startedFrom;
  }

  /** Every actor recorded since the start checkpoint has been activated (and owns its hold). */
  markRecovered(): void {
    this.recovered = true;
  }

  /** Tail entries recorded at or after this must be checked against the bus when the actor activates. */
  repairFloor(ref: ActorRef): number {
    let floor = this.recovered ? Number.POSITIVE_INFINITY : this.startedFrom;
    const orphan = this.orphans.get(actorKeyOf(ref.kind, ref.actorId));
    if (orphan) floor = Math.min(floor, orphan.since - this.lagMs);
    return floor;
  }

  orphaned(ref: ActorRef, since: number): void {
    const key = actorKeyOf(ref.kind, ref.actorId);
    const known = this.orphans.get(key);
    this.orphans.set(key, { ref, since: Math.min(since, known?.since ?? Number.POSITIVE_INFINITY) });
  }

  /** A new activation of this actor loaded with `repairFloor` and now holds what the orphan held. */
  adopted(ref: ActorRef): void {
    this.orphans.delete(actorKeyOf(ref.kind, ref.actorId));
  }

  get orphanRefs(): ActorRef[] {
    return [...this.orphans.values()].map((orphan) => orphan.ref);
  }

  /** The value to save now, given the live activations' holds; undefined while recovery is not done. */
  safePoint(now: number, holds: Iterable<number | undefined>): number | undefined {
    if (!this.recovered) return undefined;
    let oldest = now;
    for (const hold of holds) if (hold !== undefined && hold < oldest) oldest = hold;
    for (const orphan of this.orphans.values()) if (orphan.since < oldest) oldest = orphan.since;
    return oldest - this.lagMs;
  }

  /** Saves `recordedBefore` unless it is what was saved last. */
  async save(recordedBefore: number): Promise<void> {
    if (recordedBefore === this.lastSaved) return;
    await this.store.savePublicationCheckpoints(this.partitions, recordedBefore);
    this.lastSaved = recordedBefore;
  }
}
