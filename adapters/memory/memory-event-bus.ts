import type { ActorRef, EventPublisher, OutboundEvent } from "../../runtime/ports.js";
import { actorKeyOf, eventMessageId } from "../../runtime/subjects.js";

/**
 * An in-process event bus for the embedded mode: keeps published events, drops repeats by message id like
 * JetStream does, and tells subscribers. Not durable.
 */
export class MemoryEventBus implements EventPublisher {
  readonly events: OutboundEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly lastSeq = new Map<string, number>();
  private readonly listeners = new Set<(event: OutboundEvent) => void>();
  /** Test hook: throwing from it makes `publish` fail before anything is published. */
  beforePublish: ((events: readonly OutboundEvent[]) => void) | undefined;

  async publish(events: readonly OutboundEvent[]): Promise<void> {
    this.beforePublish?.(events);
    for (const event of events) {
      const id = eventMessageId(event.kind, event.actorId, event.eventSeq);
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.events.push(event);
      this.lastSeq.set(actorKeyOf(event.kind, event.actorId), event.eventSeq);
      for (const listener of this.listeners) listener(event);
    }
  }

  async lastPublishedEventSeq(actor: ActorRef): Promise<number> {
    return this.lastSeq.get(actorKeyOf(actor.kind, actor.actorId)) ?? 0;
  }

  subscribe(listener: (event: OutboundEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
