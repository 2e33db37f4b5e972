import { DeliverPolicy, jetstream, type ConsumerMessages } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { PositionDirectory } from "../../actors/account/position-directory.js";
import { isJsonObject } from "../../runtime/json.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { streamNameFor } from "./jetstream-event-publisher.js";

/**
 * Feeds the position directory from the events stream (ADR 005 §3): an ordered consumer that first delivers the
 * last event of every account subject, then follows new ones. Ordered consumers recreate themselves after a gap
 * or a reconnect, resuming after the last stream sequence seen; the directory ignores events it already has.
 */
export class JetStreamPositionFeed {
  private messages: ConsumerMessages | undefined;
  private caughtUp = false;
  private readonly decoder = new TextDecoder();
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
    const consumer = await jetstream(this.nc).consumers.get(streamNameFor(this.prefix), {
      filter_subjects: eventSubject(this.prefix, "account", ">"),
      deliver_policy: DeliverPolicy.LastPerSubject,
    });
    const info = await consumer.info(true);
    if (info.num_pending === 0) this.markReady();
    this.messages = await consumer.consume({
      callback: (message) => {
        this.applyMessage(message.data, message.subject);
        if (!this.caughtUp && message.info.pending === 0) this.markReady();
      },
    });
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    this.messages = undefined;
  }

  private applyMessage(data: Uint8Array, subject: string): void {
    let body: unknown;
    try {
      body = JSON.parse(this.decoder.decode(data));
    } catch {
      this.logger.warn("position feed: event is not JSON", { subject });
      return;
    }
    if (!isJsonObject(body) || !isJsonObject(body["event"]) || typeof body["actorId"] !== "string") {
      this.logger.warn("position feed: event message without the expected fields", { subject });
      return;
    }
    this.directory.apply({
      actorId: body["actorId"],
      eventSeq: Number(body["eventSeq"]),
      commandId: String(body["commandId"] ?? ""),
      recordedAt: Number(body["recordedAt"] ?? 0),
      event: body["event"],
    });
  }

  private markReady(): void {
    this.caughtUp = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
