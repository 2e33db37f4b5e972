import { assert } from "../runtime/assert.js";
import { DirectoryEntries, type DirectoryEntry, type PublishedAccountEvent } from "./directory-entry.js";
import { PoolTotals } from "./pool-totals.js";

export type { DirectoryEntry, PublishedAccountEvent } from "./directory-entry.js";

export interface PositionFilter {
  readonly bankCode?: string;
  readonly pool?: string;
  readonly currency?: string;
  /** Only these account ids (empty or absent: any). */
  readonly accountIds?: ReadonlySet<string>;
}

export type DirectoryListener = (entry: DirectoryEntry) => void;

/**
 * Every account's last published position, in memory (ADR 005 §3): fed by the events stream, read by list and watch.
 * Events may come twice or out of order after a redelivery; only a higher event sequence replaces an entry.
 */
export class PositionDirectory {
  private readonly entries = new Map<string, DirectoryEntry>();
  /** Account ids in ascending order, for stable paging; ids added since the last read wait in `unsortedIds`. */
  private sortedIds: string[] = [];
  /**
   * New ids, merged into `sortedIds` by the next list or watch: an insertion into a sorted array moves half of it,
   * which with a million accounts opened one by one would cost minutes of CPU in all.
   */
  private unsortedIds: string[] = [];
  private readonly listeners = new Set<{ filter: PositionFilter; listener: DirectoryListener }>();
  /** `<pool>/<currency>` → its account ids, sorted on demand (`membersOf`): the planner asks on every evaluation. */
  private readonly pools = new Map<string, { ids: Set<string>; sorted: string[] | undefined }>();
  private readonly totals = new PoolTotals();
  private ignored = 0;
  private readonly packed = new DirectoryEntries();

  get size(): number {
    return this.entries.size;
  }

  /** Events that carried no position or header (malformed or from an older engine); counted, not applied. */
  get ignoredEvents(): number {
    return this.ignored;
  }

  /** Applies one published event; returns whether it changed the directory. */
  apply(published: PublishedAccountEvent): boolean {
    const entry = this.packed.entryOf(published);
    if (!entry) {
      this.ignored++;
      return false;
    }
    const known = this.entries.get(entry.accountId);
    if (known && known.eventSeq >= entry.eventSeq) return false;
    if (!known) this.unsortedIds.push(entry.accountId);
    if (!known || known.pool !== entry.pool || known.currency !== entry.currency) this.regroup(known, entry);
    this.totals.replace(known, entry);
    this.entries.set(entry.accountId, entry);
    for (const { filter, listener } of this.listeners) {
      if (matches(entry, filter)) listener(entry);
    }
    return true;
  }

  get(accountId: string): DirectoryEntry | undefined {
    return this.entries.get(accountId);
  }

  /** Matching entries with an account id after `afterAccountId`, ascending, at most `limit`. */
  list(filter: PositionFilter, afterAccountId: string, limit: number): { entries: DirectoryEntry[]; more: boolean } {
    assert(limit > 0, "list limit must be positive");
    const entries: DirectoryEntry[] = [];
    this.mergeUnsorted();
    for (let index = this.firstIndexAfter(afterAccountId); index < this.sortedIds.length; index++) {
      const entry = this.entries.get(this.sortedIds[index]!)!;
      if (!matches(entry, filter)) continue;
      if (entries.length === limit) return { entries, more: true };
      entries.push(entry);
    }
    return { entries, more: false };
  }

  /**
   * Calls `listener` with every matching entry now, then with every later change, in order; the initial entries
   * and the changes come from one thread, so no change can fall between them.
   */
  watch(filter: PositionFilter, listener: DirectoryListener): () => void {
    this.mergeUnsorted();
    for (const id of this.sortedIds) {
      const entry = this.entries.get(id)!;
      if (matches(entry, filter)) listener(entry);
    }
    const subscription = { filter, listener };
    this.listeners.add(subscription);
    return () => this.listeners.delete(subscription);
  }

  get watcherCount(): number {
    return this.listeners.size;
  }

  /** The ids of the accounts of a pool in a currency, ascending. */
  membersOf(pool: string, currency: string): readonly string[] {
    const group = this.pools.get(`${pool}/${currency}`);
    if (!group) return [];
    group.sorted ??= [...group.ids].sort();
    return group.sorted;
  }

  /** The ids of the accounts of a pool in a currency, in no order: for a walk that needs no sort (metrics). */
  poolMembers(pool: string, currency: string): ReadonlySet<string> {
    return this.pools.get(`${pool}/${currency}`)?.ids ?? noMembers;
  }

  /** Every pool's exact totals per currency, kept as entries change (by `poolKey`): for metrics. */
  get poolTotals(): PoolTotals {
    return this.totals;
  }

  /** Every entry, for metrics. */
  all(): IterableIterator<DirectoryEntry> {
    return this.entries.values();
  }

  private firstIndexAfter(accountId: string): number {
    let low = 0;
    let high = this.sortedIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sortedIds[middle]! <= accountId) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private regroup(known: DirectoryEntry | undefined, entry: DirectoryEntry): void {
    if (known) {
      const before = this.pools.get(`${known.pool}/${known.currency}`);
      before?.ids.delete(known.accountId);
      if (before) before.sorted = undefined;
    }
    const key = `${entry.pool}/${entry.currency}`;
    let group = this.pools.get(key);
    if (!group) this.pools.set(key, (group = { ids: new Set(), sorted: undefined }));
    group.ids.add(entry.accountId);
    group.sorted = undefined;
  }

  /** One merge of the sorted ids with the new ones, sorted: linear in the directory, once per read after writes. */
  private mergeUnsorted(): void {
    if (this.unsortedIds.length === 0) return;
    const added = this.unsortedIds.sort();
    const merged: string[] = new Array<string>(this.sortedIds.length + added.length);
    let [from, next, to] = [0, 0, 0];
    while (from < this.sortedIds.length || next < added.length) {
      const takeAdded = from === this.sortedIds.length || (next < added.length && added[next]! < this.sortedIds[from]!);
      merged[to++] = takeAdded ? added[next++]! : this.sortedIds[from++]!;
    }
    this.sortedIds = merged;
    this.unsortedIds = [];
  }
}

function matches(entry: DirectoryEntry, filter: PositionFilter): boolean {
  return (
    (filter.bankCode === undefined || entry.bankCode === filter.bankCode) &&
    (filter.pool === undefined || entry.pool === filter.pool) &&
    (filter.currency === undefined || entry.currency === filter.currency) &&
    (filter.accountIds === undefined || filter.accountIds.size === 0 || filter.accountIds.has(entry.accountId))
  );
}

const noMembers: ReadonlySet<string> = new Set();
