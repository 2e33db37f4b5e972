import type { Decimal } from "decimal.js";
import {
  approvalsRequired,
  autoCeiling,
  defaultApprovalPolicy,
  type ApprovalPolicy,
  type ApprovalThresholds,
} from "../actors/suggestion/approval-policy.js";
import type { DecisionPolicy } from "../decisions/evaluation.js";
import { formatAmount, parseAmount } from "../actors/shared/amount.js";
import { ConfigError, readJsonConfigFile } from "./config.js";
import { isObject, nearestName } from "./settings.js";

const thresholdKeys = ["autoUpTo", "oneApproverUpTo"] as const;
const topKeys = ["default", "currencies"];
/** ISO 4217 codes as Node's ICU knows them (the same list the actors check currencies against). */
const currencies = new Set(Intl.supportedValuesOf("currency"));

/**
 * Reads `LIQ_APPROVAL_POLICY_FILE` (docs/configuration.md "Approval policy"):
 * `{ "default": { "autoUpTo": "0", "oneApproverUpTo": "50000" },
 *    "currencies": { "CNY": { "autoUpTo": "100000", "oneApproverUpTo": "1000000" } } }`.
 * Unset: `defaultApprovalPolicy` (AUTO moves nothing alone, every suggestion needs two approvers).
 */
export function loadApprovalPolicy(file: string | undefined): ApprovalPolicy {
  if (file === undefined) return defaultApprovalPolicy;
  return parseApprovalPolicy(readJsonConfigFile("LIQ_APPROVAL_POLICY_FILE", file), `LIQ_APPROVAL_POLICY_FILE ${file}`);
}

/** The approval policy as the planner asks it: AUTO's ceiling per currency, and the approvers a suggestion needs. */
export function decisionPolicyOf(policy: ApprovalPolicy): DecisionPolicy {
  return {
    autoCeiling: (currency) => autoCeiling(policy, currency),
    approvalsRequired: (currency, amount) => approvalsRequired(policy, currency, amount),
  };
}

/**
 * Strict: amounts are decimal strings of at least 0, currencies ISO 4217 codes, unknown keys refused with the
 * nearest known one. A currency's threshold left out is the default's; the default's, the built-in one. Every
 * problem is reported at once, one line each, naming `source` and the key.
 */
export function parseApprovalPolicy(parsed: unknown, source = "LIQ_APPROVAL_POLICY_FILE"): ApprovalPolicy {
  const problems: string[] = [];
  if (!isObject(parsed))
    throw new ConfigError(`${source} must hold an object { "default": {...}, "currencies": { "<ISO 4217>": {...} } }`);
  problems.push(...unknownKeys(parsed, topKeys, source));
  const fallback = thresholdsOf(parsed["default"], `${source} default`, defaultApprovalPolicy.default, problems);
  const byCurrency = new Map<string, ApprovalThresholds>();
  const listed = parsed["currencies"] ?? {};
  if (!isObject(listed)) problems.push(`${source} currencies must be an object keyed by ISO 4217 code, e.g. "CNY"`);
  else
    for (const [currency, value] of Object.entries(listed)) {
      const where = `${source} currencies.${currency}`;
      if (!currencies.has(currency)) problems.push(`${where}: ${currency} is not an ISO 4217 currency code`);
      else byCurrency.set(currency, thresholdsOf(value, where, fallback, problems));
    }
  if (problems.length > 0) throw new ConfigError(problems);
  return { default: fallback, currencies: byCurrency };
}

function thresholdsOf(
  value: unknown,
  where: string,
  fallback: ApprovalThresholds,
  problems: string[],
): ApprovalThresholds {
  if (value === undefined) return fallback;
  if (!isObject(value)) {
    problems.push(`${where} must be an object { "autoUpTo": "<amount>", "oneApproverUpTo": "<amount>" }`);
    return fallback;
  }
  problems.push(...unknownKeys(value, thresholdKeys, where));
  const amount = (key: (typeof thresholdKeys)[number]): Decimal => {
    if (value[key] === undefined) return fallback[key];
    const read = parseAmount(value[key], { allowZero: true }, `${where}.${key}`);
    if (read.ok) return read.amount;
    problems.push(read.message);
    return fallback[key];
  };
  const thresholds = { autoUpTo: amount("autoUpTo"), oneApproverUpTo: amount("oneApproverUpTo") };
  if (thresholds.autoUpTo.greaterThan(thresholds.oneApproverUpTo))
    problems.push(
      `${where}: autoUpTo (${formatAmount(thresholds.autoUpTo)}) must not exceed oneApproverUpTo (${formatAmount(thresholds.oneApproverUpTo)}): AUTO would move alone what one approver may not`,
    );
  return thresholds;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], where: string): string[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const nearest = nearestName(key, known);
      return `${where}: ${key} is not a field${nearest === undefined ? ` (the fields are ${known.join(", ")})` : `; did you mean ${nearest}?`}`;
    });
}
