import { readFileSync } from "node:fs";
import { Decimal } from "decimal.js";
import type { ParsedStatement } from "../../reconciliation/model.js";

/** The hand-written statement files of test/fixtures/statements, and a view of parsed statements to compare. */

const fixtureFolder = new URL("../fixtures/statements/", import.meta.url);

export function statementFixture(name: string): string {
  return readFileSync(new URL(name, fixtureFolder), "utf8");
}

/** Same shape, every amount written with four decimal places so that deep equality compares values exactly. */
type Plain<T> = T extends Decimal
  ? string
  : T extends readonly (infer Item)[]
    ? Plain<Item>[]
    : T extends object
      ? { [Key in keyof T]: Plain<T[Key]> }
      : T;

function plainValue(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return value.toFixed(4);
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plainValue(field)]));
  return value;
}

export type PlainStatement = Plain<ParsedStatement>;

export function plainStatement(statement: ParsedStatement): PlainStatement {
  return plainValue(statement) as PlainStatement;
}
