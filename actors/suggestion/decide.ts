import { isDeepStrictEqual } from "node:util";
import type { DecideContext, DecideResult, Decision, ReminderChanges } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { JsonObject } from "../../runtime/json.js";
import { truncateText } from "../../runtime/text.js";
import { isSystemPrincipal, samePerson } from "../shared/principal.js";
import type { ExpiryReason, Proposal, SuggestionCommand } from "./commands.js";
import { transferCreation } from "./effects.js";
import type { SuggestionChange, SuggestionEvent } from "./events.js";
import { reject, type SuggestionRejectionCode } from "./rejections.js";
import { suggestionJson, type Suggestion, type SuggestionState, type SuggestionStatus } from "./state.js";

type Result = DecideResult<SuggestionEvent, SuggestionRejectionCode>;

/**
 * The suggestion id is its transfer's id: longer ids would make the transfer's own command ids
 * (`transfer:<id>:<effect id>:report`) longer than the runtime's 128 characters. The planner's ids
 * (`plan:<pool>:<currency>:<n>`) fit.
 */
export const suggestionIdCharactersMax = 96;
/** The reminder that expires a pending suggestion at its `expiresAt`. */
export const expiryReminderKey = "expiry";
/** The reminder that sends the transfer's create again while no answer came. */
export const createGuardReminderKey = "create-transfer";
/** The transfer actor takes a reference of at most this many characters. */
const referenceCharactersMax = 500;

/** How long after a send of the create the guard sends it again: 10 s, doubling, at most 10 minutes, until answered. */
export function redeliverDelayMs(attempt: number): number {
  return Math.min(10_000 * 2 ** (attempt - 1), 600_000);
}

const engineOnly = new Set<SuggestionCommand["type"]>(["create", "expire", "redeliver", "transferAnswer"]);

/** A suggestion's rules (ADR 012 §5): maker-checker, one transfer per suggestion, expiry. Pure. */
export function decideSuggestion(state: SuggestionState, command: SuggestionCommand, context: DecideContext): Result {
  if (engineOnly.has(command.type) && !isSystemPrincipal(context.principal))
    return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  if (command.type === "create") return create(state, command, context);
  if (state.status === "NEW") return reject("suggestion_not_found", `there is no suggestion ${context.actorId}`);
  switch (command.type) {
    case "get":
      return { events: [], reply: suggestionJson(state) };
    case "approve":
      return approve(state, command.comment, context);
    case "reject":
      return rejectSuggestion(state, command.reason, context);
    case "expire":
      return expire(state, command.reason, context);
    case "redeliver":
      return redeliver(state, context);
    case "transferAnswer":
      return transferAnswer(state, command, context);
    default:
      return unreachable(command);
  }
}

function create(state: SuggestionState, command: { type: "create" } & Proposal, context: DecideContext): Result {
  const { type: _type, ...proposal } = command;
  if (state.status !== "NEW") {
    // The id is the planner's idempotency key: the same proposal again is answered, another one is refused.
    if (isDeepStrictEqual(proposalOf(state), proposal))
      return { events: [], reply: { ...suggestionJson(state), existing: true } };
    return reject("suggestion_exists", `suggestion ${context.actorId} exists with another proposal`);
  }
  if (context.actorId.length > suggestionIdCharactersMax)
    return reject("suggestion_id_too_long", `a suggestion id has at most ${suggestionIdCharactersMax} characters`);
  const created: Suggestion = {
    ...proposal,
    suggestionId: context.actorId,
    status: "PENDING",
    createdBy: context.principal,
    createdAt: context.now,
    updatedAt: context.now,
    approvals: [],
    rejection: null,
    expiry: null,
    transferRequest: null,
    createAttempts: 0,
    transferId: null,
    failure: null,
  };
  const reminders: ReminderChanges =
    proposal.expiresAt === null
      ? {}
      : {
          set: [
            {
              key: expiryReminderKey,
              dueAt: proposal.expiresAt,
              command: { type: "expire", payload: { reason: "cutoff_passed" } },
            },
          ],
        };
  return decision(created, { type: "suggestionCreated" }, reminders);
}

function approve(s: Suggestion, comment: string, context: DecideContext): Result {
  const notPending = refuseUnlessPending(s, "approve", context.now);
  if (notPending) return notPending;
  const by = context.principal;
  if (isSystemPrincipal(by))
    return reject("maker_checker_violation", "a suggestion is approved by a person, not by the engine");
  if (samePerson(by, s.ruleEditor))
    return reject(
      "maker_checker_violation",
      `${by} made the last change of rule ${s.ruleId}; another person must approve what it suggests`,
    );
  if (samePerson(by, s.createdBy))
    return reject(
      "maker_checker_violation",
      `${by} created suggestion ${s.suggestionId}; another person must approve it`,
    );
  if (s.approvals.some((approval) => samePerson(approval.by, by)))
    return reject(
      "maker_checker_violation",
      `${by} approved suggestion ${s.suggestionId} already; it needs ${s.approvalsRequired} different approvers`,
    );
  const approvals = [...s.approvals, { by, comment, at: context.now }];
  if (approvals.length < s.approvalsRequired)
    return decision({ ...s, approvals, updatedAt: context.now }, { type: "approvalRecorded", by, comment });
  const transferRequest = transferRequestOf(
    s,
    approvals.map((approval) => approval.by),
  );
  const approved: Suggestion = {
    ...s,
    status: "APPROVED",
    approvals,
    transferRequest,
    createAttempts: 1,
    updatedAt: context.now,
  };
  return {
    ...decision(
      approved,
      { type: "suggestionApproved", by, comment },
      { set: [createGuard(1, context.now)], cancel: [expiryReminderKey] },
    ),
    effects: [transferCreation(s.suggestionId, 1, transferRequest)],
  };
}

function rejectSuggestion(s: Suggestion, reason: string, context: DecideContext): Result {
  const notPending = refuseUnlessPending(s, "reject", context.now);
  if (notPending) return notPending;
  const rejection = { by: context.principal, reason, at: context.now };
  return decision(
    { ...s, status: "REJECTED", rejection, updatedAt: context.now },
    { type: "suggestionRejected", by: context.principal, reason },
    { cancel: [expiryReminderKey] },
  );
}

/** By the planner (the position recovered, the rule changed) or by the expiry reminder (the cut-off passed). */
function expire(s: Suggestion, reason: ExpiryReason, context: DecideContext): Result {
  // Not through refuseUnlessPending: its own expiry reminder meets a suggestion whose expiresAt has just passed.
  if (s.status !== "PENDING") return notPendingRefusal(s, s.status, "expire");
  const expiry = { by: context.principal, reason, at: context.now };
  return decision(
    { ...s, status: "EXPIRED", expiry, updatedAt: context.now },
    { type: "suggestionExpired", by: context.principal, reason },
    { cancel: [expiryReminderKey] },
  );
}

/** The guard fired before an answer came: the same create goes again (same command id, same payload). */
function redeliver(s: Suggestion, context: DecideContext): Result {
  if (s.status !== "APPROVED" || s.transferRequest === null) return ignored(s);
  const attempt = s.createAttempts + 1;
  return {
    ...decision(
      { ...s, createAttempts: attempt, updatedAt: context.now },
      { type: "transferCreateRedelivered", attempt },
      { set: [createGuard(attempt, context.now)] },
    ),
    effects: [transferCreation(s.suggestionId, attempt, s.transferRequest)],
  };
}

/**
 * The creation's answer. In APPROVED it settles the suggestion. After CREATE_FAILED only a success is taken: an
 * earlier attempt's create can land after a later attempt found the funds gone, and the transfer then exists.
 */
function transferAnswer(
  s: Suggestion,
  answer: Extract<SuggestionCommand, { type: "transferAnswer" }>,
  context: DecideContext,
): Result {
  const settles = s.status === "APPROVED" || (s.status === "CREATE_FAILED" && answer.ok);
  if (!settles) return ignored(s);
  const reminders = { cancel: [createGuardReminderKey] };
  if (answer.ok)
    return decision(
      { ...s, status: "TRANSFER_CREATED", transferId: s.suggestionId, failure: null, updatedAt: context.now },
      { type: "transferCreated", transferId: s.suggestionId },
      reminders,
    );
  const code = answer.code ?? "create_failed";
  const message = answer.message ?? "the transfer actor refused the create";
  return decision(
    { ...s, status: "CREATE_FAILED", failure: { code, message, at: context.now }, updatedAt: context.now },
    { type: "transferCreateFailed", code, message },
    reminders,
  );
}

/** The transfer actor's create: approvers named in the reference, no second approval on the transfer itself. */
function transferRequestOf(s: Suggestion, approvers: readonly string[]): JsonObject {
  const t = s.transfer;
  const note = `suggestion ${s.suggestionId} of rule ${s.ruleId} v${s.ruleVersion}, approved by ${approvers.join(", ")}`;
  return {
    from: t.from,
    to: t.to,
    amount: t.amount,
    currency: t.currency,
    speed: t.speed,
    debitChannel: t.debitChannel,
    creditChannel: t.creditChannel,
    approvalRequired: false,
    reference: truncateText(t.reference === "" ? note : `${t.reference}; ${note}`, referenceCharactersMax),
  };
}

/** PENDING, and not past its `expiresAt` (its reminder may not have fired yet): else the refusal naming its status. */
function refuseUnlessPending(s: Suggestion, what: string, now: number): Result | undefined {
  const expired = s.status === "PENDING" && s.expiresAt !== null && now >= s.expiresAt;
  if (s.status === "PENDING" && !expired) return undefined;
  return notPendingRefusal(s, expired ? "EXPIRED" : s.status, what);
}

function notPendingRefusal(s: Suggestion, status: SuggestionStatus, what: string): Result {
  return reject(
    "suggestion_not_pending",
    `suggestion ${s.suggestionId} is ${status}, not PENDING: it can no longer ${what === "expire" ? "expire" : `be ${what}d`}`,
    { status },
  );
}

function createGuard(attempt: number, now: number) {
  return {
    key: createGuardReminderKey,
    dueAt: now + redeliverDelayMs(attempt),
    command: { type: "redeliver", payload: {} },
  };
}

function proposalOf(s: Suggestion): Proposal {
  return {
    ruleId: s.ruleId,
    ruleVersion: s.ruleVersion,
    ruleEditor: s.ruleEditor,
    pool: s.pool,
    transfer: s.transfer,
    reason: s.reason,
    approvalsRequired: s.approvalsRequired,
    expiresAt: s.expiresAt,
  };
}

/** A stale reminder or answer: nothing changes and nothing is journaled. */
function ignored(s: Suggestion): Result {
  return { events: [], reply: { ...suggestionJson(s), ignored: true } };
}

/** One event carrying the suggestion it leaves, which is also the reply. */
function decision(
  after: Suggestion,
  change: SuggestionChange,
  reminders: ReminderChanges = {},
): Decision<SuggestionEvent> {
  const suggestion = suggestionJson(after);
  return { events: [{ ...change, suggestion }], reply: suggestion, reminders };
}
