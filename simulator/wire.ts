import type { Decimal } from "decimal.js";
import { formatAmount, parseAmount } from "../actors/shared/amount.js";

/**
 * Reading the simulator's JSON bodies. Every field is checked before anything is recorded, so a bad request
 * (HTTP 400) changes no state. Amounts must be decimal strings that fit DECIMAL(20,4) (`parseAmount`).
 */

/** A request the simulator refuses before it touches any state; `status` is the HTTP status to answer. */
export class SimulatorRequestError extends Error {
  override readonly name = "SimulatorRequestError";
  constructor(
    readonly status: 400 | 404 | 409 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const bankCodePattern = /^[A-Za-z0-9_-]{1,32}$/;
export const accountPattern = /^[A-Za-z0-9._:-]{1,64}$/;
export const serialPattern = /^[A-Za-z0-9._:-]{1,160}$/;
const currencyPattern = /^[A-Z]{3}$/;
const urlLengthMax = 2_048;

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SimulatorRequestError(400, "invalid_body", `${what} must be a JSON object`);
  }
  return value as JsonObject;
}

function invalid(field: string, message: string): SimulatorRequestError {
  return new SimulatorRequestError(
    400,
    `invalid_${field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`,
    message,
  );
}

export function requiredString(body: JsonObject, field: string, pattern?: RegExp): string {
  const value = body[field];
  if (value === undefined || value === null)
    throw new SimulatorRequestError(400, "missing_field", `${field} is required`);
  if (typeof value !== "string") throw invalid(field, `${field} must be a string`);
  if (pattern && !pattern.test(value))
    throw invalid(field, `${field} "${value.slice(0, 40)}" does not match ${String(pattern)}`);
  return value;
}

export function requiredAmount(body: JsonObject, field: string, options: { allowZero?: boolean } = {}): Decimal {
  if (body[field] === undefined) throw new SimulatorRequestError(400, "missing_field", `${field} is required`);
  const parsed = parseAmount(body[field], { allowZero: options.allowZero ?? false }, field);
  if (!parsed.ok) throw new SimulatorRequestError(400, "invalid_amount", parsed.message);
  return parsed.amount;
}

export function requiredCurrency(body: JsonObject): string {
  return requiredString(body, "currency", currencyPattern);
}

function optionalCallbackUrl(body: JsonObject): string | undefined {
  const value = body["callbackUrl"];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > urlLengthMax || !URL.canParse(value))
    throw invalid("callbackUrl", "callbackUrl must be an absolute URL");
  const protocol = new URL(value).protocol;
  if (protocol !== "http:" && protocol !== "https:") throw invalid("callbackUrl", "callbackUrl must be http or https");
  return value;
}

/** What a client asked the bank to do; the fields a repeat of the serial must match are all but `callbackUrl`. */
export type Instruction = DebitInstruction | CreditInstruction | ReversalInstruction;
export type InstructionType = Instruction["type"];

interface InstructionBase {
  readonly serial: string;
  readonly account: string;
  readonly amount: Decimal;
  readonly currency: string;
  /** Not part of the fingerprint: a resend may come from another engine node with its own callback address. */
  readonly callbackUrl: string | undefined;
}

export interface DebitInstruction extends InstructionBase {
  readonly type: "debit";
  readonly toBankCode: string;
  readonly toAccount: string;
  readonly speed: "normal" | "urgent";
}

export interface CreditInstruction extends InstructionBase {
  readonly type: "credit";
  readonly fromBankCode: string;
  readonly fromAccount: string;
  readonly debitSerial: string;
}

export interface ReversalInstruction extends InstructionBase {
  readonly type: "reversal";
  readonly originalSerial: string;
}

function parseBase(body: JsonObject): InstructionBase {
  return {
    serial: requiredString(body, "serial", serialPattern),
    account: requiredString(body, "account", accountPattern),
    amount: requiredAmount(body, "amount"),
    currency: requiredCurrency(body),
    callbackUrl: optionalCallbackUrl(body),
  };
}

export function parseInstruction(type: InstructionType, value: unknown): Instruction {
  const body = asObject(value, `a ${type} request`);
  const base = parseBase(body);
  switch (type) {
    case "debit": {
      const speed = requiredString(body, "speed");
      if (speed !== "normal" && speed !== "urgent") throw invalid("speed", `speed must be "normal" or "urgent"`);
      return {
        ...base,
        type,
        toBankCode: requiredString(body, "toBankCode", bankCodePattern),
        toAccount: requiredString(body, "toAccount", accountPattern),
        speed,
      };
    }
    case "credit":
      return {
        ...base,
        type,
        fromBankCode: requiredString(body, "fromBankCode", bankCodePattern),
        fromAccount: requiredString(body, "fromAccount", accountPattern),
        debitSerial: requiredString(body, "debitSerial", serialPattern),
      };
    case "reversal":
      return { ...base, type, originalSerial: requiredString(body, "originalSerial", serialPattern) };
  }
}

/** The fields a repeat of the same serial must carry unchanged, in a canonical form ("5" and "5.0000" are equal). */
export function fingerprintOf(instruction: Instruction): string {
  const { callbackUrl: _ignored, amount, ...rest } = instruction;
  const fields: Record<string, string> = { ...rest, amount: formatAmount(amount) };
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((key) => [key, fields[key]]),
  );
}
