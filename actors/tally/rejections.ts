import { reject as rejection, type Rejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** Every business refusal of the tally actor (parse errors are the runtime's `invalid_command`). */
export type TallyRejectionCode = "total_would_go_negative";

export function reject(code: TallyRejectionCode, message: string, details?: Json): Rejection<TallyRejectionCode> {
  return rejection(code, message, details);
}
