import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import { formatAmount } from "../shared/amount.js";
import { isBookingDay } from "../shared/booking-day.js";
import { parseFields, type Fields } from "../shared/fields.js";
import { checkStorable } from "../shared/storable-json.js";
import {
  pullOutcomes,
  statementFormats,
  statementSources,
  type StatedBalanceJson,
  type StatementsCommand,
  type StatementsCommandType,
} from "./commands.js";

/** A bank's statement id: camt allows 35 characters, MT940's `:20:/:28C:` fewer; room for a CSV's own. */
export const statementIdCharactersMax = 140;
/** A statement's lines: far above a day of a busy account, bounded so a count is never absurd. */
export const lineCountMax = 10_000_000;
/** The header is the statement without its lines: a few hundred characters; bounded like a job's payload. */
export const headerCharactersMax = 4_096;
const principalCharactersMax = 200;
const digestPattern = /^[0-9a-f]{64}$/;
const pullNumberMax = 1_000_000_000;
const attemptMax = 1_000;
const messageMax = 500;

const registerFields = [
  "statementId",
  "digest",
  "format",
  "sequence",
  "fromDate",
  "toDate",
  "currency",
  "opening",
  "closing",
  "lineCount",
  "createdAt",
  "source",
  "principal",
  "header",
];

const allowedFields: Record<StatementsCommandType, readonly string[]> = {
  register: registerFields,
  get: [],
  pull: ["date"],
  pullDue: ["pull"],
  pulled: ["pull", "attempt", "outcome", "message"],
};

/** The statements actor's door from the wire: every field checked, messages that name the field. */
export function parseStatementsCommand(type: string, payload: unknown): ParseResult<StatementsCommand> {
  return parseFields("statements", type, payload, allowedFields, build);
}

function build(type: StatementsCommandType, f: Fields): StatementsCommand {
  switch (type) {
    case "register":
      return buildRegister(f);
    case "get":
      return { type };
    case "pull":
      return { type, date: pullDate(f) };
    case "pullDue":
      return { type, pull: f.integer("pull", 1, pullNumberMax) };
    case "pulled":
      return {
        type,
        pull: f.integer("pull", 1, pullNumberMax),
        attempt: f.integer("attempt", 1, attemptMax),
        outcome: f.oneOf("outcome", pullOutcomes),
        message: f.text("message", "", messageMax),
      };
  }
}

function buildRegister(f: Fields): StatementsCommand {
  const fromDate = day(f, "fromDate");
  const toDate = day(f, "toDate");
  if (toDate < fromDate) f.fail("toDate", `on or after fromDate (${fromDate})`);
  return {
    type: "register",
    statementId: f.requiredText("statementId", statementIdCharactersMax),
    digest: f.matching("digest", digestPattern, "a SHA-256 in 64 lower-case hex digits"),
    format: f.oneOf("format", statementFormats),
    sequence: f.has("sequence") ? f.requiredText("sequence", statementIdCharactersMax) : undefined,
    fromDate,
    toDate,
    currency: f.currency(),
    opening: balance(f, "opening"),
    closing: balance(f, "closing"),
    lineCount: f.integer("lineCount", 0, lineCountMax),
    createdAt: f.has("createdAt") ? f.requiredText("createdAt", 64) : undefined,
    source: f.oneOf("source", statementSources),
    principal: f.requiredText("principal", principalCharactersMax),
    header: header(f),
  };
}

function day(f: Fields, name: string): string {
  const value = f.raw(name);
  return isBookingDay(value) ? value : f.fail(name, "a date YYYY-MM-DD");
}

/** "yesterday" stays as it is (the decider resolves it from the turn's time); otherwise a calendar day. */
function pullDate(f: Fields): string {
  const value = f.raw("date");
  return value === "yesterday" || isBookingDay(value) ? value : f.fail("date", 'a date YYYY-MM-DD or "yesterday"');
}

function balance(f: Fields, name: string): StatedBalanceJson | undefined {
  if (!f.has(name) || f.isNull(name)) return undefined;
  const fields = f.object(name, ["amount", "date"]);
  return {
    amount: formatAmount(fields.amount("amount", { allowZero: true, allowNegative: true })),
    date: day(fields, "date"),
  };
}

function header(f: Fields): JsonObject {
  const value = f.raw("header");
  if (!isJsonObject(value)) return f.fail("header", "an object (the statement without its lines)");
  if (JSON.stringify(value).length > headerCharactersMax)
    return f.fail("header", `at most ${headerCharactersMax} characters of JSON`);
  checkStorable(value, "header");
  return value;
}
