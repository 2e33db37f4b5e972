import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import type { ErrorBody } from "../../runtime/errors.js";
import type { EngineCode, ReplyErrorCode, UnlistedCode } from "./engine-codes.js";

/** The trailer that carries the engine's machine-readable error code next to the gRPC status. */
export const errorCodeTrailer = "liq-error-code";

/**
 * Every code an error reply can carry, to its gRPC status (ADR 005 §7): a Record over the closed union, so a new
 * code without a status does not compile. A refusal because of the state the command meets is FAILED_PRECONDITION.
 */
const statusOfCode: Readonly<Record<ReplyErrorCode, status>> = {
  // The runtime's own (runtime/errors.ts).
  malformed_message: status.INVALID_ARGUMENT,
  message_too_large: status.INVALID_ARGUMENT,
  invalid_envelope: status.INVALID_ARGUMENT,
  unknown_actor_kind: status.NOT_FOUND,
  invalid_actor_id: status.INVALID_ARGUMENT,
  partition_mismatch: status.FAILED_PRECONDITION,
  partition_not_owned: status.UNAVAILABLE,
  unknown_command: status.UNIMPLEMENTED,
  command_id_reused: status.ALREADY_EXISTS,
  invalid_command: status.INVALID_ARGUMENT,
  mailbox_full: status.RESOURCE_EXHAUSTED,
  journal_unavailable: status.UNAVAILABLE,
  journal_conflict: status.ABORTED,
  shutting_down: status.UNAVAILABLE,
  internal_error: status.INTERNAL,
  // The account actor's (actors/account/rejections.ts).
  account_not_open: status.NOT_FOUND,
  account_closed: status.FAILED_PRECONDITION,
  account_already_open: status.ALREADY_EXISTS,
  account_id_mismatch: status.INVALID_ARGUMENT,
  currency_mismatch: status.FAILED_PRECONDITION,
  entry_id_reserved: status.INVALID_ARGUMENT,
  insufficient_available: status.FAILED_PRECONDITION,
  freeze_exists: status.ALREADY_EXISTS,
  freeze_id_used: status.ALREADY_EXISTS,
  freeze_not_found: status.NOT_FOUND,
  freeze_already_unfrozen: status.FAILED_PRECONDITION,
  reservation_exists: status.ALREADY_EXISTS,
  reservation_not_found: status.NOT_FOUND,
  reservation_already_settled: status.FAILED_PRECONDITION,
  reservation_already_released: status.FAILED_PRECONDITION,
  statement_already_compared: status.ALREADY_EXISTS,
  booking_date_too_far_ahead: status.OUT_OF_RANGE,
  booking_date_beyond_retention: status.OUT_OF_RANGE,
  as_of_beyond_retention: status.OUT_OF_RANGE,
  account_not_empty: status.FAILED_PRECONDITION,
  amount_out_of_range: status.OUT_OF_RANGE,
  // The transfer actor's (actors/transfer/rejections.ts).
  // The caller may not send this (an engine-only command), or not to this transfer (maker-checker), whatever their roles.
  internal_command: status.PERMISSION_DENIED,
  maker_checker_violation: status.PERMISSION_DENIED,
  transfer_not_found: status.NOT_FOUND,
  idempotency_key_reused: status.ALREADY_EXISTS,
  same_account: status.INVALID_ARGUMENT,
  not_pending_approval: status.FAILED_PRECONDITION,
  too_late_to_cancel: status.FAILED_PRECONDITION,
  not_retryable: status.FAILED_PRECONDITION,
  not_in_manual_intervention: status.FAILED_PRECONDITION,
  no_resolution_requested: status.FAILED_PRECONDITION,
  // The pending request was replaced since the checker read it: read it again.
  resolution_mismatch: status.FAILED_PRECONDITION,
  execute_at_out_of_range: status.INVALID_ARGUMENT,
  callback_from_wrong_bank: status.FAILED_PRECONDITION,
  // Statement evidence for a step the transfer has not sent, or that is not the step's booking.
  evidence_step_not_sent: status.FAILED_PRECONDITION,
  evidence_does_not_match: status.FAILED_PRECONDITION,
  // The channel actor's (actors/channel/rejections.ts).
  channel_not_configured: status.FAILED_PRECONDITION,
  speed_not_supported: status.FAILED_PRECONDITION,
  acquisition_mismatch: status.FAILED_PRECONDITION,
  maintenance: status.FAILED_PRECONDITION,
  circuit_open: status.FAILED_PRECONDITION,
  cutoff_passed: status.FAILED_PRECONDITION,
  daily_limit_exceeded: status.FAILED_PRECONDITION,
  alternative_is_self: status.FAILED_PRECONDITION,
  // The tally actor's (actors/tally/rejections.ts).
  total_would_go_negative: status.FAILED_PRECONDITION,
  // The rule actor's (actors/rule/rejections.ts). A version conflict is ABORTED: read again and retry; its message
  // names the current version. A rule that does not hold is the caller's to fix: INVALID_ARGUMENT.
  version_conflict: status.ABORTED,
  rule_not_found: status.NOT_FOUND,
  watermarks_out_of_order: status.INVALID_ARGUMENT,
  amount_limits_out_of_order: status.INVALID_ARGUMENT,
  invalid_expression: status.INVALID_ARGUMENT,
  invalid_sources: status.INVALID_ARGUMENT,
  // The schedule actor's (actors/schedule/rejections.ts); version_conflict and internal_command as above. A target
  // off the list is the caller's to change, not a role to ask for: INVALID_ARGUMENT.
  job_not_found: status.NOT_FOUND,
  no_future_slot: status.INVALID_ARGUMENT,
  job_id_too_long: status.INVALID_ARGUMENT,
  target_not_allowed: status.INVALID_ARGUMENT,
  invalid_target: status.INVALID_ARGUMENT,
  // The suggestion actor's (actors/suggestion/rejections.ts); internal_command and maker_checker_violation above.
  // Approving or rejecting a suggestion that is no longer PENDING meets its state: FAILED_PRECONDITION.
  suggestion_not_found: status.NOT_FOUND,
  suggestion_exists: status.ALREADY_EXISTS,
  suggestion_not_pending: status.FAILED_PRECONDITION,
  suggestion_id_too_long: status.INVALID_ARGUMENT,
  // The reconciliation actor's (actors/reconciliation/rejections.ts); internal_command above. A checker who is the
  // maker, or the engine, may not confirm whatever their roles: PERMISSION_DENIED, as maker_checker_violation.
  reconciliation_id_invalid: status.INVALID_ARGUMENT,
  difference_not_found: status.NOT_FOUND,
  difference_not_open: status.FAILED_PRECONDITION,
  no_resolution_proposed: status.FAILED_PRECONDITION,
  same_principal: status.PERMISSION_DENIED,
  checker_not_a_person: status.PERMISSION_DENIED,
  nothing_to_adjust: status.FAILED_PRECONDITION,
  settle_needs_one_line: status.FAILED_PRECONDITION,
  settle_line_unknown: status.FAILED_PRECONDITION,
  // The statements actor's (actors/statements/rejections.ts); internal_command above. A bound reached is
  // RESOURCE_EXHAUSTED; a pull of a day to come is the caller's to change.
  statement_versions_full: status.RESOURCE_EXHAUSTED,
  too_many_pulls: status.RESOURCE_EXHAUSTED,
  pull_date_in_future: status.INVALID_ARGUMENT,
};

/** Whether this build lists `code` (a reply of an engine of another version may carry one it does not). */
export function isReplyErrorCode(code: string): code is ReplyErrorCode {
  return Object.hasOwn(statusOfCode, code);
}

/** A listed code's status; an unlisted one maps by its retryability: retryable to UNAVAILABLE, else FAILED_PRECONDITION. */
export function grpcStatusOf(error: Pick<ErrorBody, "code" | "retryable">): status {
  if (isReplyErrorCode(error.code)) return statusOfCode[error.code];
  return error.retryable ? status.UNAVAILABLE : status.FAILED_PRECONDITION;
}

/** A reply's code for the trailer: as this build lists it, or passed on as it came. */
export function replyCodeOf(code: string): ReplyErrorCode | UnlistedCode {
  return isReplyErrorCode(code) ? code : (code as UnlistedCode);
}

/** A gRPC error for a callback or `call.destroy`, with the engine code as a trailer. */
export function grpcError(code: status, message: string, engineCode: EngineCode | UnlistedCode): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(errorCodeTrailer, engineCode);
  return { code, details: message, metadata };
}

export function grpcErrorOf(error: ErrorBody): Partial<ServiceError> {
  return grpcError(grpcStatusOf(error), error.message, replyCodeOf(error.code));
}
