import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from "@nats-io/jetstream";
import { headers, type NatsConnection } from "@nats-io/transport-node";
import { parseAccountKey } from "../../actors/account/account-key.js";
import { entryCommandId } from "../../actors/account/id.js";
import { accountKind } from "../../actors/account/index.js";
import { entryIdPattern } from "../../actors/account/parse.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { isJsonObject } from "../../runtime/json.js";
import { commandLogFields } from "../../runtime/log-fields.js";
import type { CommandRequest } from "../../runtime/messages.js";
import type { LogFields, Logger } from "../../runtime/ports.js";
import { decodeUtf8, truncateText } from "../../runtime/text.js";
import {
  continueTrace,
  formatTraceparent,
  traceLogFields,
  traceparentHeader,
  type TraceContext,
} from "../../runtime/trace-context.js";
import type { IngestionMetrics } from "./ingestion-metrics.js";
import { ensureDurableConsumer, ensureStream } from "./jetstream-setup.js";
import { traceparentValues } from "./trace-headers.js";

interface IngestionSettings {
  readonly prefix: string;
  /** Messages handled at once; also the consumer's max_ack_pending. */
  readonly concurrency: number;
  /** How long JetStream waits for an ack before redelivering. */
  readonly ackWaitMs?: number;
  /** Copies of the entry and dead-letter streams in a JetStream cluster (1 on a single server). */
  readonly replicas?: number;
}

/** Headers of a dead letter (ADR 004 §4). */
export const deadLetterHeaders = {
  code: "Liq-Dead-Code",
  reason: "Liq-Dead-Reason",
  originalSubject: "Liq-Original-Subject",
  originalSeq: "Liq-Original-Seq",
} as const;

/** Header a publisher may set to name itself; recorded in the journal as `ingest:<value>`. */
export const ingestPrincipalHeader = "Liq-Principal";

export function streamNamesFor(prefix: string): { entries: string; deadLetters: string } {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase();
  return { entries: `${base}_ENTRIES`, deadLetters: `${base}_DEAD_LETTERS` };
}

export function entrySubject(prefix: string, bankCode: string, accountNumber: string): string {
  return `${prefix}.entries.${bankCode}.${accountNumber}`;
}

export function deadLetterSubject(prefix: string): string {
  return `${prefix}.dead.entries`;
}

/** The durable consumer that ingests the entries stream; its ack floor tells publishers what was handled. */
export function ingestConsumerName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, "_")}-ingest`;
}

type Outcome = "applied" | "duplicate" | "dead_lettered" | "retried";

/** What to do with one message: apply it through the account actor, or dead-letter it with a reason. */
type Plan =
  | { kind: "apply"; accountId: string; entryId: string; payload: Record<string, unknown> }
  | { kind: "dead"; code: string; reason: string };

const retryDelayMsMax = 30_000;
/** A header line, not a document: the reason is cut there, on a character boundary. */
const deadLetterReasonBytesMax = 512;

/**
 * Ingests upstream accounting entries from JetStream into account actors (ADR 004): a durable pull consumer,
 * acked only after the actor made the entry durable (or knew it already), dead letters for what can never apply.
 */
export class JetStreamEntryIngestion {
  private messages: ConsumerMessages | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private pendingTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly system: ActorSystem,
    private readonly settings: IngestionSettings,
    private readonly metrics: IngestionMetrics,
    private readonly logger: Logger,
  ) {}

  get consumerName(): string {
    return ingestConsumerName(this.settings.prefix);
  }

  /** Creates the streams and the durable consumer if missing, and starts consuming. */
  static async start(
    nc: NatsConnection,
    system: ActorSystem,
    settings: IngestionSettings,
    metrics: IngestionMetrics,
    logger: Logger,
  ): Promise<JetStreamEntryIngestion> {
    const ingestion = new JetStreamEntryIngestion(nc, jetstream(nc), system, settings, metrics, logger);
    await ingestion.ensureStreams();
    await ingestion.consume();
    return ingestion;
  }

  /** Stops taking messages and waits for the ones in hand; anything unacked is redelivered later. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pendingTimer) clearInterval(this.pendingTimer);
    await this.messages?.close();
    await Promise.allSettled([...this.inFlight]);
  }

  private async ensureStreams(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const names = streamNamesFor(this.settings.prefix);
    const replicas = this.settings.replicas ?? 1;
    await ensureStream(jsm, {
      name: names.entries,
      subjects: [`${this.settings.prefix}.entries.>`],
      duplicate_window: 120_000 * 1_000_000,
      num_replicas: replicas,
    });
    await ensureStream(jsm, {
      name: names.deadLetters,
      subjects: [`${this.settings.prefix}.dead.>`],
      num_replicas: replicas,
    });
    await ensureDurableConsumer(jsm, names.entries, {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${this.settings.prefix}.entries.>`,
      ack_wait: (this.settings.ackWaitMs ?? 30_000) * 1_000_000,
      max_ack_pending: this.settings.concurrency,
      max_deliver: -1,
    });
  }

  private async consume(): Promise<void> {
    const consumer = await this.js.consumers.get(streamNamesFor(this.settings.prefix).entries, this.consumerName);
    this.messages = await consumer.consume({
      max_messages: Math.min(this.settings.concurrency, 1_000),
      callback: (message) => {
        // The entry's command continues the publisher's trace (ADR 009 §3); each delivery is a span of its own.
        const trace = continueTrace(traceparentValues(message.headers));
        const handling = this.handle(message, trace).catch((error: unknown) => {
          // Unacked: JetStream redelivers after ack_wait.
          this.logger.error("entry ingestion failed; the message will be redelivered", {
            error,
            ...traceLogFields(trace),
            subject: message.subject,
            seq: message.info.streamSequence,
          });
        });
        this.inFlight.add(handling);
        void handling.finally(() => this.inFlight.delete(handling));
      },
    });
    this.pendingTimer = setInterval(() => void this.refreshPending(consumer), 1_000);
    this.pendingTimer.unref();
  }

  private async handle(message: JsMsg, trace: TraceContext): Promise<void> {
    const outcome = await this.outcomeOf(message, trace);
    this.metrics.handled(outcome, Number(message.info.timestampNanos) / 1_000_000);
  }

  private async outcomeOf(message: JsMsg, trace: TraceContext): Promise<Outcome> {
    const plan = this.plan(message);
    if (plan.kind === "dead") return this.deadLetter(message, plan.code, plan.reason, trace);
    const caller = message.headers?.get(ingestPrincipalHeader);
    const request: CommandRequest = {
      kind: accountKind.name,
      actorId: plan.accountId,
      commandId: entryCommandId(plan.entryId),
      type: "recordEntry",
      payload: plan.payload,
      principal: caller ? `ingest:${caller.replace(/[^\x21-\x7e]/g, "").slice(0, 64)}` : "ingest",
      trace,
    };
    const reply = await this.system.dispatch(request);
    if (reply.ok) {
      message.ack();
      return reply.duplicate ? "duplicate" : "applied";
    }
    if (reply.error.retryable || this.stopping) {
      const delay = Math.min(retryDelayMsMax, 250 * 2 ** Math.min(10, message.info.deliveryCount - 1));
      message.nak(delay);
      return "retried";
    }
    return this.deadLetter(
      message,
      reply.error.code,
      reply.error.message,
      trace,
      commandLogFields(request, accountKind),
    );
  }

  private plan(message: JsMsg): Plan {
    if (message.data.length > this.system.limits.messageSizeMaxBytes) {
      return {
        kind: "dead",
        code: "message_too_large",
        reason: `the entry is ${message.data.length} bytes; the limit is ${this.system.limits.messageSizeMaxBytes}`,
      };
    }
    const tokens = message.subject.slice(this.settings.prefix.length + 1).split(".");
    if (tokens.length !== 3 || tokens[0] !== "entries") {
      return {
        kind: "dead",
        code: "invalid_subject",
        reason: `the subject must be ${this.settings.prefix}.entries.<bankCode>.<accountNumber>`,
      };
    }
    const key = parseAccountKey(tokens[1], tokens[2]);
    if (!key.ok) return { kind: "dead", code: "invalid_subject", reason: `the subject's ${key.message}` };
    const text = decodeUtf8(message.data);
    if (text === undefined)
      return { kind: "dead", code: "malformed_message", reason: "the entry is not well-formed UTF-8" };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: "dead", code: "malformed_message", reason: "the entry is not valid JSON" };
    }
    if (!isJsonObject(body))
      return { kind: "dead", code: "invalid_command", reason: "the entry must be a JSON object" };
    const entryId = body["entryId"];
    if (typeof entryId !== "string" || !entryIdPattern.test(entryId)) {
      return {
        kind: "dead",
        code: "invalid_command",
        reason: "entryId must be 1-120 printable ASCII characters without spaces",
      };
    }
    return { kind: "apply", accountId: key.accountId, entryId, payload: body };
  }

  /**
   * Publishes the dead letter, then acks the original: nothing is dropped, and the stream moves on. The letter
   * carries the delivery's `traceparent`, so its log line is one search away.
   */
  private async deadLetter(
    message: JsMsg,
    code: string,
    reason: string,
    trace: TraceContext,
    fields: LogFields = {},
  ): Promise<Outcome> {
    const letterHeaders = headers();
    letterHeaders.set(traceparentHeader, formatTraceparent(trace));
    letterHeaders.set(deadLetterHeaders.code, code);
    letterHeaders.set(
      deadLetterHeaders.reason,
      truncateText(reason.replace(/[\r\n]/g, " "), 512, deadLetterReasonBytesMax),
    );
    letterHeaders.set(deadLetterHeaders.originalSubject, message.subject);
    letterHeaders.set(deadLetterHeaders.originalSeq, String(message.info.streamSequence));
    await this.js.publish(deadLetterSubject(this.settings.prefix), message.data, {
      msgID: `entries:${message.info.streamSequence}`,
      headers: letterHeaders,
    });
    message.ack();
    this.logger.warn("entry dead-lettered", {
      ...traceLogFields(trace),
      ...fields,
      code,
      reason,
      subject: message.subject,
      seq: message.info.streamSequence,
    });
    return "dead_lettered";
  }

  private async refreshPending(consumer: {
    info(cached?: boolean): Promise<{ num_pending: number; num_ack_pending: number }>;
  }): Promise<void> {
    try {
      const info = await consumer.info();
      this.metrics.pending(info.num_pending + info.num_ack_pending);
    } catch {
      // The next tick tries again; a NATS outage shows in other metrics.
    }
  }
}
