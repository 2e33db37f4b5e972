import type { ActorRecordedSince, ActorRef, CheckpointStore } from "./ports.js";
import { actorKeyOf } from "./subjects.js";

/** An actor recovery has still to activate, and the earliest entry it may owe the bus. */
interface Unrecovered {
  readonly ref: ActorRef;
  readonly key: string;
  readonly since: number;
}

/** A window of the journal recovery searches: entries with `since <= recordedAt < before` (no bound when absent). */
export interface RecordedWindow {
  readonly since: number;
  readonly before?: number;
}

/** How recovery's search windows are sized (ADR 002 §9). */
export interface RecoveryWindowSizing {
  /** The first window's width. */
  readonly firstWidthMs: number;
  /** Actors a window should list: a window listing fewer than half doubles the next, more than twice halves it. */
  readonly actorsPerWindow: number;
}

/**
 * The node's publication checkpoint (ADR 002): a time before which every entry of the owned partitions is on the
 * bus. It is computed from holds (the `recordedAt` of the oldest entry each actor may still owe the bus), from
 * orphans (activations that stopped owing something) and, while recovery runs, from the actors recorded since the
 * start checkpoint that no activation has taken over yet (each by its earliest entry since then) and from the end of
 * the journal windows searched so far; `lagMs` below now and the orphans, and never below the start checkpoint
 * (ADR 002 §7, §9).
 */
export class PublicationCheckpoint {
  /** The checkpoint read at start; until it is read, everything counts as possibly unpublished. */
  private startedFrom = 0;
  private read = false;
  /** When the checkpoint was read: a window reaching it is the last one, and open-ended. */
  private readAt = 0;
  /** The journal is searched up to here (exclusive); `searched` once the last, open-ended window has answered. */
  private searchedUntil = 0;
  private searched = false;
  private windowWidth: number;
  /**
   * Actors listed that no activation has taken over yet, by key; undefined until the first window is listed, empty
   * once recovery is done.
   */
  private unrecovered: Map<string, Unrecovered> | undefined;
  /** The listed actors, earliest entry first; `earliestFrom` skips those taken over since. */
  private listedInOrder: Unrecovered[] = [];
  private earliestFrom = 0;
  /** Actors an activation took over (with a floor at or below the start) while windows remain: they leave them out. */
  private readonly takenOver = new Set<string>();
  private listedCount = 0;
  private lastSaved: number | undefined;
  private readonly orphans = new Map<string, { readonly ref: ActorRef; readonly since: number }>();

  constructor(
    private readonly store: CheckpointStore,
    private readonly partitions: readonly number[],
    private readonly lagMs: number,
    private readonly sizing: RecoveryWindowSizing,
  ) {
    this.windowWidth = Math.max(1, sizing.firstWidthMs);
  }

  /** Every window searched and every actor listed activated (each owns its hold). */
  get isRecovered(): boolean {
    return this.searched && this.unrecovered !== undefined && this.unrecovered.size === 0;
  }

  /** Whether the stored checkpoint has been read (recovery has begun). */
  get isRead(): boolean {
    return this.read;
  }

  /**
   * Actors listed that recovery has still to activate; undefined while none is and a window is still to be searched
   * (the search has not answered), 0 once recovery is done.
   */
  get unrecoveredCount(): number | undefined {
    const count = this.unrecovered?.size;
    return count === 0 && !this.searched ? undefined : count;
  }

  /** Actors listed so far. */
  get listedTotal(): number {
    return this.listedCount;
  }

  /** Reads the stored checkpoint (the oldest of the owned partitions'; 0 where there is none) and returns it. */
  async load(now: number): Promise<number> {
    const stored = await this.store.loadPublicationCheckpoints(this.partitions);
    const oldest = Math.min(...this.partitions.map((partition) => stored.get(partition) ?? 0));
    this.startedFrom = Number.isFinite(oldest) ? oldest : 0;
    this.searchedUntil = this.startedFrom;
    this.readAt = now;
    this.read = true;
    return this.startedFrom;
  }

  /** The window of the journal to search next; undefined once the last one is searched (or before the read). */
  nextWindow(): RecordedWindow | undefined {
    if (!this.read || this.searched) return undefined;
    const since = this.searchedUntil;
    const before = since + this.windowWidth;
    return before > this.readAt ? { since } : { since, before };
  }

  /**
   * Takes the actors a window of the journal lists (those of this node's kinds and partitions, `found` before that
   * filter) and returns, earliest entry first, those it adds to the actors to activate: an actor already listed or
   * taken over is left out. Sizes the next window by `found`.
   */
  listed(window: RecordedWindow, actors: readonly ActorRecordedSince[], found: number): ActorRef[] {
    const unrecovered = (this.unrecovered ??= new Map());
    const added = actors
      .map((actor) => ({
        ref: { kind: actor.kind, actorId: actor.actorId },
        key: actorKeyOf(actor.kind, actor.actorId),
        since: actor.earliestRecordedAt,
      }))
      .filter((actor) => !this.takenOver.has(actor.key) && !unrecovered.has(actor.key))
      .sort((a, b) => a.since - b.since);
    // Windows come in order, so every entry of this one is after those listed before: the order is kept.
    for (const actor of added) {
      unrecovered.set(actor.key, actor);
      this.listedInOrder.push(actor);
    }
    this.listedCount += added.length;
    if (window.before === undefined) {
      this.searched = true;
      this.takenOver.clear();
    } else {
      this.searchedUntil = window.before;
      this.resize(found);
    }
    if (unrecovered.size === 0) this.forgetListed();
    return added.map((actor) => actor.ref);
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
   * checkpoint for an actor listed and not recovered, and, while windows remain, for every actor not taken over (it
   * may be in one); an orphan's hold minus the lag; otherwise nothing (an actor passivated in this run had published
   * everything).
   */
  repairFloor(ref: ActorRef): number {
    const key = actorKeyOf(ref.kind, ref.actorId);
    const maybeOwes = this.unrecovered?.has(key) === true || (!this.searched && !this.takenOver.has(key));
    let floor = maybeOwes ? this.startedFrom : Infinity;
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
   * what an orphan of it held, and, when the floor was the start checkpoint or below, what recovery listed of it or
   * will find of it in a window not yet searched.
   * Called in the same synchronous step that makes the activation's hold visible to `safePoint`.
   */
  adopted(ref: ActorRef, floor: number): void {
    const key = actorKeyOf(ref.kind, ref.actorId);
    this.orphans.delete(key);
    if (floor > this.startedFrom) return;
    if (!this.searched) this.takenOver.add(key);
    if (this.unrecovered?.delete(key) && this.unrecovered.size === 0) this.forgetListed();
  }

  get orphanRefs(): ActorRef[] {
    return [...this.orphans.values()].map((orphan) => orphan.ref);
  }

  /**
   * The value to save now, given the live activations' holds; undefined until a window is listed. Never past the
   * windows searched, never below the start checkpoint: everything before it was on the bus already.
   */
  safePoint(now: number, holds: Iterable<number | undefined>): number | undefined {
    if (!this.unrecovered) return undefined;
    // The lag absorbs a backward clock step under what this run will stamp from now on, and stays under orphans
    // (their repair rereads a lag below them). Everything else is an entry in the journal already, counted by its
    // smallest stamp: a live activation's hold, an unrecovered actor's earliest entry, the end of the windows
    // searched (ADR 002 §9).
    let oldest = now - this.lagMs;
    for (const orphan of this.orphans.values()) oldest = Math.min(oldest, orphan.since - this.lagMs);
    for (const hold of holds) if (hold !== undefined && hold < oldest) oldest = hold;
    oldest = Math.min(oldest, this.earliestUnrecovered());
    if (!this.searched) oldest = Math.min(oldest, this.searchedUntil);
    return Math.max(this.startedFrom, oldest);
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

  /** Doubles the next window after one that listed few actors, halves it after one that listed many. */
  private resize(found: number): void {
    if (found < this.sizing.actorsPerWindow / 2) this.windowWidth *= 2;
    else if (found > this.sizing.actorsPerWindow * 2) this.windowWidth = Math.max(1, Math.floor(this.windowWidth / 2));
  }

  private forgetListed(): void {
    this.listedInOrder = [];
    this.earliestFrom = 0;
  }
}
