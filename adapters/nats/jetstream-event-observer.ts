import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
} from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { JsonObject } from "../../runtime/json.js";
import type { Logger } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { parseTraceparent, spanUnder, traceLogFields, type TraceContext } from "../../runtime/trace-context.js";
import { parseEventMessage, streamNameFor } from "./jetstream-event-publisher.js";
import { ensureDurableConsumer } from "./jetstream-setup.js";
import { traceparentValues } from "./trace-headers.js";

/** An event message from the events stream, as the publisher wrote it. */
export interface ObservedEvent {
  readonly kind: string;
  readonly actorId: string;
  readonly eventSeq: number;
  readonly event: JsonObject;
  /** The observer's span under the event's `traceparent` (ADR 009 §4); absent for events published without one. */
  readonly trace?: TraceContext;
}

interface EventObserverSettings {
  readonly prefix: string;
  /** The durable consumer's name: one per purpose, shared by every node of a deployment. */
  readonly durableName: string;
  readonly kind: string;
  /** Messages in flight to the handler at once (the consumer's max_ack_pending). */
  readonly concurrency: number;
  readonly ackWaitMs: number;
}

const redeliveryDelayMsMax = 30_000;

/**
 * Follows one actor kind's events with a durable JetStream consumer and acks each only after `handle` resolved, so
 * what the handler does (relay an alert, count a metric) happens at least once per event, across restarts. The
 * handler must be idempotent by (actorId, eventSeq). A malformed message is logged and acked: it can never improve.
 */
export class JetStreamEventObserver {
  private messages: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly settings: EventObserverSettings,
    private readonly handle: (observed: ObservedEvent) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Creates the durable consumer if missing (new events only: history is not re-observed) and starts consuming. */
  static async start(
    nc: NatsConnection,
    settings: EventObserverSettings,
    handle: (observed: ObservedEvent) => Promise<void>,
    logger: Logger,
  ): Promise<JetStreamEventObserver> {
    const observer = new JetStreamEventObserver(nc, settings, handle, logger);
    await observer.ensureConsumer();
    await observer.consume();
    return observer;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    this.messages = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = streamNameFor(this.settings.prefix);
    await ensureDurableConsumer(jsm, stream, {
      durable_name: this.settings.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: eventSubject(this.settings.prefix, this.settings.kind, ">"),
      ack_wait: this.settings.ackWaitMs * 1_000_000,
      max_ack_pending: this.settings.concurrency,
      max_deliver: -1,
    });
  }

  private async consume(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(
      streamNameFor(this.settings.prefix),
      this.settings.durableName,
    );
    this.messages = await consumer.consume({
      max_messages: Math.min(this.settings.concurrency, 1_000),
      callback: (message) => {
        const handling = this.deliver(message);
        this.inFlight.add(handling);
        void handling.finally(() => this.inFlight.delete(handling));
      },
    });
  }

  private async deliver(message: JsMsg): Promise<void> {
    const observed = this.parse(message);
    if (!observed) {
      message.ack();
      return;
    }
    try {
      await this.handle(observed);
      message.ack();
    } catch (error) {
      const delay = Math.min(redeliveryDelayMsMax, 250 * 2 ** Math.min(10, message.info.deliveryCount - 1));
      this.logger.warn("event observer: handling failed; redelivering", {
        ...traceLogFields(observed.trace),
        consumer: this.settings.durableName,
        kind: observed.kind,
        actorId: observed.actorId,
        eventSeq: observed.eventSeq,
        delayMs: delay,
        error,
      });
      message.nak(delay);
    }
  }

  private parse(message: JsMsg): ObservedEvent | undefined {
    const body = parseEventMessage(message.data);
    if (!body || !Number.isSafeInteger(body.eventSeq)) {
      this.logger.error("event observer: a message without the event fields; skipped", {
        consumer: this.settings.durableName,
        subject: message.subject,
        seq: message.info.streamSequence,
      });
      return undefined;
    }
    const parent = parseTraceparent(traceparentValues(message.headers));
    return {
      kind: body.kind ?? this.settings.kind,
      actorId: body.actorId,
      eventSeq: body.eventSeq,
      event: body.event,
      ...(parent && { trace: spanUnder(parent) }),
    };
  }
}
