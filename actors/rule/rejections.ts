import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the rule actor (ADR 012; parse errors are the runtime's `invalid_command`). */
export type RuleRejectionCode =
  /** `expectedVersion` is not the rule's current version; `details.currentVersion` says which it is. */
  | "version_conflict"
  /** delete of a rule that was never put, or is deleted already. */
  | "rule_not_found"
  /** lowDanger <= lowWarning <= target <= high does not hold. */
  | "watermarks_out_of_order"
  /** minimum > maximum, or a rounding step above the maximum. */
  | "amount_limits_out_of_order"
  /** The amount expression does not parse or fails on the rule's own watermarks; `details` has its position. */
  | "invalid_expression"
  /** An account rule lists its own account as a source, or a source appears twice. */
  | "invalid_sources";

export function refuse(code: RuleRejectionCode, message: string, details?: Json): Rejection<RuleRejectionCode> {
  return rejection(code, message, details);
}
