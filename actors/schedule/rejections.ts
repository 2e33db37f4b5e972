import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the schedule actor (parse errors, a bad cron or time zone among them, are `invalid_command`). */
export type ScheduleRejectionCode =
  /** `expectedVersion` is not the job's version: someone changed it since it was read. */
  | "version_conflict"
  | "job_not_found"
  /** The expression is valid but has no slot after now (a date that never comes, such as 30 February). */
  | "no_future_slot"
  /** The job id is too long to make the slot command ids from (`schedule:<job>:<slot>`). */
  | "job_id_too_long"
  /** fire, redeliver or delivered from a principal that is not the engine's (`system:*`). */
  | "internal_command"
  /** The target is not a command a job may send (targets.ts, ADR 013 §7). */
  | "target_not_allowed"
  /** The target's own kind refuses its payload, or its actor id lacks `{slot}` where each slot needs an actor. */
  | "invalid_target";

export function reject(code: ScheduleRejectionCode, message: string, details?: Json): Rejection<ScheduleRejectionCode> {
  return rejection(code, message, details);
}
