import type { ActorRecordedSince, ActorRef, CheckpointStore } from "./ports.js";
import { actorKeyOf } from "./subjects.js";

/** An actor recovery has still to activate, and the earliest entry it may owe the bus. */
interface Unrecovered {
  readonly ref: ActorRef;
  readonly key: string;
  readonly since: number;
}

/**
 * The node's publication checkpoint (ADR 002): a time before which every entry of the owned partitions is on the
 * bus. It is computed from holds (the `recordedAt` of the oldest entry each actor may still owe the bus), from
 * orphans (activations that stopped owing something) and, while recovery runs, from the actors recorded since the
 * start checkpoint that no activation has taken over yet (each by its earliest entry since then), always `lagMs`
 * below them, and never below the start checkpoint (ADR 002 §7).
 */
export class PublicationCheckpoint {
  /** The checkpoint read at start; until it is read, everything counts as possibly unpublished. */
  private startedFrom = 0;
  private read = false;
  /**
   * Actors listed at start that no activation has taken over yet, by key; undefined until the list is known, empty
   * once recovery is done.
   */
  private unrecovered: Map<string, Unrecovered> | undefined;
  /** The listed actors, earliest entry first; `earliestFrom` skips those taken over since. */
  private listedInOrder: readonly Unrecovered[] = [];
  private earliestFrom = 0;
  /** Actors an activation took over before the list was known: the list leaves them out. */
  private readonly takenOverBeforeListing = new Set<string>();
  private listedCount = 0;
  private lastSaved: number | undefined;
  private readonly orphans = new Map<string, { readonly ref: ActorRef; readonly since: number }>();

  constructor(
    private readonly store: CheckpointStore,
    private readonly partitions: readonly number[],
    private readonly lagMs: number,
  ) {}

  /** Every actor recorded since the start checkpoint has been activated (and owns its hold). */
  get isRecovered(): boolean {
    return this.unrecovered !== undefined && this.unrecovered.size === 0;
  }

  /** Whether the stored checkpoint has been read (recovery has begun). */
  get isRead(): boolean {
    return this.read;
  }

  /** Whether the actors to recover are known (the checkpoint read, the journal searched). */
  get isListed(): boolean {
    return this.unrecovered !== undefined;
  }

  /** Actors recovery has still to activate; undefined until they are listed. */
  get unrecoveredCount(): number | undefined {
    return this.unrecovered?.size;
  }

  /** Actors listed at start (0 until listed). */
  get listedTotal(): number {
    return this.listedCount;
  }

  /** Reads the stored checkpoint (the oldest of the owned partitions'; 0 where there is none) and returns it. */
  async load(): Promise<number> {
    const stored = await this.store.loadPublicationCheckpoints(this.partitions);
    const oldest = Math.min(...this.partitions.map((partition) => stored.get(partition) ?? 0));
    this.startedFrom = Number.isFinite(oldest) ? oldest : 0;
    this.read = true;
    return this.startedFrom;
  }

  /**
   * Takes the actors recorded since the start checkpoint (those of this node's kinds and partitions) and returns,
   * earliest entry first, those still to activate: an actor an activation took over already is left out.
   */
  listed(actors: readonly ActorRecordedSince[]): ActorRef[] {
    if (this.unrecovered) return this.unrecoveredRefs();
    const inOrder = [...actors]
      .sort((a, b) => a.earliestRecordedAt - b.earliestRecordedAt)
      .map((actor) => ({
        ref: { kind: actor.kind, actorId: actor.actorId },
        key: actorKeyOf(actor.kind, actor.actorId),
        since: actor.earliestRecordedAt,
      }))
      .filter((actor) => !this.takenOverBeforeListing.has(actor.key));
    this.takenOverBeforeListing.clear();
    this.listedInOrder = inOrder;
    this.unrecovered = new Map(inOrder.map((actor) => [actor.key, actor]));
    this.listedCount = actors.length;
    return this.unrecoveredRefs();
  }

  /** The actors still to activate, earliest entry first. */
  unrecoveredRefs(): ActorRef[] {
    const unrecovered = this.unrecovered;
    if (!unrecovered) return [];
    return this.listedInOrder.filter((actor) => unrecovered.has(actor.key)).map((actor) => actor.ref);
  }

  isUnrecovered(ref: ActorRef): boolean {
    return this.unrecovered?.has(actorKeyOf(ref.kind, ref.actorId)) ?? false;
  }

  /**
   * Tail entries recorded at or after this must be checked against the bus when the actor activates: the start
   * checkpoint for an actor recovery has not reached (every actor until they are listed), an orphan's hold minus
   * the lag, otherwise nothing (an actor passivated in this run had published everything).
   */
  repairFloor(ref: ActorRef): number {
    const key = actorKeyOf(ref.kind, ref.actorId);
    let floor = this.unrecovered === undefined || this.unrecovered.has(key) ? this.startedFrom : Infinity;
    const orphan = this.orphans.get(key);
    if (orphan) floor = Math.min(floor, orphan.since - this.lagMs);
    return floor;
  }

  orphaned(ref: ActorRef, since: number): void {
    const key = actorKeyOf(ref.kind, ref.actorId);
    const known = this.orphans.get(key);
    this.orphans.set(key, { ref, since: Math.min(since, known?.since ?? Number.POSITIVE_INFINITY) });
  }

  /**
   * A new activation of this actor loaded with `repairFloor` (given back as `floor`) and now holds what it owes:
   * what an orphan of it held, and, when the floor was the start checkpoint or below, what recovery listed of it.
   * Called in the same synchronous step that makes the activation's hold visible to `safePoint`.
   */
  adopted(ref: ActorRef, floor: number): void {
    const key = actorKeyOf(ref.kind, ref.actorId);
    this.orphans.delete(key);
    if (floor > this.startedFrom) return;
    if (!this.unrecovered) this.takenOverBeforeListing.add(key);
    else if (this.unrecovered.delete(key) && this.unrecovered.size === 0) this.listedInOrder = [];
  }

  get orphanRefs(): ActorRef[] {
    return [...this.orphans.values()].map((orphan) => orphan.ref);
  }

  /**
   * The value to save now, given the live activations' holds; undefined until the actors to recover are listed.
   * Never below the start checkpoint: everything before it was on the bus already.
   */
  safePoint(now: number, holds: Iterable<number | undefined>): number | undefined {
    if (!this.unrecovered) return undefined;
    let oldest = Math.min(now, this.earliestUnrecovered());
    for (const hold of holds) if (hold !== undefined && hold < oldest) oldest = hold;
    for (const orphan of this.orphans.values()) if (orphan.since < oldest) oldest = orphan.since;
    return Math.max(this.startedFrom, oldest - this.lagMs);
  }

  /** Saves `recordedBefore` unless it is what was saved last. */
  async save(recordedBefore: number): Promise<void> {
    if (recordedBefore === this.lastSaved) return;
    await this.store.savePublicationCheckpoints(this.partitions, recordedBefore);
    this.lastSaved = recordedBefore;
  }

  /** The earliest entry of an actor recovery has not reached (amortized O(1): the list is in that order). */
  private earliestUnrecovered(): number {
    const unrecovered = this.unrecovered;
    if (!unrecovered) return Number.NEGATIVE_INFINITY;
    while (this.earliestFrom < this.listedInOrder.length) {
      const next = this.listedInOrder[this.earliestFrom]!;
      if (unrecovered.has(next.key)) return next.since;
      this.earliestFrom++;
    }
    return Number.POSITIVE_INFINITY;
  }
}
