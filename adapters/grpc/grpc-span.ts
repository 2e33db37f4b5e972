import { status } from "@grpc/grpc-js";
import { SpanKind, type Span } from "@opentelemetry/api";
import { endSpan, startSpan } from "../../runtime/spans.js";
import type { TraceContext } from "../../runtime/trace-context.js";

/** Codes that mean the server failed (OpenTelemetry's gRPC conventions); the others are the caller's to handle. */
const serverFailures: ReadonlySet<status> = new Set([
  status.UNKNOWN,
  status.DEADLINE_EXCEEDED,
  status.UNIMPLEMENTED,
  status.INTERNAL,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);

/** The server span of a unary call (ADR 009 §3, §7), named by its path without the slash: `liquidity.v1.Transfers/CreateTransfer`. */
export function startGrpcServerSpan(path: string, trace: TraceContext): Span {
  const name = path.replace(/^\//, "");
  const slash = name.lastIndexOf("/");
  return startSpan(name, trace, {
    kind: SpanKind.SERVER,
    attributes: { "rpc.system": "grpc", "rpc.service": name.slice(0, slash), "rpc.method": name.slice(slash + 1) },
  });
}

export function endGrpcServerSpan(span: Span, code: status): void {
  span.setAttribute("rpc.grpc.status_code", code);
  endSpan(span, serverFailures.has(code) ? status[code] : undefined);
}
