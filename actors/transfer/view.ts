import type { Json } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { stepNames, type StepName, type TransferRequest } from "./commands.js";
import {
  decodeBankReferences,
  decodePendingResolution,
  decodeResolution,
  decodeTimelineItem,
  decodeTransferRequest,
  reservationIntents,
  stepPhases,
  transferStatuses,
  type PendingResolution,
  type ReservationIntent,
  type Resolution,
  type StepPhase,
  type TimelineItem,
  type TransferState,
  type TransferStatus,
} from "./state.js";

/** The running bank step as clients see it. */
export type TransferStepView = {
  readonly name: StepName;
  readonly phase: StepPhase;
  readonly channel: string;
  readonly sends: number;
  readonly queries: number;
  readonly fee: string | null;
};

/** The transfer as clients see it (replies, gRPC): `request` once it was created, `timeline` only for `get`. */
export type TransferView = {
  readonly transferId: string;
  readonly status: TransferStatus | "NEW";
  readonly request?: TransferRequest;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly step: TransferStepView | null;
  readonly reservations: { readonly debit: ReservationIntent; readonly credit: ReservationIntent };
  readonly positionTasksPending: number;
  readonly bankReferences: Readonly<Partial<Record<StepName, string>>>;
  readonly failure: { readonly code: string; readonly message: string } | null;
  readonly approvedBy: string | null;
  readonly resolution: Resolution | null;
  /** A resolution asked for and waiting for an approver's confirmation (only in MANUAL_INTERVENTION). */
  readonly pendingResolution: PendingResolution | null;
  readonly timeline?: TimelineItem[];
};

/**
 * What every transfer command answers: the view after it; `existing` when a create repeated an earlier one,
 * `ignored` when a result came that nothing waits for any more, `alreadyKnown` when statement evidence tells what
 * the transfer knew already (the step succeeded, or this line was recorded).
 */
export type TransferReply = TransferView & {
  readonly existing?: true;
  readonly ignored?: true;
  readonly alreadyKnown?: true;
};

/** The transfer as clients see it (replies, gRPC); the timeline only when asked for. */
export function viewOf(transferId: string, state: TransferState, withTimeline: boolean): TransferView {
  const step = state.step;
  return {
    transferId,
    status: state.status,
    ...(state.request && { request: { ...state.request } }),
    createdBy: state.createdBy,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    step: step && {
      name: step.name,
      phase: step.phase,
      channel: step.channel,
      sends: step.sends,
      queries: step.queries,
      fee: step.fee,
    },
    reservations: { ...state.reservations },
    positionTasksPending: state.tasks.length,
    bankReferences: { ...state.bankReferences },
    failure: state.failure && { ...state.failure },
    approvedBy: state.approvedBy,
    resolution: state.resolution && { ...state.resolution },
    pendingResolution: state.pendingResolution && { ...state.pendingResolution },
    ...(withTimeline && { timeline: state.timeline.map((item) => ({ ...item })) }),
  };
}

/** A transfer's reply (a command's or `get`'s) as it comes back from the runtime; `source` names it for the error. */
export function decodeTransferReply(reply: Json, source: string): TransferReply {
  const r = JsonReader.of(source, reply);
  const step = r.objectOrNull("step");
  const reservations = r.object("reservations");
  const failure = r.objectOrNull("failure");
  const resolution = r.objectOrNull("resolution");
  // Absent from the replies of engines from before resolutions needed a confirmation (stored replies of repeats).
  const pending = r.has("pendingResolution") ? r.objectOrNull("pendingResolution") : null;
  const request = r.optionalObject("request");
  const timeline = r.has("timeline") ? r.objects("timeline") : undefined;
  return {
    transferId: r.text("transferId"),
    status: r.oneOf("status", ["NEW", ...transferStatuses]),
    ...(request && { request: decodeTransferRequest(request) }),
    createdBy: r.text("createdBy"),
    createdAt: r.integer("createdAt"),
    updatedAt: r.integer("updatedAt"),
    step: step && {
      name: step.oneOf("name", stepNames),
      phase: step.oneOf("phase", stepPhases),
      channel: step.text("channel"),
      sends: step.integer("sends"),
      queries: step.integer("queries"),
      fee: step.textOrNull("fee"),
    },
    reservations: {
      debit: reservations.oneOf("debit", reservationIntents),
      credit: reservations.oneOf("credit", reservationIntents),
    },
    positionTasksPending: r.integer("positionTasksPending"),
    bankReferences: decodeBankReferences(r.object("bankReferences")),
    failure: failure && { code: failure.text("code"), message: failure.text("message") },
    approvedBy: r.textOrNull("approvedBy"),
    resolution: resolution && decodeResolution(resolution),
    pendingResolution: pending && decodePendingResolution(pending),
    ...(timeline && { timeline: timeline.map(decodeTimelineItem) }),
    ...(r.optionalBoolean("existing") === true && { existing: true }),
    ...(r.optionalBoolean("ignored") === true && { ignored: true }),
    ...(r.optionalBoolean("alreadyKnown") === true && { alreadyKnown: true }),
  };
}
