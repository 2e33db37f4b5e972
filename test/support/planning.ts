import type { Decimal } from "decimal.js";
import type { Speed } from "../../actors/channel/config.js";
import {
  planPool,
  type PlanningInput,
  type PoolAccount,
  type PoolPlan,
  type PoolRule,
} from "../../actors/planner/plan.js";
import type { PlanRecord } from "../../actors/planner/records.js";
import type { RouteOffer } from "../../actors/planner/routes.js";
import { buildRule, ruleFields } from "../../actors/rule/definition.js";
import { Money } from "../../actors/shared/amount.js";
import { Fields } from "../../actors/shared/fields.js";
import type { Json } from "../../runtime/json.js";

/** Builders for the planner's pure input: accounts by available amount, rules by their JSON, plans by their moves. */

export const planningNow = Date.UTC(2026, 11, 7, 10, 0, 0);

export function account(accountId: string, available: string | number, currency = "EUR"): PoolAccount {
  const amount = new Money(available);
  return { accountId, currency, open: true, ledger: amount, available: amount, inTransitCredit: new Money(0) };
}

export function poolRule(ruleId: string, json: Record<string, Json>, version = 1): PoolRule {
  const base: Record<string, Json> = {
    lowDanger: "1000",
    lowWarning: "5000",
    target: "10000",
    high: "50000",
    sources: ["pool-others"],
    amount: "target - available - plannedIn",
    maximum: "100000",
    roundingStep: "1",
    coolDownMs: 0,
    mode: "AUTO",
  };
  return { ruleId, version, rule: buildRule(new Fields({ ...base, ...json }, ruleFields, "rule.")) };
}

export function plan(record: Partial<PlanRecord> & Pick<PlanRecord, "from" | "to">): PlanRecord {
  return {
    planId: `plan:main:EUR:${record.from}-${record.to}`,
    ruleId: "r",
    kind: "topUp",
    amount: new Money(1000),
    at: planningNow - 60_000,
    pending: false,
    executed: true,
    movedMoney: true,
    ...record,
  };
}

/** Every route is open, with a fee of 1 per move (the route choice has its own tests). */
export const openRoutes = (): RouteOffer => ({
  chosen: { debitChannel: "DEBIT", creditChannel: "CREDIT", fee: "1.0000" },
  considered: [],
  nextWindowAt: null,
});

export function planFor(
  accounts: readonly PoolAccount[],
  rules: readonly PoolRule[],
  change: Partial<PlanningInput> = {},
): PoolPlan {
  return planPool({
    now: planningNow,
    currency: "EUR",
    rules,
    poolAccountIds: accounts.map((a) => a.accountId).sort(),
    accounts: new Map(accounts.map((a) => [a.accountId, a])),
    plans: [],
    tripped: new Map(),
    autoCeiling: null,
    sweeps: false,
    route: openRoutes,
    ...change,
  });
}

/** The moves of a plan as `from→to amount speed` lines, for readable assertions. */
export function movesOf(result: PoolPlan): string[] {
  return result.decisions.flatMap((decision) =>
    decision.moves.map((move) => `${move.from}→${move.to} ${move.amount.toFixed(4)} ${move.speed}`),
  );
}

export function speedOf(result: PoolPlan): Speed | undefined {
  return result.decisions[0]?.moves[0]?.speed;
}

export function total(values: readonly Decimal[]): Decimal {
  return values.reduce((sum, value) => sum.plus(value), new Money(0) as Decimal);
}
