import type { ParseResult } from "../../runtime/actor-kind.js";
import { parseFields, type Fields } from "../shared/fields.js";
import type { RuleCommand, RuleCommandType } from "./commands.js";
import { buildRule, ruleFields } from "./definition.js";

/** A reason is a sentence for the history, not a document. */
export const reasonLengthMax = 500;
const versionMax = 1_000_000_000;

const allowedFields: Record<RuleCommandType, readonly string[]> = {
  put: ["expectedVersion", "reason", "rule"],
  delete: ["expectedVersion", "reason"],
  get: [],
};

/** The rule actor's door from the wire: every field checked, amounts exact, messages name the field. */
export function parseRuleCommand(type: string, payload: unknown): ParseResult<RuleCommand> {
  return parseFields("rule", type, payload, allowedFields, build);
}

function build(type: RuleCommandType, f: Fields): RuleCommand {
  switch (type) {
    case "put":
      return {
        type,
        expectedVersion: f.integer("expectedVersion", 0, versionMax),
        reason: f.requiredText("reason", reasonLengthMax),
        rule: buildRule(f.object("rule", ruleFields)),
      };
    case "delete":
      return {
        type,
        expectedVersion: f.integer("expectedVersion", 0, versionMax),
        reason: f.requiredText("reason", reasonLengthMax),
      };
    case "get":
      return { type };
  }
}
