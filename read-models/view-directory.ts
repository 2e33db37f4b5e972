import { assert } from "../runtime/assert.js";
import type { JsonObject } from "../runtime/json.js";

/** An actor event as the bus delivers it: the fields a directory needs. */
export interface PublishedEvent {
  readonly actorId: string;
  readonly eventSeq: number;
  readonly commandId: string;
  readonly recordedAt: number;
  readonly event: JsonObject;
}

/**
 * Reads one event into the actor's whole view, `null` when the actor is gone (deleted), `undefined` when the event
 * does not carry a view (malformed, or from an older engine): such events are counted and skipped. `previous` is the
 * view the directory holds for the actor (undefined: none), for a kind whose events are folded rather than whole.
 */
export type ViewOfEvent<V> = (published: PublishedEvent, previous: V | null | undefined) => V | null | undefined;

export type ViewListener<V> = (actorId: string, view: V | null) => void;

/**
 * The last view of every actor of one kind, in memory, fed by its events (the pattern of the position directory,
 * ADR 005 §3): every event of such a kind carries the actor's whole view, so the last event per actor is enough and
 * a feed that starts from each subject's last message rebuilds the directory without reading history. Events may
 * come twice or out of order after a redelivery; only a higher event sequence replaces a view.
 */
export class ViewDirectory<V> {
  private readonly views = new Map<string, { readonly view: V | null; readonly eventSeq: number }>();
  /** Actor ids with a view, ascending, for stable paging. */
  private readonly sortedIds: string[] = [];
  private readonly listeners = new Set<ViewListener<V>>();
  private ignored = 0;

  constructor(private readonly viewOf: ViewOfEvent<V>) {}

  get size(): number {
    return this.sortedIds.length;
  }

  get ignoredEvents(): number {
    return this.ignored;
  }

  /** Applies one published event; returns whether it changed the directory. */
  apply(published: PublishedEvent): boolean {
    if (!Number.isSafeInteger(published.eventSeq)) {
      this.ignored++;
      return false;
    }
    const known = this.views.get(published.actorId);
    if (known && known.eventSeq >= published.eventSeq) return false;
    const view = this.viewOf(published, known?.view);
    if (view === undefined) {
      this.ignored++;
      return false;
    }
    const hadView = known !== undefined && known.view !== null;
    this.views.set(published.actorId, { view, eventSeq: published.eventSeq });
    if (view !== null && !hadView) this.insertSorted(published.actorId);
    if (view === null && hadView) this.sortedIds.splice(this.indexOf(published.actorId), 1);
    for (const listener of this.listeners) listener(published.actorId, view);
    return true;
  }

  get(actorId: string): V | undefined {
    return this.views.get(actorId)?.view ?? undefined;
  }

  /** Views with an actor id after `afterId` that pass `keep`, ascending, at most `limit`. */
  list(keep: (view: V) => boolean, afterId: string, limit: number): { views: V[]; lastId: string; more: boolean } {
    assert(limit > 0, "list limit must be positive");
    const views: V[] = [];
    let lastId = afterId;
    for (let index = this.firstIndexAfter(afterId); index < this.sortedIds.length; index++) {
      const id = this.sortedIds[index]!;
      const view = this.views.get(id)!.view!;
      if (!keep(view)) continue;
      if (views.length === limit) return { views, lastId, more: true };
      views.push(view);
      lastId = id;
    }
    return { views, lastId, more: false };
  }

  /** Every view, in id order. */
  *all(): IterableIterator<V> {
    for (const id of this.sortedIds) yield this.views.get(id)!.view!;
  }

  /**
   * Calls `listener` with every view now, then with every later change (null: the actor is gone), in order; both
   * come from one thread, so no change can fall between them.
   */
  watch(listener: ViewListener<V>): () => void {
    for (const id of this.sortedIds) listener(id, this.views.get(id)!.view);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Later changes only. */
  subscribe(listener: ViewListener<V>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private indexOf(actorId: string): number {
    const index = this.firstIndexAfter(actorId) - 1;
    assert(this.sortedIds[index] === actorId, `view directory lost track of ${actorId}`);
    return index;
  }

  private firstIndexAfter(actorId: string): number {
    let low = 0;
    let high = this.sortedIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sortedIds[middle]! <= actorId) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private insertSorted(actorId: string): void {
    this.sortedIds.splice(this.firstIndexAfter(actorId), 0, actorId);
  }
}
