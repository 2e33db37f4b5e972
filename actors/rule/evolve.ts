import { unreachable } from "../../runtime/assert.js";
import type { RuleEvent } from "./events.js";
import { ruleFromJson, type RuleChange, type RuleState } from "./state.js";

/** Applies one event; pure. */
export function evolveRule(state: RuleState, event: RuleEvent): RuleState {
  const change = (kind: RuleChange["kind"]): RuleChange => ({
    kind,
    version: event.version,
    replacesVersion: event.replacesVersion,
    principal: event.principal,
    reason: event.reason,
    at: event.at,
  });
  switch (event.type) {
    case "rulePut":
      return { status: "active", version: event.version, rule: ruleFromJson(event.rule), lastChange: change("put") };
    case "ruleDeleted":
      return { status: "deleted", version: event.version, rule: undefined, lastChange: change("delete") };
    default:
      return unreachable(event);
  }
}
