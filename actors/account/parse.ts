import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import { Money, parseAmount } from "../shared/amount.js";
import { accountNumberPattern, bankCodePattern } from "./account-key.js";
import type { AccountCommand, AccountCommandType, Direction } from "./commands.js";

type Parsed = ParseResult<AccountCommand>;

const poolPattern = /^[A-Za-z0-9_-]{1,64}$/;
const idPattern = /^[\x21-\x7e]{1,128}$/;
/** 120, so that the command id `entry:<entryId>` fits the runtime's 128 (ADR 004 §2). */
export const entryIdPattern = /^[\x21-\x7e]{1,120}$/;
const textMax = 256;
/** ISO 4217 codes as Node's ICU knows them. */
const currencies = new Set(Intl.supportedValuesOf("currency"));

/** Fields each command accepts; anything else is refused, so a misspelt field never passes silently. */
const allowedFields: Record<AccountCommandType, readonly string[]> = {
  open: ["bankCode", "accountNumber", "currency", "pool", "overdraftLimit", "countInTransitCredit"],
  recordEntry: ["entryId", "direction", "amount", "currency", "description"],
  freeze: ["freezeId", "amount", "currency", "reason"],
  unfreeze: ["freezeId", "reason"],
  reserve: ["reservationId", "direction", "amount", "currency", "transferId"],
  settle: ["reservationId"],
  release: ["reservationId", "reason"],
  syncStatement: ["statementId", "balance", "currency", "asOf"],
  close: ["reason"],
  get: [],
};

class Invalid extends Error {}

/** The account actor's door from the wire: every field checked, amounts exact, messages a person understands. */
export function parseAccountCommand(type: string, payload: unknown): Parsed {
  if (!Object.hasOwn(allowedFields, type)) return { ok: false, code: "unknown_command", message: `the account actor has no command "${type.slice(0, 64)}"` };
  if (!isJsonObject(payload)) return { ok: false, code: "invalid_command", message: "payload must be a JSON object" };
  try {
    return { ok: true, command: build(type as AccountCommandType, new Fields(payload, allowedFields[type as AccountCommandType])) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: "invalid_command", message: error.message };
    throw error;
  }
}

function build(type: AccountCommandType, f: Fields): AccountCommand {
  switch (type) {
    case "open":
      return {
        type,
        bankCode: f.matching("bankCode", bankCodePattern, "1-32 letters or digits"),
        accountNumber: f.matching("accountNumber", accountNumberPattern, "1-64 letters, digits or -"),
        currency: f.currency(),
        pool: f.matching("pool", poolPattern, "1-64 characters of A-Z a-z 0-9 _ -"),
        overdraftLimit: f.has("overdraftLimit") ? f.amount("overdraftLimit", { allowZero: true }) : new Money(0),
        countInTransitCredit: f.boolean("countInTransitCredit", true),
      };
    case "recordEntry":
      return { type, entryId: f.matching("entryId", entryIdPattern, "1-120 printable ASCII characters without spaces"), direction: f.direction(), amount: f.amount("amount"), currency: f.currency(), description: f.text("description", "") };
    case "freeze":
      return { type, freezeId: f.id("freezeId"), amount: f.amount("amount"), currency: f.currency(), reason: f.requiredText("reason") };
    case "unfreeze":
      return { type, freezeId: f.id("freezeId"), reason: f.text("reason", "") };
    case "reserve":
      return { type, reservationId: f.id("reservationId"), direction: f.direction(), amount: f.amount("amount"), currency: f.currency(), transferId: f.id("transferId") };
    case "settle":
      return { type, reservationId: f.id("reservationId") };
    case "release":
      return { type, reservationId: f.id("reservationId"), reason: f.text("reason", "") };
    case "syncStatement":
      return { type, statementId: f.id("statementId"), balance: f.amount("balance", { allowZero: true, allowNegative: true }), currency: f.currency(), asOf: f.instant("asOf") };
    case "close":
      return { type, reason: f.text("reason", "") };
    case "get":
      return { type };
  }
}

/** Typed access to a payload's fields; each accessor throws `Invalid` with the field's name. */
class Fields {
  constructor(
    private readonly payload: JsonObject,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw new Invalid(`unknown field ${JSON.stringify(unknown[0]!.slice(0, 64))}; this command takes ${allowed.join(", ") || "no fields"}`);
  }

  has(name: string): boolean {
    return this.payload[name] !== undefined;
  }

  matching(name: string, pattern: RegExp, rule: string): string {
    const value = this.payload[name];
    if (typeof value !== "string" || !pattern.test(value)) throw new Invalid(`${name} must be ${rule}`);
    return value;
  }

  id(name: string): string {
    return this.matching(name, idPattern, "1-128 printable ASCII characters without spaces");
  }

  currency(): string {
    const value = this.payload["currency"];
    if (typeof value !== "string" || !currencies.has(value)) throw new Invalid("currency must be an ISO 4217 code such as \"EUR\"");
    return value;
  }

  direction(): Direction {
    const value = this.payload["direction"];
    if (value !== "credit" && value !== "debit") throw new Invalid("direction must be \"credit\" or \"debit\"");
    return value;
  }

  amount(name: string, options: { allowZero?: boolean; allowNegative?: boolean } = {}) {
    return parseAmountOrThrow(this.payload[name], name, options);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.payload[name];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new Invalid(`${name} must be true or false`);
    return value;
  }

  text(name: string, fallback: string): string {
    const value = this.payload[name];
    if (value === undefined) return fallback;
    if (typeof value !== "string" || value.length > textMax) throw new Invalid(`${name} must be text of at most ${textMax} characters`);
    return value;
  }

  requiredText(name: string): string {
    const value = this.text(name, "");
    if (value.trim() === "") throw new Invalid(`${name} is required`);
    return value;
  }

  /** A date (YYYY-MM-DD) or UTC timestamp, normalized to ISO 8601 so that instants compare as strings. */
  instant(name: string): string {
    const value = this.payload[name];
    const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)?$/;
    const time = typeof value === "string" && shape.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== (value as string).slice(0, 10)) {
      throw new Invalid(`${name} must be a date (2026-11-25) or a UTC timestamp (2026-11-25T17:00:00Z)`);
    }
    return new Date(time).toISOString();
  }
}

function parseAmountOrThrow(value: unknown, name: string, options: { allowZero?: boolean; allowNegative?: boolean }) {
  const parsed = parseAmount(value, options);
  if (!parsed.ok) throw new Invalid(`${name}: ${parsed.message}`);
  return parsed.amount;
}
