import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import type { ErrorBody } from "../../runtime/errors.js";

/** The trailer that carries the engine's machine-readable error code next to the gRPC status. */
export const errorCodeTrailer = "liq-error-code";

/**
 * Engine and actor error codes to gRPC status codes (ADR 005 §7). A code not listed maps by its retryability:
 * retryable to UNAVAILABLE, anything else to FAILED_PRECONDITION (the state refuses the command).
 */
const statusOfCode: Readonly<Record<string, status>> = {
  malformed_message: status.INVALID_ARGUMENT,
  malformed_request: status.INVALID_ARGUMENT,
  message_too_large: status.INVALID_ARGUMENT,
  invalid_envelope: status.INVALID_ARGUMENT,
  invalid_actor_id: status.INVALID_ARGUMENT,
  invalid_command: status.INVALID_ARGUMENT,
  unknown_command: status.UNIMPLEMENTED,
  account_id_mismatch: status.INVALID_ARGUMENT,
  unknown_actor_kind: status.NOT_FOUND,
  account_not_open: status.NOT_FOUND,
  freeze_not_found: status.NOT_FOUND,
  reservation_not_found: status.NOT_FOUND,
  account_already_open: status.ALREADY_EXISTS,
  freeze_exists: status.ALREADY_EXISTS,
  freeze_id_used: status.ALREADY_EXISTS,
  reservation_exists: status.ALREADY_EXISTS,
  statement_already_synced: status.ALREADY_EXISTS,
  command_id_reused: status.ALREADY_EXISTS,
  transfer_not_found: status.NOT_FOUND,
  idempotency_key_reused: status.ALREADY_EXISTS,
  same_account: status.INVALID_ARGUMENT,
  // The caller may not do this to this transfer (maker-checker), whatever their roles.
  maker_checker_violation: status.PERMISSION_DENIED,
  internal_command: status.PERMISSION_DENIED,
  amount_out_of_range: status.OUT_OF_RANGE,
  mailbox_full: status.RESOURCE_EXHAUSTED,
  journal_conflict: status.ABORTED,
  journal_unavailable: status.UNAVAILABLE,
  partition_not_owned: status.UNAVAILABLE,
  shutting_down: status.UNAVAILABLE,
  internal_error: status.INTERNAL,
};

export function grpcStatusOf(error: Pick<ErrorBody, "code" | "retryable">): status {
  return statusOfCode[error.code] ?? (error.retryable ? status.UNAVAILABLE : status.FAILED_PRECONDITION);
}

/** A gRPC error for a callback or `call.destroy`, with the engine code as a trailer. */
export function grpcError(code: status, message: string, engineCode: string): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(errorCodeTrailer, engineCode);
  return { code, details: message, metadata };
}

export function grpcErrorOf(error: ErrorBody): Partial<ServiceError> {
  return grpcError(grpcStatusOf(error), error.message, error.code);
}
