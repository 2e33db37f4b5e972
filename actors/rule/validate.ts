import type { Rejection } from "../../runtime/actor-kind.js";
import { formatAmount, Money } from "../shared/amount.js";
import { concentrationSource, type RuleDefinition } from "./definition.js";
import { evaluateAmount, parseExpression, type ExpressionValues } from "./expression.js";
import { refuse, type RuleRejectionCode } from "./rejections.js";

type Refusal = Rejection<RuleRejectionCode>;

/** The checks across fields of a rule at `put`: the first that fails, or undefined when the rule may be stored. */
export function ruleProblem(rule: RuleDefinition): Refusal | undefined {
  return watermarksProblem(rule) ?? limitsProblem(rule) ?? sourcesProblem(rule) ?? expressionProblem(rule);
}

function watermarksProblem(rule: RuleDefinition): Refusal | undefined {
  const levels = [
    ["lowDanger", rule.lowDanger],
    ["lowWarning", rule.lowWarning],
    ["target", rule.target],
    ["high", rule.high],
  ] as const;
  for (let index = 1; index < levels.length; index++) {
    const [lowerName, lower] = levels[index - 1]!;
    const [name, value] = levels[index]!;
    if (value.lessThan(lower))
      return refuse(
        "watermarks_out_of_order",
        `rule.${name} (${formatAmount(value)}) must not be below rule.${lowerName} (${formatAmount(lower)}): lowDanger <= lowWarning <= target <= high`,
        { field: `rule.${name}` },
      );
  }
  return undefined;
}

function limitsProblem(rule: RuleDefinition): Refusal | undefined {
  if (rule.minimum.greaterThan(rule.maximum))
    return refuse(
      "amount_limits_out_of_order",
      `rule.minimum (${formatAmount(rule.minimum)}) must not exceed rule.maximum (${formatAmount(rule.maximum)})`,
      { field: "rule.minimum" },
    );
  if (rule.roundingStep.greaterThan(rule.maximum))
    return refuse(
      "amount_limits_out_of_order",
      `rule.roundingStep (${formatAmount(rule.roundingStep)}) must not exceed rule.maximum (${formatAmount(rule.maximum)})`,
      { field: "rule.roundingStep" },
    );
  return undefined;
}

function sourcesProblem(rule: RuleDefinition): Refusal | undefined {
  const seen = new Set<string>();
  for (const [index, source] of rule.sources.entries()) {
    const field = `rule.sources[${index}]`;
    if (seen.has(source))
      return refuse("invalid_sources", `${field} (${source}) appears twice in rule.sources`, { field });
    seen.add(source);
    if (rule.scope.kind === "account" && source === rule.scope.account)
      return refuse("invalid_sources", `${field} is the rule's own account ${source}: it cannot fund itself`, {
        field,
      });
    if (source === concentrationSource && rule.concentration === null)
      return refuse(
        "invalid_sources",
        `${field} is "${concentrationSource}", but rule.concentration names no account`,
        {
          field,
        },
      );
  }
  if (rule.scope.kind === "account" && rule.concentration === rule.scope.account)
    return refuse("invalid_sources", `rule.concentration is the rule's own account ${rule.concentration}`, {
      field: "rule.concentration",
    });
  return undefined;
}

/**
 * The expression must parse, and give an amount on the rule's own watermarks where a top-up starts: available at
 * lowWarning and at lowDanger, nothing in transit or planned. A fault found there would recur in every plan.
 */
function expressionProblem(rule: RuleDefinition): Refusal | undefined {
  const parsed = parseExpression(rule.amount);
  if (!parsed.ok) return invalidExpression(parsed.error, "");
  const zero = new Money(0);
  for (const available of [rule.lowWarning, rule.lowDanger]) {
    const values: ExpressionValues = {
      target: rule.target,
      available,
      ledger: available,
      inTransitCredit: zero,
      plannedIn: zero,
      high: rule.high,
      low: rule.lowWarning,
    };
    const result = evaluateAmount(parsed.expression, values);
    if (!result.ok) return invalidExpression(result.error, ` when available is ${formatAmount(available)}`);
  }
  return undefined;
}

function invalidExpression(error: { code: string; position: number; message: string }, when: string): Refusal {
  return refuse("invalid_expression", `rule.amount: ${error.message}${when}`, {
    field: "rule.amount",
    position: error.position,
    reason: error.code,
  });
}
