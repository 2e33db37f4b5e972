import type { DecideContext, DecideResult } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { ResolutionOutcome, TransferCommand, TransferRequest, WakePurpose } from "./commands.js";
import type { TransferEvent } from "./events.js";
import type { TransferPolicy } from "./policy.js";
import { reject, type TransferRejectionCode } from "./rejections.js";
import { afterStep, afterTask, queueReservationTask, startStep } from "./saga.js";
import { bankOfStep, onBankNotice, onBankResult, onChannelResult, onWakeStep, resumeStep } from "./steps.js";
import type { TransferState } from "./state.js";
import { issueHead, onPositionResult } from "./tasks.js";
import { Turn } from "./turn.js";
import { isFutureDated, requestOf } from "./evolve.js";
import { executeAtProblem } from "./execute-at.js";
import { onStatementEvidence } from "./evidence.js";
import { viewOf, type TransferReply } from "./view.js";

type Result = DecideResult<TransferEvent, TransferRejectionCode>;

/**
 * Sent by the engine itself. `statementEvidence` too: reconciliation sends it for a matched line or for a person's
 * resolution (under its own principal, with the person in its journal), so no client can claim a booking directly.
 */
const internalCommands = new Set([
  "positionResult",
  "channelResult",
  "bankResult",
  "bankNotice",
  "wake",
  "statementEvidence",
]);

/** The transfer saga's rules (ADR 006 §2). Pure: time comes from the context, delays from the policy. */
export function decideTransfer(policy: TransferPolicy) {
  return (state: TransferState, command: TransferCommand, context: DecideContext): Result => {
    if (command.type === "get") return { events: [], reply: viewOf(context.actorId, state, true) };
    if (internalCommands.has(command.type) && !context.principal.startsWith("system:")) {
      return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
    }
    if (state.status === "NEW" && command.type !== "create")
      return reject("transfer_not_found", `there is no transfer ${context.actorId}`);
    const t = new Turn(state, policy, context);
    const refused = apply(t, command);
    if (refused) return refused;
    // A result nobody waits for any more (stale) changes nothing and journals nothing.
    return t.changed
      ? t.decision()
      : { events: [], reply: { ...viewOf(context.actorId, t.state, false), ignored: true } satisfies TransferReply };
  };
}

function apply(t: Turn, command: Exclude<TransferCommand, { type: "get" }>): Result | undefined {
  switch (command.type) {
    case "create":
      return create(t, command);
    case "approve":
      return approve(t, command.comment);
    case "cancel":
      return cancel(t, command.reason, t.context.principal);
    case "retry":
      if (t.state.status !== "MANUAL_INTERVENTION" || !t.state.step)
        return reject(
          "not_retryable",
          `only a transfer halted in a bank step can be retried; this one is ${t.state.status}`,
        );
      t.emit({ type: "retried", by: t.context.principal, reason: command.reason });
      return void afterStep(t, resumeStep(t));
    case "resolve":
      return requestResolution(t, command.outcome, command.evidence);
    case "confirmResolution":
      return confirmResolution(t, command.outcome, command.comment);
    case "positionResult":
      return void settle(onPositionResult(t, command), (finished) => afterTask(t, finished));
    case "channelResult":
      return void settle(onChannelResult(t, command), (end) => afterStep(t, end));
    case "bankResult":
      return void settle(onBankResult(t, command), (end) => afterStep(t, end));
    case "bankNotice":
      if (
        command.bankCode !== undefined &&
        t.state.request &&
        command.bankCode !== bankOfStep(t.state.request, command.step)
      ) {
        return reject(
          "callback_from_wrong_bank",
          `${command.bankCode} cannot report on the ${command.step} of transfer ${t.transferId}`,
        );
      }
      return void settle(
        onBankNotice(
          t,
          command.step,
          command.status === "succeeded",
          command.bankReference ?? "",
          command.reason ?? "",
        ),
        (end) => afterStep(t, end),
      );
    case "wake":
      return wake(t, command.purpose);
    case "statementEvidence":
      return onStatementEvidence(t, command);
    default:
      return unreachable(command);
  }
}

function settle<T>(outcome: T | "stale", then: (value: T) => void): void {
  if (outcome !== "stale") then(outcome);
}

function create(t: Turn, request: TransferRequest & { type: "create" }): Result | undefined {
  const asked = requestOf(request);
  if (t.state.status !== "NEW") {
    // The id is the client's idempotency key: the same request again is answered, another one is refused.
    if (JSON.stringify(t.state.request) === JSON.stringify(asked))
      return { events: [], reply: { ...viewOf(t.transferId, t.state, false), existing: true } satisfies TransferReply };
    return reject("idempotency_key_reused", `transfer ${t.transferId} exists with another request`);
  }
  if (asked.from === asked.to) return reject("same_account", "a transfer needs two different accounts");
  const lateOrFar = asked.executeAt === undefined ? undefined : executeAtProblem(asked.executeAt, t.now, "executeAt");
  if (lateOrFar !== undefined) return reject("execute_at_out_of_range", lateOrFar);
  t.emit({ type: "transferCreated", createdBy: t.context.principal, createdAt: t.now, ...asked });
  // A future-dated transfer reserves nothing until its time: the reminder is durable, so it starts after a restart.
  if (isFutureDated(asked, t.now)) t.remind("start", asked.executeAt!);
  else queueReservationTask(t, "reserve-debit");
  return undefined;
}

/** The time of a future-dated transfer came: from here it is a transfer created now. */
function start(t: Turn): void {
  if (t.state.status !== "SCHEDULED") return;
  t.emit({ type: "transferStarted" });
  queueReservationTask(t, "reserve-debit");
}

function approve(t: Turn, comment: string): Result | undefined {
  if (t.state.status !== "PENDING_APPROVAL")
    return reject("not_pending_approval", `transfer ${t.transferId} is ${t.state.status}, not waiting for approval`);
  if (samePerson(t.context.principal, t.state.createdBy))
    return reject("maker_checker_violation", "a transfer must be approved by someone other than its creator");
  t.emit({ type: "approved", by: t.context.principal, comment });
  t.cancelReminder("approval");
  startStep(t, "debit", t.state.request!.debitChannel);
  return undefined;
}

/**
 * Principals are `<door>:<name>` (`grpc:alice`, `nats:alice`): the same name through another door is the same
 * person, or maker-checker could be passed by asking through NATS and confirming through gRPC.
 */
function samePerson(a: string, b: string): boolean {
  const name = (principal: string) => principal.slice(principal.indexOf(":") + 1);
  return name(a) === name(b);
}

/** Only before the debit was sent: afterwards money may be moving and only the saga may end it. */
function cancel(t: Turn, reason: string, by: string): Result | undefined {
  const { status, step } = t.state;
  const beforeDebit =
    status === "SCHEDULED" ||
    status === "CREATED" ||
    status === "PENDING_APPROVAL" ||
    (step?.name === "debit" && step.sends === 0 && (step.phase === "acquire" || step.phase === "wait"));
  if (!beforeDebit)
    return reject(
      "too_late_to_cancel",
      `transfer ${t.transferId} is ${status}: the debit was sent, so it can no longer be cancelled`,
    );
  const reserved = t.state.reservations.debit !== "none";
  t.emit({ type: "transferCancelled", by, reason });
  t.cancelReminder("step");
  t.cancelReminder("approval");
  t.cancelReminder("start");
  // In CREATED the reservation may still be on its way: the release is queued behind it. A transfer cancelled
  // before its execution time never asked for one.
  if (reserved) queueReservationTask(t, "release-debit");
  return undefined;
}

/**
 * An operator asks to close a halted transfer with the outcome they proved; nothing moves yet. A second request
 * replaces the first (a better statement line, a corrected outcome, another operator taking over) rather than being
 * refused, which would leave a wrong request standing with no way to withdraw it; the checker is protected from a
 * swap by naming the outcome they confirm.
 */
function requestResolution(t: Turn, outcome: ResolutionOutcome, evidence: string): Result | undefined {
  if (t.state.status !== "MANUAL_INTERVENTION")
    return reject("not_in_manual_intervention", `transfer ${t.transferId} is ${t.state.status}`);
  t.emit({ type: "resolutionRequested", by: t.context.principal, outcome, evidence });
  return undefined;
}

/** An approver other than the asker confirms the pending resolution; positions follow its outcome (maker-checker). */
function confirmResolution(t: Turn, outcome: ResolutionOutcome, comment: string): Result | undefined {
  if (t.state.status !== "MANUAL_INTERVENTION")
    return reject("not_in_manual_intervention", `transfer ${t.transferId} is ${t.state.status}`);
  const pending = t.state.pendingResolution;
  if (!pending)
    return reject("no_resolution_requested", `transfer ${t.transferId} has no resolution waiting for confirmation`);
  if (pending.outcome !== outcome)
    return reject(
      "resolution_mismatch",
      `the resolution of transfer ${t.transferId} waiting for confirmation is ${pending.outcome} (asked by ${pending.by}), not ${outcome}`,
    );
  if (samePerson(t.context.principal, pending.by))
    return reject("maker_checker_violation", "a resolution must be confirmed by someone other than its asker");
  const { debit, credit } = t.state.reservations;
  t.emit({
    type: "resolved",
    by: pending.by,
    outcome,
    evidence: pending.evidence,
    confirmedBy: t.context.principal,
    ...(comment !== "" && { comment }),
  });
  t.cancelReminder("step");
  if (outcome === "credited") {
    if (debit === "reserved") queueReservationTask(t, "settle-debit");
    if (credit === "reserved") queueReservationTask(t, "settle-credit");
    else if (credit !== "settled") queueReservationTask(t, "credit-entry");
  } else {
    if (debit === "reserved") queueReservationTask(t, "release-debit");
    else if (debit === "settled") queueReservationTask(t, "reversal-entry");
    if (credit === "reserved") queueReservationTask(t, "release-credit");
  }
  return undefined;
}

function wake(t: Turn, purpose: WakePurpose): Result | undefined {
  switch (purpose) {
    case "start":
      return void start(t);
    case "step":
      return void settle(onWakeStep(t), (end) => afterStep(t, end));
    case "task":
      return void afterTask(t, issueHead(t));
    case "approval":
      if (t.state.status === "PENDING_APPROVAL") cancel(t, "approval expired", "system:approval-timeout");
      return undefined;
  }
}
