import type { Decimal } from "decimal.js";
import { decodePlan, type StoredPlan } from "../actors/planner/state.js";
import { Money } from "../actors/shared/amount.js";
import { isJsonObject, type Json } from "../runtime/json.js";
import type { OutboundEvent } from "../runtime/ports.js";

/** A plan the planner recorded, as the bus told it, with the fee of the route it chose. */
export interface SeenPlan {
  readonly plan: StoredPlan;
  /** Debit fee plus credit fee of the chosen channels (the planner's reason): what the move costs. */
  readonly fee: Decimal;
}

/** Every plan the planners recorded, read from the planner events on the bus (so none is missed, however many). */
export class PlanTally {
  private readonly seen = new Map<string, SeenPlan>();

  observe(event: OutboundEvent): void {
    if (event.kind !== "planner" || event.event["type"] !== "planRecorded") return;
    const encoded = event.event["plan"];
    if (!isJsonObject(encoded)) throw new Error(`planner ${event.actorId} recorded a plan without its body`);
    const plan = decodePlan(encoded, `plan recorded by planner ${event.actorId}`);
    this.seen.set(plan.planId, { plan, fee: chosenFee(plan.reason["channels"]) });
  }

  /** Plans carried out as transfers (AUTO), in the order they were made. */
  get transfers(): SeenPlan[] {
    return [...this.seen.values()].filter((seen) => seen.plan.mode === "AUTO");
  }

  get all(): SeenPlan[] {
    return [...this.seen.values()];
  }
}

function chosenFee(channels: Json | undefined): Decimal {
  const chosen = isJsonObject(channels) ? channels["chosen"] : undefined;
  const fee = isJsonObject(chosen) ? chosen["fee"] : undefined;
  if (typeof fee !== "string") throw new Error("a recorded plan names no chosen route and fee");
  return new Money(fee);
}
