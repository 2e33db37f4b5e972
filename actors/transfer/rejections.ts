import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the transfer actor (ADR 006 §2; parse errors are the runtime's `invalid_command`). */
export type TransferRejectionCode =
  /** An effect result, callback or wake-up from a principal that is not the engine's (`system:*`). */
  | "internal_command"
  | "transfer_not_found"
  /** The transfer id is the client's idempotency key: the same id with another request. */
  | "idempotency_key_reused"
  | "same_account"
  | "not_pending_approval"
  /** The creator cannot approve their own transfer. */
  | "maker_checker_violation"
  | "too_late_to_cancel"
  | "not_retryable"
  | "not_in_manual_intervention"
  /** A confirmation of a resolution nobody asked for (or asked for before a retry). */
  | "no_resolution_requested"
  /** The confirmation names another outcome than the pending request's (it was replaced since it was read). */
  | "resolution_mismatch"
  /** `executeAt` in the past (beyond a minute's tolerance) or more than 366 days ahead. */
  | "execute_at_out_of_range"
  /** A bank callback about a step that moves money at another bank. */
  | "callback_from_wrong_bank"
  /** Statement evidence for a step this transfer never sent to its bank. */
  | "evidence_step_not_sent"
  /** Statement evidence whose account, direction or amount is not the step's booking. */
  | "evidence_does_not_match";

export function reject(code: TransferRejectionCode, message: string, details?: Json): Rejection<TransferRejectionCode> {
  return rejection(code, message, details);
}
