import type { DecideContext, DecideResult } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { RuleCommand } from "./commands.js";
import { ruleToJson } from "./definition.js";
import type { RuleEvent } from "./events.js";
import { refuse, type RuleRejectionCode } from "./rejections.js";
import type { RuleState } from "./state.js";
import { ruleProblem } from "./validate.js";
import { describeRule, type RuleChangeReply } from "./view.js";

type Result = DecideResult<RuleEvent, RuleRejectionCode>;
type Context = Pick<DecideContext, "actorId" | "principal" | "now">;

/** A rule's versions (ADR 012 §3). Pure; a rejection changes nothing. */
export function decideRule(state: RuleState, command: RuleCommand, context: Context): Result {
  if (command.type === "get") return { events: [], reply: describeRule(state) };
  if (command.type === "delete" && state.status !== "active") {
    const when = state.status === "deleted" ? ` (deleted at version ${state.version})` : "";
    return refuse("rule_not_found", `rule ${context.actorId} does not exist${when}`, { currentVersion: state.version });
  }
  if (command.expectedVersion !== state.version)
    return refuse(
      "version_conflict",
      `rule ${context.actorId} is at version ${state.version}, not ${command.expectedVersion}: read it again and retry`,
      { currentVersion: state.version },
    );
  const change = {
    version: state.version + 1,
    replacesVersion: state.version,
    principal: context.principal,
    reason: command.reason,
    at: context.now,
  };
  const reply: RuleChangeReply = { version: change.version, replacesVersion: change.replacesVersion };
  switch (command.type) {
    case "put":
      return (
        ruleProblem(command.rule) ?? { events: [{ type: "rulePut", rule: ruleToJson(command.rule), ...change }], reply }
      );
    case "delete":
      return { events: [{ type: "ruleDeleted", ...change }], reply };
    default:
      return unreachable(command);
  }
}
