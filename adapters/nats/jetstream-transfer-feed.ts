import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { PublishedTransferEvent, TransferEventFeed } from "../../read-models/transfer-read-model.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { streamNameFor } from "./jetstream-event-publisher.js";
import { transferEventOf } from "./jetstream-transfer-projector.js";
import { StreamFollower } from "./stream-follower.js";

/**
 * This node's view of new transfer events, for watches (ADR 007 §5): an ordered consumer from "now" (recreated
 * after a gap, a reconnect or the loss of its server, resuming after the last sequence seen: StreamFollower),
 * fanned out in process. No state.
 */
export class JetStreamTransferFeed implements TransferEventFeed {
  private follower: StreamFollower | undefined;
  private readonly listeners = new Set<(event: PublishedTransferEvent) => void>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  static async start(nc: NatsConnection, prefix: string, logger: Logger): Promise<JetStreamTransferFeed> {
    const feed = new JetStreamTransferFeed(nc, await jetstreamManager(nc), prefix, logger);
    await feed.consume();
    return feed;
  }

  subscribe(listener: (event: PublishedTransferEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async latest(transferId: string): Promise<PublishedTransferEvent | undefined> {
    const stored = await this.jsm.streams.getMessage(streamNameFor(this.prefix), {
      last_by_subj: eventSubject(this.prefix, "transfer", transferId),
    });
    return stored ? transferEventOf(stored.data) : undefined;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = undefined;
    this.listeners.clear();
  }

  private async consume(): Promise<void> {
    const settings = {
      stream: streamNameFor(this.prefix),
      filterSubject: eventSubject(this.prefix, "transfer", ">"),
      from: "new",
      name: "transfer feed",
    } as const;
    this.follower = new StreamFollower(
      this.nc,
      settings,
      (message) => {
        const event = transferEventOf(message.data);
        if (!event) {
          this.logger.warn("transfer feed: a message without the event fields", { subject: message.subject });
          return;
        }
        for (const listener of this.listeners) listener(event);
      },
      this.logger,
    );
    await this.follower.start();
  }
}
