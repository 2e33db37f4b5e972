import type { PoolPlan, RuleDecision as PlannedDecision } from "../../actors/planner/plan.js";
import { formatAmount } from "../../actors/shared/amount.js";
import type { Evaluation } from "../../decisions/evaluation.js";
import type { JsonObject } from "../../runtime/json.js";
import type { ConsideredChannel } from "../../protos/generated/liquidity/v1/ConsideredChannel.js";
import type { DryRunResponse } from "../../protos/generated/liquidity/v1/DryRunResponse.js";
import type { RuleDecision } from "../../protos/generated/liquidity/v1/RuleDecision.js";

/** A dry run's plan on the wire (rules.proto DryRunResponse); `keep` picks the decisions shown (one rule's, or all). */
export function dryRunResponseOf(evaluation: Evaluation, keep: (ruleId: string) => boolean): DryRunResponse {
  const plan: PoolPlan = evaluation.plan;
  return {
    pool: evaluation.pool,
    currency: evaluation.currency,
    at_ms: String(evaluation.at),
    decisions: plan.decisions.filter((decision) => keep(decision.ruleId)).map(decisionOf),
    idle: plan.idle
      .filter((idle) => keep(idle.ruleId))
      .map((idle) => ({ account: idle.account, rule_id: idle.ruleId, note: idle.note })),
  };
}

function decisionOf(decision: PlannedDecision): RuleDecision {
  return {
    rule_id: decision.ruleId,
    rule_version: String(decision.ruleVersion),
    account: decision.account,
    tier: decision.tier,
    mode: decision.mode,
    values: { ...decision.values },
    expression: decision.expression,
    expression_value: decision.expressionValue ?? "",
    need: formatAmount(decision.need),
    transfers: decision.moves.map((move) => ({
      kind: move.kind,
      from: move.from,
      to: move.to,
      amount: formatAmount(move.amount),
      speed: move.speed,
      debit_channel: move.route.chosen?.debitChannel ?? "",
      credit_channel: move.route.chosen?.creditChannel ?? "",
      fee: move.route.chosen?.fee ?? "",
      execute_at_ms: String(move.executeAt),
      channels: move.route.considered.map(consideredOf),
    })),
    shortfall: formatAmount(decision.shortfall),
    notes: [...decision.notes],
    stopped_because: decision.trip ?? "",
  };
}

function consideredOf(channel: JsonObject): ConsideredChannel {
  const text = (name: string) => (typeof channel[name] === "string" ? (channel[name] as string) : "");
  return {
    channel_id: text("channelId"),
    end: text("end"),
    usable: channel["usable"] === true,
    fee: text("fee"),
    reason: text("reason"),
  };
}
