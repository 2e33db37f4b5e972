import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the planner actor. */
export type PlannerRejectionCode =
  /** Another evaluation recorded plans since this one read the planner: evaluate again. */
  | "stale_evaluation"
  /** A plan would touch an account that a pending plan already moves money to or from. */
  | "plan_conflict"
  /** record, redeliver or delivered from a principal that is not the engine's (`system:*`). */
  | "internal_command";

export function reject(code: PlannerRejectionCode, message: string, details?: Json): Rejection<PlannerRejectionCode> {
  return rejection(code, message, details);
}
