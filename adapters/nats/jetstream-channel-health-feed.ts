import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { streamNameFor } from "./jetstream-event-publisher.js";

/**
 * Follows the channels' events for their health (every channel event carries it): an ordered consumer that first
 * delivers each channel's last event, so gauges are right from the start, then every new one. `fresh` tells events
 * stored before the feed started (state only) from new ones (also counted).
 */
export class JetStreamChannelHealthFeed {
  private messages: ConsumerMessages | undefined;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly observe: (channel: string, event: JsonObject, fresh: boolean) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const stream = streamNameFor(this.prefix);
    const startedAfter = (await (await jetstreamManager(this.nc)).streams.info(stream)).state.last_seq;
    const consumer = await jetstream(this.nc).consumers.get(stream, { filter_subjects: eventSubject(this.prefix, "channel", ">"), deliver_policy: DeliverPolicy.LastPerSubject });
    this.messages = await consumer.consume({
      callback: (message) => {
        let body: unknown;
        try {
          body = JSON.parse(this.decoder.decode(message.data));
        } catch {
          body = undefined;
        }
        if (!isJsonObject(body) || typeof body["actorId"] !== "string" || !isJsonObject(body["event"])) {
          this.logger.warn("channel health feed: a message without the event fields", { subject: message.subject });
          return;
        }
        this.observe(body["actorId"], body["event"], message.seq > startedAfter);
      },
    });
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    this.messages = undefined;
  }
}
