import type { Ending } from "../../actors/suggestion/state.js";
import type { SuggestionView } from "../../actors/suggestion/view.js";
import type { Suggestion } from "../../protos/generated/liquidity/v1/Suggestion.js";
import type { SuggestionEnding } from "../../protos/generated/liquidity/v1/SuggestionEnding.js";
import { structOf } from "./struct.js";

/** A suggestion between the suggestion actor's JSON (actors/suggestion/state.ts) and the wire (suggestions.proto). */
export function suggestionOf(view: SuggestionView): Suggestion {
  const t = view.transfer;
  return {
    suggestion_id: view.suggestionId,
    status: view.status,
    rule_id: view.ruleId,
    rule_version: String(view.ruleVersion),
    rule_editor: view.ruleEditor,
    pool: view.pool,
    transfer: {
      from: t.from,
      to: t.to,
      amount: t.amount,
      currency: t.currency,
      speed: t.speed,
      debit_channel: t.debitChannel,
      credit_channel: t.creditChannel,
      reference: t.reference,
    },
    reason: structOf(view.reason),
    approvals_required: view.approvalsRequired,
    expires_at_ms: String(view.expiresAt ?? 0),
    created_by: view.createdBy,
    created_at_ms: String(view.createdAt),
    updated_at_ms: String(view.updatedAt),
    approvals: view.approvals.map((approval) => ({
      principal: approval.by,
      comment: approval.comment,
      at_ms: String(approval.at),
    })),
    rejection: endingOf(view.rejection),
    expiry: endingOf(view.expiry),
    transfer_id: view.transferId ?? "",
    failure: view.failure && {
      code: view.failure.code,
      message: view.failure.message,
      at_ms: String(view.failure.at),
    },
    create_attempts: view.createAttempts,
  };
}

function endingOf(ending: Ending | null): SuggestionEnding | null {
  return ending && { principal: ending.by, reason: ending.reason, at_ms: String(ending.at) };
}
