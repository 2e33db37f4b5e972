import type { ActorKind } from "../../runtime/actor-kind.js";
import type { ScheduleCommand } from "./commands.js";
import { decideSchedule } from "./decide.js";
import type { ScheduleEvent } from "./events.js";
import { evolveSchedule } from "./evolve.js";
import { parseScheduleCommand } from "./parse.js";
import type { ScheduleRejectionCode } from "./rejections.js";
import { decodeScheduleState, encodeScheduleState, initialScheduleState, type ScheduleState } from "./state.js";

/** A durable scheduled job (ADR 013): one actor per job id, sending its target a command at each cron slot. */
export const scheduleKind: ActorKind<ScheduleState, ScheduleCommand, ScheduleEvent, ScheduleRejectionCode> = {
  name: "schedule",
  logField: "jobId",
  initialState: () => initialScheduleState,
  parseCommand: parseScheduleCommand,
  decide: decideSchedule,
  evolve: evolveSchedule,
  encodeState: encodeScheduleState,
  decodeState: decodeScheduleState,
};

export { scheduleEffectHandler } from "./effects.js";
export type { ScheduleCommand, ScheduleEvent, ScheduleRejectionCode, ScheduleState };
