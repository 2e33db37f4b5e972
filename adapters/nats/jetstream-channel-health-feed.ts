import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { JsonObject } from "../../runtime/json.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { StreamFollower } from "./stream-follower.js";

/**
 * Follows the channels' events for their health (every channel event carries it): an ordered consumer that first
 * delivers each channel's last event, so gauges are right from the start, then every new one. `fresh` tells events
 * stored before the feed started (state only) from new ones (also counted).
 */
export class JetStreamChannelHealthFeed {
  private follower: StreamFollower | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly observe: (channel: string, event: JsonObject, fresh: boolean) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const stream = streamNameFor(this.prefix);
    const startedAfter = (await (await jetstreamManager(this.nc)).streams.info(stream)).state.last_seq;
    const settings = {
      stream,
      filterSubject: eventSubject(this.prefix, "channel", ">"),
      from: "lastPerSubject",
      name: "channel health feed",
    } as const;
    this.follower = new StreamFollower(
      this.nc,
      settings,
      (message) => {
        const body = parseEventMessage(message.data);
        if (!body) {
          this.logger.warn("channel health feed: a message without the event fields", { subject: message.subject });
          return;
        }
        this.observe(body.actorId, body.event, message.seq > startedAfter);
      },
      this.logger,
    );
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = undefined;
  }
}
