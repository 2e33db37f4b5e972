import type { Json } from "./json.js";

/**
 * Codes the runtime answers with. Actor kinds add their own rejection codes (e.g. `insufficient_funds`).
 * Retryable codes mean "nothing was applied; the same command may be sent again".
 */
export const runtimeErrorCodes = {
  malformed_message: { retryable: false, text: "the message could not be decoded" },
  message_too_large: { retryable: false, text: "the message exceeds the size limit" },
  invalid_envelope: { retryable: false, text: "the command envelope is invalid" },
  unknown_actor_kind: { retryable: false, text: "no such actor kind" },
  invalid_actor_id: { retryable: false, text: "the actor id is invalid" },
  partition_mismatch: { retryable: false, text: "the subject's partition does not match the actor id" },
  partition_not_owned: { retryable: true, text: "this node does not own the partition" },
  unknown_command: { retryable: false, text: "the actor kind has no such command" },
  command_id_reused: {
    retryable: false,
    text: "this command id was used before for a different command; nothing was applied",
  },
  invalid_command: { retryable: false, text: "the command's payload is invalid" },
  mailbox_full: { retryable: true, text: "the actor is overloaded; retry later" },
  journal_unavailable: { retryable: true, text: "the journal could not be written; nothing was applied" },
  journal_conflict: { retryable: true, text: "another activation wrote first; retry" },
  shutting_down: { retryable: true, text: "the engine is shutting down" },
  internal_error: { retryable: true, text: "internal error" },
} as const;

export type RuntimeErrorCode = keyof typeof runtimeErrorCodes;

/**
 * An error reply's body; `code` is a runtime code or an actor kind's rejection code (`Code` narrows it where the
 * origin is known; a body read back from the wire or a store is any string until checked).
 */
export interface ErrorBody<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: Json;
}

/** A typed failure the runtime reports to a caller instead of throwing across the transport. */
export class RuntimeError extends Error {
  override readonly name = "RuntimeError";
  constructor(
    readonly code: RuntimeErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? runtimeErrorCodes[code].text, options);
  }
  get retryable(): boolean {
    return runtimeErrorCodes[this.code].retryable;
  }
  toBody(): ErrorBody<RuntimeErrorCode> {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function errorBody(code: RuntimeErrorCode, message?: string): ErrorBody<RuntimeErrorCode> {
  return new RuntimeError(code, message).toBody();
}
