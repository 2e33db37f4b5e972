import type { Json } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import type { JobDefinition } from "./commands.js";
import {
  countsOf,
  decodeChange,
  decodeCounts,
  decodeDefinition,
  decodeOutcome,
  type JobChange,
  type ScheduleState,
  type SkippedSlots,
  type SlotCounts,
  type SlotOutcome,
} from "./state.js";

/** A slot sent and not answered yet, with the number of sends so far. */
export type PendingSlot = { readonly slot: number; readonly attempt: number };

/**
 * The job as it stands: what `get` and every change answer, and what every event carries (`job`). Times are epoch
 * milliseconds. `exists` is false before the first put and after a delete (the version stays: a put names it).
 */
export type JobView = {
  readonly jobId: string;
  readonly version: number;
  readonly exists: boolean;
  readonly definition: JobDefinition | null;
  readonly paused: boolean;
  /** The slot the job waits for; null when none is due (paused, disabled, deleted, no later slot). */
  readonly nextSlot: number | null;
  /** The latest slot that ran. */
  readonly lastSlot: number | null;
  readonly slotsFired: number;
  readonly lastSkipped: SkippedSlots | null;
  readonly pending: PendingSlot[];
  readonly lastOutcome: SlotOutcome | null;
  readonly lastChange: JobChange | null;
} & SlotCounts;

export function jobViewOf(jobId: string, state: ScheduleState): JobView {
  return {
    jobId,
    version: state.version,
    exists: state.definition !== null,
    definition: state.definition,
    paused: state.paused,
    nextSlot: state.nextSlot,
    lastSlot: state.lastSlot,
    slotsFired: state.slotsFired,
    lastSkipped: state.lastSkipped && { ...state.lastSkipped },
    pending: state.pending.map(({ slot, attempt }) => ({ slot, attempt })),
    lastOutcome: state.lastOutcome && { ...state.lastOutcome },
    lastChange: state.lastChange && { ...state.lastChange },
    ...countsOf(state),
  };
}

/** A job's view as a reply or an event carries it; `source` names it in the error of one that is not a view. */
export function decodeJobView(value: Json | undefined, source: string): JobView {
  const view = JsonReader.of(source, value);
  const definition = view.objectOrNull("definition");
  const lastSkipped = view.objectOrNull("lastSkipped");
  const lastOutcome = view.objectOrNull("lastOutcome");
  const lastChange = view.objectOrNull("lastChange");
  return {
    jobId: view.text("jobId"),
    version: view.integer("version"),
    exists: view.boolean("exists"),
    definition: definition && decodeDefinition(definition),
    paused: view.boolean("paused"),
    nextSlot: view.integerOrNull("nextSlot"),
    lastSlot: view.integerOrNull("lastSlot"),
    slotsFired: view.integer("slotsFired"),
    lastSkipped: lastSkipped && {
      fromSlot: lastSkipped.integer("fromSlot"),
      throughSlot: lastSkipped.integer("throughSlot"),
    },
    pending: view.objects("pending").map((pending) => ({
      slot: pending.integer("slot"),
      attempt: pending.integer("attempt"),
    })),
    lastOutcome: lastOutcome && decodeOutcome(lastOutcome),
    lastChange: lastChange && decodeChange(lastChange),
    ...decodeCounts(view, false),
  };
}
