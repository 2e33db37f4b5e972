import type { Decimal } from "decimal.js";
import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { characterCount, truncateText } from "../../runtime/text.js";
import { parseAmount } from "./amount.js";

/** ISO 4217 codes as Node's ICU knows them. */
const currencies = new Set(Intl.supportedValuesOf("currency"));

/**
 * An actor kind's door from the wire: an unknown command or a non-object payload is refused, the payload's fields
 * are checked against the command's list, and `build` turns them into a command; `Invalid` becomes
 * `invalid_command` with its message.
 */
export function parseFields<T extends string, C>(
  actorName: string,
  type: string,
  payload: unknown,
  allowedFields: Readonly<Record<T, readonly string[]>>,
  build: (type: T, fields: Fields) => C,
): ParseResult<C> {
  if (!Object.hasOwn(allowedFields, type))
    return {
      ok: false,
      code: "unknown_command",
      message: `the ${actorName} actor has no command "${type.slice(0, 64)}"`,
    };
  if (!isJsonObject(payload)) return { ok: false, code: "invalid_command", message: "payload must be a JSON object" };
  try {
    return { ok: true, command: build(type as T, new Fields(payload, allowedFields[type as T])) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: "invalid_command", message: error.message };
    throw error;
  }
}

/** A payload field that breaks its rule; the message names the field by its path. */
export class Invalid extends Error {}

/** Typed access to one JSON object of a payload; unknown fields are refused so that a misspelt one never passes. */
export class Fields {
  constructor(
    private readonly payload: JsonObject,
    allowed: readonly string[],
    private readonly path = "",
  ) {
    const unknown = Object.keys(payload).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      throw new Invalid(
        `unknown field ${JSON.stringify(this.path + truncateText(unknown[0]!, 64))}; ${this.path || "this command "}takes ${allowed.join(", ") || "no fields"}`,
      );
    }
  }

  has(name: string): boolean {
    return this.payload[name] !== undefined;
  }

  isNull(name: string): boolean {
    return this.payload[name] === null;
  }

  fail(name: string, rule: string): never {
    throw new Invalid(`${this.path}${name} must be ${rule}`);
  }

  matching(name: string, pattern: RegExp, rule: string): string {
    const value = this.payload[name];
    return typeof value === "string" && pattern.test(value) ? value : this.fail(name, rule);
  }

  raw(name: string): Json | undefined {
    return this.payload[name];
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T {
    const value = this.payload[name] ?? fallback;
    return (values as readonly Json[]).includes(value ?? null)
      ? (value as T)
      : this.fail(name, values.map((v) => `"${v}"`).join(" or "));
  }

  integer(name: string, min: number, max: number, fallback?: number): number {
    const value = this.payload[name];
    if (value === undefined && fallback !== undefined) return fallback;
    return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max
      ? value
      : this.fail(name, `an integer from ${min} to ${max}`);
  }

  boolean(name: string, fallback?: boolean): boolean {
    const value = this.payload[name] ?? fallback;
    return typeof value === "boolean" ? value : this.fail(name, "true or false");
  }

  currency(name = "currency"): string {
    const value = this.payload[name];
    return typeof value === "string" && currencies.has(value)
      ? value
      : this.fail(name, 'an ISO 4217 code such as "EUR"');
  }

  /** Text of at most `max` characters (code points, not UTF-16 units), so at most 4 × `max` bytes of UTF-8. */
  text(name: string, fallback: string, max: number): string {
    const value = this.payload[name] ?? fallback;
    return typeof value === "string" && characterCount(value) <= max
      ? value
      : this.fail(name, `text of at most ${max} characters`);
  }

  requiredText(name: string, max: number): string {
    const value = this.text(name, "", max);
    if (value.trim() === "") throw new Invalid(`${this.path}${name} is required`);
    return value;
  }

  amount(name: string, options: { allowZero?: boolean; allowNegative?: boolean } = {}): Decimal {
    const parsed = parseAmount(this.payload[name], options, `${this.path}${name}`);
    if (!parsed.ok) throw new Invalid(parsed.message);
    return parsed.amount;
  }

  /** A nested object; absent gives an empty one when `optional`. */
  object(name: string, allowed: readonly string[], optional = false): Fields {
    const value = this.payload[name];
    if (value === undefined && optional) return new Fields({}, allowed, `${this.path}${name}.`);
    return isJsonObject(value) ? new Fields(value, allowed, `${this.path}${name}.`) : this.fail(name, "an object");
  }

  /** An optional array of objects (absent: empty), at most `max` long. */
  objects(name: string, allowed: readonly string[], max: number): Fields[] {
    const value = this.payload[name];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length > max) return this.fail(name, `a list of at most ${max} objects`);
    return value.map((item, index) =>
      isJsonObject(item)
        ? new Fields(item, allowed, `${this.path}${name}[${index}].`)
        : this.fail(`${name}[${index}]`, "an object"),
    );
  }

  keys(): string[] {
    return Object.keys(this.payload).filter((key) => this.payload[key] !== undefined);
  }
}
