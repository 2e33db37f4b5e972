import type { Decimal } from "decimal.js";
import type { BookingDirection } from "../model.js";
import { StatementRefused } from "./errors.js";
import { dayOfDateTime, isoDate, lineAmount, quoted, unsignedAmount } from "./values.js";
import { attribute, optional, required, textOf, type XmlElement } from "./xml-tree.js";

/** The values camt writes the same way in balances, entries and details. */

const currencyPattern = /^[A-Z]{3}$/;

/** An ISO 4217 code as camt writes it (three capitals). */
export function currencyCode(text: string, place: string): string {
  if (!currencyPattern.test(text)) throw new StatementRefused(place, `${quoted(text)} is not a currency code`);
  return text;
}

/** The `Ccy` of an amount element, checked against the account's currency. */
function checkedCurrency(amount: XmlElement, accountCurrency: string): void {
  const currency = attribute(amount, "Ccy");
  if (currency === undefined) throw new StatementRefused(amount.place, "the Ccy attribute is missing");
  if (currency !== accountCurrency)
    throw new StatementRefused(amount.place, `currency ${quoted(currency)} is not the account's ${accountCurrency}`);
}

/** A balance's magnitude (zero allowed): `<Amt Ccy="EUR">100.00</Amt>`. */
export function balanceAmount(amount: XmlElement, accountCurrency: string): Decimal {
  checkedCurrency(amount, accountCurrency);
  return unsignedAmount(textOf(amount), amount.place);
}

/** An entry's or a detail's amount: more than zero, in the account's currency. */
export function entryAmount(amount: XmlElement, accountCurrency: string): Decimal {
  checkedCurrency(amount, accountCurrency);
  return lineAmount(textOf(amount), amount.place);
}

/** `CdtDbtInd`: CRDT or DBIT. */
export function directionOf(parent: XmlElement): BookingDirection {
  const element = required(parent, "CdtDbtInd");
  const text = textOf(element);
  if (text === "CRDT") return "credit";
  if (text === "DBIT") return "debit";
  throw new StatementRefused(element.place, `${quoted(text)} is neither CRDT nor DBIT`);
}

/** A `DateAndDateTimeChoice` (`<Dt>` or `<DtTm>`): its day, as the bank wrote it. */
export function dayOfChoice(choice: XmlElement): string {
  const date = optional(choice, "Dt");
  const dateTime = optional(choice, "DtTm");
  if (date !== undefined && dateTime !== undefined)
    throw new StatementRefused(choice.place, "holds both Dt and DtTm where one is allowed");
  if (date !== undefined) return isoDate(textOf(date), date.place);
  if (dateTime !== undefined) return dayOfDateTime(textOf(dateTime), dateTime.place);
  throw new StatementRefused(choice.place, "holds neither Dt nor DtTm");
}

/** An xs:boolean (`RvslInd`). */
export function booleanOf(element: XmlElement): boolean {
  const text = textOf(element);
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw new StatementRefused(element.place, `${quoted(text)} is not true or false`);
}
