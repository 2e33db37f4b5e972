import type { Decimal } from "decimal.js";

/** Commands of the tally actor: the runtime's reference actor (exact sums, a business rule, reminders, effects). */
export type TallyCommand =
  | { readonly type: "add"; readonly amount: Decimal }
  | { readonly type: "schedule"; readonly key: string; readonly dueAt: number }
  | { readonly type: "remind"; readonly key: string }
  | { readonly type: "request"; readonly key: string }
  | { readonly type: "fulfil"; readonly key: string; readonly value: string }
  | { readonly type: "get" };
