import { unreachable } from "../../runtime/assert.js";
import type { ScheduleEvent } from "./events.js";
import type { JobChange, ScheduleState } from "./state.js";

/** Applies one event; pure. The view an event carries (`job`) is derived from the state, never read here. */
export function evolveSchedule(state: ScheduleState, event: ScheduleEvent): ScheduleState {
  switch (event.type) {
    case "jobPut":
      return {
        ...changed(state, event, "put"),
        version: event.version,
        definition: event.definition,
        nextSlot: event.nextSlot,
      };
    case "jobDeleted":
      return {
        ...changed(state, event, "delete"),
        version: event.version,
        definition: null,
        paused: false,
        nextSlot: null,
      };
    case "jobPaused":
      return { ...changed(state, event, "pause"), paused: true, nextSlot: null };
    case "jobResumed":
      return { ...changed(state, event, "resume"), paused: false, nextSlot: event.nextSlot };
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
        ...(event.reason === "missed"
          ? { skipsMissed: state.skipsMissed + 1 }
          : { skipsBacklog: state.skipsBacklog + 1 }),
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
        ...(event.ok ? { slotsApplied: state.slotsApplied + 1 } : { slotsRefused: state.slotsRefused + 1 }),
      };
    case "slotUndelivered":
      return {
        ...state,
        pending: state.pending.filter((delivery) => delivery.slot !== event.slot),
        lastOutcome: { slot: event.slot, outcome: "undelivered" },
        slotsUndelivered: state.slotsUndelivered + 1,
      };
    default:
      return unreachable(event);
  }
}

/** The state with the change's principal and time as its last change, when the event records them. */
function changed(
  state: ScheduleState,
  event: { readonly principal?: string; readonly at?: number },
  kind: JobChange["kind"],
): ScheduleState {
  if (event.principal === undefined || event.at === undefined) return state;
  return { ...state, lastChange: { kind, principal: event.principal, at: event.at } };
}
