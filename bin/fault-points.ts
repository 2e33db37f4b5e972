import type { ActorStore, EventPublisher } from "../runtime/ports.js";

/**
 * Test-only fault points, switched on with LIQ_FAULT_POINT, that make the engine stop at an exact step and say so
 * on stdout, so that a crash test can SIGKILL it there:
 * - `hold-publication`: journal written, events never published;
 * - `hold-checkpoint`: events published, the publication checkpoint never saved (ADR 002).
 */
export function withFaultPoint(point: string | undefined, store: ActorStore, publisher: EventPublisher): { store: ActorStore; publisher: EventPublisher } {
  const hold = (name: string) => (): Promise<never> => {
    process.stdout.write(`${JSON.stringify({ event: "fault-point", point: name })}\n`);
    return new Promise<never>(() => {});
  };
  switch (point) {
    case undefined:
      return { store, publisher };
    case "hold-publication":
      return { store, publisher: { ...bind(publisher), publish: hold(point) } };
    case "hold-checkpoint":
      return { store: Object.assign(Object.create(store) as ActorStore, { savePublicationCheckpoints: hold(point) }), publisher };
    default:
      throw new Error(`unknown LIQ_FAULT_POINT "${point}"`);
  }
}

function bind(publisher: EventPublisher): EventPublisher {
  return {
    publish: (events) => publisher.publish(events),
    lastPublishedEventSeq: (actor) => publisher.lastPublishedEventSeq(actor),
    close: () => publisher.close(),
  };
}
