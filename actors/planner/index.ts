import type { ActorKind } from "../../runtime/actor-kind.js";
import type { PlannerCommand } from "./commands.js";
import { decidePlanner } from "./decide.js";
import type { PlannerEvent } from "./events.js";
import { evolvePlanner } from "./evolve.js";
import { parsePlannerCommand } from "./parse.js";
import type { PlannerRejectionCode } from "./rejections.js";
import { decodePlannerState, encodePlannerState, initialPlannerState, type PlannerState } from "./state.js";

/** A pool's planner (ADR 012 §4): one actor per pool and currency, `<pool>:<currency>`, holding its plans. */
export const plannerKind: ActorKind<PlannerState, PlannerCommand, PlannerEvent, PlannerRejectionCode> = {
  name: "planner",
  logField: "planner",
  initialState: () => initialPlannerState,
  parseCommand: parsePlannerCommand,
  decide: decidePlanner,
  evolve: evolvePlanner,
  encodeState: encodePlannerState,
  decodeState: decodePlannerState,
};

export type { PlannerCommand, PlannerEvent, PlannerRejectionCode, PlannerState };
