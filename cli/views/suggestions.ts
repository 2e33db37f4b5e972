import { jsonOfStruct } from "../../adapters/grpc/struct.js";
import type { Suggestion__Output } from "../../protos/generated/liquidity/v1/Suggestion.js";
import type { SuggestionEnding__Output } from "../../protos/generated/liquidity/v1/SuggestionEnding.js";
import type { SuggestionUpdate__Output } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";
import { orDash, record, table, time } from "../output.js";

/** A suggestion as `--json` prints it: the planner's reason as plain JSON (the wire carries a google.protobuf.Struct). */
export function suggestionDocument(suggestion: Suggestion__Output | null): unknown {
  return suggestion && { ...suggestion, reason: jsonOfStruct(suggestion.reason) };
}

function endingText(ending: SuggestionEnding__Output | null): string {
  return ending ? `by ${ending.principal} ${time(ending.at_ms)}: ${ending.reason}` : "-";
}

function approvalsText(suggestion: Suggestion__Output): string {
  return `${suggestion.approvals.length} of ${suggestion.approvals_required}`;
}

/** What became of it: the transfer, the failure, the rejection or the expiry, when there is one. */
function outcomeText(suggestion: Suggestion__Output): string {
  if (suggestion.transfer_id) return `transfer ${suggestion.transfer_id}`;
  if (suggestion.failure) return `${suggestion.failure.code}: ${suggestion.failure.message}`;
  if (suggestion.rejection) return `rejected ${endingText(suggestion.rejection)}`;
  if (suggestion.expiry) return `expired (${suggestion.expiry.reason})`;
  return "-";
}

/** One suggestion in full: the transfer it proposes, why, who approved it and what became of it. */
export function suggestionText(suggestion: Suggestion__Output): string {
  const t = suggestion.transfer;
  const pairs: Array<readonly [string, string]> = [
    ["suggestion", suggestion.suggestion_id],
    ["status", suggestion.status],
    ["rule", `${suggestion.rule_id} v${suggestion.rule_version} (last changed by ${suggestion.rule_editor})`],
    ["pool", suggestion.pool],
    ["transfer", t ? `${t.from} -> ${t.to} ${t.amount} ${t.currency} (${t.speed})` : "-"],
    ["channels", t ? `debit ${t.debit_channel}, credit ${t.credit_channel}` : "-"],
    ["reference", orDash(t?.reference)],
    ["reason", reasonText(jsonOfStruct(suggestion.reason))],
    ["approvals", approvalsText(suggestion)],
    ...suggestion.approvals.map(
      (approval) =>
        [
          "approved",
          `by ${approval.principal} ${time(approval.at_ms)}${approval.comment ? `: ${approval.comment}` : ""}`,
        ] as const,
    ),
    ["created", `${time(suggestion.created_at_ms)} by ${suggestion.created_by}`],
    ["expires", suggestion.expires_at_ms === "0" ? "not by time" : time(suggestion.expires_at_ms)],
    ["updated", time(suggestion.updated_at_ms)],
    ["outcome", outcomeText(suggestion)],
  ];
  if (suggestion.create_attempts > 1) pairs.push(["create attempts", String(suggestion.create_attempts)]);
  return record(pairs);
}

/** Suggestions as ListSuggestions answers them, in id order. */
export function suggestionsText(suggestions: readonly Suggestion__Output[]): string {
  const rows = suggestions.map((suggestion) => [
    suggestion.suggestion_id,
    suggestion.status,
    suggestion.rule_id,
    orDash(suggestion.transfer?.from),
    orDash(suggestion.transfer?.to),
    orDash(suggestion.transfer?.amount),
    orDash(suggestion.transfer?.currency),
    approvalsText(suggestion),
    time(suggestion.created_at_ms),
    outcomeText(suggestion),
  ]);
  return table(
    ["suggestion", "status", "rule", "from", "to", "amount", "currency", "approvals", "created", "outcome"],
    rows,
    ["left", "left", "left", "left", "left", "right"],
  );
}

/** One line per change of a watched suggestion. */
export function suggestionUpdateText(update: SuggestionUpdate__Output): string {
  const s = update.suggestion;
  const t = s?.transfer;
  return `${time(s?.updated_at_ms)}  ${orDash(s?.suggestion_id)}  ${update.cause}  ${orDash(s?.status)}  ${orDash(t?.from)} -> ${orDash(t?.to)}  ${orDash(t?.amount)} ${orDash(t?.currency)}\n`;
}

/**
 * The planner's reason in a few lines: the tier and what the account held, the amount expression and its value, the
 * route chosen with its fee, and the notes (`--json` has it whole).
 */
function reasonText(reason: unknown): string {
  if (typeof reason !== "object" || reason === null) return "-";
  const r = reason as Record<string, unknown>;
  const values = (r["values"] ?? {}) as Record<string, unknown>;
  const chosen = ((r["channels"] ?? {}) as Record<string, unknown>)["chosen"] as Record<string, unknown> | null;
  const lines = [
    `${String(r["tier"] ?? "-")}: ${String(r["account"] ?? "-")} had ${String(values["available"] ?? "-")} available`,
    `${String(r["expression"] ?? "-")} = ${String(r["expressionValue"] ?? "-")}, need ${String(r["need"] ?? "-")}`,
    chosen
      ? `via ${String(chosen["debitChannel"])}/${String(chosen["creditChannel"])}, fee ${String(chosen["fee"])}`
      : "no route chosen",
    ...(Array.isArray(r["notes"]) ? r["notes"].map((note) => `note: ${String(note)}`) : []),
  ];
  return lines.join("\n");
}
