import type {
  DecideContext,
  DecideResult,
  Decision,
  EffectRequest,
  ReminderChanges,
} from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import { Money } from "../shared/amount.js";
import { isSystemPrincipal, samePerson } from "../shared/principal.js";
import { isBookingAction } from "./classes.js";
import { answerEvent, bookingGuardKey, bookingSend } from "./booking.js";
import type { ReconciliationCommand, ResolutionRequest } from "./commands.js";
import type { ReconciliationEvent } from "./events.js";
import { evolveReconciliation } from "./evolve.js";
import { parseReconciliationId, type ReconciliationKey } from "./id.js";
import { runEvents, sameInputsAsLastRun } from "./record.js";
import { reject, type ReconciliationRejectionCode } from "./rejections.js";
import type { Difference, ReconciliationState } from "./state.js";
import { differenceReply, reconciliationView, recordReply } from "./view.js";

type Result = DecideResult<ReconciliationEvent, ReconciliationRejectionCode>;
type Command<T extends ReconciliationCommand["type"]> = Extract<ReconciliationCommand, { type: T }>;

/** One turn: the account and day, the state, and who acts when. */
type Turn = { readonly key: ReconciliationKey; readonly state: ReconciliationState; readonly context: DecideContext };

const engineOnly = new Set<ReconciliationCommand["type"]>([
  "record",
  "redeliver",
  "adjustmentBooked",
  "evidenceDelivered",
  "bookingFailed",
]);

/**
 * One account and day's reconciliation (ADR 014 §4): the runs the reconciler records, the differences they find, and
 * what people do about them (explain, resolve, with a second person above the approval threshold). A resolution
 * that books something does it through the actor that owns it, by an effect guarded by a reminder (ADR 006 §1). Pure.
 */
export function decideReconciliation(
  state: ReconciliationState,
  command: ReconciliationCommand,
  context: DecideContext,
): Result {
  const key = parseReconciliationId(context.actorId);
  if (!key)
    return reject(
      "reconciliation_id_invalid",
      `${context.actorId} is not a reconciliation id <bankCode>:<accountNumber>:<YYYY-MM-DD>`,
    );
  if (command.type === "get") return { events: [], reply: reconciliationView(key, state) };
  if (engineOnly.has(command.type) && !isSystemPrincipal(context.principal))
    return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  const turn: Turn = { key, state, context };
  if (command.type === "record") return record(turn, command);
  const d = state.differences.get(command.differenceId);
  if (!d)
    return reject(
      "difference_not_found",
      `the reconciliation of ${key.accountId} on ${key.date} has no difference ${command.differenceId}`,
    );
  switch (command.type) {
    case "explain":
      return explain(turn, d, command);
    case "resolve":
      return resolve(turn, d, command);
    case "confirmResolution":
      return confirm(turn, d);
    case "rejectResolution":
      return rejectProposal(turn, d, command.reason);
    case "redeliver":
      return redeliver(turn, d);
    case "adjustmentBooked":
      return answered(turn, d, answerEvent(d, { action: "adjust", ok: true }, context));
    case "evidenceDelivered":
      return answered(turn, d, answerEvent(d, { action: "settleTransfer", ok: true }, context));
    case "bookingFailed":
      return answered(turn, d, answerEvent(d, { action: command.action, ok: false, reason: command.reason }, context));
    default:
      return unreachable(command);
  }
}

/** A run over the inputs of the last one records nothing: it would find exactly what that one found. */
function record(t: Turn, command: Command<"record">): Result {
  const last = sameInputsAsLastRun(t.state, command);
  if (last)
    return {
      events: [],
      reply: recordReply({ unchanged: true, run: last, found: [], updated: [], reopened: [], cleared: [] }),
    };
  const { events, ...changed } = runEvents(t.key, t.state, command, t.context);
  const after = events.reduce(evolveReconciliation, t.state);
  return { events, reply: recordReply({ unchanged: false, run: after.runs.at(-1)!, ...changed }) };
}

function explain(t: Turn, d: Difference, command: Command<"explain">): Result {
  const notOpen = refuseUnlessUnresolved(t, d, "explained");
  if (notOpen) return notOpen;
  const { note, evidence } = command;
  return decision(t, d, [{ type: "differenceExplained", differenceId: d.differenceId, note, evidence, ...stamp(t) }]);
}

/** Above `approvalAbove` a resolution waits for a second person; at or below it, or with no threshold, it is made. */
function resolve(t: Turn, d: Difference, command: Command<"resolve">): Result {
  const notOpen = refuseUnlessUnresolved(t, d, "resolved");
  if (notOpen) return notOpen;
  const amount = new Money(d.amount);
  if (command.action === "adjust" && amount.isZero())
    return reject(
      "nothing_to_adjust",
      `difference ${d.differenceId} is of amount zero: an adjustment would book nothing`,
    );
  if (command.action === "settleTransfer" && d.lines.length !== 1)
    return reject(
      "settle_needs_one_line",
      `difference ${d.differenceId} names ${d.lines.length} statement lines; a transfer is settled by exactly one`,
    );
  if (command.action === "settleTransfer" && (d.lineEffect === null || d.statementId === null))
    return reject(
      "settle_line_unknown",
      `difference ${d.differenceId} was last reported without what its statement line booked; rerun the reconciliation of ${t.key.date} first`,
    );
  const request: ResolutionRequest = { action: command.action, reason: command.reason, transfer: command.transfer };
  if (command.approvalAbove === null || amount.abs().lessThanOrEqualTo(command.approvalAbove))
    return resolved(t, d, request, t.context.principal, null);
  const event: ReconciliationEvent = {
    type: "resolutionProposed",
    differenceId: d.differenceId,
    ...requestJson(request),
    approvalAbove: command.approvalAbove.toFixed(4),
    ...stamp(t),
  };
  return decision(t, d, [event]);
}

/** Maker-checker: a person other than the one who proposed it makes the proposed resolution. */
function confirm(t: Turn, d: Difference): Result {
  const proposal = d.proposal;
  if (d.status !== "proposed" || proposal === null) return noProposal(d);
  const checker = t.context.principal;
  if (isSystemPrincipal(checker))
    return reject("checker_not_a_person", "a resolution is confirmed by a person, not by the engine");
  if (samePerson(checker, proposal.by))
    return reject(
      "same_principal",
      `${checker} proposed the resolution of ${d.differenceId}; another person must confirm it`,
      { proposedBy: proposal.by },
    );
  return resolved(t, d, proposal, proposal.by, checker);
}

/** The checker refuses the proposal, or its maker withdraws it: back to open or explained. */
function rejectProposal(t: Turn, d: Difference, reason: string): Result {
  if (d.status !== "proposed") return noProposal(d);
  return decision(t, d, [{ type: "resolutionRejected", differenceId: d.differenceId, reason, ...stamp(t) }]);
}

/** Resolved: with `adjust` or `settleTransfer`, the same entry carries the booking's first send and its guard. */
function resolved(t: Turn, d: Difference, request: ResolutionRequest, by: string, confirmedBy: string | null): Result {
  const event: ReconciliationEvent = {
    type: "differenceResolved",
    differenceId: d.differenceId,
    ...requestJson(request),
    confirmedBy,
    by,
    at: t.context.now,
  };
  if (!isBookingAction(request.action)) return decision(t, d, [event]);
  const { effect, guard } = bookingSend(t.key, t.state, [event], d.differenceId, t.context);
  return decision(t, d, [event], { set: [guard] }, [effect]);
}

/** The guard fired before an answer came: the same booking goes again. */
function redeliver(t: Turn, d: Difference): Result {
  if (d.booking?.status !== "pending") return ignored(d);
  const event: ReconciliationEvent = {
    type: "bookingRedelivered",
    differenceId: d.differenceId,
    send: d.bookingSends + 1,
    ...stamp(t),
  };
  const { effect, guard } = bookingSend(t.key, t.state, [event], d.differenceId, t.context);
  return decision(t, d, [event], { set: [guard] }, [effect]);
}

function answered(t: Turn, d: Difference, event: ReconciliationEvent | undefined): Result {
  if (!event) return ignored(d);
  return decision(t, d, [event], { cancel: [bookingGuardKey(d.differenceId)] });
}

function refuseUnlessUnresolved(t: Turn, d: Difference, what: string): Result | undefined {
  if (d.status === "open" || d.status === "explained") return undefined;
  const why = d.status === "proposed" ? "its resolution waits for a second person" : "it is resolved";
  return reject(
    "difference_not_open",
    `difference ${d.differenceId} of ${t.key.accountId} on ${t.key.date} cannot be ${what}: ${why}`,
    { status: d.status },
  );
}

function noProposal(d: Difference): Result {
  return reject(
    "no_resolution_proposed",
    `difference ${d.differenceId} is ${d.status}: it has no resolution waiting for a second person`,
    { status: d.status },
  );
}

function requestJson(request: ResolutionRequest) {
  return { action: request.action, reason: request.reason, transfer: request.transfer && { ...request.transfer } };
}

function stamp(t: Turn) {
  return { by: t.context.principal, at: t.context.now };
}

/** A stale reminder or answer: nothing changes and nothing is journaled. */
function ignored(d: Difference): Result {
  return { events: [], reply: differenceReply(d, true) };
}

function decision(
  t: Turn,
  d: Difference,
  events: ReconciliationEvent[],
  reminders: ReminderChanges = {},
  effects: EffectRequest[] = [],
): Decision<ReconciliationEvent> {
  const after = events.reduce(evolveReconciliation, t.state).differences.get(d.differenceId)!;
  return { events, reply: differenceReply(after), reminders, effects };
}
