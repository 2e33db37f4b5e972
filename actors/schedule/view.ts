import type { JsonObject } from "../../runtime/json.js";
import { encodeDefinition, type ScheduleState } from "./state.js";

/** What `get` and every change answer: the job as it stands now. Times are epoch milliseconds. */
export function viewOf(jobId: string, state: ScheduleState): JsonObject {
  return {
    jobId,
    version: state.version,
    exists: state.definition !== null,
    definition: state.definition && encodeDefinition(state.definition),
    paused: state.paused,
    nextSlot: state.nextSlot,
    lastSlot: state.lastSlot,
    slotsFired: state.slotsFired,
    lastSkipped: state.lastSkipped && { ...state.lastSkipped },
    pending: state.pending.map(({ slot, attempt }) => ({ slot, attempt })),
    lastOutcome: state.lastOutcome && { ...state.lastOutcome },
  };
}
