import type { DecideContext, DecideResult, Decision, ReminderRequest } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { PlanDraft, PlannerCommand } from "./commands.js";
import { evaluationRequest, planDelivery } from "./effects.js";
import type { PlannerEvent } from "./events.js";
import { evolvePlanner } from "./evolve.js";
import { reject, type PlannerRejectionCode } from "./rejections.js";
import { encodePlan, planIdOf, type PlannerState, type StoredPlan } from "./state.js";
import { plannerView } from "./view.js";

type Result = DecideResult<PlannerEvent, PlannerRejectionCode>;

/** Sends of a plan's create before the plan is given up (`undelivered`). */
export const deliveryAttemptsMax = 8;

/** How long after a send the guard sends again: 10 s, doubling, at most 10 minutes. */
export function redeliverDelayMs(attempt: number): number {
  return Math.min(10_000 * 2 ** (attempt - 1), 600_000);
}

export function guardReminderKey(planId: string): string {
  return `deliver-${planId}`;
}

const engineCommands = new Set(["record", "redeliver", "delivered"]);

/**
 * The pool's memory of its plans (ADR 012 §4): pure; the evaluation happens outside (it reads accounts, rules and
 * channels) and records its result here, against the version it read, so two evaluations never both plan on the same
 * picture. Each recorded plan's transfer or suggestion is created by an effect guarded by a reminder, under the plan's
 * id, so a crash at any point makes it once.
 */
export function decidePlanner(state: PlannerState, command: PlannerCommand, context: DecideContext): Result {
  if (command.type === "get") return { events: [], reply: plannerView(context.actorId, state) };
  if (engineCommands.has(command.type) && !context.principal.startsWith("system:"))
    return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  switch (command.type) {
    case "record":
      return record(state, command, context);
    case "evaluate": {
      const version = state.version + 1;
      const event: PlannerEvent = { type: "evaluationRequested", version, sweeps: command.sweeps, at: context.now };
      return { ...decision(state, context, [event], []), effects: [evaluationRequest(version, command.sweeps)] };
    }
    case "redeliver":
      return redeliver(state, command.planId, context);
    case "delivered":
      return delivered(state, command, context);
    default:
      return unreachable(command);
  }
}

function record(state: PlannerState, command: Extract<PlannerCommand, { type: "record" }>, context: DecideContext) {
  if (command.basedOn !== state.version)
    return reject(
      "stale_evaluation",
      `the planner is at version ${state.version}, not ${command.basedOn}: another evaluation came first`,
      { version: state.version },
    );
  const busy = new Set<string>();
  for (const plan of state.plans) if (plan.status !== "ended") busy.add(plan.to).add(plan.from);
  const events: PlannerEvent[] = [];
  let version = state.version;
  for (const ending of command.endings) {
    const plan = state.plans.find((candidate) => candidate.planId === ending.planId);
    if (!plan || plan.status === "ended") continue;
    events.push({ type: "planEnded", version: ++version, at: context.now, ...ending });
    busy.delete(plan.to);
    busy.delete(plan.from);
  }
  for (const trip of command.trips) events.push({ type: "ruleTripped", version: ++version, at: context.now, ...trip });
  const recorded: StoredPlan[] = [];
  let seq = state.planSeq;
  // One rule may cover a need from several sources in one evaluation (several plans to one account); another rule
  // planning for the same account in the same record, or any plan for an account already busy, is a conflict.
  const targetedBy = new Map<string, string>();
  for (const draft of command.plans) {
    const conflict = conflictOf(draft, busy, targetedBy);
    if (conflict) return conflict;
    targetedBy.set(draft.to, draft.ruleId);
    const plan = storedPlan(draft, planIdOf(context.actorId, ++seq), context.now);
    recorded.push(plan);
    events.push({ type: "planRecorded", version: ++version, plan: encodePlan(plan) });
  }
  const guards = recorded.map((plan) => guardReminder(plan.planId, 1, context.now));
  return {
    ...decision(state, context, events, guards),
    effects: recorded.map((plan) => planDelivery(plan, 1)),
  };
}

function conflictOf(
  draft: PlanDraft,
  busy: ReadonlySet<string>,
  targetedBy: ReadonlyMap<string, string>,
): Result | undefined {
  const otherRule = targetedBy.get(draft.to);
  if (!busy.has(draft.to) && (otherRule === undefined || otherRule === draft.ruleId)) return undefined;
  return reject("plan_conflict", `${draft.to} already has a pending plan: no second plan for it until that one ends`, {
    account: draft.to,
  });
}

function storedPlan(draft: PlanDraft, planId: string, at: number): StoredPlan {
  return {
    ...draft,
    planId,
    at,
    status: "delivering",
    attempt: 1,
    outcome: null,
    executed: draft.mode === "AUTO",
    movedMoney: draft.mode === "AUTO",
  };
}

/** A plan's guard fired with no answer yet: the same create goes again, until `deliveryAttemptsMax` sends. */
function redeliver(state: PlannerState, planId: string, context: DecideContext): Result {
  const plan = state.plans.find((candidate) => candidate.planId === planId);
  if (!plan || plan.status !== "delivering") return ignored(state, context);
  const version = state.version + 1;
  if (plan.attempt >= deliveryAttemptsMax) {
    const ending = { planId, outcome: "undelivered", executed: false, movedMoney: false };
    return decision(state, context, [{ type: "planEnded", version, at: context.now, ...ending }], []);
  }
  const attempt = plan.attempt + 1;
  const result = decision(
    state,
    context,
    [{ type: "planRedelivered", version, planId, attempt }],
    [guardReminder(planId, attempt, context.now)],
  );
  return { ...result, effects: [planDelivery(plan, attempt)] };
}

function delivered(
  state: PlannerState,
  answer: Extract<PlannerCommand, { type: "delivered" }>,
  context: DecideContext,
) {
  const plan = state.plans.find((candidate) => candidate.planId === answer.planId);
  if (!plan || plan.status !== "delivering") return ignored(state, context);
  const event: PlannerEvent = {
    type: "planDelivered",
    version: state.version + 1,
    planId: answer.planId,
    ok: answer.ok,
    ...(answer.code !== undefined && { code: answer.code }),
  };
  const result = decision(state, context, [event], []);
  return { ...result, reminders: { cancel: [guardReminderKey(answer.planId)] } };
}

function guardReminder(planId: string, attempt: number, now: number): ReminderRequest {
  return {
    key: guardReminderKey(planId),
    dueAt: now + redeliverDelayMs(attempt),
    command: { type: "redeliver", payload: { planId } },
  };
}

/** A stale reminder or answer: nothing changes and nothing is journaled. */
function ignored(state: PlannerState, context: DecideContext): Result {
  return { events: [], reply: { ...plannerView(context.actorId, state), ignored: true } };
}

function decision(
  state: PlannerState,
  context: DecideContext,
  events: PlannerEvent[],
  guards: ReminderRequest[],
): Decision<PlannerEvent> {
  const after = events.reduce(evolvePlanner, state);
  return { events, reply: plannerView(context.actorId, after), reminders: { set: guards } };
}
