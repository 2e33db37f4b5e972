import type { NatsConnection } from "@nats-io/transport-node";
import type { PositionDirectory } from "../../read-models/position-directory.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { StreamFollower } from "./stream-follower.js";

/**
 * Feeds the position directory from the events stream (ADR 005 §3): an ordered consumer that first delivers the
 * last event of every account subject, then follows new ones. It is recreated after a gap, a reconnect or the loss
 * of its server (StreamFollower), resuming after the last stream sequence seen; the directory ignores events it
 * already has.
 */
export class JetStreamPositionFeed {
  private follower: StreamFollower | undefined;
  private caughtUp = false;
  private readonly readyWaiters: Array<() => void> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly directory: PositionDirectory,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  /** True once every account's last event that was in the stream at start has been applied. */
  get ready(): boolean {
    return this.caughtUp;
  }

  /** Resolves when `ready`. */
  whenReady(): Promise<void> {
    return this.caughtUp ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async start(): Promise<void> {
    const settings = {
      stream: streamNameFor(this.prefix),
      filterSubject: eventSubject(this.prefix, "account", ">"),
      from: "lastPerSubject",
      name: "position feed",
    } as const;
    this.follower = new StreamFollower(
      this.nc,
      settings,
      (message) => {
        this.applyMessage(message.data, message.subject);
        if (!this.caughtUp && message.info.pending === 0) this.markReady();
      },
      this.logger,
    );
    if ((await this.follower.start()) === 0) this.markReady();
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = undefined;
  }

  private applyMessage(data: Uint8Array, subject: string): void {
    const body = parseEventMessage(data);
    if (!body) {
      this.logger.warn("position feed: event message without the expected fields", { subject });
      return;
    }
    this.directory.apply(body);
  }

  private markReady(): void {
    this.caughtUp = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
