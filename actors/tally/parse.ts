import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject } from "../../runtime/json.js";
import { characterCount } from "../../runtime/text.js";
import { parseAmount } from "../shared/amount.js";
import type { TallyCommand } from "./commands.js";

const reminderKeyPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function parseTallyCommand(type: string, payload: unknown): ParseResult<TallyCommand> {
  const invalid = (message: string): ParseResult<TallyCommand> => ({ ok: false, code: "invalid_command", message });
  if (!isJsonObject(payload)) return invalid("payload must be a JSON object");
  switch (type) {
    case "add": {
      const amount = parseAmount(payload["amount"], { allowNegative: true });
      return amount.ok ? { ok: true, command: { type, amount: amount.amount } } : invalid(amount.message);
    }
    case "schedule": {
      const { key, dueAt } = payload;
      if (typeof key !== "string" || !reminderKeyPattern.test(key))
        return invalid("key must be 1-64 characters of A-Z a-z 0-9 _ -");
      if (typeof dueAt !== "number" || !Number.isSafeInteger(dueAt) || dueAt < 0)
        return invalid("dueAt must be epoch milliseconds");
      return { ok: true, command: { type, key, dueAt } };
    }
    case "remind": {
      const { key } = payload;
      if (typeof key !== "string" || !reminderKeyPattern.test(key)) return invalid("key is invalid");
      return { ok: true, command: { type, key } };
    }
    case "request":
    case "fulfil": {
      const { key, value } = payload;
      if (typeof key !== "string" || !reminderKeyPattern.test(key)) return invalid("key is invalid");
      if (type === "request") return { ok: true, command: { type, key } };
      if (typeof value !== "string" || characterCount(value) > 256)
        return invalid("value must be a string of at most 256 characters");
      return { ok: true, command: { type, key, value } };
    }
    case "get":
      return { ok: true, command: { type } };
    default:
      return { ok: false, code: "unknown_command", message: `the tally actor has no command "${type.slice(0, 64)}"` };
  }
}
