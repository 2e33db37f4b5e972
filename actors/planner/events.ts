import type { PlanEnding, RuleTrip } from "./commands.js";
import type { StoredPlanJson } from "./state.js";

/** Events of the planner actor; times are epoch milliseconds. Each carries `version`, the planner's after it. */
export type PlannerEvent =
  /** A plan was made: its transfer or suggestion is created by the effect that follows, under the plan's id. */
  | { readonly type: "planRecorded"; readonly version: number; readonly plan: StoredPlanJson }
  /** The transfer or suggestion exists (`ok`), or was refused for good (`code`: the plan ends unexecuted). */
  | {
      readonly type: "planDelivered";
      readonly version: number;
      readonly planId: string;
      readonly ok: boolean;
      readonly code?: string;
    }
  | { readonly type: "planRedelivered"; readonly version: number; readonly planId: string; readonly attempt: number }
  | ({ readonly type: "planEnded"; readonly version: number; readonly at: number } & PlanEnding)
  | ({ readonly type: "ruleTripped"; readonly version: number; readonly at: number } & RuleTrip)
  /** A scheduled job asked for an evaluation (the safety net, or the daily sweep). */
  | { readonly type: "evaluationRequested"; readonly version: number; readonly sweeps: boolean; readonly at: number };

export type PlannerEventType = PlannerEvent["type"];
