import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";

/**
 * Tables in an encoded actor state (a snapshot) are written as arrays of objects: FerretDB refuses arrays of arrays
 * ("nested arrays are not supported"), so states written as rows of pairs were never snapshotted there. Positional
 * rows are still read, for snapshots a real MongoDB stored before this change.
 */
export function encodeRows(fields: readonly string[], rows: readonly (readonly Json[])[]): JsonObject[] {
  return rows.map((row) => Object.fromEntries(fields.map((field, index) => [field, row[index] ?? null])));
}

/** The rows of `value` as positional arrays in `fields` order, or undefined when it is not a table of them. */
export function decodeRows(fields: readonly string[], value: Json | undefined): Json[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const rows: Json[][] = [];
  for (const row of value) {
    if (Array.isArray(row)) rows.push(row);
    else if (isJsonObject(row)) rows.push(fields.map((field) => row[field] ?? null));
    else return undefined;
  }
  return rows;
}
