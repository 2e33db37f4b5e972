import type { DecideResult } from "../../runtime/actor-kind.js";
import { assert } from "../../runtime/assert.js";
import { Money } from "../shared/amount.js";
import type { ResolutionOutcome, StatementEvidence, StepName, TransferRequest } from "./commands.js";
import type { EvidenceLine, TransferEvent } from "./events.js";
import { reject, type TransferRejectionCode } from "./rejections.js";
import { afterStep } from "./saga.js";
import { isTerminal, type TransferState } from "./state.js";
import { halt, onBankNotice } from "./steps.js";
import type { Turn } from "./turn.js";
import { viewOf, type TransferReply } from "./view.js";

type Result = DecideResult<TransferEvent, TransferRejectionCode>;

/**
 * What the transfer knows of a step's booking: `pending` the step was sent and its outcome is still to come (in
 * flight, UNKNOWN, halted in MANUAL_INTERVENTION); `resolved` it was sent and a resolution closed the transfer
 * before the bank answered.
 */
type StepKnowledge = "notSent" | "pending" | "succeeded" | "failed" | "resolved";

/** The steps each resolution outcome says the banks booked: any other booking contradicts it. */
const bookedByResolution: Record<ResolutionOutcome, ReadonlySet<StepName>> = {
  credited: new Set(["debit", "credit"]),
  returned: new Set(["debit", "reversal"]),
  not_debited: new Set(),
};

/**
 * A statement line shows a step booked (ADR 014 §5). The bank's book is its answer: a step whose outcome is to
 * come succeeds with it exactly as on the bank's own success notice, in MANUAL_INTERVENTION too (evidence, not an
 * opinion: no second person needed). A step known to have succeeded is answered `alreadyKnown`; one known to have
 * failed (or that a resolution said was not booked) is a contradiction: recorded, alerted, and a transfer not yet
 * over is halted for a person.
 */
export function onStatementEvidence(t: Turn, evidence: StatementEvidence): Result | undefined {
  const request = t.state.request;
  assert(request, "a transfer past NEW has its request");
  const { step } = evidence;
  const known = knowledgeOf(t.state, step);
  if (known === "notSent")
    return reject("evidence_step_not_sent", `transfer ${t.transferId} has not sent its ${step} to the bank`);
  const mismatch = mismatchOf(request, evidence);
  if (mismatch !== undefined)
    return reject(
      "evidence_does_not_match",
      `the statement line is not the ${step} of transfer ${t.transferId}: ${mismatch}`,
    );
  if (known === "succeeded" || isRecorded(t.state, evidence)) return alreadyKnown(t);
  const line = lineOf(evidence);
  switch (known) {
    case "pending":
      t.emit({ type: "stepEvidenced", ...line });
      return void afterStep(t, settled(onBankNotice(t, step, true, evidence.bankReference ?? "", "")));
    case "failed":
      return void contradict(t, line, `the bank answered that the ${step} failed`);
    case "resolved": {
      const resolution = t.state.resolution;
      assert(resolution, `a sent ${step} no longer running is one a resolution closed`);
      if (bookedByResolution[resolution.outcome].has(step)) return alreadyKnown(t);
      return void contradict(t, line, `the transfer was resolved as ${resolution.outcome} (asked by ${resolution.by})`);
    }
  }
}

function knowledgeOf(state: TransferState, step: StepName): StepKnowledge {
  switch (state.stepOutcomes[step]) {
    case undefined:
      return "notSent";
    case "succeeded":
      return "succeeded";
    case "failed":
      return "failed";
    case "sent":
      return state.step?.name === step ? "pending" : "resolved";
  }
}

/** Where and which way each step books: the debit and its reversal on the source, the credit on the target. */
function bookingOf(request: TransferRequest, step: StepName): { accountId: string; direction: "credit" | "debit" } {
  switch (step) {
    case "debit":
      return { accountId: request.from, direction: "debit" };
    case "credit":
      return { accountId: request.to, direction: "credit" };
    case "reversal":
      return { accountId: request.from, direction: "credit" };
  }
}

/** Why the line cannot be the step's booking; undefined when it can. Amounts compare exactly. */
function mismatchOf(request: TransferRequest, evidence: StatementEvidence): string | undefined {
  const expected = bookingOf(request, evidence.step);
  if (evidence.accountId !== expected.accountId)
    return `it is on ${evidence.accountId}'s statement, the ${evidence.step} books on ${expected.accountId}`;
  if (evidence.direction !== expected.direction)
    return `it is a ${evidence.direction}, the ${evidence.step} is a ${expected.direction}`;
  if (!new Money(evidence.amount).equals(new Money(request.amount)))
    return `it is of ${evidence.amount}, the ${evidence.step} of ${request.amount} ${request.currency}`;
  return undefined;
}

/** The same line of the same statement version was already taken for this step. */
function isRecorded(state: TransferState, evidence: StatementEvidence): boolean {
  const recorded = state.evidence[evidence.step];
  return recorded?.statementVersion === evidence.statementVersion && recorded.line === evidence.line;
}

function alreadyKnown(t: Turn): Result {
  return { events: [], reply: { ...viewOf(t.transferId, t.state, false), alreadyKnown: true } satisfies TransferReply };
}

function lineOf(evidence: StatementEvidence): EvidenceLine {
  const { step, bankReference, statementVersion, statementId, line, bookingDate } = evidence;
  return {
    step,
    ...(bankReference !== undefined && { bankReference }),
    statementVersion,
    statementId,
    line,
    bookingDate,
  };
}

function settled<T>(outcome: T | "stale"): T {
  assert(outcome !== "stale", "a pending step takes the bank's success");
  return outcome;
}

/**
 * The statement shows booked what the engine holds as not booked: positions may be wrong and only a person can
 * say which is right. A transfer still running is halted (its step kept, for a retry); one halted or over is left
 * as it is, and the contradiction is recorded and alerted.
 */
function contradict(t: Turn, line: EvidenceLine, known: string): void {
  const reason = `the statement shows the ${line.step} booked, but ${known}`;
  t.emit({ type: "evidenceContradicts", ...line, reason });
  if (!isTerminal(t.state) && t.state.status !== "MANUAL_INTERVENTION") return void halt(t, reason);
  t.alert("critical", "evidence_contradicts", `transfer ${t.transferId}: ${reason}`);
}
