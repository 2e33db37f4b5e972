import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { EventMessage } from "../../adapters/nats/jetstream-event-publisher.js";

/**
 * Reads every message currently on `subject` through a real JetStream pull consumer (filtered, from the start),
 * as a downstream consumer would see them.
 */
export async function readEventsOnSubject(
  nc: NatsConnection,
  stream: string,
  subject: string,
): Promise<EventMessage[]> {
  const jsm = await jetstreamManager(nc);
  const name = `reader_${Math.random().toString(36).slice(2, 10)}`;
  await jsm.consumers.add(stream, {
    name,
    filter_subject: subject,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    inactive_threshold: 60_000_000_000,
  });
  try {
    const consumer = await jetstream(nc).consumers.get(stream, name);
    const events: EventMessage[] = [];
    for (;;) {
      const pending = (await consumer.info()).num_pending;
      if (pending === 0) break;
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 500), expires: 2_000 });
      for await (const message of batch) events.push(message.json<EventMessage>());
    }
    return events;
  } finally {
    await jsm.consumers.delete(stream, name);
  }
}

export interface StoredMessage {
  readonly subject: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Every message stored on `subject` in `stream`, in order, with its headers (dead letters, for one). */
export async function readStoredMessages(
  nc: NatsConnection,
  stream: string,
  subject: string,
): Promise<StoredMessage[]> {
  const jsm = await jetstreamManager(nc);
  const stored: StoredMessage[] = [];
  const { state } = await jsm.streams.info(stream);
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!message || message.subject !== subject) continue;
    const headers: Record<string, string> = {};
    for (const [key, values] of message.header ?? []) headers[key] = values[0] ?? "";
    stored.push({ subject: message.subject, body: new TextDecoder().decode(message.data), headers });
  }
  return stored;
}
