import type { Decimal } from "decimal.js";
import { Money } from "../../actors/shared/amount.js";
import type { ParsedStatement, StatedBalance, StatementLine } from "../model.js";
import { StatementRefused } from "./errors.js";

/** A parsed statement with where it sits in its file (`Stmt[2]`, `message 1 at line 3`), for messages. */
export interface LocatedStatement {
  readonly place: string;
  readonly statement: ParsedStatement;
}

/** How a statement is named in a refusal: its place and the bank's id. */
export function statementLabel(located: LocatedStatement): string {
  return `${located.place} (id ${located.statement.statementId})`;
}

/** An amount for a message: at least two decimal places, more only when it has them. */
export function displayAmount(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed();
}

/** Credits minus debits of the booked lines: what the statement says moved the bank's book. */
export function bookedMovement(lines: readonly StatementLine[]): Decimal {
  let sum: Decimal = new Money(0);
  for (const line of lines) {
    if (line.status !== "booked") continue;
    sum = line.direction === "credit" ? sum.plus(line.amount) : sum.minus(line.amount);
  }
  return sum;
}

/**
 * The balance rule: when a statement states both an opening and a closing booked balance, the opening plus its
 * booked lines must be the closing. A statement that breaks it is incomplete or corrupt, and is refused rather than
 * reconciled into differences that are not real.
 */
export function checkBalance(located: LocatedStatement): void {
  const { opening, closing, lines } = located.statement;
  if (opening === undefined || closing === undefined) return;
  const movement = bookedMovement(lines);
  if (opening.amount.plus(movement).equals(closing.amount)) return;
  throw new StatementRefused(
    statementLabel(located),
    `opening ${displayAmount(opening.amount)} + booked lines ${displayAmount(movement)} ≠ closing ${displayAmount(closing.amount)}`,
  );
}

/**
 * The first and last booking day a statement covers, when the file does not state them: the days of its booked
 * lines and its closing balance. A pending line (which may be dated ahead) counts only when nothing else does.
 */
export function coveredDates(
  lines: readonly StatementLine[],
  closing: StatedBalance | undefined,
): { fromDate: string; toDate: string } | undefined {
  const days = lines.filter((line) => line.status === "booked").map((line) => line.bookingDate);
  if (closing !== undefined) days.push(closing.date);
  if (days.length === 0) days.push(...lines.map((line) => line.bookingDate));
  if (days.length === 0) return undefined;
  days.sort();
  return { fromDate: days[0]!, toDate: days.at(-1)! };
}

/** Checks every format shares once a statement is whole: its dates in order. Amounts and dates are checked as read. */
export function checkStatement(located: LocatedStatement): void {
  const { fromDate, toDate } = located.statement;
  if (fromDate > toDate)
    throw new StatementRefused(statementLabel(located), `its first day ${fromDate} is after its last day ${toDate}`);
  checkBalance(located);
}
