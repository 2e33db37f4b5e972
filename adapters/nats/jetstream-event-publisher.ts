import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { headers, type NatsConnection, type ServerInfo } from "@nats-io/transport-node";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import type { ActorRef, EventPublisher, OutboundEvent } from "../../runtime/ports.js";
import { eventMessageId, eventSubject } from "../../runtime/subjects.js";
import { formatTraceparent, traceparentHeader } from "../../runtime/trace-context.js";
import { JetStreamAcks } from "./jetstream-acks.js";
import { ensureStream } from "./jetstream-setup.js";

interface EventStreamSettings {
  readonly prefix: string;
  /** Stream name; `<PREFIX>_EVENTS` by default. */
  readonly streamName?: string;
  /** Message-id dedupe window of the stream. */
  readonly duplicateWindowMs?: number;
  /** Events older than this are discarded by the stream (0 = kept forever). */
  readonly maxAgeMs?: number;
  /** Copies of the stream in a JetStream cluster (1 on a single server). */
  readonly replicas?: number;
}

/** How long a batch waits for the stream's acknowledgements (nats.js's default for a JetStream publish). */
const acknowledgementTimeoutMs = 5_000;

/** JetStream's message-id header: the stream stores a message once per id within its duplicate window. */
const messageIdHeader = "Nats-Msg-Id";

/** Header carrying the event sequence number, read back by `lastPublishedEventSeq`. */
const eventSeqHeader = "Liq-Event-Seq";

/** The body of an event message on `<prefix>.evt.<kind>.<actorId>`. */
export interface EventMessage {
  readonly kind: string;
  readonly actorId: string;
  readonly eventSeq: number;
  readonly entrySeq: number;
  readonly commandId: string;
  readonly recordedAt: number;
  readonly event: OutboundEvent["event"];
}

/** An `EventMessage` read back from the stream: JSON with a string `actorId` and an object `event`, the rest unchecked. */
interface ReceivedEventMessage {
  /** Absent when the message has none. */
  readonly kind?: string;
  readonly actorId: string;
  /** NaN when absent or not a number: a reader that needs the sequence checks `Number.isSafeInteger`. */
  readonly eventSeq: number;
  /** "" when absent. */
  readonly commandId: string;
  /** 0 when absent. */
  readonly recordedAt: number;
  readonly event: JsonObject;
}

const decoder = new TextDecoder();

/** The event message in `data`, or undefined when it is not one (the caller logs it). */
export function parseEventMessage(data: Uint8Array): ReceivedEventMessage | undefined {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
  if (!isJsonObject(body) || typeof body["actorId"] !== "string" || !isJsonObject(body["event"])) return undefined;
  const { kind, eventSeq, commandId, recordedAt } = body;
  return {
    ...(kind !== undefined && kind !== null && { kind: String(kind) }),
    actorId: body["actorId"],
    eventSeq: typeof eventSeq === "number" ? eventSeq : Number.NaN,
    commandId: String(commandId ?? ""),
    recordedAt: Number(recordedAt ?? 0),
    event: body["event"],
  };
}

export function streamNameFor(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase()}_EVENTS`;
}

/** Publishes actor events to JetStream, one subject per actor, deduplicated by `Nats-Msg-Id` (ADR 001 §6). */
export class JetStreamEventPublisher implements EventPublisher {
  private readonly encoder = new TextEncoder();
  /** The ordered path (ADR 002 §8): one per connection to a server, renewed after any failed publish. */
  private path: object = {};
  private pathServer: ServerInfo | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly acks: JetStreamAcks,
    private readonly jsm: JetStreamManager,
    private readonly prefix: string,
    readonly streamName: string,
  ) {}

  static async create(nc: NatsConnection, settings: EventStreamSettings): Promise<JetStreamEventPublisher> {
    const jsm = await jetstreamManager(nc);
    const streamName = settings.streamName ?? streamNameFor(settings.prefix);
    const config = {
      name: streamName,
      subjects: [`${settings.prefix}.evt.>`],
      duplicate_window: (settings.duplicateWindowMs ?? 120_000) * 1_000_000,
      max_age: (settings.maxAgeMs ?? 0) * 1_000_000,
      num_replicas: settings.replicas ?? 1,
    };
    await ensureStream(jsm, config);
    return new JetStreamEventPublisher(
      nc,
      new JetStreamAcks(nc, acknowledgementTimeoutMs),
      jsm,
      settings.prefix,
      streamName,
    );
  }

  /**
   * One connection to a standalone server keeps order: the server reads the connection's messages in order and the
   * stream stores them in that order, and a connection that is lost takes every later message with it (the client
   * drops what it buffered when it reconnects). A new connection (each brings its own INFO) is a new path. In a
   * cluster (INFO names one) a stream's messages may be routed to another server or meet a leader change, so a
   * later message could be stored after an earlier one was lost: no path there.
   */
  orderedPath(): object | undefined {
    const server = this.nc.info;
    if (!server || server.cluster !== undefined) return undefined;
    if (server !== this.pathServer) {
      this.pathServer = server;
      this.path = {};
    }
    return this.path;
  }

  async publish(events: readonly OutboundEvent[]): Promise<void> {
    // Sent back to back on one connection, so the stream stores them in order; all acks are awaited.
    const messages = events.map((event) => {
      const messageHeaders = headers();
      messageHeaders.set(messageIdHeader, eventMessageId(event.kind, event.actorId, event.eventSeq));
      messageHeaders.set(eventSeqHeader, String(event.eventSeq));
      // The span of the command that produced the event is the parent of whatever the event causes (ADR 009 §4).
      if (event.trace) messageHeaders.set(traceparentHeader, formatTraceparent(event.trace));
      const body: EventMessage = {
        kind: event.kind,
        actorId: event.actorId,
        eventSeq: event.eventSeq,
        entrySeq: event.entrySeq,
        commandId: event.commandId,
        recordedAt: event.recordedAt,
        event: event.event,
      };
      return {
        subject: eventSubject(this.prefix, event.kind, event.actorId),
        data: this.encoder.encode(JSON.stringify(body)),
        headers: messageHeaders,
      };
    });
    try {
      await this.acks.publish(messages);
    } catch (error) {
      // Whatever failed, later publishes must not overtake the repair on the old path.
      this.path = {};
      throw error;
    }
  }

  async lastPublishedEventSeq(actor: ActorRef): Promise<number> {
    const last = await this.jsm.streams.getMessage(this.streamName, {
      last_by_subj: eventSubject(this.prefix, actor.kind, actor.actorId),
    });
    if (!last) return 0;
    const seq = Number(last.header.get(eventSeqHeader));
    return Number.isSafeInteger(seq) ? seq : 0;
  }

  async close(): Promise<void> {
    this.acks.close();
  }
}
