import { headers, Match, type MsgHdrs } from "@nats-io/transport-node";
import { formatTraceparent, traceparentHeader, type TraceContext } from "../../runtime/trace-context.js";

/**
 * Every `traceparent` value of a NATS message, whatever the name's case (HTTP gateways may canonicalize it to
 * `Traceparent`). More than one value makes it invalid (runtime/trace-context.ts), as in HTTP.
 */
export function traceparentValues(messageHeaders: MsgHdrs | undefined): string[] {
  return messageHeaders?.values(traceparentHeader, Match.IgnoreCase) ?? [];
}

/** Headers holding only the `traceparent` of `trace`: its span is the parent of what the message causes. */
export function traceHeaders(trace: TraceContext): MsgHdrs {
  const messageHeaders = headers();
  messageHeaders.set(traceparentHeader, formatTraceparent(trace));
  return messageHeaders;
}
