import { unreachable } from "../../runtime/assert.js";
import type { ScheduleEvent } from "./events.js";
import type { ScheduleState } from "./state.js";

export function evolveSchedule(state: ScheduleState, event: ScheduleEvent): ScheduleState {
  switch (event.type) {
    case "jobPut":
      return { ...state, version: event.version, definition: event.definition, nextSlot: event.nextSlot };
    case "jobDeleted":
      return { ...state, version: event.version, definition: null, paused: false, nextSlot: null };
    case "jobPaused":
      return { ...state, paused: true, nextSlot: null };
    case "jobResumed":
      return { ...state, paused: false, nextSlot: event.nextSlot };
    case "slotFired":
      return {
        ...state,
        nextSlot: event.nextSlot,
        lastSlot: event.slot,
        slotsFired: state.slotsFired + 1,
        pending: [...state.pending, { slot: event.slot, attempt: 1, target: event.target }],
      };
    case "slotsSkipped":
      return {
        ...state,
        nextSlot: event.nextSlot,
        lastSkipped: { fromSlot: event.fromSlot, throughSlot: event.throughSlot },
      };
    case "slotRedelivered":
      return {
        ...state,
        pending: state.pending.map((delivery) =>
          delivery.slot === event.slot ? { ...delivery, attempt: event.attempt } : delivery,
        ),
      };
    case "slotDelivered":
      return {
        ...state,
        pending: state.pending.filter((delivery) => delivery.slot !== event.slot),
        lastOutcome: {
          slot: event.slot,
          outcome: event.ok ? "applied" : "refused",
          ...(event.code !== undefined && { code: event.code }),
        },
      };
    case "slotUndelivered":
      return {
        ...state,
        pending: state.pending.filter((delivery) => delivery.slot !== event.slot),
        lastOutcome: { slot: event.slot, outcome: "undelivered" },
      };
    default:
      return unreachable(event);
  }
}
