import type { ActorKind } from "../../runtime/actor-kind.js";
import type { RuleCommand } from "./commands.js";
import { decideRule } from "./decide.js";
import type { RuleEvent } from "./events.js";
import { evolveRule } from "./evolve.js";
import { parseRuleCommand } from "./parse.js";
import type { RuleRejectionCode } from "./rejections.js";
import { decodeRuleState, encodeRuleState, initialRuleState, type RuleState } from "./state.js";

/** A decision rule (ADR 012 §1, §3): versioned, every change journaled with its principal, reason and replaced version. */
export const ruleKind: ActorKind<RuleState, RuleCommand, RuleEvent, RuleRejectionCode> = {
  name: "rule",
  logField: "rule",
  initialState: () => initialRuleState,
  parseCommand: parseRuleCommand,
  decide: decideRule,
  evolve: evolveRule,
  encodeState: encodeRuleState,
  decodeState: decodeRuleState,
};

export type { RuleCommand, RuleEvent, RuleRejectionCode, RuleState };
export type { RuleDefinition, RuleJson, RuleMode, RuleScope } from "./definition.js";
export { isWithinActiveHours } from "./definition.js";
export type { RuleChangeReply, RuleView } from "./view.js";
