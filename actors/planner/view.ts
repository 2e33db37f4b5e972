import type { JsonObject } from "../../runtime/json.js";
import { encodePlan, type PlannerState } from "./state.js";

/** What `get` and every change answer: the planner's version, its plans and its stopped rules. */
export function plannerView(plannerId: string, state: PlannerState): JsonObject {
  return {
    plannerId,
    version: state.version,
    planSeq: state.planSeq,
    plans: state.plans.map(encodePlan),
    tripped: Object.fromEntries(Object.entries(state.tripped).map(([ruleId, trip]) => [ruleId, { ...trip }])),
  };
}
