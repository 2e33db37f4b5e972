import type { Json, JsonObject } from "../../runtime/json.js";
import { speeds } from "../channel/config.js";
import { Money } from "../shared/amount.js";
import { JsonReader } from "../shared/json-reader.js";
import { planModes, type PlanDraft } from "./commands.js";
import type { PlanRecord } from "./records.js";

/** Where a plan stands: its transfer or suggestion being created, created, or ended. */
export type PlanStatus = "delivering" | "delivered" | "ended";

export interface StoredPlan extends PlanDraft {
  /** `plan:<pool>:<currency>:<n>`: also the id of its transfer or suggestion. */
  readonly planId: string;
  readonly at: number;
  readonly status: PlanStatus;
  /** Sends of the create so far. */
  readonly attempt: number;
  /** The final status of its transfer or suggestion, or `refused:<code>` / `undelivered`. */
  readonly outcome: string | null;
  readonly executed: boolean;
  readonly movedMoney: boolean;
}

export type StoredPlanJson = JsonObject;

export interface TripRecord {
  readonly version: number;
  readonly reason: string;
  readonly at: number;
}

export interface PlannerState {
  /** Bumped by every event: an evaluation names the version it read. */
  readonly version: number;
  /** Plans made so far; the next plan is number `planSeq + 1`. */
  readonly planSeq: number;
  /** Pending plans, and ended ones inside `endedKeptMs` (at most `endedKeptMax`), oldest first. */
  readonly plans: readonly StoredPlan[];
  readonly tripped: Readonly<Record<string, TripRecord>>;
}

/** The longest rule window (31 days): an ended plan older than that can no longer stop or cool down anything. */
export const endedKeptMs = 31 * 86_400_000;
export const endedKeptMax = 500;

export const initialPlannerState: PlannerState = { version: 0, planSeq: 0, plans: [], tripped: {} };

export function planIdOf(plannerId: string, seq: number): string {
  return `plan:${plannerId}:${seq}`;
}

/** The planner actor id of a plan id (`plan:<pool>:<currency>:<n>`), or undefined for another id. */
export function plannerIdOfPlan(planId: string): string | undefined {
  const match = /^plan:([A-Za-z0-9_-]{1,64}:[A-Z]{3}):\d+$/.exec(planId);
  return match?.[1];
}

/** The plan as the planner function sees it: decimals, and whether it still holds money in flight. */
export function planRecordOf(plan: StoredPlan): PlanRecord {
  return {
    planId: plan.planId,
    ruleId: plan.ruleId,
    kind: plan.kind,
    from: plan.from,
    to: plan.to,
    amount: new Money(plan.amount),
    at: plan.at,
    pending: plan.status !== "ended",
    executed: plan.executed,
    movedMoney: plan.movedMoney,
  };
}

export function encodePlan(plan: StoredPlan): StoredPlanJson {
  const encoded: Record<string, Json> = {
    planId: plan.planId,
    at: plan.at,
    status: plan.status,
    attempt: plan.attempt,
    outcome: plan.outcome,
    executed: plan.executed,
    movedMoney: plan.movedMoney,
    ruleId: plan.ruleId,
    ruleVersion: plan.ruleVersion,
    ruleEditor: plan.ruleEditor,
    mode: plan.mode,
    kind: plan.kind,
    from: plan.from,
    to: plan.to,
    amount: plan.amount,
    currency: plan.currency,
    speed: plan.speed,
    debitChannel: plan.debitChannel,
    creditChannel: plan.creditChannel,
    executeAt: plan.executeAt,
    approvalsRequired: plan.approvalsRequired,
    expiresAt: plan.expiresAt,
    reason: plan.reason,
  };
  return encoded;
}

export function decodePlan(json: JsonObject, source: string): StoredPlan {
  const plan = JsonReader.of(source, json);
  return {
    planId: plan.text("planId"),
    at: plan.integer("at"),
    status: plan.oneOf("status", ["delivering", "delivered", "ended"] as const),
    attempt: plan.integer("attempt"),
    outcome: plan.textOrNull("outcome"),
    executed: plan.boolean("executed"),
    movedMoney: plan.boolean("movedMoney"),
    ruleId: plan.text("ruleId"),
    ruleVersion: plan.integer("ruleVersion"),
    ruleEditor: plan.text("ruleEditor"),
    mode: plan.oneOf("mode", planModes),
    kind: plan.oneOf("kind", ["topUp", "sweep"] as const),
    from: plan.text("from"),
    to: plan.text("to"),
    amount: plan.text("amount"),
    currency: plan.text("currency"),
    speed: plan.oneOf("speed", speeds),
    debitChannel: plan.text("debitChannel"),
    creditChannel: plan.text("creditChannel"),
    executeAt: plan.integer("executeAt"),
    approvalsRequired: plan.integer("approvalsRequired"),
    expiresAt: plan.integerOrNull("expiresAt"),
    reason: plan.jsonObject("reason"),
  };
}

export function encodePlannerState(state: PlannerState): JsonObject {
  return {
    version: state.version,
    planSeq: state.planSeq,
    plans: state.plans.map(encodePlan),
    tripped: Object.fromEntries(
      Object.entries(state.tripped).map(([ruleId, trip]) => [
        ruleId,
        { version: trip.version, reason: trip.reason, at: trip.at },
      ]),
    ),
  };
}

export function decodePlannerState(encoded: JsonObject): PlannerState {
  const state = JsonReader.of("an encoded planner state", encoded);
  const tripped = state.object("tripped");
  return {
    version: state.integer("version"),
    planSeq: state.integer("planSeq"),
    plans: state.objects("plans").map((_, index) => decodePlan(planAt(encoded, index), `plans[${index}]`)),
    tripped: Object.fromEntries(
      tripped.keys().map((ruleId) => {
        const trip = tripped.object(ruleId);
        return [ruleId, { version: trip.integer("version"), reason: trip.text("reason"), at: trip.integer("at") }];
      }),
    ),
  };
}

function planAt(encoded: JsonObject, index: number): JsonObject {
  return (encoded["plans"] as JsonObject[])[index]!;
}
