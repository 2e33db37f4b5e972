import type { Decimal } from "decimal.js";
import { Money } from "../shared/amount.js";

/** How many people a transfer of one currency needs, by its amount; both bounds inclusive. */
export type ApprovalThresholds = {
  /** The largest amount a rule in AUTO may move with no approver at all (the planner's ceiling). */
  readonly autoUpTo: Decimal;
  /** The largest amount one approver may approve; a larger suggestion needs two. */
  readonly oneApproverUpTo: Decimal;
};

/** The approval policy (LIQ_APPROVAL_POLICY_FILE, docs/configuration.md): thresholds per currency, and a default. */
export type ApprovalPolicy = {
  readonly default: ApprovalThresholds;
  readonly currencies: ReadonlyMap<string, ApprovalThresholds>;
};

/**
 * Without a policy nothing moves without people: AUTO moves no amount alone (every AUTO plan becomes a suggestion)
 * and every suggestion needs two approvers, until the policy says how much one approver, or none, may decide.
 */
export const defaultApprovalPolicy: ApprovalPolicy = {
  default: { autoUpTo: new Money(0), oneApproverUpTo: new Money(0) },
  currencies: new Map(),
};

export function thresholdsFor(policy: ApprovalPolicy, currency: string): ApprovalThresholds {
  return policy.currencies.get(currency) ?? policy.default;
}

/** The approvals a suggestion to move `amount` of `currency` needs: 1 up to `oneApproverUpTo`, else 2. */
export function approvalsRequired(policy: ApprovalPolicy, currency: string, amount: Decimal | string): 1 | 2 {
  return new Money(amount).lessThanOrEqualTo(thresholdsFor(policy, currency).oneApproverUpTo) ? 1 : 2;
}

/** The largest amount of `currency` a rule in AUTO may execute with no approver (above it: a suggestion). */
export function autoCeiling(policy: ApprovalPolicy, currency: string): Decimal {
  return thresholdsFor(policy, currency).autoUpTo;
}
