import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { decodePlan, encodePlan, type StoredPlan } from "./state.js";

/** Create the plan's transfer (AUTO) or suggestion (SUGGEST) under the plan's id; the same on every attempt. */
export interface PlanDelivery {
  readonly id: string;
  readonly type: "planner.deliver";
  /** `step`: `auto` or `suggest`, what is created (crash tests hold a step, engine/fault-points.ts). */
  readonly payload: { readonly attempt: number; readonly step: "auto" | "suggest"; readonly plan: JsonObject };
}

/** Run an evaluation of the pool now (a scheduled job asked for it). */
export interface EvaluationRequest {
  readonly id: string;
  readonly type: "planner.evaluate";
  readonly payload: { readonly sweeps: boolean };
}

export function planDelivery(plan: StoredPlan, attempt: number): PlanDelivery {
  return {
    // Unique per actor forever, as effect ids must be: its answer comes back as `effect:<id>`.
    id: `deliver.${plan.planId}.${attempt}`,
    type: "planner.deliver",
    payload: { attempt, step: plan.mode === "AUTO" ? "auto" : "suggest", plan: encodePlan(plan) },
  };
}

export function evaluationRequest(version: number, sweeps: boolean): EvaluationRequest {
  return { id: `evaluate.${version}`, type: "planner.evaluate", payload: { sweeps } };
}

export type PlannerEffect =
  | { readonly type: "planner.deliver"; readonly attempt: number; readonly plan: StoredPlan }
  | { readonly type: "planner.evaluate"; readonly sweeps: boolean };

export function decodePlannerEffect(effect: EffectRequest): PlannerEffect {
  const payload = JsonReader.of(`the planner effect ${effect.id}`, effect.payload);
  if (effect.type === "planner.evaluate") return { type: effect.type, sweeps: payload.boolean("sweeps") };
  if (effect.type !== "planner.deliver") payload.fail("type", '"planner.deliver" or "planner.evaluate"');
  return {
    type: "planner.deliver",
    attempt: payload.integer("attempt"),
    plan: decodePlan(payload.jsonObject("plan"), `the planner effect ${effect.id}`),
  };
}
