import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  splitAtGaps,
  type AccountBookingEvent,
  type AccountBookingsWriter,
} from "../../read-models/account-bookings.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { ensureDurableConsumer } from "./jetstream-setup.js";

interface BookingsProjectorSettings {
  readonly prefix: string;
  /** Messages per write (one fold of the batch). */
  readonly batchSizeMax?: number;
  /** Messages delivered and not yet acked (the consumer's max_ack_pending). */
  readonly ackPendingMax?: number;
  readonly ackWaitMs?: number;
  /** How long an event waiting for an earlier one of its account stays away before it is delivered again. */
  readonly heldDelayMs?: number;
}

const retryDelayMsMin = 100;
const retryDelayMsMax = 5_000;

/** An account event with the message that carried it. */
interface DeliveredEvent extends AccountBookingEvent {
  readonly message: JsMsg;
}

/**
 * Writes the bookings read model from the account events stream (ADR 014 §2): a durable pull consumer
 * (`<prefix>-account-bookings`, every event the stream holds), each message acked once the store holds its event,
 * so the model survives restarts and catches up on what was published while it was down. Batches are written in
 * delivery order, a failed write retried in place.
 *
 * Order per account: the stream holds an account's events in order, but a message left unacked by a consumer that
 * stopped comes back only after the ack wait, behind later ones. So an event folds only as the next of its account;
 * a later one is sent back (nak with a delay) until the missing one has been folded. An event still waiting after
 * twice the ack wait has outlived any redelivery: the events before it are not in the stream (trimmed, or older than
 * it), and it folds with a warning.
 */
export class JetStreamBookingsProjector {
  private messages: ConsumerMessages | undefined;
  private readonly queue: JsMsg[] = [];
  private draining: Promise<void> | undefined;
  private stopping = false;
  private caughtUp = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly store: AccountBookingsWriter,
    private readonly settings: Required<BookingsProjectorSettings>,
    private readonly logger: Logger,
  ) {}

  static async start(
    nc: NatsConnection,
    store: AccountBookingsWriter,
    settings: BookingsProjectorSettings,
    logger: Logger,
  ): Promise<JetStreamBookingsProjector> {
    const full = { batchSizeMax: 512, ackPendingMax: 2_048, ackWaitMs: 30_000, heldDelayMs: 1_000, ...settings };
    const projector = new JetStreamBookingsProjector(nc, store, full, logger);
    await projector.ensureConsumer();
    await projector.consume();
    return projector;
  }

  /** One per deployment, shared by every node like the transfer index's (ADR 007 §2). */
  get consumerName(): string {
    return `${this.settings.prefix.replace(/[^A-Za-z0-9_-]/g, "_")}-account-bookings`;
  }

  /** True once the store held every event the stream had for this consumer at some point since the start. */
  get ready(): boolean {
    return this.caughtUp;
  }

  /**
   * Stops taking messages and waits for the write in hand. What was taken and not folded goes back at once (nak)
   * rather than after the ack wait, so that the next start does not hold an account's later events behind it.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.draining;
    for (const message of this.queue.splice(0)) message.nak();
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    await ensureDurableConsumer(jsm, streamNameFor(this.settings.prefix), {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      // All: a new deployment (or a rebuilt model) folds every account event the stream holds.
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventSubject(this.settings.prefix, "account", ">"),
      ack_wait: this.settings.ackWaitMs * 1_000_000,
      max_ack_pending: this.settings.ackPendingMax,
      max_deliver: -1,
    });
  }

  private async consume(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(streamNameFor(this.settings.prefix), this.consumerName);
    const info = await consumer.info();
    if (info.num_pending + info.num_ack_pending === 0) this.caughtUp = true;
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
      if (!(await this.write(batch))) return void this.queue.unshift(...batch);
    }
  }

  /** Folds what can be folded of a batch (retrying until written), acks it, and sends the rest back; false if stopped. */
  private async write(batch: readonly JsMsg[]): Promise<boolean> {
    const events = this.parse(batch);
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        const applied = await this.store.appliedThroughOf([...new Set(events.map((event) => event.actorId))]);
        const { ready, held } = splitAtGaps(events, applied, (event) => this.gapAccepted(event, applied));
        await this.store.apply(ready);
        for (const event of ready) event.message.ack();
        for (const event of held) event.message.nak(this.settings.heldDelayMs);
        if (held.length === 0 && batch.at(-1)?.info.pending === 0) this.caughtUp = true;
        return true;
      } catch (error) {
        const delayMs = Math.min(retryDelayMsMax, retryDelayMsMin * 2 ** Math.min(attempt, 10));
        this.logger.warn("bookings projector: write failed; retrying", { events: events.length, delayMs, error });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    return false;
  }

  /** The account events of a batch; a message that is not one can never become one: acked now, and said so. */
  private parse(batch: readonly JsMsg[]): DeliveredEvent[] {
    const events: DeliveredEvent[] = [];
    for (const message of batch) {
      const parsed = parseEventMessage(message.data);
      if (parsed && Number.isSafeInteger(parsed.eventSeq) && parsed.eventSeq >= 1) {
        const { actorId, eventSeq, recordedAt, event } = parsed;
        events.push({ actorId, eventSeq, recordedAt, event, message });
        continue;
      }
      this.logger.error("bookings projector: a message without the event fields; skipped", {
        subject: message.subject,
        seq: message.info.streamSequence,
      });
      message.ack();
    }
    return events;
  }

  /** Whether an event has waited for its predecessors past any redelivery (twice the ack wait): they are not coming. */
  private gapAccepted(event: DeliveredEvent, applied: ReadonlyMap<string, number>): boolean {
    const waitedMs = (event.message.info.deliveryCount - 1) * this.settings.heldDelayMs;
    if (waitedMs < 2 * this.settings.ackWaitMs) return false;
    this.logger.warn("bookings projector: events of an account never arrived; folding the next one without them", {
      accountId: event.actorId,
      appliedThrough: applied.get(event.actorId) ?? 0,
      eventSeq: event.eventSeq,
    });
    return true;
  }
}
