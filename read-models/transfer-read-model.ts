import type { JsonObject } from "../runtime/json.js";
import { transferStatuses, type TransferStatus } from "../actors/transfer/state.js";

// Re-exported: the per-status gauge (adapters/prometheus) takes its statuses from the read model.
export { transferStatuses } from "../actors/transfer/state.js";

/** A transfer event as the bus delivers it (the fields of the event message the read model needs). */
export interface PublishedTransferEvent {
  readonly transferId: string;
  readonly eventSeq: number;
  readonly event: JsonObject;
}

/** What a transfer was asked to do: fixed at creation, so it may be written (or cached) whenever it is seen. */
export interface TransferRequestSummary {
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly currency: string;
  readonly speed: string;
  readonly approvalRequired: boolean;
  readonly reference: string;
  readonly createdBy: string;
  readonly createdAt: number;
  /** A future-dated transfer's start (epoch ms); absent for one that started at once. */
  readonly executeAt?: number;
}

/**
 * One transfer in the read model (ADR 007 §1). `request` is absent until its `transferCreated` was projected.
 * `eventSeq` and `updatedAt` are those of the event the record reflects: in the index, the last status change.
 */
export interface TransferRecord {
  readonly transferId: string;
  readonly status: TransferStatus;
  readonly eventSeq: number;
  readonly updatedAt: number;
  /** The creation time; until the request is known, the time of the earliest event seen. */
  readonly createdAt: number;
  readonly request: TransferRequestSummary | null;
}

/** The write a batch makes for one transfer (ADR 007 §3): its latest state, and the request if the batch created it. */
export interface TransferIndexUpdate {
  readonly transferId: string;
  readonly status: TransferStatus;
  readonly eventSeq: number;
  readonly updatedAt: number;
  /** The earliest event time in the batch, the creation time stand-in for a record inserted without its request. */
  readonly firstAt: number;
  readonly request: TransferRequestSummary | null;
}

/** Position in the newest-first order: creation time, then transfer id, both descending. */
export interface TransferCursor {
  readonly createdAt: number;
  readonly transferId: string;
}

export interface TransferListQuery {
  /** Any of these; empty: any status. */
  readonly statuses: readonly TransferStatus[];
  /** From or to this account id. */
  readonly account?: string;
  /** Created at or after (epoch ms). */
  readonly createdFrom?: number;
  /** Created before (epoch ms). */
  readonly createdTo?: number;
  /** Records strictly after this position in the order. */
  readonly after?: TransferCursor;
  readonly limit: number;
}

/**
 * One status's transfers: how many, and for a status transfers pass through (not terminal) the oldest `updatedAt`
 * among them: when the one longest in it entered it.
 */
export interface StatusSummary {
  readonly count: number;
  readonly oldestUpdatedAt?: number;
}

/** The transfer read model's port: a projection of transfer events (memory and MongoDB adapters). */
export interface TransferIndex {
  /** Projects a batch of events; idempotent by event sequence, in any order, any number of times. */
  apply(events: readonly PublishedTransferEvent[]): Promise<void>;
  get(transferId: string): Promise<TransferRecord | undefined>;
  /** Matching records, newest first; `more` when records beyond `limit` match. */
  list(query: TransferListQuery): Promise<{ records: TransferRecord[]; more: boolean }>;
  /** Transfers per status, and when the one longest in it got there (statuses without any are absent). */
  statusSummary(): Promise<Map<string, StatusSummary>>;
  close(): Promise<void>;
}

/**
 * One update per transfer of a batch (ADR 007 §3): the state after its highest status change, and the request from
 * its `transferCreated` when the batch holds it. Events that leave the status as it was (most of a transfer's: a
 * saga publishes about twenty for five statuses) are not written: the list shows statuses. Events without the
 * fields a transfer event always carries are skipped (they cannot come from this engine).
 */
export function coalesceTransferEvents(events: readonly PublishedTransferEvent[]): TransferIndexUpdate[] {
  const updates = new Map<string, TransferIndexUpdate>();
  for (const published of events) {
    const { event, transferId, eventSeq } = published;
    const status = event["status"];
    const at = event["at"];
    if (!isStatus(status) || typeof at !== "number" || !Number.isSafeInteger(eventSeq) || eventSeq < 1) continue;
    // Every event that changes the status names the one before it (actors/transfer/turn.ts).
    if (event["type"] !== "transferCreated" && typeof event["previousStatus"] !== "string") continue;
    const request = event["type"] === "transferCreated" ? requestOf(event) : null;
    const known = updates.get(transferId);
    const newer = !known || eventSeq > known.eventSeq;
    updates.set(transferId, {
      transferId,
      status: newer ? status : known.status,
      eventSeq: newer ? eventSeq : known.eventSeq,
      updatedAt: newer ? at : known.updatedAt,
      firstAt: known ? Math.min(known.firstAt, at) : at,
      request: request ?? known?.request ?? null,
    });
  }
  return [...updates.values()];
}

export function isStatus(value: unknown): value is TransferStatus {
  return typeof value === "string" && (transferStatuses as readonly string[]).includes(value);
}

/** The request summary of a `transferCreated` event; null if it lacks a field (never from this engine). */
export function requestOf(event: JsonObject): TransferRequestSummary | null {
  const { from, to, amount, currency, speed, approvalRequired, reference, createdBy, createdAt, executeAt } = event;
  if (typeof from !== "string" || typeof to !== "string" || typeof amount !== "string" || typeof currency !== "string")
    return null;
  if (typeof createdBy !== "string" || typeof createdAt !== "number") return null;
  return {
    from,
    to,
    amount,
    currency,
    createdBy,
    createdAt,
    speed: typeof speed === "string" ? speed : "normal",
    approvalRequired: approvalRequired === true,
    reference: typeof reference === "string" ? reference : "",
    ...(typeof executeAt === "number" && { executeAt }),
  };
}

/** Whether a record matches a list or watch filter's status, account and creation range. */
export function recordMatches(record: TransferRecord, query: Omit<TransferListQuery, "after" | "limit">): boolean {
  const { createdAt } = record;
  return (
    (query.statuses.length === 0 || query.statuses.includes(record.status)) &&
    (query.account === undefined || record.request?.from === query.account || record.request?.to === query.account) &&
    (query.createdFrom === undefined || createdAt >= query.createdFrom) &&
    (query.createdTo === undefined || createdAt < query.createdTo)
  );
}

/** Newest first: creation time descending, then transfer id descending. Negative when `a` comes first. */
export function compareNewestFirst(a: TransferCursor, b: TransferCursor): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.transferId < b.transferId ? 1 : a.transferId > b.transferId ? -1 : 0;
}

/** Transfer events as they are published, for watches (ADR 007 §5): one feed per node. */
export interface TransferEventFeed {
  /** Calls `listener` with every transfer event published from now on, in stream order. */
  subscribe(listener: (event: PublishedTransferEvent) => void): () => void;
  /** The last published event of a transfer; undefined if it has none. */
  latest(transferId: string): Promise<PublishedTransferEvent | undefined>;
}
