import type { Json, JsonObject } from "../../runtime/json.js";
import type { Struct, Struct__Output } from "../../protos/generated/google/protobuf/Struct.js";
import type { Value, Value__Output } from "../../protos/generated/google/protobuf/Value.js";

/**
 * A JSON object as a `google.protobuf.Struct`, so that clients read an event's fields as JSON (grpcurl prints
 * them as an object) instead of a JSON string inside JSON. Amounts are strings already and stay strings.
 */
export function structOf(object: JsonObject): Struct {
  const fields: Record<string, Value> = {};
  for (const [key, value] of Object.entries(object)) fields[key] = valueOf(value);
  return { fields };
}

function valueOf(value: Json): Value {
  if (value === null) return { nullValue: "NULL_VALUE", kind: "nullValue" };
  if (typeof value === "string") return { stringValue: value, kind: "stringValue" };
  if (typeof value === "number") return { numberValue: value, kind: "numberValue" };
  if (typeof value === "boolean") return { boolValue: value, kind: "boolValue" };
  if (Array.isArray(value)) return { listValue: { values: value.map(valueOf) }, kind: "listValue" };
  return { structValue: structOf(value), kind: "structValue" };
}

/** The JSON object a `google.protobuf.Struct` carries (as decoded by proto-loader), for clients and tests. */
export function jsonOfStruct(struct: Struct__Output | null | undefined): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) object[key] = jsonOfValue(value);
  return object;
}

function jsonOfValue(value: Value__Output): Json {
  switch (value.kind) {
    case "stringValue":
      return value.stringValue ?? "";
    case "numberValue":
      return value.numberValue ?? 0;
    case "boolValue":
      return value.boolValue ?? false;
    case "structValue":
      return jsonOfStruct(value.structValue);
    case "listValue":
      return (value.listValue?.values ?? []).map(jsonOfValue);
    case "nullValue":
    case undefined:
      return null;
  }
}
