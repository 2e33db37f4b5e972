import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import { formatAmount, parseAmount } from "../shared/amount.js";
import type { StepName, TransferCommand, TransferCommandType } from "./commands.js";

type Parsed = ParseResult<TransferCommand>;

const textMax = 500;
const currencies = new Set(Intl.supportedValuesOf("currency"));
const channelPattern = /^[A-Za-z0-9_-]{1,64}$/;
const steps: readonly StepName[] = ["debit", "credit", "reversal"];

const allowedFields: Record<TransferCommandType, readonly string[]> = {
  create: ["from", "to", "amount", "currency", "speed", "debitChannel", "creditChannel", "approvalRequired", "failover", "reference"],
  approve: ["comment"],
  cancel: ["reason"],
  retry: ["reason"],
  resolve: ["outcome", "evidence"],
  get: [],
  positionResult: ["taskId", "ok", "retryable", "code", "message"],
  channelResult: ["effectId", "allowed", "fee", "code", "message", "retryAt", "alternative"],
  bankResult: ["effectId", "step", "outcome", "bankReference", "reason"],
  bankNotice: ["step", "status", "bankReference", "reason"],
  wake: ["purpose"],
};

class Invalid extends Error {}

/** The transfer actor's door from the wire: every field checked, messages a person understands. */
export function parseTransferCommand(type: string, payload: unknown): Parsed {
  if (!Object.hasOwn(allowedFields, type)) return { ok: false, code: "unknown_command", message: `the transfer actor has no command "${type.slice(0, 64)}"` };
  if (!isJsonObject(payload)) return { ok: false, code: "invalid_command", message: "payload must be a JSON object" };
  try {
    const f = new Fields(payload, allowedFields[type as TransferCommandType]);
    return { ok: true, command: build(type as TransferCommandType, f) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: "invalid_command", message: error.message };
    throw error;
  }
}

function build(type: TransferCommandType, f: Fields): TransferCommand {
  switch (type) {
    case "create": {
      const amount = parseAmount(f.raw("amount"));
      if (!amount.ok) throw new Invalid(`amount: ${amount.message}`);
      return {
        type,
        from: f.account("from"),
        to: f.account("to"),
        amount: formatAmount(amount.amount),
        currency: f.currency(),
        speed: f.oneOf("speed", ["normal", "urgent"] as const, "normal"),
        debitChannel: f.matching("debitChannel", channelPattern, "a channel id (1-64 of A-Z a-z 0-9 _ -)"),
        creditChannel: f.matching("creditChannel", channelPattern, "a channel id (1-64 of A-Z a-z 0-9 _ -)"),
        approvalRequired: f.boolean("approvalRequired", false),
        failover: f.oneOf("failover", ["failover", "wait"] as const, "failover"),
        reference: f.text("reference", ""),
      };
    }
    case "approve":
      return { type, comment: f.text("comment", "") };
    case "cancel":
    case "retry":
      return { type, reason: f.requiredText("reason") };
    case "resolve":
      return { type, outcome: f.oneOf("outcome", ["credited", "returned", "not_debited"] as const), evidence: f.requiredText("evidence") };
    case "get":
      return { type };
    case "positionResult":
      return { type, taskId: f.text("taskId", ""), ok: f.boolean("ok"), retryable: f.boolean("retryable", false), ...f.optionalTexts("code", "message") };
    case "channelResult": {
      const retryAt = f.raw("retryAt");
      if (retryAt !== undefined && !(typeof retryAt === "number" && Number.isSafeInteger(retryAt) && retryAt >= 0)) throw new Invalid("retryAt must be epoch milliseconds");
      const fee = f.raw("fee");
      const parsedFee = fee === undefined ? undefined : parseAmount(fee, { allowZero: true });
      if (parsedFee && !parsedFee.ok) throw new Invalid(`fee: ${parsedFee.message}`);
      return {
        type, effectId: f.text("effectId", ""), allowed: f.boolean("allowed"), ...f.optionalTexts("code", "message", "alternative"),
        ...(parsedFee?.ok && { fee: formatAmount(parsedFee.amount) }), ...(retryAt !== undefined && { retryAt: retryAt as number }),
      };
    }
    case "bankResult":
      return {
        type, effectId: f.text("effectId", ""), step: f.oneOf("step", steps),
        outcome: f.oneOf("outcome", ["accepted", "succeeded", "rejected", "not_found", "unknown", "invalid"] as const), ...f.optionalTexts("bankReference", "reason"),
      };
    case "bankNotice":
      return { type, step: f.oneOf("step", steps), status: f.oneOf("status", ["succeeded", "rejected"] as const), ...f.optionalTexts("bankReference", "reason") };
    case "wake":
      return { type, purpose: f.oneOf("purpose", ["step", "task", "approval"] as const) };
  }
}

/** Typed access to a payload's fields; each accessor throws `Invalid` naming the field. */
class Fields {
  constructor(
    private readonly payload: JsonObject,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw new Invalid(`unknown field ${JSON.stringify(unknown[0]!.slice(0, 64))}; this command takes ${allowed.join(", ") || "no fields"}`);
  }

  raw(name: string): unknown {
    return this.payload[name];
  }

  matching(name: string, pattern: RegExp, rule: string): string {
    const value = this.payload[name];
    if (typeof value !== "string" || !pattern.test(value)) throw new Invalid(`${name} must be ${rule}`);
    return value;
  }

  /** An account actor id `<bankCode>:<accountNumber>`. */
  account(name: string): string {
    const value = this.matching(name, actorIdPattern, "an account id <bankCode>:<accountNumber>");
    const colon = value.indexOf(":");
    if (colon < 0 || !bankCodePattern.test(value.slice(0, colon)) || !accountNumberPattern.test(value.slice(colon + 1))) {
      throw new Invalid(`${name} must be an account id <bankCode>:<accountNumber>`);
    }
    return value;
  }

  currency(): string {
    const value = this.payload["currency"];
    if (typeof value !== "string" || !currencies.has(value)) throw new Invalid("currency must be an ISO 4217 code such as \"EUR\"");
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T {
    const value = this.payload[name] ?? fallback;
    if (typeof value !== "string" || !values.includes(value as T)) throw new Invalid(`${name} must be one of ${values.join(", ")}`);
    return value as T;
  }

  boolean(name: string, fallback?: boolean): boolean {
    const value = this.payload[name] ?? fallback;
    if (typeof value !== "boolean") throw new Invalid(`${name} must be true or false`);
    return value;
  }

  text(name: string, fallback: string): string {
    const value = this.payload[name] ?? fallback;
    if (typeof value !== "string" || value.length > textMax) throw new Invalid(`${name} must be text of at most ${textMax} characters`);
    return value;
  }

  requiredText(name: string): string {
    const value = this.text(name, "");
    if (value.trim() === "") throw new Invalid(`${name} is required`);
    return value;
  }

  optionalTexts<K extends string>(...names: K[]): Partial<Record<K, string>> {
    const result: Partial<Record<K, string>> = {};
    for (const name of names) if (this.payload[name] !== undefined && this.payload[name] !== null) result[name] = this.text(name, "");
    return result;
  }
}
