import type { ParseResult } from "../../runtime/actor-kind.js";
import { Money } from "../shared/amount.js";
import { isBookingDay } from "../shared/booking-day.js";
import { parseFields, type Fields } from "../shared/fields.js";
import { accountNumberPattern, bankCodePattern } from "./account-key.js";
import type { AccountCommand, AccountCommandType, Direction } from "./commands.js";

type Parsed = ParseResult<AccountCommand>;

const poolPattern = /^[A-Za-z0-9_-]{1,64}$/;
const idPattern = /^[\x21-\x7e]{1,128}$/;
/** 120, so that the command id `entry:<entryId>` fits the runtime's 128 (ADR 004 §2). */
export const entryIdPattern = /^[\x21-\x7e]{1,120}$/;
const textMax = 256;

/** Fields each command accepts; anything else is refused, so a misspelt field never passes silently. */
const allowedFields: Record<AccountCommandType, readonly string[]> = {
  open: ["bankCode", "accountNumber", "currency", "pool", "overdraftLimit", "countInTransitCredit"],
  recordEntry: ["entryId", "direction", "amount", "currency", "description", "bookingDate"],
  freeze: ["freezeId", "amount", "currency", "reason"],
  unfreeze: ["freezeId", "reason"],
  reserve: ["reservationId", "direction", "amount", "currency", "transferId"],
  settle: ["reservationId"],
  release: ["reservationId", "reason"],
  syncStatement: ["statementId", "balance", "currency", "asOf"],
  close: ["reason"],
  get: [],
  ledgerAsOf: ["date"],
};

/** The account actor's door from the wire: every field checked, amounts exact, messages a person understands. */
export function parseAccountCommand(type: string, payload: unknown): Parsed {
  return parseFields("account", type, payload, allowedFields, build);
}

function build(type: AccountCommandType, f: Fields): AccountCommand {
  const id = (name: string) => f.matching(name, idPattern, "1-128 printable ASCII characters without spaces");
  const text = (name: string) => f.text(name, "", textMax);
  const direction = (): Direction => f.oneOf("direction", ["credit", "debit"] as const);
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
      return {
        type,
        entryId: f.matching("entryId", entryIdPattern, "1-120 printable ASCII characters without spaces"),
        direction: direction(),
        amount: f.amount("amount"),
        currency: f.currency(),
        description: text("description"),
        bookingDate: f.has("bookingDate") ? day(f, "bookingDate") : undefined,
      };
    case "freeze":
      return {
        type,
        freezeId: id("freezeId"),
        amount: f.amount("amount"),
        currency: f.currency(),
        reason: f.requiredText("reason", textMax),
      };
    case "unfreeze":
      return { type, freezeId: id("freezeId"), reason: text("reason") };
    case "reserve":
      return {
        type,
        reservationId: id("reservationId"),
        direction: direction(),
        amount: f.amount("amount"),
        currency: f.currency(),
        transferId: id("transferId"),
      };
    case "settle":
      return { type, reservationId: id("reservationId") };
    case "release":
      return { type, reservationId: id("reservationId"), reason: text("reason") };
    case "syncStatement":
      return {
        type,
        statementId: id("statementId"),
        balance: f.amount("balance", { allowZero: true, allowNegative: true }),
        currency: f.currency(),
        asOf: dayOfInstant(f, "asOf"),
      };
    case "close":
      return { type, reason: text("reason") };
    case "get":
      return { type };
    case "ledgerAsOf":
      return { type, date: day(f, "date") };
  }
}

/** A calendar day, YYYY-MM-DD. */
function day(f: Fields, name: string): string {
  const value = f.raw(name);
  return isBookingDay(value) ? value : f.fail(name, "a calendar date YYYY-MM-DD (2026-11-25)");
}

/** A date (YYYY-MM-DD) or UTC timestamp, as its UTC day: a statement's balance is compared at the end of its day. */
function dayOfInstant(f: Fields, name: string): string {
  const value = f.raw(name);
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)?$/;
  const time = typeof value === "string" && shape.test(value) ? Date.parse(value) : Number.NaN;
  const date = Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
  if (date === undefined || !isBookingDay(date) || date !== (value as string).slice(0, 10)) {
    return f.fail(name, "a date (2026-11-25) or a UTC timestamp (2026-11-25T17:00:00Z)");
  }
  return date;
}
