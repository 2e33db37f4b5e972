import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the reconciliation actor (parse errors are the runtime's `invalid_command`). */
export type ReconciliationRejectionCode =
  /** record, redeliver or a booking's answer from a principal that is not the engine's (`system:*`). */
  | "internal_command"
  /** The actor id names no account and day (`<bankCode>:<accountNumber>:<YYYY-MM-DD>`). */
  | "reconciliation_id_invalid"
  | "difference_not_found"
  /** explain or resolve of a difference that is proposed or resolved; `details.status` says which. */
  | "difference_not_open"
  /** confirmResolution or rejectResolution of a difference with no resolution waiting for a second person. */
  | "no_resolution_proposed"
  /** The checker is the person who proposed the resolution. */
  | "same_principal"
  /** A resolution confirmed by the engine itself rather than a person. */
  | "checker_not_a_person"
  /** adjust of a difference whose amount is zero: there is nothing to book. */
  | "nothing_to_adjust"
  /** settleTransfer of a difference that does not name exactly one statement line (the transfer's evidence). */
  | "settle_needs_one_line"
  /** settleTransfer of a difference last reported without what its line booked (a rerun of the day reports it). */
  | "settle_line_unknown";

export function reject(
  code: ReconciliationRejectionCode,
  message: string,
  details?: Json,
): Rejection<ReconciliationRejectionCode> {
  return rejection(code, message, details);
}
