import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import {
  failoverPolicies,
  resolutionOutcomes,
  speeds,
  stepNames,
  type ResolutionOutcome,
  type StepName,
  type TransferRequest,
} from "./commands.js";

/** The saga's states (ADR 006 §2; design article "状态机"), in the saga's order: for validation and the per-status gauge. */
export const transferStatuses = [
  "SCHEDULED",
  "CREATED",
  "PENDING_APPROVAL",
  "DEBIT_PENDING",
  "DEBIT_SUCCESS",
  "CREDIT_PENDING",
  "SUCCESS",
  "FAILED",
  "CANCELLED",
  "UNKNOWN",
  "COMPENSATING",
  "COMPENSATED",
  "MANUAL_INTERVENTION",
  "CLOSED",
] as const;

export type TransferStatus = (typeof transferStatuses)[number];

export const terminalStatuses: ReadonlySet<TransferStatus> = new Set([
  "SUCCESS",
  "FAILED",
  "CANCELLED",
  "COMPENSATED",
  "CLOSED",
]);

/**
 * Where the current bank step stands: `acquire` asking the channel, `wait` for a refusing channel, `call` a send
 * in flight, `await` the bank took it and the final status is to come, `query` the outcome is unknown and a status
 * query is due or in flight, `halted` in MANUAL_INTERVENTION.
 */
export const stepPhases = ["acquire", "wait", "call", "await", "query", "halted"] as const;
export type StepPhase = (typeof stepPhases)[number];

export interface BankStep {
  readonly name: StepName;
  /** When the step started (absent in snapshots taken before it was recorded): step latency metrics. */
  readonly startedAt?: number;
  readonly channel: string;
  /** Channels this step was refused by, so failover never loops. */
  readonly refusedBy: readonly string[];
  readonly phase: StepPhase;
  /** Effects issued in this step: the next effect id is `<name>.<effects + 1>`. */
  readonly effects: number;
  /** The effect whose answer is awaited; answers of older effects are only taken when final. */
  readonly outstanding: string | null;
  readonly sends: number;
  /**
   * `sends` when an operator last retried the step (absent before the first retry): the send budget of `sendsMax`
   * counts from here, while `sends` itself keeps counting, because a callback is taken only once something was sent.
   */
  readonly sendsBeforeRetry?: number;
  readonly queries: number;
  readonly asks: number;
  readonly fee: string | null;
  /** On a debit step: the credit channel, asked before the debit is sent (absent before it is first asked). */
  readonly creditCheck?: CreditCheck;
}

/**
 * Both ends are checked before money leaves (ADR 006 §2): the debit step first asks the credit channel, under the
 * credit's own call key, then its own channel. `channel`: the credit channel after any failover, the one the credit
 * step will use; `allowed`: it allowed the credit in the current round of asks (a wait starts a new round);
 * `asking`: the step's outstanding ask is this one.
 */
export interface CreditCheck {
  readonly channel: string;
  readonly refusedBy: readonly string[];
  readonly allowed: boolean;
  readonly asking: boolean;
}

/** A command to an account actor the saga owes (ADR 006 §2), delivered in order, the head one at a time. */
export interface PositionTask {
  readonly id: string;
  readonly account: string;
  readonly commandType: (typeof positionTaskCommands)[number];
  readonly payload: JsonObject;
  readonly attempt: number;
}

/** The account commands a position task sends. */
export const positionTaskCommands = ["reserve", "settle", "release", "recordEntry"] as const;

/** What the saga has asked of each reservation (the intent; the task queue delivers it). `returned`: settled, then given back by a reversal entry. */
export const reservationIntents = ["none", "reserved", "settled", "released", "returned"] as const;
export type ReservationIntent = (typeof reservationIntents)[number];

/**
 * What the transfer knows of a step it sent to its bank: `sent` while the bank's answer is to come (in flight,
 * UNKNOWN, halted), then `succeeded` or `failed` as the bank answered. A step never sent has none.
 */
export const stepOutcomes = ["sent", "succeeded", "failed"] as const;
export type StepOutcome = (typeof stepOutcomes)[number];

/** The statement line last recorded as evidence of a step; `contradicts`: it showed a booking the engine knew failed. */
export type RecordedEvidence = {
  readonly statementVersion: string;
  readonly statementId: string;
  readonly line: number;
  readonly bookingDate: string;
  readonly bankReference?: string;
  readonly contradicts: boolean;
};

/** A type, not an interface, so that it is JSON for replies (actors/transfer/view.ts). */
export type TimelineItem = {
  readonly at: number;
  readonly status: TransferStatus;
  readonly event: string;
  readonly note: string;
};

/**
 * A resolution of a transfer in MANUAL_INTERVENTION: `by` asked for it with the outcome and its evidence;
 * `confirmedBy`, once an approver other than the asker confirmed it (absent on a pending one, and on one applied
 * in a single step before confirmation existed).
 */
export type Resolution = {
  readonly outcome: ResolutionOutcome;
  readonly evidence: string;
  readonly by: string;
  readonly confirmedBy?: string;
};

/** A resolution asked for and not confirmed yet: `at` when it was asked. */
export type PendingResolution = {
  readonly outcome: ResolutionOutcome;
  readonly evidence: string;
  readonly by: string;
  readonly at: number;
};

export interface TransferState {
  readonly status: TransferStatus | "NEW";
  readonly request: TransferRequest | null;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly step: BankStep | null;
  readonly tasks: readonly PositionTask[];
  readonly reservations: { readonly debit: ReservationIntent; readonly credit: ReservationIntent };
  readonly bankReferences: Readonly<Partial<Record<StepName, string>>>;
  /** Steps sent to a bank and what came of them (statement evidence checks against it, ADR 014 §5). */
  readonly stepOutcomes: Readonly<Partial<Record<StepName, StepOutcome>>>;
  /** Statement lines taken as evidence of a step, the latest per step. */
  readonly evidence: Readonly<Partial<Record<StepName, RecordedEvidence>>>;
  readonly failure: { readonly code: string; readonly message: string } | null;
  readonly approvedBy: string | null;
  readonly resolution: Resolution | null;
  /** Only while in MANUAL_INTERVENTION: it is dropped when the transfer leaves that status (a retry). */
  readonly pendingResolution: PendingResolution | null;
  readonly alerts: number;
  readonly updatedAt: number;
  /** Status changes and notable events, newest last, at most `timelineMax`. */
  readonly timeline: readonly TimelineItem[];
}

export const timelineMax = 100;

export const initialTransferState: TransferState = {
  status: "NEW",
  request: null,
  createdBy: "",
  createdAt: 0,
  step: null,
  tasks: [],
  reservations: { debit: "none", credit: "none" },
  bankReferences: {},
  stepOutcomes: {},
  evidence: {},
  failure: null,
  approvedBy: null,
  resolution: null,
  pendingResolution: null,
  alerts: 0,
  updatedAt: 0,
  timeline: [],
};

export function isTerminal(state: TransferState): boolean {
  return state.status !== "NEW" && terminalStatuses.has(state.status);
}

/** The client serial number of a step: the same for every attempt, so a resend is the same request (ADR 006 §2). */
export function serialOf(transferId: string, step: StepName): string {
  return `${transferId}.${step}`;
}

/** The state is plain JSON already (amounts are strings); snapshots store it as is. */
export function encodeTransferState(state: TransferState): JsonObject {
  return JSON.parse(JSON.stringify(state)) as JsonObject;
}

/** Reads a state `encodeTransferState` wrote; anything else throws a TypeError naming the field. */
export function decodeTransferState(encoded: JsonObject): TransferState {
  const r = JsonReader.of("an encoded transfer state", encoded);
  const reservations = r.object("reservations");
  const failure = r.objectOrNull("failure");
  const resolution = r.objectOrNull("resolution");
  // Absent from snapshots taken before resolutions needed a confirmation.
  const pending = r.has("pendingResolution") ? r.objectOrNull("pendingResolution") : null;
  const status = r.oneOf("status", ["NEW", ...transferStatuses]);
  const step = r.isNull("step") ? null : decodeStep(r.object("step"));
  const bankReferences = decodeBankReferences(r.object("bankReferences"));
  const failureCode = failure?.text("code");
  // Absent from snapshots taken before statement evidence existed: what the rest of the state tells.
  const outcomes = r.has("stepOutcomes")
    ? decodeStepOutcomes(r.object("stepOutcomes"))
    : stepOutcomesOfEarlierState(status, step, bankReferences, failureCode);
  return {
    status,
    request: r.isNull("request") ? null : decodeTransferRequest(r.object("request")),
    createdBy: r.text("createdBy"),
    createdAt: r.integer("createdAt"),
    step,
    tasks: r.objects("tasks").map(decodeTask),
    reservations: {
      debit: reservations.oneOf("debit", reservationIntents),
      credit: reservations.oneOf("credit", reservationIntents),
    },
    bankReferences,
    stepOutcomes: outcomes,
    evidence: r.has("evidence") ? decodeEvidence(r.object("evidence")) : {},
    failure: failure && { code: failureCode!, message: failure.text("message") },
    approvedBy: r.textOrNull("approvedBy"),
    resolution: resolution && decodeResolution(resolution),
    pendingResolution: pending && decodePendingResolution(pending),
    alerts: r.integer("alerts"),
    updatedAt: r.integer("updatedAt"),
    timeline: r.objects("timeline").map(decodeTimelineItem),
  };
}

export function decodeResolution(r: JsonReader): Resolution {
  const confirmedBy = r.has("confirmedBy") ? r.text("confirmedBy") : undefined;
  return {
    outcome: r.oneOf("outcome", resolutionOutcomes),
    evidence: r.text("evidence"),
    by: r.text("by"),
    ...(confirmedBy !== undefined && { confirmedBy }),
  };
}

export function decodePendingResolution(r: JsonReader): PendingResolution {
  return {
    outcome: r.oneOf("outcome", resolutionOutcomes),
    evidence: r.text("evidence"),
    by: r.text("by"),
    at: r.integer("at"),
  };
}

/** In `requestOf`'s field order (evolve.ts): a repeated create compares requests as JSON text. */
export function decodeTransferRequest(r: JsonReader): TransferRequest {
  const executeAt = r.optionalInteger("executeAt");
  return {
    from: r.text("from"),
    to: r.text("to"),
    amount: r.text("amount"),
    currency: r.text("currency"),
    speed: r.oneOf("speed", speeds),
    debitChannel: r.text("debitChannel"),
    creditChannel: r.text("creditChannel"),
    approvalRequired: r.boolean("approvalRequired"),
    failover: r.oneOf("failover", failoverPolicies),
    reference: r.text("reference"),
    ...(executeAt !== undefined && { executeAt }),
  };
}

function decodeStep(r: JsonReader): BankStep {
  const startedAt = r.optionalInteger("startedAt");
  const sendsBeforeRetry = r.optionalInteger("sendsBeforeRetry");
  const creditCheck = r.optionalObject("creditCheck");
  return {
    name: r.oneOf("name", stepNames),
    ...(startedAt !== undefined && { startedAt }),
    channel: r.text("channel"),
    refusedBy: r.texts("refusedBy"),
    phase: r.oneOf("phase", stepPhases),
    effects: r.integer("effects"),
    outstanding: r.textOrNull("outstanding"),
    sends: r.integer("sends"),
    ...(sendsBeforeRetry !== undefined && { sendsBeforeRetry }),
    queries: r.integer("queries"),
    asks: r.integer("asks"),
    fee: r.textOrNull("fee"),
    ...(creditCheck && {
      creditCheck: {
        channel: creditCheck.text("channel"),
        refusedBy: creditCheck.texts("refusedBy"),
        allowed: creditCheck.boolean("allowed"),
        asking: creditCheck.boolean("asking"),
      },
    }),
  };
}

export function decodeTimelineItem(r: JsonReader): TimelineItem {
  return {
    at: r.integer("at"),
    status: r.oneOf("status", transferStatuses),
    event: r.text("event"),
    note: r.text("note"),
  };
}

export function decodeBankReferences(r: JsonReader): TransferState["bankReferences"] {
  const references: Partial<Record<StepName, string>> = {};
  for (const key of r.keys()) {
    const step =
      stepNames.find((name) => name === key) ?? r.fail(key, `absent: references are by step (${stepNames.join(", ")})`);
    references[step] = r.text(step);
  }
  return references;
}

/** Step names as keys, each to what `read` makes of its value; another key is refused by name. */
function byStep<T>(r: JsonReader, read: (step: StepName) => T): Partial<Record<StepName, T>> {
  const result: Partial<Record<StepName, T>> = {};
  for (const key of r.keys()) {
    const step =
      stepNames.find((name) => name === key) ?? r.fail(key, `absent: keys are steps (${stepNames.join(", ")})`);
    result[step] = read(step);
  }
  return result;
}

function decodeStepOutcomes(r: JsonReader): TransferState["stepOutcomes"] {
  return byStep(r, (step) => r.oneOf(step, stepOutcomes));
}

function decodeEvidence(r: JsonReader): TransferState["evidence"] {
  return byStep(r, (step) => {
    const e = r.object(step);
    const bankReference = e.has("bankReference") ? e.text("bankReference") : undefined;
    return {
      statementVersion: e.text("statementVersion"),
      statementId: e.text("statementId"),
      line: e.integer("line"),
      bookingDate: e.text("bookingDate"),
      ...(bankReference !== undefined && { bankReference }),
      contradicts: e.boolean("contradicts"),
    };
  });
}

/**
 * The step outcomes of a snapshot taken before they were kept, from what its state still shows: a step with a bank
 * reference succeeded, the running step was sent once it has sends, a debit that failed with the bank's rejection was
 * sent, a reversal runs only after the credit failed, and MANUAL_INTERVENTION without a step follows a refused
 * reversal. A transfer CLOSED by a resolution no longer shows which step was halted: that step stays unknown.
 */
export function stepOutcomesOfEarlierState(
  status: TransferState["status"],
  step: BankStep | null,
  bankReferences: TransferState["bankReferences"],
  failureCode: string | undefined,
): TransferState["stepOutcomes"] {
  const outcomes: Partial<Record<StepName, StepOutcome>> = {};
  if (step && step.sends > 0) outcomes[step.name] = "sent";
  if (status === "FAILED" && failureCode === "bank_rejected") outcomes.debit = "failed";
  if (step?.name === "reversal" || bankReferences.reversal !== undefined) outcomes.credit = "failed";
  if (status === "MANUAL_INTERVENTION" && step === null) {
    outcomes.credit = "failed";
    outcomes.reversal = "failed";
  }
  for (const name of stepNames) if (bankReferences[name] !== undefined) outcomes[name] = "succeeded";
  return outcomes;
}

function decodeTask(r: JsonReader): PositionTask {
  return {
    id: r.text("id"),
    account: r.text("account"),
    commandType: r.oneOf("commandType", positionTaskCommands),
    payload: r.jsonObject("payload"),
    attempt: r.integer("attempt"),
  };
}
