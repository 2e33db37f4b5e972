import type { GetRuleHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { Rule__Output } from "../../protos/generated/liquidity/v1/Rule.js";
import type { RuleChange__Output } from "../../protos/generated/liquidity/v1/RuleChange.js";
import type { RuleView__Output } from "../../protos/generated/liquidity/v1/RuleView.js";
import type { DryRunResponse__Output } from "../../protos/generated/liquidity/v1/DryRunResponse.js";
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

/** Rules, one row each. */
export function rulesText(rules: readonly RuleView__Output[]): string {
  if (rules.length === 0) return "no rules\n";
  return table(
    ["rule", "version", "scope", "mode", "warning", "target", "sources", "enabled"],
    rules.map((view) => [
      view.rule_id,
      view.version,
      view.rule ? scopeText(view.rule) : "-",
      orDash(view.rule?.mode),
      orDash(view.rule?.low_warning),
      orDash(view.rule?.target),
      view.rule ? view.rule.sources.join(", ") : "-",
      view.rule?.enabled === false ? "no" : "yes",
    ]),
  );
}

/** A dry run: each decision with its values and moves, then the reasons; then the accounts no rule acts on now. */
export function dryRunText(plan: DryRunResponse__Output): string {
  const lines = [`plan for pool ${plan.pool} ${plan.currency} at ${time(plan.at_ms)}`];
  if (plan.decisions.length === 0) lines.push("nothing to do: every covered account is within its watermarks");
  for (const decision of plan.decisions) {
    const value = decision.expression_value === "" ? "no amount" : decision.expression_value;
    lines.push(
      `rule ${decision.rule_id} v${decision.rule_version} ${decision.mode} ${decision.tier} ${decision.account}: ` +
        `available ${orDash(decision.values["available"])}, ${decision.expression} = ${value}, need ${decision.need}, shortfall ${decision.shortfall}`,
    );
    for (const move of decision.transfers)
      lines.push(
        `  ${move.kind} ${move.from} -> ${move.to} ${move.amount} ${move.speed} via ${orDash(move.debit_channel)}/${orDash(move.credit_channel)} fee ${orDash(move.fee)}`,
      );
    for (const note of decision.notes) lines.push(`  note: ${note}`);
    if (decision.stopped_because !== "") lines.push(`  stops the rule: ${decision.stopped_because}`);
  }
  for (const idle of plan.idle) lines.push(`idle ${idle.account} (rule ${idle.rule_id}): ${idle.note}`);
  return `${lines.join("\n")}\n`;
}
