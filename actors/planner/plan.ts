import type { Decimal } from "decimal.js";
import type { Speed } from "../channel/config.js";
import { formatAmount, Money } from "../shared/amount.js";
import { concentrationSource, isWithinActiveHours, poolOthers, type RuleDefinition } from "../rule/definition.js";
import { evaluateAmount, parseExpression, type ExpressionValues } from "../rule/expression.js";
import { roundDown, roundUp, type MoveKind, type PlanRecord } from "./records.js";
import { routeNote, type RouteFinder, type RouteOffer } from "./routes.js";

/**
 * The planner (ADR 012 §4): given a pool's rules, the accounts it read from their actors, the plans already made and
 * what channels offer, the transfers to make now. Pure: the same input gives the same plan, so a dry run shows
 * exactly what an evaluation would do, and a property test can hold it to its guards.
 */

/** An account as the planner read it from its actor. */
export interface PoolAccount {
  readonly accountId: string;
  readonly currency: string;
  readonly open: boolean;
  readonly ledger: Decimal;
  readonly available: Decimal;
  readonly inTransitCredit: Decimal;
}

export interface PoolRule {
  readonly ruleId: string;
  readonly version: number;
  readonly rule: RuleDefinition;
}

export interface PlanningInput {
  readonly now: number;
  readonly currency: string;
  /** The pool's rules: account rules, and at most one pool rule for the accounts without one. */
  readonly rules: readonly PoolRule[];
  /** The pool's accounts in this currency, in id order: the targets, and what `pool-others` names. */
  readonly poolAccountIds: readonly string[];
  /** Every account read: the pool's and the named sources and concentration accounts outside it. */
  readonly accounts: ReadonlyMap<string, PoolAccount>;
  /** Plans of this pool still pending, and recent ones (ended or not) inside the longest rule window. */
  readonly plans: readonly PlanRecord[];
  /** Rules stopped by the back-and-forth detector, with the version that was stopped (a new version restarts). */
  readonly tripped: ReadonlyMap<string, number>;
  /** Above this amount AUTO asks for approval instead (the approval policy); null: no ceiling. */
  readonly autoCeiling: Decimal | null;
  readonly sweeps: boolean;
  readonly route: RouteFinder;
}

export type Tier = "danger" | "warning" | "sweep";
export type EffectiveMode = "MONITOR" | "SUGGEST" | "AUTO";

export interface PlannedMove {
  readonly kind: MoveKind;
  readonly from: string;
  readonly to: string;
  readonly amount: Decimal;
  readonly speed: Speed;
  readonly route: RouteOffer;
  /** When the channels can first take it: now, or the next window when none can today. */
  readonly executeAt: number;
}

/** What one rule decided about one account: moves, or why none, with what it read. */
export interface RuleDecision {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly account: string;
  readonly tier: Tier;
  readonly mode: EffectiveMode;
  /** The values the amount expression saw, and its value. */
  readonly values: Readonly<Record<string, string>>;
  readonly expression: string;
  readonly expressionValue: string | null;
  /** What the target should receive (or the sweep give) after rounding and limits. */
  readonly need: Decimal;
  readonly moves: readonly PlannedMove[];
  /** What no source could give. */
  readonly shortfall: Decimal;
  /** Why sources were passed over, why the mode changed, why nothing was planned. */
  readonly notes: readonly string[];
  /** Set when this decision stopped the rule (back-and-forth detector). */
  readonly trip: string | null;
  /** Set when AUTO fell back to SUGGEST (the window's cap, or the approval ceiling): why. */
  readonly fallback: string | null;
}

export interface PoolPlan {
  readonly decisions: readonly RuleDecision[];
  /** Accounts below their watermarks that no rule acts on now, with the reason (disabled, tripped, hours, pending). */
  readonly idle: readonly { readonly account: string; readonly ruleId: string; readonly note: string }[];
}

interface Need {
  readonly poolRule: PoolRule;
  readonly target: PoolAccount;
  readonly tier: Tier;
  readonly values: ExpressionValues;
}

const zero = new Money(0);

export function planPool(input: PlanningInput): PoolPlan {
  const ledger = new Ledger(input);
  const needs: Need[] = [];
  const idle: Array<{ account: string; ruleId: string; note: string }> = [];
  for (const accountId of input.poolAccountIds) {
    const target = input.accounts.get(accountId);
    const poolRule = ruleOf(input.rules, accountId);
    if (!target || !poolRule || !target.open) continue;
    const tier = tierOf(poolRule.rule, target, ledger.plannedIn(accountId), input.sweeps);
    if (tier === null) continue;
    const blocked = blockedBecause(input, poolRule, accountId, ledger, tier);
    if (blocked !== null) {
      idle.push({ account: accountId, ruleId: poolRule.ruleId, note: blocked });
      continue;
    }
    needs.push({ poolRule, target, tier, values: valuesOf(poolRule.rule, target, ledger.plannedIn(accountId)) });
  }
  // Higher priority first (1 before 2); inside a priority danger before warning before sweeps, then by account.
  const tierOrder: Record<Tier, number> = { danger: 0, warning: 1, sweep: 2 };
  needs.sort(
    (a, b) =>
      a.poolRule.rule.priority - b.poolRule.rule.priority ||
      tierOrder[a.tier] - tierOrder[b.tier] ||
      (a.target.accountId < b.target.accountId ? -1 : 1),
  );
  const targets = new Set(needs.filter((need) => need.tier !== "sweep").map((need) => need.target.accountId));
  const decisions = needs.map((need) =>
    need.tier === "sweep" ? planSweep(input, ledger, need) : planTopUp(input, ledger, need, targets),
  );
  return { decisions, idle };
}

/** The account rule of an account, else the pool rule; a disabled account rule still shadows the pool rule. */
export function ruleOf(rules: readonly PoolRule[], accountId: string): PoolRule | undefined {
  return (
    rules.find((r) => r.rule.scope.kind === "account" && r.rule.scope.account === accountId) ??
    rules.find((r) => r.rule.scope.kind === "pool")
  );
}

function tierOf(rule: RuleDefinition, account: PoolAccount, plannedIn: Decimal, sweeps: boolean): Tier | null {
  const effective = account.available.plus(plannedIn);
  if (effective.lessThan(rule.lowDanger)) return "danger";
  if (effective.lessThan(rule.lowWarning)) return "warning";
  if (sweeps && rule.concentration !== null && account.available.greaterThan(rule.high)) return "sweep";
  return null;
}

function blockedBecause(input: PlanningInput, poolRule: PoolRule, accountId: string, ledger: Ledger, tier: Tier) {
  const { rule, ruleId, version } = poolRule;
  if (!rule.enabled) return `rule ${ruleId} is disabled`;
  if ((input.tripped.get(ruleId) ?? -1) >= version)
    return `rule ${ruleId} v${version} was stopped by the back-and-forth detector; put a new version to restart it`;
  if (!isWithinActiveHours(rule.activeHours, input.now)) return `outside rule ${ruleId}'s active hours`;
  const pending = ledger.pendingTouching(accountId);
  if (pending)
    return `plan ${pending.planId} (${pending.from} → ${pending.to}, ${formatAmount(pending.amount)}) is still pending`;
  if (tier === "sweep" && ledger.receivedTopUpWithin(accountId, rule.windowMs))
    return `it received a top-up inside the rule's window: no sweep back`;
  return null;
}

function valuesOf(rule: RuleDefinition, account: PoolAccount, plannedIn: Decimal): ExpressionValues {
  return {
    target: rule.target,
    available: account.available,
    ledger: account.ledger,
    inTransitCredit: account.inTransitCredit,
    plannedIn,
    high: rule.high,
    low: rule.lowWarning,
  };
}

function planTopUp(input: PlanningInput, ledger: Ledger, need: Need, targets: ReadonlySet<string>): RuleDecision {
  const { poolRule, target, tier } = need;
  const { rule } = poolRule;
  const notes: string[] = [];
  const amount = topUpAmount(rule, need.values);
  const base = decisionBase(poolRule, target.accountId, tier, need.values, amount.value);
  if (!amount.ok) return { ...base, mode: "MONITOR", need: zero, moves: [], shortfall: zero, notes: [amount.note] };
  const speed = tier === "danger" ? rule.speeds.danger : rule.speeds.warning;
  const moves: PlannedMove[] = [];
  let remaining = amount.need;
  for (const sourceId of sourcesOf(input, rule, target.accountId, ledger)) {
    if (remaining.isZero()) break;
    const source = input.accounts.get(sourceId);
    if (!source || !source.open || source.currency !== input.currency) {
      notes.push(`${sourceId}: not an open ${input.currency} account`);
      continue;
    }
    if (targets.has(sourceId)) {
      notes.push(`${sourceId}: itself below its watermarks`);
      continue;
    }
    const reversed = ledger.reversalOf(sourceId, target.accountId, rule.windowMs);
    if (reversed)
      return {
        ...base,
        mode: "MONITOR",
        need: amount.need,
        moves: [],
        shortfall: amount.need,
        notes,
        trip: `plan ${reversed.planId} moved ${formatAmount(reversed.amount)} ${reversed.from} → ${reversed.to}; taking from ${sourceId} now would send money back inside the rule's window`,
      };
    if (ledger.movedBetweenWithin(sourceId, target.accountId, rule.coolDownMs)) {
      notes.push(`${sourceId}: cool-down after the last transfer between the two`);
      continue;
    }
    const spare = roundDown(ledger.spare(source), rule.roundingStep);
    const take = Money.min(spare, remaining);
    if (!take.isPositive() || take.isZero()) {
      notes.push(`${sourceId}: nothing to spare above its own low warning`);
      continue;
    }
    if (take.lessThan(rule.minimum)) {
      notes.push(
        `${sourceId}: can spare ${formatAmount(take)}, below the rule's minimum ${formatAmount(rule.minimum)}`,
      );
      continue;
    }
    const move = routed(input, "topUp", source, target, take, speed);
    if (move === null) {
      notes.push(`${sourceId}: ${routeNote(input.route(source.accountId, target.accountId, speed, take))}`);
      continue;
    }
    moves.push(move);
    if (move.executeAt > input.now)
      notes.push(`${sourceId}: no channel can take it now; it waits for ${new Date(move.executeAt).toISOString()}`);
    ledger.allocate(sourceId, take);
    remaining = remaining.minus(take);
  }
  if (moves.length === 0 && remaining.equals(amount.need)) notes.push("no source can give anything now");
  return {
    ...base,
    ...modeOf(input, ledger, poolRule, moves, notes),
    need: amount.need,
    moves,
    shortfall: remaining,
    notes,
  };
}

function planSweep(input: PlanningInput, ledger: Ledger, need: Need): RuleDecision {
  const { poolRule, target } = need;
  const { rule } = poolRule;
  const base = decisionBase(poolRule, target.accountId, "sweep", need.values, null);
  const excess = Money.min(roundDown(target.available.minus(rule.target), rule.roundingStep), rule.maximum);
  const into = rule.concentration === null ? undefined : input.accounts.get(rule.concentration);
  const notes: string[] = [];
  const done = (note: string): RuleDecision => ({
    ...base,
    mode: "MONITOR",
    need: excess,
    moves: [],
    shortfall: zero,
    notes: [note],
  });
  if (!into || !into.open || into.currency !== input.currency)
    return done(`the concentration account ${rule.concentration ?? ""} is not an open ${input.currency} account`);
  if (excess.lessThan(rule.minimum) || !excess.isPositive())
    return done(`the excess ${formatAmount(excess)} is below the rule's minimum ${formatAmount(rule.minimum)}`);
  if (ledger.movedBetweenWithin(target.accountId, into.accountId, rule.coolDownMs))
    return done(`cool-down after the last transfer between ${target.accountId} and ${into.accountId}`);
  const offer = input.route(target.accountId, into.accountId, "normal", excess);
  // A sweep is never urgent: it runs inside a channel's window, not scheduled for the next one.
  if (offer.chosen === null || (offer.startsAt ?? input.now) > input.now)
    return done(`no sweep now: ${routeNote(offer)}`);
  const moves: PlannedMove[] = [
    {
      kind: "sweep",
      from: target.accountId,
      to: into.accountId,
      amount: excess,
      speed: "normal",
      route: offer,
      executeAt: input.now,
    },
  ];
  ledger.allocate(target.accountId, excess);
  return { ...base, ...modeOf(input, ledger, poolRule, moves, notes), need: excess, moves, shortfall: zero, notes };
}

function decisionBase(
  poolRule: PoolRule,
  account: string,
  tier: Tier,
  values: ExpressionValues,
  expressionValue: Decimal | null,
): Omit<RuleDecision, "mode" | "need" | "moves" | "shortfall" | "notes" | "fallback"> & { fallback: null } {
  return {
    ruleId: poolRule.ruleId,
    ruleVersion: poolRule.version,
    account,
    tier,
    values: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, formatAmount(value)])),
    expression: poolRule.rule.amount,
    expressionValue: expressionValue === null ? null : formatAmount(expressionValue),
    trip: null,
    fallback: null,
  };
}

type TopUpAmount =
  | { readonly ok: true; readonly value: Decimal; readonly need: Decimal }
  | { readonly ok: false; readonly value: null; readonly note: string };

/** The expression's value, rounded up to the step (a top-up covers the need), at least the minimum, at most the maximum. */
function topUpAmount(rule: RuleDefinition, values: ExpressionValues): TopUpAmount {
  const parsed = parseExpression(rule.amount);
  if (!parsed.ok) return { ok: false, value: null, note: `rule.amount does not parse: ${parsed.error.message}` };
  const result = evaluateAmount(parsed.expression, values);
  if (!result.ok) return { ok: false, value: null, note: `rule.amount gives no amount now: ${result.error.message}` };
  if (result.value.isZero()) return { ok: false, value: null, note: "rule.amount gives 0 now" };
  const need = Money.min(Money.max(roundUp(result.value, rule.roundingStep), rule.minimum), rule.maximum);
  return { ok: true, value: result.value, need };
}

/** The rule's sources in order, `pool-others` expanded to the pool's other accounts with the most to spare first. */
function sourcesOf(input: PlanningInput, rule: RuleDefinition, targetId: string, ledger: Ledger): string[] {
  const expanded: string[] = [];
  for (const source of rule.sources) {
    if (source === poolOthers) {
      const others = input.poolAccountIds
        .filter((id) => id !== targetId && input.accounts.has(id))
        .map((id) => ({ id, spare: ledger.spare(input.accounts.get(id)!) }))
        .sort((a, b) => b.spare.comparedTo(a.spare) || (a.id < b.id ? -1 : 1));
      expanded.push(...others.map((other) => other.id));
    } else if (source === concentrationSource) {
      if (rule.concentration !== null) expanded.push(rule.concentration);
    } else expanded.push(source);
  }
  return [...new Set(expanded)].filter((id) => id !== targetId);
}

/** The move over the route the channels offer: now, or at the next window when none can take it today. */
function routed(
  input: PlanningInput,
  kind: MoveKind,
  source: PoolAccount,
  target: PoolAccount,
  amount: Decimal,
  speed: Speed,
): PlannedMove | null {
  const offer = input.route(source.accountId, target.accountId, speed, amount);
  if (offer.chosen === null) return null;
  const executeAt = Math.max(offer.startsAt ?? input.now, input.now);
  return { kind, from: source.accountId, to: target.accountId, amount, speed, route: offer, executeAt };
}

/** AUTO falls back to SUGGEST past the window's cap or above the approval policy's ceiling, and says why. */
function modeOf(
  input: PlanningInput,
  ledger: Ledger,
  poolRule: PoolRule,
  moves: readonly PlannedMove[],
  notes: string[],
): { mode: EffectiveMode; fallback: string | null } {
  const { rule, ruleId } = poolRule;
  if (rule.mode !== "AUTO") return { mode: rule.mode, fallback: null };
  const suggest = (why: string) => {
    notes.push(why);
    return { mode: "SUGGEST" as const, fallback: why };
  };
  const made = ledger.plansOfRuleWithin(ruleId, rule.windowMs);
  if (made + moves.length > rule.transfersPerWindowMax)
    return suggest(
      `rule ${ruleId} made ${made} of its ${rule.transfersPerWindowMax} transfers in its window: suggested, not executed`,
    );
  const ceiling = input.autoCeiling;
  const over = ceiling === null ? undefined : moves.find((move) => move.amount.greaterThan(ceiling));
  if (over && ceiling !== null)
    return suggest(
      `${formatAmount(over.amount)} is above AUTO's ceiling ${formatAmount(ceiling)}: suggested for approval`,
    );
  return { mode: "AUTO", fallback: null };
}

/** What the plan knows of money already planned, and what this evaluation has allocated so far. */
class Ledger {
  private readonly allocated = new Map<string, Decimal>();

  constructor(private readonly input: PlanningInput) {}

  plannedIn(accountId: string): Decimal {
    return this.sum((plan) => plan.pending && plan.to === accountId);
  }

  /** Available above the account's own low warning (0 without a rule), less what pending plans and this one take. */
  spare(account: PoolAccount): Decimal {
    const floor = ruleOf(this.input.rules, account.accountId)?.rule.lowWarning ?? zero;
    const out = this.sum((plan) => plan.pending && plan.from === account.accountId);
    const spare = account.available
      .minus(Money.max(floor, zero))
      .minus(out)
      .minus(this.allocated.get(account.accountId) ?? zero);
    return Money.max(spare, zero);
  }

  allocate(accountId: string, amount: Decimal): void {
    this.allocated.set(accountId, (this.allocated.get(accountId) ?? zero).plus(amount));
  }

  pendingTouching(accountId: string): PlanRecord | undefined {
    return this.input.plans.find((plan) => plan.pending && (plan.to === accountId || plan.from === accountId));
  }

  /** A top-up that moved money `to → from` inside the window: planning `from → to` now would send it back. */
  reversalOf(from: string, to: string, windowMs: number): PlanRecord | undefined {
    return this.input.plans.find(
      (plan) =>
        plan.kind === "topUp" &&
        plan.movedMoney &&
        plan.from === to &&
        plan.to === from &&
        plan.at > this.input.now - windowMs,
    );
  }

  movedBetweenWithin(a: string, b: string, coolDownMs: number): boolean {
    return this.input.plans.some(
      (plan) =>
        ((plan.from === a && plan.to === b) || (plan.from === b && plan.to === a)) &&
        plan.at > this.input.now - coolDownMs,
    );
  }

  receivedTopUpWithin(accountId: string, windowMs: number): boolean {
    return this.input.plans.some(
      (plan) =>
        plan.kind === "topUp" && plan.movedMoney && plan.to === accountId && plan.at > this.input.now - windowMs,
    );
  }

  plansOfRuleWithin(ruleId: string, windowMs: number): number {
    return this.input.plans.filter(
      (plan) => plan.ruleId === ruleId && plan.executed && plan.at > this.input.now - windowMs,
    ).length;
  }

  private sum(keep: (plan: PlanRecord) => boolean): Decimal {
    return this.input.plans.filter(keep).reduce((total, plan) => total.plus(plan.amount), zero as Decimal);
  }
}
