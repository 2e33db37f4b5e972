import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the suggestion actor (parse errors are the runtime's `invalid_command`). */
export type SuggestionRejectionCode =
  /** create, expire, redeliver or transferAnswer from a principal that is not the engine's (`system:*`). */
  | "internal_command"
  | "suggestion_not_found"
  /** create again with other content: the suggestion id is the planner's idempotency key. */
  | "suggestion_exists"
  /** approve, reject or expire of a suggestion that is no longer PENDING; `details.status` says what it is. */
  | "suggestion_not_pending"
  /** The approver is the rule's last editor, the suggestion's creator, an earlier approver, or the engine itself. */
  | "maker_checker_violation"
  /** The id is too long to make the transfer's command ids from. */
  | "suggestion_id_too_long";

export function reject(
  code: SuggestionRejectionCode,
  message: string,
  details?: Json,
): Rejection<SuggestionRejectionCode> {
  return rejection(code, message, details);
}
