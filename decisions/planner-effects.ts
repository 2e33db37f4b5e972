import { decodePlannerEffect } from "../actors/planner/effects.js";
import type { StoredPlan } from "../actors/planner/state.js";
import type { EffectHandler, EffectResult } from "../runtime/effect-runner.js";
import type { JsonObject } from "../runtime/json.js";
import type { Reply } from "../runtime/messages.js";

/**
 * The planner actor's effects (ADR 012 §4-5). `planner.deliver` creates a plan's transfer (AUTO) or suggestion
 * (SUGGEST) with the plan's id as its id and a command id derived from it, so a resend after a crash or a lost answer
 * creates nothing new; the answer goes back as `delivered`. A retryable refusal throws: the plan's guard resends.
 * `planner.evaluate` hands a scheduled evaluation to the decision engine.
 */
export function plannerEffectHandler(requestEvaluation: (plannerId: string, sweeps: boolean) => void): EffectHandler {
  return async (request, actor, runtime): Promise<EffectResult | null> => {
    const effect = decodePlannerEffect(request);
    if (effect.type === "planner.evaluate") {
      requestEvaluation(actor.actorId, effect.sweeps);
      return null;
    }
    const { plan, attempt } = effect;
    const principal = `system:planner:${actor.actorId}`;
    const reply: Reply =
      plan.mode === "AUTO"
        ? await runtime.dispatch({
            kind: "transfer",
            actorId: plan.planId,
            commandId: `planner-create:${plan.planId}`,
            type: "create",
            payload: transferOf(plan, Date.now()),
            principal,
          })
        : await runtime.dispatch({
            kind: "suggestion",
            actorId: plan.planId,
            commandId: `planner-create:${plan.planId}`,
            type: "create",
            payload: suggestionOf(plan),
            principal,
          });
    if (!reply.ok && reply.error.retryable)
      throw new Error(`plan ${plan.planId} was not created: ${reply.error.code} ${reply.error.message}`);
    const answer: JsonObject = { planId: plan.planId, attempt, ok: reply.ok };
    if (!reply.ok) answer["code"] = reply.error.code.slice(0, 64);
    return { type: "delivered", payload: answer };
  };
}

/** What to move, as both the transfer's and the suggestion's `create` name it. */
function moveOf(plan: StoredPlan): JsonObject {
  return {
    from: plan.from,
    to: plan.to,
    amount: plan.amount,
    currency: plan.currency,
    speed: plan.speed,
    debitChannel: plan.debitChannel,
    creditChannel: plan.creditChannel,
    reference: referenceOf(plan),
  };
}

/**
 * A plan that must wait for the next window starts then: a transfer dated in the future (ADR 006). A create sent (or
 * resent) once that time has come starts at once: a start in the past would be refused.
 */
function transferOf(plan: StoredPlan, now: number): JsonObject {
  return {
    ...moveOf(plan),
    approvalRequired: false,
    ...(plan.executeAt > now && { executeAt: plan.executeAt }),
  };
}

/** The suggestion actor's `create`: what to move, the rule and its last editor, and the whole reason. */
function suggestionOf(plan: StoredPlan): JsonObject {
  return {
    ruleId: plan.ruleId,
    ruleVersion: plan.ruleVersion,
    ruleEditor: plan.ruleEditor,
    pool: plan.planId.split(":")[1] ?? "",
    transfer: moveOf(plan),
    reason: plan.reason,
    approvalsRequired: Math.max(1, plan.approvalsRequired),
    expiresAt: plan.expiresAt,
  };
}

function referenceOf(plan: StoredPlan): string {
  return `${plan.kind === "sweep" ? "sweep" : "top-up"} by rule ${plan.ruleId} v${plan.ruleVersion}`;
}
