import type { NatsConnection } from "@nats-io/transport-node";
import type { ViewDirectory } from "../../read-models/view-directory.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { StreamFollower } from "./stream-follower.js";

/**
 * Feeds a view directory of one actor kind from the events stream: an ordered consumer that first delivers the last
 * event of every actor of the kind (each carries the actor's whole view), then follows new ones, recreated after a
 * gap or the loss of its server (StreamFollower). The directory ignores events it already has. A directory that
 * folds a kind's changes (`from: "all"`) is fed every event the stream holds of the kind instead.
 */
export class JetStreamViewFeed<V> {
  private follower: StreamFollower | undefined;
  private caughtUp = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly kind: string,
    private readonly directory: ViewDirectory<V>,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly from: "lastPerSubject" | "all" = "lastPerSubject",
  ) {}

  /** True once every actor's last event that was in the stream at start has been applied. */
  get ready(): boolean {
    return this.caughtUp;
  }

  async start(): Promise<void> {
    const settings = {
      stream: streamNameFor(this.prefix),
      filterSubject: eventSubject(this.prefix, this.kind, ">"),
      from: this.from,
      name: `${this.kind} view feed`,
    } as const;
    this.follower = new StreamFollower(
      this.nc,
      settings,
      (message) => {
        const body = parseEventMessage(message.data);
        if (body) this.directory.apply(body);
        else
          this.logger.warn(`${this.kind} view feed: event message without the expected fields`, {
            subject: message.subject,
          });
        if (message.info.pending === 0) this.caughtUp = true;
      },
      this.logger,
    );
    if ((await this.follower.start()) === 0) this.caughtUp = true;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = undefined;
  }
}
