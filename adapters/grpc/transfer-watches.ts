import { status } from "@grpc/grpc-js";
import {
  isStatus,
  recordMatches,
  requestOf,
  type PublishedTransferEvent,
  type TransferEventFeed,
  type TransferRecord,
  type TransferRequestSummary,
} from "../../read-models/transfer-read-model.js";
import type { TransferStatus } from "../../actors/transfer/state.js";
import { BoundedMap } from "../../runtime/bounded-map.js";
import type { Logger } from "../../runtime/ports.js";
import { ApiError } from "./api-error.js";

export interface TransferWatchFilter {
  /** Empty: any transfer. */
  readonly transferIds: ReadonlySet<string>;
  readonly account?: string;
  /** Empty: any status. */
  readonly statuses: readonly TransferStatus[];
}

/** What a watcher receives: the transfer after an event, and the event's type ("current" for the initial state). */
export interface WatchedTransfer {
  readonly record: TransferRecord;
  readonly cause: string;
}

export interface TransferWatchHandle {
  /** Resolves once the current states were sent; rejects (and the watch is closed) if they could not be read. */
  readonly started: Promise<void>;
  close(): void;
}

export interface TransferWatchLimits {
  /** Requests kept in memory to fill updates without a lookup (ADR 007 §5). */
  readonly requestCacheSizeMax: number;
  /** Events waiting to be fanned out before every watch is cut off as too slow. */
  readonly queueMax: number;
}

/** How long a request that could not be had is not looked up again: the events of one transfer come in bursts. */
const requestMissCacheMs = 1_000;

interface Watcher {
  readonly filter: TransferWatchFilter;
  readonly send: (change: WatchedTransfer) => void;
  readonly fail: (error: ApiError) => void;
  /** Until the current states are sent, changes wait here. */
  buffer: WatchedTransfer[] | null;
  /** Per watched id, the event sequence last sent: nothing older is sent after it. */
  readonly sentSeq: Map<string, number>;
  closed: boolean;
}

/**
 * Fans this node's transfer events out to watches (ADR 007 §5). Each event becomes the transfer's state after it;
 * its request (immutable) comes from a bounded cache of creations, else from `lookupRequest` (read model, actor),
 * looked up only for an event some watcher may send. Events are handled one at a time in feed order, so every watch
 * sees each transfer's changes in order.
 */
export class TransferWatches {
  private readonly watchers = new Set<Watcher>();
  private readonly requests: BoundedMap<string, TransferRequestSummary>;
  /** Transfers whose request could not be had, until when (epoch ms) it is not looked up again. */
  private readonly misses: BoundedMap<string, number>;
  private queue: PublishedTransferEvent[] = [];
  private draining = false;

  constructor(
    private readonly feed: TransferEventFeed,
    private readonly lookupRequest: (transferId: string) => Promise<TransferRequestSummary | null>,
    private readonly logger: Logger,
    private readonly limits: TransferWatchLimits = { requestCacheSizeMax: 10_000, queueMax: 100_000 },
    private readonly now: () => number = Date.now,
  ) {
    this.requests = new BoundedMap(limits.requestCacheSizeMax);
    this.misses = new BoundedMap(limits.requestCacheSizeMax);
    // For the node's lifetime: the feed stops with the engine.
    feed.subscribe((event) => this.onEvent(event));
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Opens a watch: the current state of each id asked for, then every matching change. */
  open(
    filter: TransferWatchFilter,
    send: (change: WatchedTransfer) => void,
    fail: (error: ApiError) => void,
  ): TransferWatchHandle {
    const watcher: Watcher = { filter, send, fail, buffer: [], sentSeq: new Map(), closed: false };
    this.watchers.add(watcher);
    const close = () => {
      watcher.closed = true;
      this.watchers.delete(watcher);
    };
    const started = this.sendCurrent(watcher).catch((error: unknown) => {
      close();
      throw error;
    });
    return { started, close };
  }

  private async sendCurrent(watcher: Watcher): Promise<void> {
    // Subscribed first (the watcher is registered), then the last event on the stream: a change is either in
    // that event or after it, so nothing falls between (ADR 007 §5).
    const currents = await Promise.all(
      [...watcher.filter.transferIds].map(async (id) => {
        const latest = await this.feed.latest(id);
        const record = latest && recordOf(latest, await this.requestFor(latest));
        return record && { record, cause: "current" };
      }),
    );
    if (watcher.closed) return;
    for (const current of currents) if (current) this.offer(watcher, current);
    const buffered = watcher.buffer ?? [];
    watcher.buffer = null;
    for (const change of buffered) this.offer(watcher, change);
  }

  private onEvent(event: PublishedTransferEvent): void {
    if (this.watchers.size === 0) {
      this.remember(event);
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.limits.queueMax) {
      const error = new ApiError(
        status.RESOURCE_EXHAUSTED,
        `transfer watches fell more than ${this.limits.queueMax} events behind; watch again`,
        "watcher_too_slow",
      );
      for (const watcher of [...this.watchers]) {
        this.watchers.delete(watcher);
        watcher.closed = true;
        watcher.fail(error);
      }
      this.queue = [];
      return;
    }
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let event = this.queue.shift(); event; event = this.queue.shift()) {
        const known = this.remember(event);
        // The id and the status are known without the request: no lookup for an event no watcher will send.
        if (!this.anyMayWant(event)) continue;
        const record = recordOf(event, known ?? (await this.lookup(event.transferId)));
        if (!record) continue;
        const change = { record, cause: String(event.event["type"]) };
        for (const watcher of this.watchers) {
          if (watcher.buffer) watcher.buffer.push(change);
          else this.offer(watcher, change);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Whether some watcher's id and status filters let the transfer's state after `event` through. */
  private anyMayWant(event: PublishedTransferEvent): boolean {
    const eventStatus = event.event["status"];
    if (!isStatus(eventStatus)) return false;
    for (const { filter } of this.watchers) {
      if (
        (filter.transferIds.size === 0 || filter.transferIds.has(event.transferId)) &&
        (filter.statuses.length === 0 || filter.statuses.includes(eventStatus))
      )
        return true;
    }
    return false;
  }

  private offer(watcher: Watcher, change: WatchedTransfer): void {
    const { record } = change;
    const { filter } = watcher;
    if (filter.transferIds.size > 0) {
      if (!filter.transferIds.has(record.transferId)) return;
      if (record.eventSeq <= (watcher.sentSeq.get(record.transferId) ?? 0)) return;
      watcher.sentSeq.set(record.transferId, record.eventSeq);
    }
    if (
      !recordMatches(record, {
        statuses: filter.statuses,
        ...(filter.account !== undefined && { account: filter.account }),
      })
    )
      return;
    try {
      watcher.send(change);
    } catch (error) {
      // One broken stream must not stop the others.
      this.logger.warn("transfer watch: a send failed; closing that watch", { error });
      watcher.closed = true;
      this.watchers.delete(watcher);
    }
  }

  /** The transfer's request: from its creation event, the cache, or a lookup; null if none can be had. */
  private async requestFor(event: PublishedTransferEvent): Promise<TransferRequestSummary | null> {
    return this.remember(event) ?? this.lookup(event.transferId);
  }

  /** A request not in the cache: looked up, unless a lookup found none a moment ago. */
  private async lookup(transferId: string): Promise<TransferRequestSummary | null> {
    const missedUntil = this.misses.get(transferId);
    if (missedUntil !== undefined && this.now() < missedUntil) return null;
    const request = await this.lookupRequest(transferId).catch((error: unknown) => {
      this.logger.warn("transfer watch: the transfer's request could not be read", { transferId, error });
      return null;
    });
    if (request) this.cache(transferId, request);
    else this.cacheMiss(transferId);
    return request;
  }

  /** Caches the request of a creation event; returns the cached request of the transfer, if any. */
  private remember(event: PublishedTransferEvent): TransferRequestSummary | undefined {
    if (event.event["type"] === "transferCreated") {
      const request = requestOf(event.event);
      if (request) this.cache(event.transferId, request);
    }
    const cached = this.requests.get(event.transferId);
    // Most recently used last, so that eviction takes the oldest.
    if (cached) this.requests.set(event.transferId, cached);
    return cached;
  }

  private cache(transferId: string, request: TransferRequestSummary): void {
    this.misses.delete(transferId);
    this.requests.set(transferId, request);
  }

  private cacheMiss(transferId: string): void {
    this.misses.set(transferId, this.now() + requestMissCacheMs);
  }
}

/** The transfer after an event; undefined for an event without a status and time (never from this engine). */
function recordOf(event: PublishedTransferEvent, request: TransferRequestSummary | null): TransferRecord | undefined {
  const { status: eventStatus, at } = event.event;
  if (!isStatus(eventStatus) || typeof at !== "number") return undefined;
  return {
    transferId: event.transferId,
    status: eventStatus,
    eventSeq: event.eventSeq,
    updatedAt: at,
    createdAt: request?.createdAt ?? at,
    request,
  };
}
