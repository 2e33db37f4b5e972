import type { StatementLine } from "../model.js";
import { StatementRefused } from "./errors.js";
import { fieldPlace, type Mt940Field } from "./mt940-fields.js";
import { entryDateNear, swiftAmount, swiftDate } from "./mt940-values.js";
import { positive, quoted } from "./values.js";

/**
 * One `:61:` statement line and the `:86:` that follows it. The subfields of `:61:`, in order:
 * value date YYMMDD, entry date MMDD (optional), mark (C, D, or RC/RD for the reversal of a credit/debit), funds
 * code (optional, one letter), amount with a decimal comma, transaction type (N, F or S and three characters),
 * customer reference (16 characters at most, NONREF when none), `//` and the bank's reference (optional), and on a
 * second line supplementary details (34 characters at most).
 */
const statementLinePattern =
  /^(?<value>\d{6})(?<entry>\d{4})?(?<mark>RC|RD|C|D)(?<funds>[A-Z])?(?<amount>[\d,]+)(?<type>[NFS][A-Z0-9]{3})(?<references>.*)$/;

const referenceMax = 16;
const supplementaryMax = 34;
const noReference = "NONREF";

/** Marks as the direction the bank booked: reversing a credit takes money out, reversing a debit puts it back. */
const markDirections = { C: "credit", D: "debit", RC: "debit", RD: "credit" } as const;

function references(text: string, place: string): { customer: string | undefined; bank: string | undefined } {
  const separator = text.indexOf("//");
  const customer = separator < 0 ? text : text.slice(0, separator);
  const bank = separator < 0 ? undefined : text.slice(separator + 2);
  if (customer === "" || customer.length > referenceMax)
    throw new StatementRefused(
      place,
      `customer reference ${quoted(customer)} must be 1 to 16 characters (NONREF when none)`,
    );
  if (bank !== undefined && (bank === "" || bank.length > referenceMax))
    throw new StatementRefused(place, `bank reference ${quoted(bank)} after // must be 1 to 16 characters`);
  return { customer: customer === noReference ? undefined : customer, bank };
}

/**
 * The end-to-end id a structured `:86:` carries: SEPA's `EREF+` (in the `?20`–`?29` purpose subfields when the
 * field is in `?`-subfield form) or `/EREF/`. Lines are joined without a break first, since SWIFT cuts lines at 65
 * characters wherever they fall. NOTPROVIDED means none.
 */
export function structuredEndToEndId(information: readonly string[]): string | undefined {
  const joined = information.join("");
  const purpose = /\?\d{2}/.test(joined)
    ? [...joined.matchAll(/\?(\d{2})([^?]*)/g)]
        .filter((match) => /^(2\d|6[0-3])$/.test(match[1]!))
        .map((match) => match[2])
        .join("")
    : joined;
  const found =
    /EREF\+(.*?)(?=[A-Z]{4}\+|$)/.exec(purpose)?.[1] ?? /\/EREF\/(.*?)(?=\/[A-Z]{2,4}\/|$)/.exec(joined)?.[1];
  const id = found?.replace(/\/+$/, "").trim();
  return id === undefined || id === "" || id === "NOTPROVIDED" ? undefined : id;
}

export function mt940Line(line: Mt940Field, information: Mt940Field | undefined, lineNo: number): StatementLine {
  const place = fieldPlace(line);
  const [first, supplementary, ...more] = line.lines;
  const match = statementLinePattern.exec(first!);
  if (match?.groups === undefined)
    throw new StatementRefused(
      place,
      `${quoted(first!)} is not a statement line (YYMMDD[MMDD] C|D|RC|RD amount type reference[//bank reference])`,
    );
  if (more.length > 0) throw new StatementRefused(place, "a statement line has at most two lines");
  if (supplementary !== undefined && supplementary.length > supplementaryMax)
    throw new StatementRefused(place, `supplementary details ${quoted(supplementary)} exceed 34 characters`);
  const groups = match.groups as Record<"value" | "mark" | "amount" | "type" | "references", string> & {
    entry?: string;
  };
  const valueDate = swiftDate(groups.value, place);
  const bookingDate = groups.entry === undefined ? valueDate : entryDateNear(groups.entry, valueDate, place);
  const amount = positive(swiftAmount(groups.amount, place), groups.amount, place);
  const { customer, bank } = references(groups.references, place);
  const endToEndId = customer ?? (information === undefined ? undefined : structuredEndToEndId(information.lines));
  const remittance = [supplementary, information?.lines.join("\n")].filter((text) => text !== undefined);
  const reversal = groups.mark.startsWith("R");
  return {
    lineNo,
    direction: markDirections[groups.mark as keyof typeof markDirections],
    amount,
    status: "booked",
    bookingDate,
    valueDate,
    bankReference: bank,
    endToEndId,
    code: reversal ? `${groups.type} reversal` : groups.type,
    details:
      remittance.length === 0
        ? []
        : [{ amount: undefined, endToEndId, bankReference: bank, remittance: remittance.join("\n") }],
    place,
  };
}
