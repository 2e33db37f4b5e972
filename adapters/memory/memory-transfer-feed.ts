import type { OutboundEvent } from "../../runtime/ports.js";
import type { PublishedTransferEvent, TransferEventFeed } from "../../read-models/transfer-read-model.js";
import type { MemoryEventBus } from "./memory-event-bus.js";

/** Transfer events of the in-process bus (embedded mode): the same feed as JetStream's, without a server. */
export class MemoryTransferFeed implements TransferEventFeed {
  constructor(private readonly bus: MemoryEventBus) {}

  subscribe(listener: (event: PublishedTransferEvent) => void): () => void {
    return this.bus.subscribe((event) => {
      const published = transferEventOf(event);
      if (published) listener(published);
    });
  }

  async latest(transferId: string): Promise<PublishedTransferEvent | undefined> {
    // The bus keeps a bounded tail of events, newest last; embedded mode only, so a scan is acceptable.
    for (let index = this.bus.events.length - 1; index >= 0; index--) {
      const event = this.bus.events[index]!;
      if (event.kind === "transfer" && event.actorId === transferId) return transferEventOf(event);
    }
    return undefined;
  }
}

function transferEventOf(event: OutboundEvent): PublishedTransferEvent | undefined {
  if (event.kind !== "transfer") return undefined;
  return { transferId: event.actorId, eventSeq: event.eventSeq, event: event.event };
}
