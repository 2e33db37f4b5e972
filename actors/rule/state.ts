import type { JsonObject } from "../../runtime/json.js";
import { Fields, Invalid } from "../shared/fields.js";
import { JsonReader } from "../shared/json-reader.js";
import { buildRule, ruleFields, ruleToJson, type RuleDefinition, type RuleJson } from "./definition.js";

/** The last change of a rule, as its event recorded it. */
export type RuleChange = {
  readonly kind: "put" | "delete";
  readonly version: number;
  readonly replacesVersion: number;
  readonly principal: string;
  readonly reason: string;
  readonly at: number;
};

/** `version` counts every change, deletes included: the next change must name it as `expectedVersion`. */
export interface RuleState {
  readonly status: "new" | "active" | "deleted";
  readonly version: number;
  readonly rule: RuleDefinition | undefined;
  readonly lastChange: RuleChange | undefined;
}

export const initialRuleState: RuleState = { status: "new", version: 0, rule: undefined, lastChange: undefined };

/** Decodes a rule this actor wrote (event or snapshot) through the parser's own field rules; a failure is corruption. */
export function ruleFromJson(json: JsonObject): RuleDefinition {
  try {
    return buildRule(new Fields(json, ruleFields, "rule."));
  } catch (error) {
    if (error instanceof Invalid) throw new TypeError(`not an encoded rule: ${error.message}`, { cause: error });
    throw error;
  }
}

export function encodeRuleState(state: RuleState): JsonObject {
  return {
    status: state.status,
    version: state.version,
    rule: state.rule ? ruleToJson(state.rule) : null,
    lastChange: state.lastChange ? { ...state.lastChange } : null,
  };
}

export function decodeRuleState(encoded: JsonObject): RuleState {
  const r = JsonReader.of("an encoded rule state", encoded);
  const change = r.objectOrNull("lastChange");
  const rule = r.isNull("rule") ? undefined : ruleFromJson(r.jsonObject("rule"));
  const status = r.oneOf("status", ["new", "active", "deleted"] as const);
  if ((status === "active") !== (rule !== undefined)) r.fail("rule", "present exactly when the rule is active");
  return {
    status,
    version: r.integer("version"),
    rule,
    lastChange: change ? decodeRuleChange(change) : undefined,
  };
}

/** A change record as `encodeRuleState` and `get` write it. */
export function decodeRuleChange(r: JsonReader): RuleChange {
  return {
    kind: r.oneOf("kind", ["put", "delete"] as const),
    version: r.integer("version"),
    replacesVersion: r.integer("replacesVersion"),
    principal: r.text("principal"),
    reason: r.text("reason"),
    at: r.integer("at"),
  };
}

export type { RuleJson };
