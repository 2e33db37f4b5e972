import { unreachable } from "../../runtime/assert.js";
import type { StepName, TransferRequest } from "./commands.js";
import type { TransferChange } from "./events.js";
import {
  timelineMax,
  type BankStep,
  type CreditCheck,
  type ReservationIntent,
  type RecordedEvidence,
  type StepOutcome,
  type StepPhase,
  type TransferState,
  type TransferStatus,
} from "./state.js";

/** Applies one event. Pure; `at` is the time of the turn that decided it. */
export function evolveTransfer(state: TransferState, change: TransferChange, at: number): TransferState {
  const applied = apply(state, change, at);
  // A resolution waits for its confirmation only while the transfer is halted: after a retry it would confirm an
  // outcome asked about another situation.
  const next =
    applied.pendingResolution && applied.status !== "MANUAL_INTERVENTION"
      ? { ...applied, pendingResolution: null }
      : applied;
  const item = { at, status: next.status as TransferStatus, event: change.type, note: noteOf(change) };
  const timeline = change.type === "positionTaskIssued" ? next.timeline : [...next.timeline, item].slice(-timelineMax);
  return { ...next, timeline, updatedAt: at };
}

function apply(state: TransferState, change: TransferChange, at: number): TransferState {
  switch (change.type) {
    case "transferCreated":
      return {
        ...state,
        status: isFutureDated(change, change.createdAt) ? "SCHEDULED" : "CREATED",
        request: requestOf(change),
        createdBy: change.createdBy,
        createdAt: change.createdAt,
      };
    case "transferStarted":
      return { ...state, status: "CREATED" };
    case "positionTaskQueued":
      return {
        ...state,
        tasks: [...state.tasks, { ...change.task, attempt: 0 }],
        reservations: intentAfter(state.reservations, change.task.id),
      };
    case "positionTaskIssued":
      return {
        ...state,
        tasks: state.tasks.map((task, index) =>
          index === 0 && task.id === change.taskId ? { ...task, attempt: change.attempt } : task,
        ),
      };
    case "positionTaskFinished": {
      const reservations =
        change.taskId === "reserve-debit" && !change.applied
          ? { ...state.reservations, debit: "none" as const }
          : state.reservations;
      return { ...state, tasks: state.tasks.slice(1), reservations };
    }
    case "approvalRequested":
      return { ...state, status: "PENDING_APPROVAL" };
    case "approved":
      return { ...state, approvedBy: change.by };
    case "stepStarted":
      return withStep(state, {
        name: change.step,
        startedAt: at,
        channel: change.channel,
        refusedBy: [],
        phase: "acquire",
        effects: 0,
        outstanding: null,
        sends: 0,
        queries: 0,
        asks: 0,
        fee: null,
      });
    case "channelAsked": {
      const step = stepOf(state);
      const asked = { phase: "acquire" as const, effects: step.effects + 1, outstanding: change.effectId };
      if (change.forStep === "credit") {
        const creditCheck = {
          refusedBy: [],
          ...step.creditCheck,
          channel: change.channel,
          allowed: false,
          asking: true,
        };
        return withStep(state, { ...step, ...asked, asks: step.asks + 1, creditCheck });
      }
      return withStep(state, {
        ...withCreditCheck(step, { asking: false }),
        ...asked,
        channel: change.channel,
        asks: step.asks + 1,
      });
    }
    case "channelAllowed":
      return withStep(state, { ...stepOf(state), fee: change.fee, outstanding: null });
    case "creditChannelAllowed":
      return withStep(state, {
        ...withCreditCheck(stepOf(state), { channel: change.channel, allowed: true, asking: false }),
        outstanding: null,
      });
    case "channelRefused": {
      const step = stepOf(state);
      const phase = change.nextChannel ? "acquire" : "wait";
      if (change.forStep === "credit") {
        const check = step.creditCheck;
        return withStep(state, {
          ...withCreditCheck(step, {
            refusedBy: [...(check?.refusedBy ?? []), change.channel],
            channel: change.nextChannel ?? check?.channel ?? change.channel,
            asking: false,
          }),
          phase,
          outstanding: null,
        });
      }
      // After a wait the credit channel is asked again: what it allowed before the wait may not hold after it.
      const refusedBy = [...step.refusedBy, change.channel];
      return withStep(state, {
        ...withCreditCheck(step, change.nextChannel ? {} : { allowed: false }),
        refusedBy,
        channel: change.nextChannel ?? step.channel,
        phase,
        outstanding: null,
      });
    }
    case "bankCalled": {
      const step = stepOf(state);
      const counts = change.call === "send" ? { sends: step.sends + 1 } : { queries: step.queries + 1 };
      const sent = change.call === "send" ? withOutcome(state, step.name, "sent") : state;
      return withStep(sent, {
        ...step,
        ...counts,
        phase: change.call === "send" ? "call" : "query",
        effects: step.effects + 1,
        outstanding: change.effectId,
      });
    }
    case "bankAnswered": {
      const phase: StepPhase =
        change.outcome === "accepted" ? "await" : change.outcome === "invalid" ? "halted" : "query";
      return withStep(state, { ...stepOf(state), phase, outstanding: null });
    }
    case "stepSucceeded":
      return {
        ...state,
        step: null,
        status: afterSuccess[change.step],
        bankReferences: { ...state.bankReferences, [change.step]: change.bankReference },
        stepOutcomes: { ...state.stepOutcomes, [change.step]: "succeeded" },
      };
    case "stepFailed":
      return {
        // A debit that no channel allowed fails without having been sent: the bank knows nothing of it.
        ...(state.stepOutcomes[change.step] === "sent" ? withOutcome(state, change.step, "failed") : state),
        step: null,
        status: afterFailure[change.step],
        failure: { code: change.code, message: change.reason },
      };
    case "transferFailed":
      return { ...state, step: null, status: "FAILED", failure: { code: change.code, message: change.message } };
    case "transferCancelled":
      return { ...state, step: null, status: "CANCELLED", failure: { code: "cancelled", message: change.reason } };
    case "manualInterventionRequired":
      return {
        ...state,
        status: "MANUAL_INTERVENTION",
        step: state.step ? { ...state.step, phase: "halted", outstanding: null } : null,
      };
    case "retried": {
      const step = stepOf(state);
      return withStep(state, {
        ...withCreditCheck(step, { refusedBy: [], allowed: false, asking: false }),
        phase: step.sends > 0 ? "query" : "acquire",
        sendsBeforeRetry: step.sends,
        queries: 0,
        asks: 0,
        refusedBy: [],
      });
    }
    case "resolutionRequested":
      return {
        ...state,
        pendingResolution: { outcome: change.outcome, evidence: change.evidence, by: change.by, at },
      };
    case "resolved":
      return {
        ...state,
        step: null,
        status: "CLOSED",
        resolution: {
          outcome: change.outcome,
          evidence: change.evidence,
          by: change.by,
          ...(change.confirmedBy !== undefined && { confirmedBy: change.confirmedBy }),
        },
        pendingResolution: null,
      };
    case "stepEvidenced":
    case "evidenceContradicts":
      return { ...state, evidence: { ...state.evidence, [change.step]: recordedEvidence(change) } };
    case "alertRaised":
      return { ...state, alerts: state.alerts + 1 };
    default:
      return unreachable(change);
  }
}

/**
 * The request's own fields (an event also carries status, id and time). `executeAt` comes last and only when set,
 * so that a request without it compares equal (as JSON text) to one recorded before future dating existed.
 */
export function requestOf(source: TransferRequest): TransferRequest {
  const { from, to, amount, currency, speed, debitChannel, creditChannel, approvalRequired, failover, reference } =
    source;
  return {
    from,
    to,
    amount,
    currency,
    speed,
    debitChannel,
    creditChannel,
    approvalRequired,
    failover,
    reference,
    ...(source.executeAt !== undefined && { executeAt: source.executeAt }),
  };
}

/** Whether a request waits for its `executeAt` at `now` (a time that has come starts the transfer at once). */
export function isFutureDated(request: Pick<TransferRequest, "executeAt">, now: number): boolean {
  return request.executeAt !== undefined && request.executeAt > now;
}

const afterSuccess: Record<StepName, TransferStatus> = {
  debit: "DEBIT_SUCCESS",
  credit: "SUCCESS",
  reversal: "COMPENSATED",
};
const afterFailure: Record<StepName, TransferStatus> = {
  debit: "FAILED",
  credit: "COMPENSATING",
  reversal: "MANUAL_INTERVENTION",
};

/** The status a running step shows: UNKNOWN while the outcome of a debit or credit call is unknown. */
export function statusOfStep(step: BankStep): TransferStatus {
  if (step.phase === "halted") return "MANUAL_INTERVENTION";
  if (step.name === "reversal") return "COMPENSATING";
  if (step.phase === "query") return "UNKNOWN";
  return step.name === "debit" ? "DEBIT_PENDING" : "CREDIT_PENDING";
}

/** A step's outcome; once sent, a later `sent` (a resend of the same serial) keeps the outcome as it is. */
function withOutcome(state: TransferState, step: StepName, outcome: StepOutcome): TransferState {
  if (outcome === "sent" && state.stepOutcomes[step] !== undefined) return state;
  return { ...state, stepOutcomes: { ...state.stepOutcomes, [step]: outcome } };
}

function recordedEvidence(
  change: Extract<TransferChange, { type: "stepEvidenced" | "evidenceContradicts" }>,
): RecordedEvidence {
  const { statementVersion, statementId, line, bookingDate, bankReference } = change;
  return {
    statementVersion,
    statementId,
    line,
    bookingDate,
    ...(bankReference !== undefined && { bankReference }),
    contradicts: change.type === "evidenceContradicts",
  };
}

function withStep(state: TransferState, step: BankStep): TransferState {
  return { ...state, step, status: statusOfStep(step) };
}

/** The step with its credit check changed, if it has one (a step that never asked the credit channel keeps none). */
function withCreditCheck(step: BankStep, change: Partial<CreditCheck>): BankStep {
  return step.creditCheck ? { ...step, creditCheck: { ...step.creditCheck, ...change } } : step;
}

function stepOf(state: TransferState): BankStep {
  if (!state.step) throw new Error("event for a bank step while none runs: a bug in decide");
  return state.step;
}

const intentByTask: Record<string, ["debit" | "credit", ReservationIntent]> = {
  "reserve-debit": ["debit", "reserved"],
  "settle-debit": ["debit", "settled"],
  "release-debit": ["debit", "released"],
  "reversal-entry": ["debit", "returned"],
  "reserve-credit": ["credit", "reserved"],
  "settle-credit": ["credit", "settled"],
  "release-credit": ["credit", "released"],
  "credit-entry": ["credit", "settled"],
};

function intentAfter(reservations: TransferState["reservations"], taskId: string): TransferState["reservations"] {
  const intent = intentByTask[taskId];
  return intent ? { ...reservations, [intent[0]]: intent[1] } : reservations;
}

/** A statement line as the timeline names it. */
function lineOf(line: Extract<TransferChange, { type: "stepEvidenced" | "evidenceContradicts" }>): string {
  const reference = line.bankReference === undefined ? "" : `, bank reference ${line.bankReference}`;
  return `statement ${line.statementId} line ${line.line}, booked ${line.bookingDate}${reference} (version ${line.statementVersion.slice(0, 12)})`;
}

function noteOf(change: TransferChange): string {
  switch (change.type) {
    case "positionTaskQueued":
      return `${change.task.commandType} on ${change.task.account}`;
    case "positionTaskFinished":
      return change.applied ? `${change.taskId} applied` : `${change.taskId} refused: ${change.code}`;
    case "stepStarted":
      return `${change.step} via ${change.channel}`;
    case "channelAsked":
      return change.forStep === "credit"
        ? `credit via ${change.channel}, ahead of the ${change.step}`
        : `${change.step} via ${change.channel}`;
    case "channelRefused":
      return `${change.forStep === "credit" ? "credit channel " : ""}${change.channel}: ${change.code}${change.nextChannel ? `, failing over to ${change.nextChannel}` : ""}`;
    case "bankCalled":
      return `${change.call} ${change.serial} via ${change.channel}`;
    case "bankAnswered":
      return `${change.step}: ${change.outcome}${change.reason ? ` (${change.reason})` : ""}`;
    case "stepSucceeded":
      return `${change.step} succeeded, bank reference ${change.bankReference}`;
    case "stepFailed":
      return `${change.step} failed: ${change.reason}`;
    case "transferFailed":
    case "alertRaised":
      return change.message;
    case "transferCancelled":
    case "retried":
      return `${change.by}: ${change.reason}`;
    case "manualInterventionRequired":
      return change.reason;
    case "resolutionRequested":
      return `${change.by} asks to resolve as ${change.outcome}: ${change.evidence}`;
    case "resolved":
      return change.confirmedBy === undefined
        ? `${change.by}: ${change.outcome}`
        : `${change.outcome}, asked by ${change.by}, confirmed by ${change.confirmedBy}${change.comment ? `: ${change.comment}` : ""}`;
    case "transferStarted":
      return "its execution time came";
    case "approved":
      return `approved by ${change.by}`;
    case "approvalRequested":
      return `approval needed before ${new Date(change.expiresAt).toISOString()}`;
    case "channelAllowed":
      return `${change.channel} allows the ${change.step}, fee ${change.fee}`;
    case "creditChannelAllowed":
      return `${change.channel} allows the credit ahead of the ${change.step}, fee ${change.fee}`;
    case "transferCreated":
      return `${change.amount} ${change.currency} from ${change.from} to ${change.to}${change.executeAt !== undefined && change.executeAt > change.createdAt ? `, to start at ${new Date(change.executeAt).toISOString()}` : ""}`;
    case "positionTaskIssued":
      return `${change.taskId} attempt ${change.attempt}`;
    case "stepEvidenced":
      return `${change.step} outcome taken from the bank's statement: ${lineOf(change)}`;
    case "evidenceContradicts":
      return `${change.reason} (${lineOf(change)})`;
    default:
      return unreachable(change);
  }
}
