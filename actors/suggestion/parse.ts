import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject } from "../../runtime/json.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import { formatAmount } from "../shared/amount.js";
import { Invalid, parseFields, type Fields } from "../shared/fields.js";
import { checkStorable } from "../shared/storable-json.js";
import {
  expiryReasons,
  transferSpeeds,
  type SuggestedTransfer,
  type SuggestionCommand,
  type SuggestionCommandType,
} from "./commands.js";

/** The planner's reason is shown whole with the suggestion and is in every one of its events: bounded. */
export const reasonBytesMax = 8_192;
/** The suggestion's own reference; the approvers are added to it in the transfer's (500 characters at most). */
export const referenceCharactersMax = 200;
/** A person's comment or reason. */
const textMax = 500;
const epochMsMax = 8.64e15;

const accountIdPattern = new RegExp(
  `^${bankCodePattern.source.slice(1, -1)}:${accountNumberPattern.source.slice(1, -1)}$`,
);
const poolPattern = /^[A-Za-z0-9_-]{1,64}$/;
const channelPattern = /^[A-Za-z0-9_-]{1,64}$/;
const principalPattern = /^[\x21-\x7e]{1,200}$/;

const transferFields = ["from", "to", "amount", "currency", "speed", "debitChannel", "creditChannel", "reference"];

const allowedFields: Record<SuggestionCommandType, readonly string[]> = {
  create: ["ruleId", "ruleVersion", "ruleEditor", "pool", "transfer", "reason", "approvalsRequired", "expiresAt"],
  approve: ["comment"],
  reject: ["reason"],
  expire: ["reason"],
  get: [],
  redeliver: [],
  transferAnswer: ["attempt", "ok", "code", "message"],
};

/** The suggestion actor's door from the wire: every field checked, messages that name the field. */
export function parseSuggestionCommand(type: string, payload: unknown): ParseResult<SuggestionCommand> {
  return parseFields("suggestion", type, payload, allowedFields, build);
}

function build(type: SuggestionCommandType, f: Fields): SuggestionCommand {
  switch (type) {
    case "create":
      return {
        type,
        ruleId: f.matching("ruleId", actorIdPattern, "a rule id (1-128 of A-Z a-z 0-9 _ : -)"),
        ruleVersion: f.integer("ruleVersion", 1, 1_000_000_000),
        ruleEditor: f.matching(
          "ruleEditor",
          principalPattern,
          'the principal of the rule\'s last change, e.g. "grpc:olivia"',
        ),
        pool: f.matching("pool", poolPattern, "1-64 characters of A-Z a-z 0-9 _ -"),
        transfer: transferOf(f.object("transfer", transferFields)),
        reason: reasonOf(f),
        approvalsRequired: f.integer("approvalsRequired", 1, 2) as 1 | 2,
        expiresAt: f.has("expiresAt") && !f.isNull("expiresAt") ? f.integer("expiresAt", 0, epochMsMax) : null,
      };
    case "approve":
      return { type, comment: f.text("comment", "", textMax) };
    case "reject":
      return { type, reason: f.requiredText("reason", textMax) };
    case "expire":
      return { type, reason: f.oneOf("reason", expiryReasons) };
    case "get":
    case "redeliver":
      return { type };
    case "transferAnswer": {
      const code = f.has("code") ? f.text("code", "", 64) : undefined;
      const message = f.has("message") ? f.text("message", "", textMax) : undefined;
      return {
        type,
        attempt: f.integer("attempt", 1, Number.MAX_SAFE_INTEGER),
        ok: f.boolean("ok"),
        ...(code !== undefined && { code }),
        ...(message !== undefined && { message }),
      };
    }
  }
}

function transferOf(f: Fields): SuggestedTransfer {
  const account = (name: string) => f.matching(name, accountIdPattern, "an account id <bankCode>:<accountNumber>");
  const from = account("from");
  const to = account("to");
  if (from === to) f.fail("to", "another account than transfer.from");
  const channel = (name: string) => f.matching(name, channelPattern, "a channel id (1-64 of A-Z a-z 0-9 _ -)");
  return {
    from,
    to,
    amount: formatAmount(f.amount("amount")),
    currency: f.currency(),
    speed: f.oneOf("speed", transferSpeeds, "normal"),
    debitChannel: channel("debitChannel"),
    creditChannel: channel("creditChannel"),
    reference: f.text("reference", "", referenceCharactersMax),
  };
}

/** A JSON object the journal stores as it is, at most `reasonBytesMax` bytes of JSON. */
function reasonOf(f: Fields) {
  const reason = f.raw("reason");
  if (!isJsonObject(reason)) return f.fail("reason", "a JSON object (the planner's reasoning)");
  checkStorable(reason, "reason");
  if (new TextEncoder().encode(JSON.stringify(reason)).length > reasonBytesMax)
    throw new Invalid(`reason must be at most ${reasonBytesMax} bytes of JSON`);
  return reason;
}
