import type { ParsedStatement, StatedBalance, StatementFormat } from "../model.js";
import { entryLine } from "./camt-entry.js";
import { balanceAmount, currencyCode, dayOfChoice, directionOf } from "./camt-values.js";
import { coveredDates } from "./checks.js";
import { StatementRefused } from "./errors.js";
import { dayOfDateTime, isoDateTime } from "./values.js";
import {
  attribute,
  optional,
  optionalPath,
  optionalText,
  repeated,
  required,
  requiredText,
  textOf,
  type XmlElement,
} from "./xml-tree.js";

/** One camt `Stmt` (camt.053) or `Rpt` (camt.052): its header, booked balances and entries. */

/** Balance types read: OPBD (opening booked), PRCD (previous closing booked, an opening when OPBD is absent), CLBD. */
type BalanceCode = "OPBD" | "PRCD" | "CLBD";
const readBalanceCodes: readonly string[] = ["OPBD", "PRCD", "CLBD"];

/** `Acct/Id`: the IBAN, else the other id. */
function accountNumberOf(account: XmlElement): string {
  const id = required(account, "Id");
  const iban = optionalText(id, "IBAN");
  if (iban !== undefined) return iban;
  const other = optional(id, "Othr");
  if (other === undefined) throw new StatementRefused(id.place, "holds neither IBAN nor Othr/Id");
  return requiredText(other, "Id");
}

/** `Acct/Svcr/FinInstnId`: its BIC (`BICFI`, `BIC` before version 04), else its other id. */
function bankCodeOf(account: XmlElement): string | undefined {
  const institution = optionalPath(account, "Svcr", "FinInstnId");
  if (institution === undefined) return undefined;
  const other = optional(institution, "Othr");
  return (
    optionalText(institution, "BICFI") ??
    optionalText(institution, "BIC") ??
    (other === undefined ? undefined : optionalText(other, "Id"))
  );
}

/** `Acct/Ccy`, else the currency of the first amount (a statement is in one currency, checked amount by amount). */
function currencyOf(statement: XmlElement, account: XmlElement): string {
  const stated = optional(account, "Ccy");
  if (stated !== undefined) return currencyCode(textOf(stated), stated.place);
  const first = [...repeated(statement, "Bal"), ...repeated(statement, "Ntry")][0];
  const amount = first === undefined ? undefined : optional(first, "Amt");
  const currency = amount === undefined ? undefined : attribute(amount, "Ccy");
  if (amount === undefined || currency === undefined)
    throw new StatementRefused(`${account.place}/Ccy`, "missing, and no amount states a currency");
  return currencyCode(currency, amount.place);
}

/** Every `Bal`, each checked; the booked opening and closing among them. Other types (ITBD, CLAV...) are not kept. */
function balancesOf(
  statement: XmlElement,
  currency: string,
): { opening: StatedBalance | undefined; closing: StatedBalance | undefined } {
  const found = new Map<BalanceCode, StatedBalance>();
  for (const balance of repeated(statement, "Bal")) {
    const type = required(required(balance, "Tp"), "CdOrPrtry");
    const code = optionalText(type, "Cd");
    const magnitude = balanceAmount(required(balance, "Amt"), currency);
    const amount = directionOf(balance) === "debit" ? magnitude.negated() : magnitude;
    const date = dayOfChoice(required(balance, "Dt"));
    if (code === undefined || !readBalanceCodes.includes(code)) continue;
    if (found.has(code as BalanceCode))
      throw new StatementRefused(balance.place, `a second ${code} balance in one statement`);
    found.set(code as BalanceCode, { amount, date });
  }
  return { opening: found.get("OPBD") ?? found.get("PRCD"), closing: found.get("CLBD") };
}

/** `FrToDt`, else the days of the lines and the closing balance, else the day the statement was made. */
function periodOf(
  statement: XmlElement,
  dated: Parameters<typeof coveredDates>,
  createdAt: string | undefined,
): { fromDate: string; toDate: string } {
  const period = optional(statement, "FrToDt");
  if (period !== undefined) {
    const from = required(period, "FrDtTm");
    const to = required(period, "ToDtTm");
    return { fromDate: dayOfDateTime(textOf(from), from.place), toDate: dayOfDateTime(textOf(to), to.place) };
  }
  const covered = coveredDates(...dated);
  if (covered !== undefined) return covered;
  if (createdAt !== undefined) return { fromDate: createdAt.slice(0, 10), toDate: createdAt.slice(0, 10) };
  throw new StatementRefused(
    statement.place,
    "states no FrToDt, no CreDtTm, no closing balance and no entry: its day is unknown",
  );
}

export function camtStatement(
  statement: XmlElement,
  format: StatementFormat,
  groupCreatedAt: string | undefined,
): ParsedStatement {
  const statementId = requiredText(statement, "Id");
  const created = optional(statement, "CreDtTm");
  const createdAt = created === undefined ? groupCreatedAt : isoDateTime(textOf(created), created.place);
  const account = required(statement, "Acct");
  const currency = currencyOf(statement, account);
  const { opening, closing } = balancesOf(statement, currency);
  const lines = repeated(statement, "Ntry").map((entry, index) => entryLine(entry, index + 1, currency));
  return {
    format,
    statementId,
    sequence: optionalText(statement, "ElctrncSeqNb") ?? optionalText(statement, "LglSeqNb"),
    accountNumber: accountNumberOf(account),
    bankCode: bankCodeOf(account),
    currency,
    createdAt,
    ...periodOf(statement, [lines, closing], createdAt),
    opening,
    closing,
    lines,
  };
}
