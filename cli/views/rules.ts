import type { GetRuleHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { Rule__Output } from "../../protos/generated/liquidity/v1/Rule.js";
import type { RuleChange__Output } from "../../protos/generated/liquidity/v1/RuleChange.js";
import type { RuleView__Output } from "../../protos/generated/liquidity/v1/RuleView.js";
import { orDash, record, table, time } from "../output.js";

function scopeText(rule: Rule__Output): string {
  const scope = rule.scope;
  if (!scope) return "-";
  return scope.account ? `account ${scope.account}` : `pool ${scope.pool} ${scope.currency}`;
}

function changeText(change: RuleChange__Output | null): string {
  if (!change) return "-";
  return `${change.kind} v${change.version} (replaced v${change.replaces_version}) by ${change.principal} ${time(change.at_ms)}: ${change.reason}`;
}

/** One rule in full: its version, its last change, and its fields. */
export function ruleText(view: RuleView__Output): string {
  const pairs: Array<readonly [string, string]> = [
    ["rule", view.rule_id],
    ["status", view.status],
    ["version", view.version],
    ["last change", changeText(view.last_change)],
  ];
  const rule = view.rule;
  if (rule) {
    const hours = rule.active_hours;
    pairs.push(
      ["scope", scopeText(rule)],
      [
        "watermarks",
        `danger ${rule.low_danger} < warning ${rule.low_warning} < target ${rule.target} < high ${rule.high}`,
      ],
      ["sources", rule.sources.join(", ")],
      ["amount", rule.amount],
      ["limits", `minimum ${rule.minimum}, maximum ${rule.maximum}, step ${rule.rounding_step}`],
      ["speeds", `warning ${rule.warning_speed}, danger ${rule.danger_speed}`],
      ["active hours", hours ? `${hours.from}-${hours.to} (UTC offset ${hours.utc_offset_minutes} min)` : "any hour"],
      [
        "pacing",
        `cool-down ${orDash(rule.cool_down_ms)} ms, at most ${rule.transfers_per_window_max} per ${rule.window_ms} ms`,
      ],
      ["priority", String(rule.priority)],
      ["enabled", rule.enabled === false ? "no" : "yes"],
      ["mode", rule.mode],
    );
  }
  return record(pairs);
}

/** The rule's journal: one row per change. */
export function ruleHistoryText(history: GetRuleHistoryResponse__Output): string {
  const rows = history.entries.map((entry) => [
    entry.entry_seq,
    time(entry.change?.at_ms),
    orDash(entry.change?.kind),
    `${orDash(entry.change?.replaces_version)} -> ${orDash(entry.change?.version)}`,
    orDash(entry.change?.principal),
    orDash(entry.change?.reason),
  ]);
  return table(["seq", "at", "change", "version", "principal", "reason"], rows, ["right"]);
}
