import type { RuleJson } from "../../actors/rule/definition.js";
import type { RuleEvent } from "../../actors/rule/events.js";
import type { RuleChange as ActorRuleChange } from "../../actors/rule/state.js";
import type { RuleView as ActorRuleView } from "../../actors/rule/view.js";
import type { Json } from "../../runtime/json.js";
import type { Rule, Rule__Output } from "../../protos/generated/liquidity/v1/Rule.js";
import type { RuleChange } from "../../protos/generated/liquidity/v1/RuleChange.js";
import type { RuleView } from "../../protos/generated/liquidity/v1/RuleView.js";

/** Rules between the wire (rules.proto) and the rule actor's JSON (actors/rule/definition.ts). Amounts stay strings. */

/** A Rule message as the actor's `put` takes it: empty strings and zeros that mean "the default" are left out. */
export function ruleJsonOf(rule: Rule__Output): Record<string, Json> {
  const scope = rule.scope;
  const json: Record<string, Json> = {
    scope: scope?.account
      ? {
          account: scope.account,
          ...(scope.pool && { pool: scope.pool }),
          ...(scope.currency && { currency: scope.currency }),
        }
      : { pool: scope?.pool ?? "", currency: scope?.currency ?? "" },
    lowDanger: rule.low_danger,
    lowWarning: rule.low_warning,
    target: rule.target,
    high: rule.high,
    sources: [...rule.sources],
    amount: rule.amount,
    maximum: rule.maximum,
  };
  if (rule.concentration !== "") json["concentration"] = rule.concentration;
  if (rule.minimum !== "") json["minimum"] = rule.minimum;
  if (rule.rounding_step !== "") json["roundingStep"] = rule.rounding_step;
  const speeds: Record<string, Json> = {};
  if (rule.warning_speed !== "") speeds["warning"] = rule.warning_speed;
  if (rule.danger_speed !== "") speeds["danger"] = rule.danger_speed;
  json["speeds"] = speeds;
  if (rule.active_hours)
    json["activeHours"] = {
      from: rule.active_hours.from,
      to: rule.active_hours.to,
      utcOffsetMinutes: rule.active_hours.utc_offset_minutes,
    };
  if (rule.cool_down_ms !== undefined) json["coolDownMs"] = Number(rule.cool_down_ms);
  if (rule.window_ms !== "0") json["windowMs"] = Number(rule.window_ms);
  if (rule.transfers_per_window_max !== 0) json["transfersPerWindowMax"] = rule.transfers_per_window_max;
  if (rule.priority !== 0) json["priority"] = rule.priority;
  if (rule.enabled !== undefined) json["enabled"] = rule.enabled;
  if (rule.mode !== "") json["mode"] = rule.mode;
  return json;
}

export function ruleOf(rule: RuleJson): Rule {
  const { scope, activeHours } = rule;
  return {
    scope: "account" in scope ? { account: scope.account } : { pool: scope.pool, currency: scope.currency },
    low_danger: rule.lowDanger,
    low_warning: rule.lowWarning,
    target: rule.target,
    high: rule.high,
    sources: [...rule.sources],
    amount: rule.amount,
    minimum: rule.minimum,
    maximum: rule.maximum,
    rounding_step: rule.roundingStep,
    warning_speed: rule.speeds.warning,
    danger_speed: rule.speeds.danger,
    active_hours: activeHours && {
      from: activeHours.from,
      to: activeHours.to,
      utc_offset_minutes: activeHours.utcOffsetMinutes,
    },
    cool_down_ms: String(rule.coolDownMs),
    window_ms: String(rule.windowMs),
    transfers_per_window_max: rule.transfersPerWindowMax,
    priority: rule.priority,
    enabled: rule.enabled,
    mode: rule.mode,
    concentration: rule.concentration ?? "",
  };
}

export function ruleChangeOf(change: ActorRuleChange): RuleChange {
  return {
    kind: change.kind,
    version: String(change.version),
    replaces_version: String(change.replacesVersion),
    principal: change.principal,
    reason: change.reason,
    at_ms: String(change.at),
  };
}

/** A journaled event of the rule actor as the change it records. */
export function eventChangeOf(event: RuleEvent): RuleChange {
  return ruleChangeOf({ ...event, kind: event.type === "rulePut" ? "put" : "delete" });
}

export function ruleViewOf(ruleId: string, view: ActorRuleView): RuleView {
  return {
    rule_id: ruleId,
    status: view.status,
    version: String(view.version),
    rule: view.rule && ruleOf(view.rule),
    last_change: view.lastChange && ruleChangeOf(view.lastChange),
  };
}
