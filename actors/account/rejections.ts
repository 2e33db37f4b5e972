import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the account actor (ADR 003; parse errors are the runtime's `invalid_command`). */
export type AccountRejectionCode =
  | "account_not_open"
  | "account_closed"
  | "account_already_open"
  /** `open` with a bank code and number that are not the actor id's. */
  | "account_id_mismatch"
  | "currency_mismatch"
  /** An entry id under a prefix the engine books with (`transfer:`, `adjustment:`) from anyone else. */
  | "entry_id_reserved"
  | "insufficient_available"
  | "freeze_exists"
  | "freeze_id_used"
  | "freeze_not_found"
  | "freeze_already_unfrozen"
  /** The id is taken by a reservation that exists or existed (reservation ids are never reused). */
  | "reservation_exists"
  | "reservation_not_found"
  | "reservation_already_settled"
  | "reservation_already_released"
  /** `syncStatement` with a statement id compared already. */
  | "statement_already_compared"
  /** A booking date after the day following the turn's (UTC). */
  | "booking_date_too_far_ahead"
  /** A booking date before the days the account keeps (ADR 014 §2). */
  | "booking_date_beyond_retention"
  /** The ledger as of a day before the days the account keeps: it cannot be answered right. */
  | "as_of_beyond_retention"
  | "account_not_empty"
  /** The position would leave DECIMAL(20,4). */
  | "amount_out_of_range";

export function reject(code: AccountRejectionCode, message: string, details?: Json): Rejection<AccountRejectionCode> {
  return rejection(code, message, details);
}
