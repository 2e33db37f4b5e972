import type { LineDetail, LineStatus, StatementLine } from "../model.js";
import { booleanOf, dayOfChoice, directionOf, entryAmount } from "./camt-values.js";
import { StatementRefused } from "./errors.js";
import { quoted } from "./values.js";
import {
  optional,
  optionalPath,
  optionalText,
  repeated,
  required,
  requiredText,
  textOf,
  type XmlElement,
} from "./xml-tree.js";

/**
 * One camt `Ntry` as a statement line. A reversal (`RvslInd` true) keeps the direction the bank booked it with
 * (a reversed debit is booked as a credit) and is marked in `code` with the suffix " reversal".
 */

/** The end-to-end id banks write when the payer gave none: no reference at all. */
const notProvided = "NOTPROVIDED";

/**
 * `Sts`: a code (from version 08 on `<Sts><Cd>BOOK</Cd></Sts>`, before it `<Sts>BOOK</Sts>`). BOOK is booked.
 * PDNG (pending), INFO (for information only) and FUTR (booked on a future day) have not moved the bank's book
 * yet: they are pending lines, listed and never matched.
 */
function statusOf(entry: XmlElement): LineStatus {
  const status = required(entry, "Sts");
  const code = typeof status.value === "string" ? textOf(status) : requiredText(status, "Cd");
  if (code === "BOOK") return "booked";
  if (code === "PDNG" || code === "INFO" || code === "FUTR") return "pending";
  throw new StatementRefused(status.place, `${quoted(code)} is not an entry status (BOOK, PDNG, INFO or FUTR)`);
}

/** `BkTxCd`: the ISO domain, family and sub-family joined with "/" (`PMNT/RCDT/ESCT`), else the proprietary code. */
function bankTransactionCode(entry: XmlElement): string | undefined {
  const code = optional(entry, "BkTxCd");
  if (code === undefined) return undefined;
  const domain = optional(code, "Domn");
  if (domain !== undefined) {
    const family = required(domain, "Fmly");
    return [requiredText(domain, "Cd"), requiredText(family, "Cd"), requiredText(family, "SubFmlyCd")].join("/");
  }
  const proprietary = optional(code, "Prtry");
  return proprietary === undefined ? undefined : requiredText(proprietary, "Cd");
}

/** A detail's amount: `AmtDtls/TxAmt/Amt`, else the `Amt` later versions put on the detail itself. */
function detailAmount(detail: XmlElement, currency: string): LineDetail["amount"] {
  const amount = optionalPath(detail, "AmtDtls", "TxAmt", "Amt") ?? optional(detail, "Amt");
  return amount === undefined ? undefined : entryAmount(amount, currency);
}

function endToEndIdOf(refs: XmlElement | undefined): string | undefined {
  const id = refs === undefined ? undefined : optionalText(refs, "EndToEndId");
  return id === notProvided ? undefined : id;
}

/** The unstructured remittance lines, joined with a space. */
function remittanceOf(detail: XmlElement): string | undefined {
  const info = optional(detail, "RmtInf");
  const lines = info === undefined ? [] : repeated(info, "Ustrd").map(textOf);
  const text = lines.filter((line) => line !== "").join(" ");
  return text === "" ? undefined : text;
}

function detailOf(detail: XmlElement, currency: string): LineDetail {
  const refs = optional(detail, "Refs");
  return {
    amount: detailAmount(detail, currency),
    endToEndId: endToEndIdOf(refs),
    bankReference: refs === undefined ? undefined : optionalText(refs, "AcctSvcrRef"),
    remittance: remittanceOf(detail),
  };
}

/** Every `TxDtls` of every `NtryDtls`, in order (a batch may be reported in one or several `NtryDtls`). */
function detailsOf(entry: XmlElement, currency: string): LineDetail[] {
  return repeated(entry, "NtryDtls").flatMap((group) =>
    repeated(group, "TxDtls").map((detail) => detailOf(detail, currency)),
  );
}

/**
 * The booking day: `BookgDt`, which booked entries must have; a pending entry without one takes its value day.
 * The value day defaults to the booking day.
 */
function datesOf(entry: XmlElement, status: LineStatus): { bookingDate: string; valueDate: string } {
  const booking = optional(entry, "BookgDt");
  const value = optional(entry, "ValDt");
  const valueDate = value === undefined ? undefined : dayOfChoice(value);
  if (booking !== undefined) {
    const bookingDate = dayOfChoice(booking);
    return { bookingDate, valueDate: valueDate ?? bookingDate };
  }
  if (status === "pending" && valueDate !== undefined) return { bookingDate: valueDate, valueDate };
  throw new StatementRefused(`${entry.place}/BookgDt`, "missing");
}

export function entryLine(entry: XmlElement, lineNo: number, currency: string): StatementLine {
  const amount = entryAmount(required(entry, "Amt"), currency);
  const direction = directionOf(entry);
  const reversalMark = optional(entry, "RvslInd");
  const reversal = reversalMark !== undefined && booleanOf(reversalMark);
  const status = statusOf(entry);
  const code = bankTransactionCode(entry);
  const details = detailsOf(entry, currency);
  const single = details.length === 1 ? details[0] : undefined;
  return {
    lineNo,
    direction,
    amount,
    status,
    ...datesOf(entry, status),
    bankReference: optionalText(entry, "AcctSvcrRef") ?? single?.bankReference,
    endToEndId: single?.endToEndId,
    code: reversal ? [code, "reversal"].filter((part) => part !== undefined).join(" ") : code,
    details,
    place: entry.place,
  };
}
