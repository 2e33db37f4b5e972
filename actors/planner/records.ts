import type { Decimal } from "decimal.js";
import { Money } from "../shared/amount.js";

/** A top-up brings an account back up to its rule's target; a sweep takes the excess above `high` to concentration. */
export type MoveKind = "topUp" | "sweep";

/** A plan of the pool, as the planner actor keeps it: pending until its transfer or suggestion ends. */
export interface PlanRecord {
  readonly planId: string;
  readonly ruleId: string;
  readonly kind: MoveKind;
  readonly from: string;
  readonly to: string;
  readonly amount: Decimal;
  /** When it was planned, epoch ms. */
  readonly at: number;
  /** Not ended yet: its money counts as planned in (target) and out (source). */
  readonly pending: boolean;
  /** A transfer was made of it (AUTO, or an approved suggestion): it counts against the rule's cap. */
  readonly executed: boolean;
  /** Executed and not ended without moving money (failed, cancelled, compensated): what the loop detector sees. */
  readonly movedMoney: boolean;
}

/** The largest multiple of `step` not above `value` (what a source can give). */
export function roundDown(value: Decimal, step: Decimal): Decimal {
  return value.dividedBy(step).toDecimalPlaces(0, Money.ROUND_FLOOR).times(step);
}

/** The smallest multiple of `step` not below `value` (what covers a need). */
export function roundUp(value: Decimal, step: Decimal): Decimal {
  return value.dividedBy(step).toDecimalPlaces(0, Money.ROUND_CEIL).times(step);
}
