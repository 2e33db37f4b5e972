import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Span,
} from "@opentelemetry/api";
import type { CommandRequest, Reply } from "./messages.js";
import { newSpanId, newTraceId, type TraceContext } from "./trace-context.js";

/**
 * The OpenTelemetry spans of the engine's units of work (ADR 009 §7), made through the API only: without an SDK
 * (the composition root installs one when exporting is configured, engine/tracing.ts) every call here is a no-op.
 *
 * A unit's ids exist before its span starts: a command's are chosen by whoever sends it, journaled with its entry,
 * logged and sent on in headers, and a reminder or an effect result continues them after a restart. So a span must
 * take the unit's ids rather than make its own. `startSpan` offers them to `engineIdGenerator`, the id generator the
 * SDK is given, for the one synchronous `startSpan` call; any other span (none today) gets random ids.
 */
let chosen: { traceId: string | undefined; spanId: string | undefined } | undefined;

/** The SDK's id generator (`IdGenerator` of @opentelemetry/sdk-trace-base): a span started here gets its unit's ids. */
export const engineIdGenerator = {
  generateTraceId(): string {
    const id = chosen?.traceId;
    if (chosen) chosen.traceId = undefined;
    return id ?? newTraceId();
  },
  generateSpanId(): string {
    const id = chosen?.spanId;
    if (chosen) chosen.spanId = undefined;
    return id ?? newSpanId();
  },
};

/** The instrumentation scope of every span here. */
export const tracerName = "liquidity-engine";

export interface UnitSpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * Starts the span of the unit of work `unit`, with its ids, as a child of its parent span when it has one; the
 * caller ends it. The parent is known by its ids only (a caller's header, a journal entry), as a remote parent is.
 * The returned span's context is `unit`'s, recorded or not, when the SDK was given `engineIdGenerator`.
 */
export function startSpan(name: string, unit: TraceContext, options: UnitSpanOptions = {}): Span {
  const traceFlags = unit.flags & TraceFlags.SAMPLED;
  const parent =
    unit.parentSpanId === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(ROOT_CONTEXT, {
          traceId: unit.traceId,
          spanId: unit.parentSpanId,
          traceFlags,
          isRemote: true,
        });
  chosen = { traceId: unit.traceId, spanId: unit.spanId };
  let span: Span;
  try {
    // Asked each time rather than kept: the provider registered now (none: the API's no-op) is the one to use.
    span = trace.getTracer(tracerName).startSpan(name, options, parent);
  } finally {
    chosen = undefined;
  }
  // The no-op tracer answers with its parent's context: then keep the unit's, so the span always names the unit.
  // (A recording span with other ids means an SDK without engineIdGenerator: exported, but not under the unit's ids.)
  if (span.isRecording() || span.spanContext().spanId === unit.spanId) return span;
  return trace.wrapSpanContext({ traceId: unit.traceId, spanId: unit.spanId, traceFlags });
}

/** Ends `span`, marked failed with `message` when given. */
export function endSpan(span: Span, failure?: string): void {
  if (failure !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
  span.end();
}

/** A command with its span's ids: the runtime gives every command one before it runs (ADR 009 §2). */
export type TracedCommand = CommandRequest & { readonly trace: TraceContext };

/** Runs `work` in the span of `unit`: ended when it settles, failed with the error's message when it throws. */
export async function inSpan<T>(
  name: string,
  unit: TraceContext,
  options: UnitSpanOptions,
  work: () => Promise<T>,
): Promise<T> {
  const span = startSpan(name, unit, options);
  try {
    const result = await work();
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    throw error;
  }
}

/** Span attributes of a command (the names of its log fields, ADR 009 §6, under `liquidity.`). */
function commandAttributes(request: CommandRequest): Attributes {
  return {
    "liquidity.command.id": String(request.commandId),
    "liquidity.command.type": String(request.type),
    "liquidity.actor.kind": String(request.kind),
    "liquidity.actor.id": String(request.actorId),
    "liquidity.principal": String(request.principal),
  };
}

/**
 * The span of one command, from its dispatch to its reply (ADR 009 §7): named `<kind> <type>` (e.g. `transfer
 * create`); `known` says whether the kind and type were validated, else the name is `command` (the caller chose the
 * kind and type: they must not make span names without bound).
 */
export function startCommandSpan(request: TracedCommand, known: boolean): Span {
  const name = known ? `${request.kind} ${request.type}` : "command";
  return startSpan(name, request.trace, { kind: SpanKind.INTERNAL, attributes: commandAttributes(request) });
}

/** Ends a command's span with its reply: a refusal marks it failed with the refusal's code. */
export function endCommandSpan(span: Span, reply: Reply): void {
  if (reply.ok) {
    if (reply.duplicate === true) span.setAttribute("liquidity.reply.duplicate", true);
    endSpan(span);
    return;
  }
  span.setAttribute("liquidity.reply.code", reply.error.code);
  endSpan(span, reply.error.code);
}
