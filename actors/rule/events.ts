import type { RuleJson } from "./definition.js";

/** Who changed the rule, why, when (epoch ms), and the version the change replaces: the rule's history. */
type ChangeFields = {
  version: number;
  replacesVersion: number;
  principal: string;
  reason: string;
  at: number;
};

/** The rule's journal: every version, each with its change record. */
export type RuleEvent = ({ type: "rulePut"; rule: RuleJson } & ChangeFields) | ({ type: "ruleDeleted" } & ChangeFields);

export type RuleEventType = RuleEvent["type"];
