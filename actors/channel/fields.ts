import type { Decimal } from "decimal.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { parseAmount } from "../shared/amount.js";

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
      throw new Invalid(`unknown field ${JSON.stringify(this.path + unknown[0]!.slice(0, 64))}; ${this.path || "this command "}takes ${allowed.join(", ") || "no fields"}`);
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

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.payload[name];
    return (values as readonly Json[]).includes(value ?? null) ? (value as T) : this.fail(name, values.map((v) => `"${v}"`).join(" or "));
  }

  integer(name: string, min: number, max: number, fallback?: number): number {
    const value = this.payload[name];
    if (value === undefined && fallback !== undefined) return fallback;
    return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max ? value : this.fail(name, `an integer from ${min} to ${max}`);
  }

  boolean(name: string): boolean {
    const value = this.payload[name];
    return typeof value === "boolean" ? value : this.fail(name, "true or false");
  }

  amount(name: string, options: { allowZero?: boolean } = {}): Decimal {
    const parsed = parseAmount(this.payload[name], options);
    if (!parsed.ok) throw new Invalid(`${this.path}${name}: ${parsed.message}`);
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
    return value.map((item, index) => (isJsonObject(item) ? new Fields(item, allowed, `${this.path}${name}[${index}].`) : this.fail(`${name}[${index}]`, "an object")));
  }

  keys(): string[] {
    return Object.keys(this.payload).filter((key) => this.payload[key] !== undefined);
  }
}
