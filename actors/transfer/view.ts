import type { Json } from "../../runtime/json.js";
import type { TransferState } from "./state.js";

/** The transfer as clients see it (replies, gRPC); the timeline only when asked for. */
export function viewOf(transferId: string, state: TransferState, withTimeline: boolean): Json {
  const step = state.step;
  return {
    transferId,
    status: state.status,
    ...(state.request && { request: { ...state.request } }),
    createdBy: state.createdBy,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    step: step && { name: step.name, phase: step.phase, channel: step.channel, sends: step.sends, queries: step.queries, fee: step.fee },
    reservations: { ...state.reservations },
    positionTasksPending: state.tasks.length,
    bankReferences: { ...state.bankReferences },
    failure: state.failure && { ...state.failure },
    approvedBy: state.approvedBy,
    resolution: state.resolution && { ...state.resolution },
    ...(withTimeline && { timeline: state.timeline.map((item) => ({ ...item })) }),
  };
}
