import { assert } from "./assert.js";

/** A bounded FIFO. `offer` refuses instead of growing: back-pressure is the caller's signal. */
export class Mailbox<T> {
  /** Queued items from `head` on; the slots before it are emptied as they are taken. */
  private items: Array<T | undefined> = [];
  private head = 0;

  constructor(readonly capacity: number) {
    assert(capacity > 0, "mailbox capacity must be positive");
  }

  get size(): number {
    return this.items.length - this.head;
  }

  offer(item: T): boolean {
    if (this.size >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** Removes and returns up to `count` items, oldest first. */
  take(count: number): T[] {
    const end = Math.min(this.items.length, this.head + count);
    const taken = this.items.slice(this.head, end) as T[];
    // A taken item (a command, its payload and its reply's resolver) must not stay reachable from the mailbox of
    // an actor that stays in memory: emptied now, and the array dropped once nothing is queued.
    if (end === this.items.length) {
      this.items = [];
      this.head = 0;
      return taken;
    }
    this.items.fill(undefined, this.head, end);
    this.head = end;
    // Compact once the consumed prefix dominates, so memory stays proportional to what is queued.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return taken;
  }

  drainAll(): T[] {
    return this.take(this.size);
  }
}
