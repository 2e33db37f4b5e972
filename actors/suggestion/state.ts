import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { transferSpeeds, type Proposal, type SuggestedTransfer } from "./commands.js";

/**
 * PENDING waits for approvals; APPROVED: the transfer is being created; then TRANSFER_CREATED or CREATE_FAILED.
 * REJECTED (by a person) and EXPIRED (by the planner, or at `expiresAt`) end a pending suggestion.
 */
export const suggestionStatuses = [
  "PENDING",
  "APPROVED",
  "TRANSFER_CREATED",
  "CREATE_FAILED",
  "REJECTED",
  "EXPIRED",
] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

export type Approval = { readonly by: string; readonly comment: string; readonly at: number };

/** Who ended a pending suggestion, why (a person's text, or an expiry reason code) and when. */
export type Ending = { readonly by: string; readonly reason: string; readonly at: number };

/** Why the transfer was not created: the refusal's code and sentence. */
export type CreateFailure = { readonly code: string; readonly message: string; readonly at: number };

/** A suggestion that exists: its proposal and what became of it. Times are epoch milliseconds. */
export type Suggestion = Proposal & {
  readonly suggestionId: string;
  readonly status: SuggestionStatus;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** In order; complete when there are `approvalsRequired` of them. */
  readonly approvals: readonly Approval[];
  readonly rejection: Ending | null;
  readonly expiry: Ending | null;
  /** The transfer actor's `create` payload, fixed by the last approval: every attempt sends it unchanged. */
  readonly transferRequest: JsonObject | null;
  /** Sends of the create so far (0 before the last approval). */
  readonly createAttempts: number;
  /** The transfer's id (the suggestion's own) once it was created. */
  readonly transferId: string | null;
  readonly failure: CreateFailure | null;
};

export type SuggestionState = { readonly status: "NEW"; readonly suggestionId: string } | Suggestion;

export function initialSuggestionState(suggestionId: string): SuggestionState {
  return { status: "NEW", suggestionId };
}

/** The wire and journal form of a suggestion: every event carries it whole, and `get` answers it. */
export function suggestionJson(s: Suggestion): JsonObject {
  return {
    suggestionId: s.suggestionId,
    status: s.status,
    ruleId: s.ruleId,
    ruleVersion: s.ruleVersion,
    ruleEditor: s.ruleEditor,
    pool: s.pool,
    transfer: { ...s.transfer },
    reason: s.reason,
    approvalsRequired: s.approvalsRequired,
    expiresAt: s.expiresAt,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    approvals: s.approvals.map((approval) => ({ ...approval })),
    rejection: s.rejection && { ...s.rejection },
    expiry: s.expiry && { ...s.expiry },
    transferRequest: s.transferRequest,
    createAttempts: s.createAttempts,
    transferId: s.transferId,
    failure: s.failure && { ...s.failure },
  };
}

/** Reads a suggestion this engine wrote (an event, a snapshot, a reply); a field out of shape is corruption. */
export function decodeSuggestion(json: JsonObject, source: string): Suggestion {
  const r = JsonReader.of(source, json);
  const required = r.integer("approvalsRequired");
  const approvalsRequired = required === 1 || required === 2 ? required : r.fail("approvalsRequired", "1 or 2");
  const ending = (name: string): Ending | null => {
    const e = r.objectOrNull(name);
    return e && { by: e.text("by"), reason: e.text("reason"), at: e.integer("at") };
  };
  const failure = r.objectOrNull("failure");
  return {
    suggestionId: r.text("suggestionId"),
    status: r.oneOf("status", suggestionStatuses),
    ruleId: r.text("ruleId"),
    ruleVersion: r.integer("ruleVersion"),
    ruleEditor: r.text("ruleEditor"),
    pool: r.text("pool"),
    transfer: decodeTransfer(r.object("transfer")),
    reason: r.jsonObject("reason"),
    approvalsRequired,
    expiresAt: r.integerOrNull("expiresAt"),
    createdBy: r.text("createdBy"),
    createdAt: r.integer("createdAt"),
    updatedAt: r.integer("updatedAt"),
    approvals: r
      .objects("approvals")
      .map((a) => ({ by: a.text("by"), comment: a.text("comment"), at: a.integer("at") })),
    rejection: ending("rejection"),
    expiry: ending("expiry"),
    transferRequest: r.isNull("transferRequest") ? null : r.jsonObject("transferRequest"),
    createAttempts: r.integer("createAttempts"),
    transferId: r.textOrNull("transferId"),
    failure: failure && { code: failure.text("code"), message: failure.text("message"), at: failure.integer("at") },
  };
}

function decodeTransfer(t: JsonReader): SuggestedTransfer {
  return {
    from: t.text("from"),
    to: t.text("to"),
    amount: t.text("amount"),
    currency: t.text("currency"),
    speed: t.oneOf("speed", transferSpeeds),
    debitChannel: t.text("debitChannel"),
    creditChannel: t.text("creditChannel"),
    reference: t.text("reference"),
  };
}

export function encodeSuggestionState(state: SuggestionState): JsonObject {
  return state.status === "NEW" ? { status: "NEW", suggestionId: state.suggestionId } : suggestionJson(state);
}

export function decodeSuggestionState(encoded: JsonObject): SuggestionState {
  if (encoded["status"] === "NEW") {
    const r = JsonReader.of("an encoded suggestion state", encoded);
    return { status: "NEW", suggestionId: r.text("suggestionId") };
  }
  return decodeSuggestion(encoded, "an encoded suggestion state");
}
