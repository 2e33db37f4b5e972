import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the statements actor (parse errors are the runtime's `invalid_command`). */
export type StatementsRejectionCode =
  /** register, pullDue or pulled from a principal that is not the engine's (`system:*`). */
  | "internal_command"
  /** The account holds `statementVersionsMax` versions already: a new one is refused rather than dropping one. */
  | "statement_versions_full"
  /** `pendingPullsMax` pulls await their answer already. */
  | "too_many_pulls"
  /** A pull of a day after today (UTC): the bank has no statement of it yet. */
  | "pull_date_in_future";

export function reject(
  code: StatementsRejectionCode,
  message: string,
  details?: Json,
): Rejection<StatementsRejectionCode> {
  return rejection(code, message, details);
}
