import { DeliverPolicy, jetstream, type Consumer, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "../../runtime/ports.js";

export interface StreamFollowerSettings {
  readonly stream: string;
  readonly filterSubject: string;
  /**
   * Where the first consumer starts: each subject's last message, every message the stream holds (for a reader that
   * folds changes), or only messages published from now on.
   */
  readonly from: "lastPerSubject" | "all" | "new";
  /** Names the follower in logs. */
  readonly name: string;
  /** Pull expiry; the server's idle heartbeat is half of it, and two missed heartbeats mean the consumer is lost. */
  readonly expiresMs?: number;
}

const firstDelivery = {
  lastPerSubject: DeliverPolicy.LastPerSubject,
  all: DeliverPolicy.All,
  new: DeliverPolicy.New,
} as const;

/**
 * Follows a stream with an ordered consumer, and survives losing it. An ordered consumer is ephemeral and kept on
 * one server (R1); nats.js recreates it after a sequence gap, but when the server holding it stops, the client keeps
 * pulling from the lost consumer (nats.js 3.4), often without even reporting missed heartbeats, and the follower
 * would silently stop. So the follower checks its consumer itself: every `expiresMs` it asks for the consumer's
 * info, and after two failures in a row (or two missed heartbeats, or a consumer reported not found or deleted) it
 * drops the consumer and creates a new one from the stream sequence after the last message it handled, retrying
 * with backoff until it has one. Handlers must therefore accept a message seen again (every one here keys by event
 * sequence).
 */
export class StreamFollower {
  private messages: ConsumerMessages | undefined;
  private consumer: Consumer | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private checking = false;
  private failedChecks = 0;
  private lastSeq = 0;
  private stopped = false;
  private recreating: Promise<void> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly settings: StreamFollowerSettings,
    private readonly onMessage: (message: JsMsg) => void,
    private readonly logger: Logger,
  ) {}

  /** Creates the first consumer; resolves with the messages it has to deliver before it is caught up. */
  async start(): Promise<number> {
    const pending = await this.open();
    this.checkTimer = setInterval(() => void this.check(), this.expiresMs);
    this.checkTimer.unref();
    return pending;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.checkTimer);
    const messages = this.messages;
    this.messages = undefined;
    await messages?.close();
  }

  private async open(): Promise<number> {
    const start =
      this.lastSeq > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastSeq + 1 }
        : { deliver_policy: firstDelivery[this.settings.from] };
    const consumer = await jetstream(this.nc).consumers.get(this.settings.stream, {
      filter_subjects: this.settings.filterSubject,
      ...start,
    });
    const pending = (await consumer.info(true)).num_pending;
    const messages = await consumer.consume({
      expires: this.expiresMs,
      callback: (message) => {
        // Sequences only grow within one consumer; a new one starts after the last handled.
        if (message.seq <= this.lastSeq) return;
        this.lastSeq = message.seq;
        this.onMessage(message);
      },
    });
    this.messages = messages;
    this.consumer = consumer;
    this.failedChecks = 0;
    void this.watch(messages);
    return pending;
  }

  private get expiresMs(): number {
    return this.settings.expiresMs ?? 10_000;
  }

  /** Asks the server for the current consumer; two failures in a row mean it is lost. */
  private async check(): Promise<void> {
    const { consumer, messages } = this;
    if (this.stopped || this.checking || this.recreating || !consumer || !messages) return;
    this.checking = true;
    try {
      await consumer.info();
      this.failedChecks = 0;
    } catch (error) {
      if (++this.failedChecks >= 2 && messages === this.messages && !this.stopped) {
        this.recreating ??= this.recreate(messages, `consumer info failed: ${(error as Error).message}`).finally(
          () => (this.recreating = undefined),
        );
      }
    } finally {
      this.checking = false;
    }
  }

  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (this.stopped || messages !== this.messages) return;
      const lost =
        (status.type === "heartbeats_missed" && status.count >= 2) ||
        status.type === "consumer_not_found" ||
        status.type === "consumer_deleted";
      if (lost) {
        this.recreating ??= this.recreate(messages, status.type).finally(() => (this.recreating = undefined));
        return;
      }
    }
  }

  private async recreate(lost: ConsumerMessages, reason: string): Promise<void> {
    this.logger.warn(`${this.settings.name}: consumer lost, creating a new one`, {
      reason,
      afterSeq: this.lastSeq,
      stream: this.settings.stream,
    });
    this.messages = undefined;
    // stop() only: close() waits for the lost consumer's pending pulls, which may never be answered.
    lost.stop();
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.open();
        // Stopped while the consumer was being created: stop() saw none to close.
        if (this.stopped) return void (await (this.messages as ConsumerMessages | undefined)?.close());
        this.logger.info(`${this.settings.name}: following again`, { afterSeq: this.lastSeq, attempt });
        return;
      } catch (error) {
        this.logger.warn(`${this.settings.name}: could not create a consumer yet`, { error, attempt });
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** attempt)));
      }
    }
  }
}
