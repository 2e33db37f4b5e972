import type { TraceContext } from "../../runtime/trace-context.js";

/** Who made a gRPC call and the call's server span (ADR 009 §3): each command of the call is a child of it. */
export interface Caller {
  /** `grpc:<principal>`, recorded in the journal. */
  readonly principal: string;
  readonly trace: TraceContext;
}
