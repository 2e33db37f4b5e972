import { assert } from "../../runtime/assert.js";

/** Keys per sealed chunk: a `with` copies at most this many entries, however many the map keeps. */
const chunkSize = 64;

interface Chunk<V> {
  readonly keys: readonly string[];
  readonly values: ReadonlyMap<string, V>;
}

/**
 * The last `capacity` keys set and their values, oldest first, never changed: `with` returns a new map. An actor's
 * state is evolved one event at a time into new objects (the committed state stays as it was until its batch is
 * durable), and a state that kept its last 1,000 finished ids in a `Map` copied all of them on every event that
 * added one. Here full chunks of 64 keys are shared between the versions, and a `with` copies only the open chunk.
 * Setting a key that is already there keeps its place and changes its value, as `Map.set` does (the rare case: it
 * rebuilds the map).
 */
export class RecentMap<V> implements Iterable<[string, V]> {
  private constructor(
    readonly capacity: number,
    /** Full chunks, oldest first; the first one's keys before `skip` have left the map. */
    private readonly sealed: readonly Chunk<V>[],
    private readonly skip: number,
    /** The newest keys, fewer than a chunk. */
    private readonly open: ReadonlyMap<string, V>,
  ) {}

  static empty<V>(capacity: number): RecentMap<V> {
    assert(Number.isSafeInteger(capacity) && capacity > 0, `a recent map of ${capacity} keys`);
    return new RecentMap<V>(capacity, [], 0, new Map());
  }

  /**
   * The map that setting the entries one by one on an empty one gives: beyond `capacity` the newest stay. Distinct
   * keys (a snapshot's, a rebuild's) are cut into chunks in one pass; a key given twice takes the slow path.
   */
  static of<V>(capacity: number, entries: Iterable<readonly [string, V]>): RecentMap<V> {
    const given = [...entries];
    const distinct = new Map(given);
    if (distinct.size !== given.length) {
      let map = RecentMap.empty<V>(capacity);
      for (const [key, value] of given) map = map.with(key, value);
      return map;
    }
    assert(Number.isSafeInteger(capacity) && capacity > 0, `a recent map of ${capacity} keys`);
    const kept = given.slice(Math.max(0, given.length - capacity));
    const sealed: Chunk<V>[] = [];
    let at = 0;
    for (; kept.length - at >= chunkSize; at += chunkSize) {
      const chunk = kept.slice(at, at + chunkSize);
      sealed.push({ keys: chunk.map(([key]) => key), values: new Map(chunk) });
    }
    return new RecentMap(capacity, sealed, 0, new Map(kept.slice(at)));
  }

  get size(): number {
    return this.sealed.length * chunkSize - this.skip + this.open.size;
  }

  get(key: string): V | undefined {
    if (this.open.has(key)) return this.open.get(key);
    return this.sealedChunkOf(key)?.values.get(key);
  }

  has(key: string): boolean {
    return this.open.has(key) || this.sealedChunkOf(key) !== undefined;
  }

  /** A map with `key` set to `value`, the oldest key dropped beyond `capacity`; this one is not changed. */
  with(key: string, value: V): RecentMap<V> {
    if (this.has(key))
      return RecentMap.of(
        this.capacity,
        [...this].map(([k, v]) => [k, k === key ? value : v]),
      );
    let sealed = this.sealed;
    let open = new Map(this.open).set(key, value);
    if (open.size === chunkSize) {
      sealed = [...sealed, { keys: [...open.keys()], values: open }];
      open = new Map();
    }
    let skip = this.skip;
    let size = sealed.length * chunkSize - skip + open.size;
    // Beyond capacity there is a sealed chunk to trim: the open one holds fewer keys than a chunk.
    while (size > this.capacity && sealed.length > 0) {
      size--;
      if (++skip === chunkSize) {
        sealed = sealed.slice(1);
        skip = 0;
      }
    }
    // A capacity under a chunk: the open chunk itself is trimmed.
    if (size > this.capacity) open = new Map([...open].slice(size - this.capacity));
    return new RecentMap(this.capacity, sealed, skip, open);
  }

  /** A map without `key` (the rare case: it rebuilds the map); this one when the key is not there. */
  without(key: string): RecentMap<V> {
    if (!this.has(key)) return this;
    return RecentMap.of(
      this.capacity,
      [...this].filter(([k]) => k !== key),
    );
  }

  /** The keys, oldest first. */
  keys(): string[] {
    return [...this].map(([key]) => key);
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (let index = 0; index < this.sealed.length; index++) {
      const chunk = this.sealed[index]!;
      for (const key of index === 0 ? chunk.keys.slice(this.skip) : chunk.keys) yield [key, chunk.values.get(key)!];
    }
    yield* this.open;
  }

  /** The chunk that holds `key` in the map; a key before `skip` in the first chunk has left it. */
  private sealedChunkOf(key: string): Chunk<V> | undefined {
    for (let index = this.sealed.length - 1; index >= 0; index--) {
      const chunk = this.sealed[index]!;
      if (chunk.values.has(key) && (index > 0 || chunk.keys.indexOf(key) >= this.skip)) return chunk;
    }
    return undefined;
  }
}
