import type { Json } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { ruleToJson, type RuleJson } from "./definition.js";
import { decodeRuleChange, ruleFromJson, type RuleChange, type RuleState } from "./state.js";

/** What `get` answers: the rule (null unless active), its version and the change that made it. */
export type RuleView = {
  readonly status: RuleState["status"];
  readonly version: number;
  readonly rule: RuleJson | null;
  readonly lastChange: RuleChange | null;
};

/** What `put` and `delete` answer: the new version and the one it replaced. */
export type RuleChangeReply = { readonly version: number; readonly replacesVersion: number };

export function describeRule(state: RuleState): RuleView {
  return {
    status: state.status,
    version: state.version,
    rule: state.rule ? ruleToJson(state.rule) : null,
    lastChange: state.lastChange ? { ...state.lastChange } : null,
  };
}

/** A rule's `get` reply as it comes back from the runtime; `source` names it for the error. */
export function decodeRuleView(reply: Json, source: string): RuleView {
  const r = JsonReader.of(source, reply);
  const change = r.objectOrNull("lastChange");
  return {
    status: r.oneOf("status", ["new", "active", "deleted"] as const),
    version: r.integer("version"),
    rule: r.isNull("rule") ? null : ruleToJson(ruleFromJson(r.jsonObject("rule"))),
    lastChange: change ? decodeRuleChange(change) : null,
  };
}

export function decodeRuleChangeReply(reply: Json, source: string): RuleChangeReply {
  const r = JsonReader.of(source, reply);
  return { version: r.integer("version"), replacesVersion: r.integer("replacesVersion") };
}
