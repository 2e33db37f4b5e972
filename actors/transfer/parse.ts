import type { ParseResult } from "../../runtime/actor-kind.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import { formatAmount } from "../shared/amount.js";
import { isCalendarDate } from "../reconciliation/id.js";
import { parseFields, type Fields } from "../shared/fields.js";
import {
  resolutionOutcomes,
  wakePurposes,
  type StatementEvidence,
  type StepName,
  type TransferCommand,
  type TransferCommandType,
} from "./commands.js";

type Parsed = ParseResult<TransferCommand>;

const textMax = 500;
const channelPattern = /^[A-Za-z0-9_-]{1,64}$/;
const steps: readonly StepName[] = ["debit", "credit", "reversal"];
/** A statement's lines: a statement of more lines than this is refused at import long before (ADR 014 §1). */
const statementLinesMax = 10_000_000;
const statementIdCharactersMax = 200;
const digestPattern = /^[0-9a-f]{64}$/;
/** As reconciliation takes a line's bank reference: printable ASCII without spaces. */
const bankReferencePattern = /^[\x21-\x7e]{1,128}$/;
/** The latest instant a JavaScript Date holds (epoch ms): any later `executeAt` is no time at all. */
const dateMsMax = 8_640_000_000_000_000;

const allowedFields: Record<TransferCommandType, readonly string[]> = {
  create: [
    "from",
    "to",
    "amount",
    "currency",
    "speed",
    "debitChannel",
    "creditChannel",
    "approvalRequired",
    "failover",
    "reference",
    "executeAt",
  ],
  approve: ["comment"],
  cancel: ["reason"],
  retry: ["reason"],
  resolve: ["outcome", "evidence"],
  confirmResolution: ["outcome", "comment"],
  get: [],
  positionResult: ["taskId", "attempt", "ok", "retryable", "code", "message"],
  channelResult: ["effectId", "allowed", "fee", "code", "message", "retryAt", "alternative"],
  bankResult: ["effectId", "step", "outcome", "bankReference", "reason"],
  bankNotice: ["step", "status", "bankCode", "bankReference", "reason"],
  wake: ["purpose"],
  statementEvidence: [
    "step",
    "accountId",
    "direction",
    "amount",
    "bankReference",
    "statementVersion",
    "statementId",
    "line",
    "bookingDate",
  ],
};

/** The transfer actor's door from the wire: every field checked, messages a person understands. */
export function parseTransferCommand(type: string, payload: unknown): Parsed {
  return parseFields("transfer", type, payload, allowedFields, build);
}

function build(type: TransferCommandType, f: Fields): TransferCommand {
  switch (type) {
    case "create": {
      return {
        type,
        from: account(f, "from"),
        to: account(f, "to"),
        amount: formatAmount(f.amount("amount")),
        currency: f.currency(),
        speed: f.oneOf("speed", ["normal", "urgent"] as const, "normal"),
        debitChannel: f.matching("debitChannel", channelPattern, "a channel id (1-64 of A-Z a-z 0-9 _ -)"),
        creditChannel: f.matching("creditChannel", channelPattern, "a channel id (1-64 of A-Z a-z 0-9 _ -)"),
        approvalRequired: f.boolean("approvalRequired", false),
        failover: f.oneOf("failover", ["failover", "wait"] as const, "failover"),
        reference: f.text("reference", "", textMax),
        // Epoch milliseconds, like every time of the API; whether it is too early or too late needs the clock: decide.
        ...(f.has("executeAt") && { executeAt: f.integer("executeAt", 1, dateMsMax) }),
      };
    }
    case "approve":
      return { type, comment: f.text("comment", "", textMax) };
    case "cancel":
    case "retry":
      return { type, reason: f.requiredText("reason", textMax) };
    case "resolve":
      return {
        type,
        outcome: f.oneOf("outcome", resolutionOutcomes),
        evidence: f.requiredText("evidence", textMax),
      };
    case "confirmResolution":
      return {
        type,
        outcome: f.oneOf("outcome", resolutionOutcomes),
        comment: f.text("comment", "", textMax),
      };
    case "get":
      return { type };
    case "positionResult":
      return {
        type,
        taskId: f.text("taskId", "", textMax),
        ...(f.has("attempt") && { attempt: f.integer("attempt", 1, Number.MAX_SAFE_INTEGER) }),
        ok: f.boolean("ok"),
        retryable: f.boolean("retryable", false),
        ...optionalTexts(f, "code", "message"),
      };
    case "channelResult": {
      return {
        type,
        effectId: f.text("effectId", "", textMax),
        allowed: f.boolean("allowed"),
        ...optionalTexts(f, "code", "message", "alternative"),
        ...(f.has("fee") && { fee: formatAmount(f.amount("fee", { allowZero: true })) }),
        ...(f.has("retryAt") && { retryAt: f.integer("retryAt", 0, Number.MAX_SAFE_INTEGER) }),
      };
    }
    case "bankResult":
      return {
        type,
        effectId: f.text("effectId", "", textMax),
        step: f.oneOf("step", steps),
        outcome: f.oneOf("outcome", ["accepted", "succeeded", "rejected", "not_found", "unknown", "invalid"] as const),
        ...optionalTexts(f, "bankReference", "reason"),
      };
    case "bankNotice":
      return {
        type,
        step: f.oneOf("step", steps),
        status: f.oneOf("status", ["succeeded", "rejected"] as const),
        ...optionalTexts(f, "bankCode", "bankReference", "reason"),
      };
    case "wake":
      return { type, purpose: f.oneOf("purpose", wakePurposes) };
    case "statementEvidence":
      return { type, ...statementEvidence(f) };
  }
}

function statementEvidence(f: Fields): StatementEvidence {
  return {
    step: f.oneOf("step", steps),
    accountId: account(f, "accountId"),
    direction: f.oneOf("direction", ["credit", "debit"] as const),
    amount: formatAmount(f.amount("amount")),
    ...(f.has("bankReference") && {
      bankReference: f.matching(
        "bankReference",
        bankReferencePattern,
        "1-128 printable ASCII characters without spaces",
      ),
    }),
    statementVersion: f.matching("statementVersion", digestPattern, "a SHA-256 digest as 64 lower-case hex digits"),
    statementId: f.requiredText("statementId", statementIdCharactersMax),
    line: f.integer("line", 1, statementLinesMax),
    bookingDate: calendarDate(f, "bookingDate"),
  };
}

/** A day of the calendar written YYYY-MM-DD (no 2026-02-30). */
function calendarDate(f: Fields, name: string): string {
  const value = f.raw(name);
  return typeof value === "string" && isCalendarDate(value)
    ? value
    : f.fail(name, "a day of the calendar (YYYY-MM-DD)");
}

/** An account actor id `<bankCode>:<accountNumber>`. */
function account(f: Fields, name: string): string {
  const value = f.matching(name, actorIdPattern, "an account id <bankCode>:<accountNumber>");
  const colon = value.indexOf(":");
  if (colon < 0 || !bankCodePattern.test(value.slice(0, colon)) || !accountNumberPattern.test(value.slice(colon + 1))) {
    return f.fail(name, "an account id <bankCode>:<accountNumber>");
  }
  return value;
}

/** The fields among `names` that are present, each text of at most `textMax` characters. */
function optionalTexts<K extends string>(f: Fields, ...names: K[]): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const name of names)
    if (f.raw(name) !== undefined && f.raw(name) !== null) result[name] = f.text(name, "", textMax);
  return result;
}
