import type { Decimal } from "decimal.js";
import { formatAmount, Money } from "../../actors/shared/amount.js";
import { isBookingDay } from "../../actors/shared/booking-day.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import type { BookingDirection, LineDetail, LineStatus, StatementLine } from "../model.js";

/**
 * A statement line as JSON, for the line store (ADR 014 §1): amounts as decimal strings with four places (a line
 * holds at most four), absent fields left out. Decoding is strict: a field missing, unknown or of the wrong shape is
 * a stored document that is not what the engine wrote, and throws `StatementLineInvalid` naming the field.
 */

/** A stored line that does not decode: corruption or a bug, never a caller's mistake. */
export class StatementLineInvalid extends Error {
  override readonly name = "StatementLineInvalid";
}

const lineKeys: ReadonlySet<string> = new Set([
  "lineNo",
  "direction",
  "amount",
  "status",
  "bookingDate",
  "valueDate",
  "bankReference",
  "endToEndId",
  "code",
  "details",
  "place",
]);
const detailKeys: ReadonlySet<string> = new Set(["amount", "endToEndId", "bankReference", "remittance"]);
const amountPattern = /^(0|[1-9]\d{0,15})\.\d{4}$/;

export function encodeStatementLine(line: StatementLine): JsonObject {
  const json: JsonObject = {
    lineNo: line.lineNo,
    direction: line.direction,
    amount: formatAmount(line.amount),
    status: line.status,
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
  };
  if (line.bankReference !== undefined) json["bankReference"] = line.bankReference;
  if (line.endToEndId !== undefined) json["endToEndId"] = line.endToEndId;
  if (line.code !== undefined) json["code"] = line.code;
  json["details"] = line.details.map(encodeDetail);
  json["place"] = line.place;
  return json;
}

function encodeDetail(detail: LineDetail): JsonObject {
  const json: JsonObject = {};
  if (detail.amount !== undefined) json["amount"] = formatAmount(detail.amount);
  if (detail.endToEndId !== undefined) json["endToEndId"] = detail.endToEndId;
  if (detail.bankReference !== undefined) json["bankReference"] = detail.bankReference;
  if (detail.remittance !== undefined) json["remittance"] = detail.remittance;
  return json;
}

/** `where` names the document for the error (`statement_lines <digest>:3 lines[14]`). */
export function decodeStatementLine(json: Json, where: string): StatementLine {
  const fields = objectOf(json, where, lineKeys);
  const details = fields["details"];
  if (!Array.isArray(details)) return fail(where, "details", "a list");
  const lineNo = fields["lineNo"];
  if (typeof lineNo !== "number" || !Number.isSafeInteger(lineNo) || lineNo < 1)
    return fail(where, "lineNo", "a positive integer");
  return {
    lineNo,
    direction: oneOf<BookingDirection>(fields, "direction", ["credit", "debit"], where),
    amount: amountOf(fields["amount"], where, "amount"),
    status: oneOf<LineStatus>(fields, "status", ["booked", "pending"], where),
    bookingDate: dayOf(fields, "bookingDate", where),
    valueDate: dayOf(fields, "valueDate", where),
    bankReference: optionalText(fields, "bankReference", where),
    endToEndId: optionalText(fields, "endToEndId", where),
    code: optionalText(fields, "code", where),
    details: details.map((detail, index) => decodeDetail(detail, `${where} details[${index}]`)),
    place: text(fields, "place", where),
  };
}

function decodeDetail(json: Json, where: string): LineDetail {
  const fields = objectOf(json, where, detailKeys);
  return {
    amount: fields["amount"] === undefined ? undefined : amountOf(fields["amount"], where, "amount"),
    endToEndId: optionalText(fields, "endToEndId", where),
    bankReference: optionalText(fields, "bankReference", where),
    remittance: optionalText(fields, "remittance", where),
  };
}

function objectOf(json: Json, where: string, keys: ReadonlySet<string>): JsonObject {
  if (!isJsonObject(json)) throw new StatementLineInvalid(`${where}: not a JSON object`);
  const unknown = Object.keys(json).find((key) => !keys.has(key));
  if (unknown !== undefined) throw new StatementLineInvalid(`${where}: unknown field ${JSON.stringify(unknown)}`);
  return json;
}

function fail(where: string, field: string, rule: string): never {
  throw new StatementLineInvalid(`${where}: ${field} must be ${rule}`);
}

function text(fields: JsonObject, name: string, where: string): string {
  const value = fields[name];
  return typeof value === "string" ? value : fail(where, name, "a string");
}

function optionalText(fields: JsonObject, name: string, where: string): string | undefined {
  return fields[name] === undefined ? undefined : text(fields, name, where);
}

function oneOf<T extends string>(fields: JsonObject, name: string, values: readonly T[], where: string): T {
  const value = fields[name];
  return typeof value === "string" && (values as readonly string[]).includes(value)
    ? (value as T)
    : fail(where, name, values.join(" or "));
}

function dayOf(fields: JsonObject, name: string, where: string): string {
  const value = fields[name];
  return isBookingDay(value) ? value : fail(where, name, "a date YYYY-MM-DD");
}

function amountOf(value: Json | undefined, where: string, name: string): Decimal {
  return typeof value === "string" && amountPattern.test(value)
    ? new Money(value)
    : fail(where, name, "a decimal string with four places");
}
