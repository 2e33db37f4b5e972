import { reject, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Why an `acquire` is refused; the transfer waits (until `details.retryAt`) or fails over to `details.alternative`. */
export type AcquireRefusalCode =
  | "channel_not_configured"
  | "currency_mismatch"
  | "speed_not_supported"
  /** The same transfer step acquired again with another amount: a caller bug, refused rather than guessed. */
  | "acquisition_mismatch"
  | "maintenance"
  | "circuit_open"
  | "cutoff_passed"
  | "daily_limit_exceeded";

/** Every business refusal of the channel actor (parse errors are the runtime's `invalid_command`). */
export type ChannelRejectionCode =
  | AcquireRefusalCode
  | "alternative_is_self"
  /** acquire, report, probe or reopenCheck from a principal that is not the engine's (`system:*`). */
  | "internal_command";

export function refuse(code: ChannelRejectionCode, message: string, details?: Json): Rejection<ChannelRejectionCode> {
  return reject(code, message, details);
}
