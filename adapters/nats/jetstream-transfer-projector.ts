import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerMessages,
  type JsMsg,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { PublishedTransferEvent, TransferIndex } from "../../read-models/transfer-read-model.js";
import { assert } from "../../runtime/assert.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { ensureDurableConsumer } from "./jetstream-setup.js";

interface TransferProjectorSettings {
  readonly prefix: string;
  /** Messages per index write (one bulk); also bounds what the projector holds. */
  readonly batchSizeMax?: number;
  /** Messages delivered and not yet acked (the consumer's max_ack_pending). */
  readonly ackPendingMax?: number;
  readonly ackWaitMs?: number;
  /** Called with the number of events of each batch once the index holds them (metrics). */
  readonly written?: (events: number) => void;
}

const retryDelayMsMin = 100;
const retryDelayMsMax = 5_000;

/** The transfer event in a message of the events stream, or undefined when it is not one (logged by the caller). */
export function transferEventOf(data: Uint8Array): PublishedTransferEvent | undefined {
  const message = parseEventMessage(data);
  if (!message || !Number.isSafeInteger(message.eventSeq)) return undefined;
  return { transferId: message.actorId, eventSeq: message.eventSeq, event: message.event };
}

/**
 * Writes the transfer read model from the events stream (ADR 007 §1-3): a durable pull consumer, messages acked only
 * after the index holds them. Messages that arrive while a write is in flight are written together next (group
 * commit); a failed write is retried in place, so batches are written in delivery order.
 */
export class JetStreamTransferProjector {
  private consumer: Consumer | undefined;
  private messages: ConsumerMessages | undefined;
  private readonly queue: JsMsg[] = [];
  private draining: Promise<void> | undefined;
  private stopping = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly index: TransferIndex,
    private readonly settings: Required<TransferProjectorSettings>,
    private readonly logger: Logger,
  ) {}

  static async start(
    nc: NatsConnection,
    index: TransferIndex,
    settings: TransferProjectorSettings,
    logger: Logger,
  ): Promise<JetStreamTransferProjector> {
    const full = { batchSizeMax: 512, ackPendingMax: 2_048, ackWaitMs: 30_000, written: () => {}, ...settings };
    const projector = new JetStreamTransferProjector(nc, index, full, logger);
    await projector.ensureConsumer();
    await projector.consume();
    return projector;
  }

  /** One per deployment: every node shares it, so each event is projected by one of them (ADR 007 §2). */
  get consumerName(): string {
    return `${this.settings.prefix.replace(/[^A-Za-z0-9_-]/g, "_")}-transfer-index`;
  }

  /** Events in the stream not yet in the index: the shared consumer's undelivered plus unacknowledged messages. */
  async pending(): Promise<number> {
    assert(this.consumer, "transfer projector: pending() before start()");
    const info = await this.consumer.info();
    return info.num_pending + info.num_ack_pending;
  }

  /** Stops taking messages and waits for the write in hand; what is unacked is redelivered to the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.draining;
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = streamNameFor(this.settings.prefix);
    await ensureDurableConsumer(jsm, stream, {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      // All: a new deployment (or a rebuilt index) projects every transfer the stream holds.
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventSubject(this.settings.prefix, "transfer", ">"),
      ack_wait: this.settings.ackWaitMs * 1_000_000,
      max_ack_pending: this.settings.ackPendingMax,
      max_deliver: -1,
    });
  }

  private async consume(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(streamNameFor(this.settings.prefix), this.consumerName);
    this.consumer = consumer;
    this.messages = await consumer.consume({
      max_messages: Math.min(this.settings.ackPendingMax, 1_000),
      callback: (message) => {
        this.queue.push(message);
        this.kick();
      },
    });
  }

  /** Starts a drain unless one runs; a message queued as a drain ends is picked up by the next. */
  private kick(): void {
    if (this.draining || this.stopping) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopping) {
      const batch = this.queue.splice(0, this.settings.batchSizeMax);
      if (!(await this.write(batch))) return;
      for (const message of batch) message.ack();
    }
  }

  /** Writes a batch, retrying with backoff until it is written; false if stopped first. */
  private async write(batch: readonly JsMsg[]): Promise<boolean> {
    const events: PublishedTransferEvent[] = [];
    for (const message of batch) {
      const event = transferEventOf(message.data);
      if (event) events.push(event);
      // It can never become valid: acked with the batch, and said so.
      else
        this.logger.error("transfer projector: a message without the event fields; skipped", {
          subject: message.subject,
          seq: message.info.streamSequence,
        });
    }
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        await this.index.apply(events);
        this.settings.written(events.length);
        return true;
      } catch (error) {
        const delayMs = Math.min(retryDelayMsMax, retryDelayMsMin * 2 ** Math.min(attempt, 10));
        this.logger.warn("transfer projector: index write failed; retrying", { events: events.length, delayMs, error });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    return false;
  }
}
