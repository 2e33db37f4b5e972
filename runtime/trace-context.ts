import { randomFillSync } from "node:crypto";
import {
  ROOT_CONTEXT,
  trace as otelTrace,
  TraceFlags,
  type TextMapGetter,
  type TextMapSetter,
} from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { assert } from "./assert.js";
import type { LogFields } from "./ports.js";

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/), the `traceparent` header only (ADR 009), read and written
 * by OpenTelemetry's propagator. A `TraceContext` is one unit of work (a command, an effect, a bank call): the
 * trace it belongs to, its own span, and the span that caused it. It is JSON, so journal entries and reminders store
 * it as it is; runtime/spans.ts makes the OpenTelemetry span of a unit with these ids.
 */
export interface TraceContext {
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lowercase hex digits, not all zero: this unit of work's span. */
  readonly spanId: string;
  /** The span that caused this one (the `parent-id` a caller sent, or the engine's own), when there is one. */
  readonly parentSpanId?: string;
  /** trace-flags, 0-255; bit 0 is `sampled`. */
  readonly flags: number;
}

/** What a valid `traceparent` header says: the caller's trace and its span (the parent of ours). */
export interface RemoteParent {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: number;
}

export const traceparentHeader = "traceparent";

const traceIdPattern = /^[0-9a-f]{32}$/;
const spanIdPattern = /^[0-9a-f]{16}$/;
const zeroTraceId = "0".repeat(32);
const zeroSpanId = "0".repeat(16);

const propagator = new W3CTraceContextPropagator();
/** The carrier is the header's value itself: the doors read it from their own header shapes. */
const valueGetter: TextMapGetter<string> = {
  keys: () => [traceparentHeader],
  get: (value, key) => (key === traceparentHeader ? value : undefined),
};
const headerSetter: TextMapSetter<Record<string, string>> = {
  set: (headers, key, value) => void (headers[key] = value),
};

/**
 * Parses a `traceparent` value; undefined when it is absent or invalid (never an error: the caller starts a new
 * trace). Version 00 must be exactly 55 characters; a higher version (not ff) is read by its first four fields when
 * what follows them is nothing or starts with `-` (the propagator's rules). Several values (a header sent twice) are
 * invalid here, where the propagator would take the first: two parents are no parent.
 */
export function parseTraceparent(value: unknown): RemoteParent | undefined {
  if (Array.isArray(value)) return value.length === 1 ? parseTraceparent(value[0]) : undefined;
  if (typeof value !== "string") return undefined;
  // HTTP allows optional whitespace (spaces and tabs) around a header value.
  const text = value.replace(/^[ \t]+|[ \t]+$/g, "");
  const parent = otelTrace.getSpanContext(propagator.extract(ROOT_CONTEXT, text, valueGetter));
  return parent && { traceId: parent.traceId, parentId: parent.spanId, flags: parent.traceFlags };
}

/** The `traceparent` a unit of work sends on its outbound calls: version 00, its own span as their parent. */
export function formatTraceparent(trace: TraceContext): string {
  const headers: Record<string, string> = {};
  // Version 00 defines only `sampled`; the other bits must be sent as zero.
  const span = { traceId: trace.traceId, spanId: trace.spanId, traceFlags: trace.flags & TraceFlags.SAMPLED };
  propagator.inject(otelTrace.setSpanContext(ROOT_CONTEXT, span), headers, headerSetter);
  const value = headers[traceparentHeader];
  assert(value !== undefined, `not a valid trace context: ${JSON.stringify(trace)}`);
  return value;
}

/** A new root: random trace and span, sampled (the engine logs every command). */
export function newTrace(): TraceContext {
  return { traceId: newTraceId(), spanId: newSpanId(), flags: TraceFlags.SAMPLED };
}

/** A unit of work caused by `parent`: the same trace, a new span. */
export function childSpan(parent: TraceContext): TraceContext {
  return {
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    flags: parent.flags & TraceFlags.SAMPLED,
  };
}

/** At a door: our span in the caller's trace when `header` is a valid `traceparent`, else a new trace. */
export function continueTrace(header: unknown): TraceContext {
  const parent = parseTraceparent(header);
  return parent ? spanUnder(parent) : newTrace();
}

/** Our span under a remote caller's. */
export function spanUnder(parent: RemoteParent): TraceContext {
  return {
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.parentId,
    flags: parent.flags & TraceFlags.SAMPLED,
  };
}

/** 16 random bytes as lowercase hex, never all zero. */
export function newTraceId(): string {
  return randomId(16, zeroTraceId);
}

/** 8 random bytes as lowercase hex, never all zero. */
export function newSpanId(): string {
  return randomId(8, zeroSpanId);
}

/** Whether a stored value is a trace context (journal entries and reminders from the store). */
export function isTraceContext(value: unknown): value is TraceContext {
  if (typeof value !== "object" || value === null) return false;
  const { traceId, spanId, parentSpanId, flags } = value as Record<string, unknown>;
  return (
    typeof traceId === "string" &&
    traceIdPattern.test(traceId) &&
    traceId !== zeroTraceId &&
    typeof spanId === "string" &&
    spanIdPattern.test(spanId) &&
    spanId !== zeroSpanId &&
    (parentSpanId === undefined || (typeof parentSpanId === "string" && spanIdPattern.test(parentSpanId))) &&
    Number.isInteger(flags) &&
    (flags as number) >= 0 &&
    (flags as number) <= 0xff
  );
}

/** The log fields of a trace context: `traceId`, `spanId`, `parentSpanId` when there is one (ADR 009 §6). */
export function traceLogFields(trace: TraceContext | undefined): LogFields {
  if (!trace) return {};
  return {
    traceId: trace.traceId,
    spanId: trace.spanId,
    ...(trace.parentSpanId !== undefined && { parentSpanId: trace.parentSpanId }),
  };
}

/**
 * Random bytes drawn from one pool refilled 4 KiB at a time: a call to the system's generator per id cost a fifth of
 * the CPU of a busy engine (every traceless command takes two). Still the system's cryptographic randomness.
 */
const randomPool = Buffer.alloc(4096);
let randomPoolUsed = randomPool.length;

function randomId(bytes: number, zero: string): string {
  for (;;) {
    if (randomPoolUsed + bytes > randomPool.length) {
      randomFillSync(randomPool);
      randomPoolUsed = 0;
    }
    const id = randomPool.toString("hex", randomPoolUsed, randomPoolUsed + bytes);
    randomPoolUsed += bytes;
    if (id !== zero) return id;
  }
}
