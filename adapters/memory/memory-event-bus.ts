import type { ActorRef, EventPublisher, OutboundEvent } from "../../runtime/ports.js";
import { actorKeyOf } from "../../runtime/subjects.js";

/**
 * An in-process event bus for the embedded mode: keeps the latest published events (bounded, like a stream with
 * limits), drops repeats (an event at or below an actor's last published sequence, as JetStream's message-id
 * dedupe would), and tells subscribers. Not durable.
 */
export class MemoryEventBus implements EventPublisher {
  readonly events: OutboundEvent[] = [];
  private readonly lastSeq = new Map<string, number>();
  private readonly listeners = new Set<(event: OutboundEvent) => void>();
  /** Test hook: throwing from it makes `publish` fail before anything is published. */
  beforePublish: ((events: readonly OutboundEvent[]) => void) | undefined;
  /** In process, publishes apply in call order; a failed one starts a new path, as a lost connection would. */
  private path: object = {};

  constructor(private readonly retainedMax = 100_000) {}

  orderedPath(): object {
    return this.path;
  }

  async publish(events: readonly OutboundEvent[]): Promise<void> {
    try {
      this.beforePublish?.(events);
    } catch (error) {
      this.path = {};
      throw error;
    }
    for (const event of events) {
      const key = actorKeyOf(event.kind, event.actorId);
      if (event.eventSeq <= (this.lastSeq.get(key) ?? 0)) continue;
      this.events.push(event);
      // Trimmed in chunks: splicing the head of a long array per event would cost O(n) each time.
      if (this.events.length >= this.retainedMax * 1.25) this.events.splice(0, this.events.length - this.retainedMax);
      this.lastSeq.set(key, event.eventSeq);
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
