import type { Msg, NatsConnection, Subscription } from "@nats-io/transport-node";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { errorBody } from "../../runtime/errors.js";
import type { Logger } from "../../runtime/ports.js";
import { errorReply, parseCommandBody, type Reply } from "../../runtime/messages.js";
import { commandSubscriptionSubject, parseCommandSubject, partitionOf } from "../../runtime/subjects.js";
import { decodeUtf8 } from "../../runtime/text.js";
import { continueTrace, traceLogFields, type TraceContext } from "../../runtime/trace-context.js";
import type { NatsCommandAccess } from "./command-access.js";
import { traceHeaders, traceparentValues } from "./trace-headers.js";

interface CommandServerSettings {
  readonly prefix: string;
  /** Commands being processed at once by this node; beyond it callers get `mailbox_full`. */
  readonly commandsInFlightMax?: number;
}

/**
 * Serves `<prefix>.cmd.<kind>.<partition>.<id>` requests: one queue-group subscription per owned partition, so a
 * later cluster splits work by subscribing to different partitions. Every message gets a reply; malformed ones
 * get an error reply and never reach an actor. Access is checked as at the gRPC door, with the same tokens and roles
 * (command-access.ts): a command refused there gets `unauthenticated`, `permission_denied` or `rate_limited` and is
 * never dispatched. The command's span continues the caller's `traceparent` header (a new trace when it is absent or
 * invalid) and the reply carries it in its own `traceparent` (ADR 009 §3).
 */
export class NatsCommandServer {
  private readonly subscriptions: Subscription[] = [];
  private readonly encoder = new TextEncoder();
  private inFlight = 0;
  private readonly inFlightMax: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly system: ActorSystem,
    private readonly access: NatsCommandAccess,
    private readonly settings: CommandServerSettings,
    private readonly logger: Logger,
  ) {
    this.inFlightMax = settings.commandsInFlightMax ?? 20_000;
  }

  start(): void {
    for (const partition of this.system.ownedPartitions) {
      const subscription = this.nc.subscribe(commandSubscriptionSubject(this.settings.prefix, partition), {
        queue: `${this.settings.prefix}.engine`,
        callback: (error, message) => {
          if (error) this.logger.warn("command subscription error", { error });
          else this.receive(message);
        },
      });
      this.subscriptions.push(subscription);
    }
  }

  /** Stops receiving; requests already taken are still answered. */
  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((subscription) => subscription.drain()));
  }

  private receive(message: Msg): void {
    if (!message.reply) {
      this.logger.warn("command without a reply subject dropped", { subject: message.subject });
      return;
    }
    if (this.inFlight >= this.inFlightMax) {
      this.respond(message, errorReply(errorBody("mailbox_full", "the engine is at its in-flight command limit")));
      return;
    }
    this.inFlight++;
    const trace = continueTrace(traceparentValues(message.headers));
    void this.handle(message, trace)
      .catch((error: unknown): Reply => {
        this.logger.error("command handling failed", { error, ...traceLogFields(trace), subject: message.subject });
        return errorReply(errorBody("internal_error"));
      })
      .then((reply) => this.respond(message, reply, trace))
      .finally(() => this.inFlight--);
  }

  private async handle(message: Msg, trace: TraceContext): Promise<Reply> {
    const limits = this.system.limits;
    if (message.data.length > limits.messageSizeMaxBytes) {
      return errorReply(
        errorBody(
          "message_too_large",
          `the message is ${message.data.length} bytes; the limit is ${limits.messageSizeMaxBytes}`,
        ),
      );
    }
    const address = parseCommandSubject(this.settings.prefix, message.subject);
    if (!address)
      return errorReply(errorBody("invalid_envelope", "the subject is not <prefix>.cmd.<kind>.<partition>.<id>"));
    const text = decodeUtf8(message.data);
    if (text === undefined)
      return errorReply(errorBody("malformed_message", "the message body is not well-formed UTF-8"));
    let decoded: unknown;
    try {
      decoded = JSON.parse(text);
    } catch {
      return errorReply(errorBody("malformed_message", "the message body is not valid JSON"));
    }
    const parsed = parseCommandBody(decoded);
    if (!parsed.ok) return parsed.reply;
    const { commandId, type, payload } = parsed.body;
    if (address.partition !== partitionOf(address.actorId, limits.partitionCount)) {
      return errorReply(
        errorBody(
          "partition_mismatch",
          `actor ${address.actorId} lives in partition ${partitionOf(address.actorId, limits.partitionCount)}`,
        ),
        commandId,
      );
    }
    // `get` of the headers answers "" for a header that is absent.
    const door = this.access.authorize(address.kind, type, (name) => message.headers?.get(name) || undefined);
    if (!door.ok) return errorReply(door.error, commandId);
    const principal = door.principal;
    return this.system.dispatch({
      kind: address.kind,
      actorId: address.actorId,
      commandId,
      type,
      payload,
      principal,
      trace,
    });
  }

  private respond(message: Msg, reply: Reply, trace?: TraceContext): void {
    message.respond(this.encoder.encode(JSON.stringify(reply)), trace && { headers: traceHeaders(trace) });
  }
}
