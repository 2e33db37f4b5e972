import type { Decimal } from "decimal.js";
import type { PlanDraft, PlanEnding, RuleTrip } from "../actors/planner/commands.js";
import {
  planPool,
  ruleOf,
  type PoolAccount,
  type PoolPlan,
  type PoolRule,
  type RuleDecision,
} from "../actors/planner/plan.js";
import { planRecordOf, type PlannerState, type StoredPlan } from "../actors/planner/state.js";
import { formatAmount } from "../actors/shared/amount.js";
import type { PositionDirectory } from "../read-models/position-directory.js";
import { ruleIndexOf, type RuleEntry } from "../read-models/rule-directory.js";
import type { ViewDirectory } from "../read-models/view-directory.js";
import type { JsonObject } from "../runtime/json.js";
import type { ActorReads } from "./actor-reads.js";
import { routeFinder, type ChannelCandidate } from "./routes.js";

/** What the approval policy says for plans: AUTO's ceiling, and approvers a suggestion needs. */
export interface DecisionPolicy {
  autoCeiling(currency: string): Decimal | null;
  approvalsRequired(currency: string, amount: Decimal): number;
}

export interface EvaluationParts {
  readonly reads: ActorReads;
  readonly positions: PositionDirectory;
  readonly rules: ViewDirectory<RuleEntry>;
  /** The configured channels, with the bank each serves. */
  readonly channels: readonly { readonly id: string; readonly bankCode: string }[];
  readonly policy: DecisionPolicy;
  readonly now: () => number;
}

export interface EvaluationOptions {
  readonly sweeps: boolean;
  /** Plan only: record nothing, expire nothing. */
  readonly dryRun: boolean;
}

/** One evaluation of a pool: what was planned, and what was recorded of it. */
export interface Evaluation {
  readonly plannerId: string;
  readonly pool: string;
  readonly currency: string;
  readonly at: number;
  readonly plan: PoolPlan;
  readonly drafts: readonly PlanDraft[];
  readonly trips: readonly RuleTrip[];
  readonly endings: readonly PlanEnding[];
  /** Suggestions expired because their position recovered or their rule changed. */
  readonly expired: readonly string[];
  /** The planner version the evaluation read: `record` names it. */
  readonly basedOn: number;
  /** Plans still pending after the endings found. */
  readonly pendingPlans: number;
  /**
   * The accounts where a change may end a pending plan or new draft: both ends of one that moves money (its transfer
   * ends when both accounts have applied it), only the watched account of a suggestion still awaiting approval (its
   * recovery expires it; a change at its source cannot).
   */
  readonly pendingAccounts: readonly string[];
}

/** `<pool>:<currency>`: the planner actor of a pool. */
export function plannerIdOf(pool: string, currency: string): string {
  return `${pool}:${currency}`;
}

/**
 * Reads everything a pool's plan depends on from the actors (accounts, the planner's plans, the plans' transfers and
 * suggestions, channels), then plans (actors/planner/plan.ts). The position directory only says which accounts form
 * the pool; balances come from the accounts themselves.
 */
export async function evaluatePool(
  parts: EvaluationParts,
  pool: string,
  currency: string,
  options: EvaluationOptions,
): Promise<Evaluation> {
  const plannerId = plannerIdOf(pool, currency);
  const poolAccountIds = parts.positions.membersOf(pool, currency);
  const rules = ruleIndexOf(parts.rules)
    .ofPool(pool, currency, poolAccountIds)
    .map((entry) => ({ ruleId: entry.ruleId, version: entry.version, rule: entry.rule, editor: entry.editor }));
  const [planner, accounts] = await Promise.all([
    parts.reads.planner(plannerId),
    readAccounts(parts, [...poolAccountIds, ...namedAccounts(rules)]),
  ]);
  const now = parts.now();
  const { endings, expired, awaitingApproval } = await followPendingPlans(
    parts,
    planner,
    rules,
    accounts,
    options.dryRun,
  );
  const ended = new Map(endings.map((ending) => [ending.planId, ending]));
  const plans = planner.plans.map((stored) => {
    const record = planRecordOf(stored);
    const ending = ended.get(stored.planId);
    return ending ? { ...record, pending: false, executed: ending.executed, movedMoney: ending.movedMoney } : record;
  });
  const channels = await readChannels(parts);
  const plan = planPool({
    now,
    currency,
    rules,
    poolAccountIds,
    accounts,
    plans,
    tripped: new Map(Object.entries(planner.tripped).map(([ruleId, trip]) => [ruleId, trip.version])),
    autoCeiling: parts.policy.autoCeiling(currency),
    sweeps: options.sweeps,
    route: routeFinder(channels, currency, now),
  });
  const editors = new Map(rules.map((rule) => [rule.ruleId, rule.editor]));
  const drafts = plan.decisions.flatMap((decision) => draftsOf(decision, currency, editors, parts.policy));
  const trips = plan.decisions.flatMap((decision) =>
    decision.trip === null
      ? []
      : [{ ruleId: decision.ruleId, ruleVersion: decision.ruleVersion, reason: decision.trip }],
  );
  const stillPending = plans.filter((record) => record.pending);
  const pendingPlans = stillPending.length;
  // A suggestion awaiting approval (a pending one, or a SUGGEST draft) ends only by its watched account's recovery.
  const followed = [
    ...stillPending.map((plan) => (awaitingApproval.has(plan.planId) ? [watchedAccount(plan)] : [plan.from, plan.to])),
    ...drafts.map((draft) => (draft.mode === "SUGGEST" ? [watchedAccount(draft)] : [draft.from, draft.to])),
  ];
  const pendingAccounts = [...new Set(followed.flat())];
  return {
    plannerId,
    pool,
    currency,
    at: now,
    plan,
    drafts,
    trips,
    endings,
    expired,
    basedOn: planner.version,
    pendingPlans,
    pendingAccounts,
  };
}

/** Sources named by account id, and concentration accounts: they may sit outside the pool. */
function namedAccounts(rules: readonly PoolRule[]): string[] {
  const named = new Set<string>();
  for (const { rule } of rules) {
    for (const source of rule.sources) if (source.includes(":")) named.add(source);
    if (rule.concentration !== null) named.add(rule.concentration);
  }
  return [...named];
}

async function readAccounts(parts: EvaluationParts, ids: readonly string[]): Promise<Map<string, PoolAccount>> {
  const read = await Promise.all([...new Set(ids)].map((id) => parts.reads.account(id)));
  return new Map(read.flatMap((account) => (account ? [[account.accountId, account] as const] : [])));
}

async function readChannels(parts: EvaluationParts): Promise<ChannelCandidate[]> {
  const views = await Promise.all(parts.channels.map((channel) => parts.reads.channel(channel.id)));
  return parts.channels.flatMap((channel, index) => {
    const view = views[index];
    return view ? [{ channelId: channel.id, bankCode: channel.bankCode, view }] : [];
  });
}

/**
 * The pending plans' transfers and suggestions, read from their actors: the ended ones end their plans; a pending
 * suggestion whose position recovered or whose rule changed is expired (it would move money nobody needs now).
 */
async function followPendingPlans(
  parts: EvaluationParts,
  planner: PlannerState,
  rules: readonly PoolRule[],
  accounts: ReadonlyMap<string, PoolAccount>,
  dryRun: boolean,
): Promise<{ endings: PlanEnding[]; expired: string[]; awaitingApproval: Set<string> }> {
  const endings: PlanEnding[] = [];
  const expired: string[] = [];
  const awaitingApproval = new Set<string>();
  const delivered = planner.plans.filter((plan) => plan.status === "delivered");
  // Each plan's transfer and suggestion are independent reads: made at once, not one plan after the other.
  const found = await Promise.all(
    delivered.map(async (plan) => {
      const transfer = await parts.reads.transferStatus(plan.planId);
      const suggestion =
        transfer === undefined && plan.mode === "SUGGEST" ? await parts.reads.suggestionStatus(plan.planId) : undefined;
      return { plan, transfer, suggestion };
    }),
  );
  for (const { plan, transfer, suggestion: status } of found) {
    if (transfer) {
      if (transfer.ended)
        endings.push({
          planId: plan.planId,
          outcome: transfer.status,
          executed: true,
          movedMoney: transfer.status === "SUCCESS",
        });
      continue;
    }
    if (plan.mode !== "SUGGEST") continue;
    if (status === undefined || status === "PENDING") {
      awaitingApproval.add(plan.planId);
      const why = staleSuggestion(plan, rules, accounts);
      if (why !== undefined && status === "PENDING" && !dryRun) {
        const reply = await parts.reads.send("suggestion", plan.planId, `expire:${plan.planId}`, "expire", {
          reason: why,
        });
        // Expired now: the plan ends in this evaluation, and the account may be planned for again in it.
        if (reply.ok) {
          expired.push(plan.planId);
          awaitingApproval.delete(plan.planId);
          endings.push({ planId: plan.planId, outcome: "EXPIRED", executed: false, movedMoney: false });
        }
      }
      continue;
    }
    if (["REJECTED", "EXPIRED", "CREATE_FAILED"].includes(status))
      endings.push({ planId: plan.planId, outcome: status, executed: false, movedMoney: false });
  }
  return { endings, expired, awaitingApproval };
}

/** The account whose position a plan answers: the target of a top-up, the source of a sweep. */
function watchedAccount(plan: {
  readonly kind: "topUp" | "sweep";
  readonly from: string;
  readonly to: string;
}): string {
  return plan.kind === "topUp" ? plan.to : plan.from;
}

function staleSuggestion(
  plan: StoredPlan,
  rules: readonly PoolRule[],
  accounts: ReadonlyMap<string, PoolAccount>,
): "rule_changed" | "position_recovered" | undefined {
  const watched = watchedAccount(plan);
  const poolRule = ruleOf(rules, watched);
  if (!poolRule || poolRule.ruleId !== plan.ruleId || poolRule.version !== plan.ruleVersion) return "rule_changed";
  const account = accounts.get(watched);
  if (!account) return undefined;
  const { rule } = poolRule;
  if (plan.kind === "topUp" && !account.available.lessThan(rule.lowWarning)) return "position_recovered";
  if (plan.kind === "sweep" && !account.available.greaterThan(rule.high)) return "position_recovered";
  return undefined;
}

function draftsOf(
  decision: RuleDecision,
  currency: string,
  editors: ReadonlyMap<string, string>,
  policy: DecisionPolicy,
): PlanDraft[] {
  if (decision.mode === "MONITOR" || decision.trip !== null) return [];
  const mode = decision.mode;
  return decision.moves.flatMap((move, index) => {
    const chosen = move.route.chosen;
    if (chosen === null) return [];
    return [
      {
        ruleId: decision.ruleId,
        ruleVersion: decision.ruleVersion,
        ruleEditor: editors.get(decision.ruleId) ?? "unknown",
        mode,
        kind: move.kind,
        from: move.from,
        to: move.to,
        amount: formatAmount(move.amount),
        currency,
        speed: move.speed,
        debitChannel: chosen.debitChannel,
        creditChannel: chosen.creditChannel,
        executeAt: move.executeAt,
        approvalsRequired: mode === "AUTO" ? 0 : policy.approvalsRequired(currency, move.amount),
        // A suggestion not approved before its route's cut-off would miss the day it was made for.
        expiresAt: mode === "SUGGEST" ? (chosen.cutoffAt ?? null) : null,
        reason: reasonOf(decision, index),
      },
    ];
  });
}

/** A plan's reason: everything a treasurer needs to approve it without looking elsewhere. */
export function reasonOf(decision: RuleDecision, moveIndex: number): JsonObject {
  const move = decision.moves[moveIndex]!;
  return {
    rule: { id: decision.ruleId, version: decision.ruleVersion, mode: decision.mode },
    account: decision.account,
    tier: decision.tier,
    values: { ...decision.values },
    expression: decision.expression,
    expressionValue: decision.expressionValue,
    need: formatAmount(decision.need),
    shortfall: formatAmount(decision.shortfall),
    move: { from: move.from, to: move.to, amount: formatAmount(move.amount), speed: move.speed },
    channels: { considered: [...move.route.considered], chosen: move.route.chosen && { ...move.route.chosen } },
    notes: [...decision.notes],
  };
}
