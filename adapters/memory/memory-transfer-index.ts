import {
  coalesceTransferEvents,
  compareNewestFirst,
  recordMatches,
  type PublishedTransferEvent,
  type StatusSummary,
  type TransferIndex,
  type TransferIndexUpdate,
  type TransferListQuery,
  type TransferRecord,
} from "../../read-models/transfer-read-model.js";
import { terminalStatuses } from "../../actors/transfer/state.js";
import { assert } from "../../runtime/assert.js";

/**
 * The transfer read model in memory (ADR 007 §7): embedded mode and unit tests. Same rules as the MongoDB adapter
 * (a record only moves to a higher event sequence; the request is filled whenever seen). Holds every transfer, so
 * it is not for a durable engine. Lists sort on each call: fine for the sizes embedded mode sees.
 */
export class MemoryTransferIndex implements TransferIndex {
  private readonly records = new Map<string, TransferRecord>();

  async apply(events: readonly PublishedTransferEvent[]): Promise<void> {
    for (const update of coalesceTransferEvents(events)) this.applyUpdate(update);
  }

  async get(transferId: string): Promise<TransferRecord | undefined> {
    return this.records.get(transferId);
  }

  async list(query: TransferListQuery): Promise<{ records: TransferRecord[]; more: boolean }> {
    assert(query.limit > 0, "list limit must be positive");
    const after = query.after;
    const matching = [...this.records.values()]
      .filter((record) => recordMatches(record, query) && (!after || compareNewestFirst(after, record) < 0))
      .sort(compareNewestFirst);
    return { records: matching.slice(0, query.limit), more: matching.length > query.limit };
  }

  async statusSummary(): Promise<Map<string, StatusSummary>> {
    const summaries = new Map<string, StatusSummary>();
    for (const record of this.records.values()) {
      const known = summaries.get(record.status);
      const inFlight = !terminalStatuses.has(record.status);
      summaries.set(record.status, {
        count: (known?.count ?? 0) + 1,
        ...(inFlight && { oldestUpdatedAt: Math.min(known?.oldestUpdatedAt ?? Infinity, record.updatedAt) }),
      });
    }
    return summaries;
  }

  async close(): Promise<void> {}

  private applyUpdate(update: TransferIndexUpdate): void {
    const known = this.records.get(update.transferId);
    const request = known?.request ?? update.request;
    const createdAt = request?.createdAt ?? known?.createdAt ?? update.firstAt;
    if (known && known.eventSeq >= update.eventSeq) {
      // Already newer; only a request it still lacks is taken (it never changes).
      if (!known.request && request) this.records.set(update.transferId, { ...known, request, createdAt });
      return;
    }
    this.records.set(update.transferId, {
      transferId: update.transferId,
      status: update.status,
      eventSeq: update.eventSeq,
      updatedAt: update.updatedAt,
      createdAt,
      request,
    });
  }
}
