import type { Decimal } from "decimal.js";
import { Money } from "../../actors/shared/amount.js";
import type { FoundDifference, StatedBalance } from "../model.js";

/** The statement's stated balances and the engine's ledger as of the same days (undefined: not known). */
export interface BalanceComparison {
  readonly opening?: StatedBalance | undefined;
  readonly closing?: StatedBalance | undefined;
  /** The ledger at the end of the day before the statement's first day. */
  readonly ledgerAtOpening: Decimal | undefined;
  /** The ledger at the end of the statement's last day. */
  readonly ledgerAtClosing: Decimal | undefined;
}

/**
 * The opening and closing balance differences (amount: stated minus engine). None for a balance that agrees, or
 * when either side of it is unknown: nothing is claimed without both.
 */
export function compareBalances(comparison: BalanceComparison): FoundDifference[] {
  const differences: FoundDifference[] = [];
  const opening = differenceOf("opening", comparison.opening, comparison.ledgerAtOpening);
  if (opening !== undefined) differences.push(opening);
  const closing = differenceOf("closing", comparison.closing, comparison.ledgerAtClosing);
  if (closing !== undefined) differences.push(closing);
  return differences;
}

function differenceOf(
  which: "opening" | "closing",
  stated: StatedBalance | undefined,
  ledger: Decimal | undefined,
): FoundDifference | undefined {
  if (stated === undefined || ledger === undefined) return undefined;
  const amount = new Money(stated.amount).minus(ledger);
  if (amount.isZero()) return undefined;
  return {
    class: which === "opening" ? "openingBalanceDiffers" : "closingBalanceDiffers",
    lines: [],
    records: [],
    amount,
    detail: `the statement's ${which} balance on ${stated.date} is ${stated.amount.toFixed()}, the engine's ledger ${ledger.toFixed()}`,
  };
}
