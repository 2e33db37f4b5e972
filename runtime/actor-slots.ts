import type { Activation } from "./activation.js";

export interface Slot {
  activation?: Activation;
  loading?: Promise<Activation>;
  /** Commands waiting for the activation to load; bounded like the mailbox. */
  waiting: number;
}

/**
 * The node's actors in memory, loaded or loading, by actor key (`<kind>/<actorId>`), kept in the order of their last
 * activity, oldest first, and counted per kind. With a hundred thousand actors in memory, the passivation sweep
 * walks from the oldest and stops at the first one it keeps, and the metrics read a count: neither sorts nor
 * scans every actor (a sort of 100,000 held the event loop for 0.3 s every few seconds).
 */
export class ActorSlots {
  private readonly slots = new Map<string, Slot>();
  private readonly perKind = new Map<string, number>();

  get size(): number {
    return this.slots.size;
  }

  get(key: string): Slot | undefined {
    return this.slots.get(key);
  }

  /** A new slot, the most recent. */
  add(key: string, slot: Slot): void {
    if (!this.slots.has(key)) this.count(key, 1);
    this.slots.delete(key);
    this.slots.set(key, slot);
  }

  delete(key: string): void {
    if (this.slots.delete(key)) this.count(key, -1);
  }

  /** `activation` was active now: its slot becomes the most recent, unless it is no longer the slot's activation. */
  touched(key: string, activation: Activation): void {
    const slot = this.slots.get(key);
    if (slot?.activation !== activation) return;
    this.slots.delete(key);
    this.slots.set(key, slot);
  }

  /** Oldest activity first; deleting the current one while iterating is allowed (a Map's iteration goes on). */
  entries(): IterableIterator<[string, Slot]> {
    return this.slots.entries();
  }

  values(): IterableIterator<Slot> {
    return this.slots.values();
  }

  clear(): void {
    this.slots.clear();
    this.perKind.clear();
  }

  /** Actors in memory of `kind`. */
  countOf(kind: string): number {
    return this.perKind.get(kind) ?? 0;
  }

  private count(key: string, change: number): void {
    const kind = key.slice(0, key.indexOf("/"));
    const count = (this.perKind.get(kind) ?? 0) + change;
    if (count === 0) this.perKind.delete(kind);
    else this.perKind.set(kind, count);
  }
}
