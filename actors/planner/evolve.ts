import { unreachable } from "../../runtime/assert.js";
import type { PlannerEvent } from "./events.js";
import { decodePlan, endedKeptMax, endedKeptMs, type PlannerState, type StoredPlan } from "./state.js";

export function evolvePlanner(state: PlannerState, event: PlannerEvent): PlannerState {
  const next = { ...state, version: event.version };
  switch (event.type) {
    case "planRecorded": {
      const plan = decodePlan(event.plan, "a planRecorded event");
      return { ...next, planSeq: state.planSeq + 1, plans: prune([...state.plans, plan], plan.at) };
    }
    case "planDelivered":
      return withPlan(next, event.planId, (plan) =>
        event.ok
          ? { ...plan, status: "delivered" }
          : {
              ...plan,
              status: "ended",
              outcome: `refused:${event.code ?? "unknown"}`,
              executed: false,
              movedMoney: false,
            },
      );
    case "planRedelivered":
      return withPlan(next, event.planId, (plan) => ({ ...plan, attempt: event.attempt }));
    case "planEnded":
      return withPlan(next, event.planId, (plan) => ({
        ...plan,
        status: "ended",
        outcome: event.outcome,
        executed: event.executed,
        movedMoney: event.movedMoney,
      }));
    case "ruleTripped":
      return {
        ...next,
        tripped: {
          ...state.tripped,
          [event.ruleId]: { version: event.ruleVersion, reason: event.reason, at: event.at },
        },
      };
    case "evaluationRequested":
      return next;
    default:
      return unreachable(event);
  }
}

function withPlan(state: PlannerState, planId: string, change: (plan: StoredPlan) => StoredPlan): PlannerState {
  return { ...state, plans: state.plans.map((plan) => (plan.planId === planId ? change(plan) : plan)) };
}

/** Ended plans older than the longest window, and the oldest beyond the cap, are forgotten; pending ones never. */
function prune(plans: readonly StoredPlan[], now: number): StoredPlan[] {
  const ended = plans.filter((plan) => plan.status === "ended");
  const dropOldest = Math.max(0, ended.length - endedKeptMax);
  const dropped = new Set(ended.slice(0, dropOldest).map((plan) => plan.planId));
  return plans.filter((plan) => plan.status !== "ended" || (!dropped.has(plan.planId) && plan.at > now - endedKeptMs));
}
