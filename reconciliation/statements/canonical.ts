import { createHash } from "node:crypto";
import { Decimal } from "decimal.js";
import type { ParsedStatement } from "../model.js";

/**
 * A statement's canonical form and digest (ADR 014 §1): the version of a statement is the SHA-256 of its parsed
 * content, so the same statement in another layout (indentation, namespace prefixes, element order the schema
 * leaves free) is the same version, and any change to what it says is another. Keys are sorted, amounts written
 * with four decimal places, absent fields omitted. A line's `place` (where it sat in the file) is not content, nor is
 * the time the bank wrote the file (`createdAt`): a bank that exports the same day twice, or a pull retried, sends the
 * same statement, not a corrected one. Both are left out.
 */

const omittedKeys: ReadonlySet<string> = new Set(["place", "createdAt"]);

function canonicalValue(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return value.isZero() ? "0.0000" : value.toFixed(4);
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === "object" && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined && !omittedKeys.has(key)) sorted[key] = canonicalValue(field);
    }
    return sorted;
  }
  return value;
}

/** Sorted-key JSON of the statement, amounts as fixed 4-place strings, undefined fields omitted. */
export function canonicalStatement(statement: ParsedStatement): string {
  return JSON.stringify(canonicalValue(statement));
}

/** SHA-256 (hex) of the canonical form: the statement version's name. */
export function statementDigest(statement: ParsedStatement): string {
  return createHash("sha256").update(canonicalStatement(statement), "utf8").digest("hex");
}
