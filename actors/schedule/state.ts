import type { Json, JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { missedSlotPolicies, type JobDefinition, type JobTarget } from "./commands.js";

/** A slot whose command was sent and whose answer has not come back yet. */
export interface PendingDelivery {
  readonly slot: number;
  /** Sends so far, from 1. */
  readonly attempt: number;
  readonly target: JobTarget;
}

/** Slots from `fromSlot` through `throughSlot` that did not run. */
export type SkippedSlots = {
  readonly fromSlot: number;
  readonly throughSlot: number;
};

export const slotOutcomes = ["applied", "refused", "undelivered"] as const;

/** How the latest slot ended at its target. */
export type SlotOutcome = {
  readonly slot: number;
  readonly outcome: (typeof slotOutcomes)[number];
  readonly code?: string;
};

export const jobChangeKinds = ["put", "delete", "pause", "resume"] as const;

/** The last change a client made to the job: what, who (the principal), when (epoch ms). */
export type JobChange = {
  readonly kind: (typeof jobChangeKinds)[number];
  readonly principal: string;
  readonly at: number;
};

/**
 * How the job's slots ended, counted since its first put (a delete keeps them): the view carries them so that the
 * metrics read them from the job directory. `skips*` count occasions, each of one or more slots passed over.
 */
export type SlotCounts = {
  readonly slotsApplied: number;
  readonly slotsRefused: number;
  readonly slotsUndelivered: number;
  readonly skipsMissed: number;
  readonly skipsBacklog: number;
};

const noCounts: SlotCounts = { slotsApplied: 0, slotsRefused: 0, slotsUndelivered: 0, skipsMissed: 0, skipsBacklog: 0 };
const countNames = Object.keys(noCounts) as ReadonlyArray<keyof SlotCounts>;

export interface ScheduleState extends SlotCounts {
  /** Bumped by every `put` and `delete`; 0 before the first `put`. */
  readonly version: number;
  /** Null before the first `put` and after `delete`. */
  readonly definition: JobDefinition | null;
  readonly paused: boolean;
  /** The slot the job's reminder is set for; null when none is (paused, disabled, deleted, no later slot). */
  readonly nextSlot: number | null;
  readonly lastSlot: number | null;
  readonly slotsFired: number;
  /** The latest slots passed over under `skip`. */
  readonly lastSkipped: SkippedSlots | null;
  /** Oldest first; at most `pendingDeliveriesMax` (decide.ts). */
  readonly pending: readonly PendingDelivery[];
  readonly lastOutcome: SlotOutcome | null;
  /** Null before the first change that recorded its principal (events of older engines did not). */
  readonly lastChange: JobChange | null;
}

export const initialScheduleState: ScheduleState = {
  version: 0,
  definition: null,
  paused: false,
  nextSlot: null,
  lastSlot: null,
  slotsFired: 0,
  lastSkipped: null,
  pending: [],
  lastOutcome: null,
  lastChange: null,
  ...noCounts,
};

export function encodeTarget(target: JobTarget): JsonObject {
  return { kind: target.kind, actorId: target.actorId, type: target.type, payload: target.payload };
}

export function encodeDefinition(definition: JobDefinition): JsonObject {
  return {
    cron: definition.cron,
    timeZone: definition.timeZone,
    target: encodeTarget(definition.target),
    missedSlots: definition.missedSlots,
    enabled: definition.enabled,
  };
}

export function encodeScheduleState(state: ScheduleState): JsonObject {
  return {
    version: state.version,
    definition: state.definition && encodeDefinition(state.definition),
    paused: state.paused,
    nextSlot: state.nextSlot,
    lastSlot: state.lastSlot,
    slotsFired: state.slotsFired,
    lastSkipped: state.lastSkipped && {
      fromSlot: state.lastSkipped.fromSlot,
      throughSlot: state.lastSkipped.throughSlot,
    },
    pending: state.pending.map((delivery) => ({
      slot: delivery.slot,
      attempt: delivery.attempt,
      target: encodeTarget(delivery.target),
    })),
    lastOutcome: state.lastOutcome && encodeOutcome(state.lastOutcome),
    lastChange: state.lastChange && { ...state.lastChange },
    ...countsOf(state),
  };
}

export function countsOf(counts: SlotCounts): SlotCounts {
  return Object.fromEntries(countNames.map((name) => [name, counts[name]])) as SlotCounts;
}

export function decodeScheduleState(encoded: JsonObject): ScheduleState {
  const state = JsonReader.of("an encoded schedule state", encoded);
  const definition = state.objectOrNull("definition");
  const lastOutcome = state.objectOrNull("lastOutcome");
  const lastSkipped = state.objectOrNull("lastSkipped");
  // Snapshots of engines before the counts and the last change have neither: they start from none.
  const lastChange = state.has("lastChange") ? state.objectOrNull("lastChange") : null;
  return {
    version: state.integer("version"),
    definition: definition && decodeDefinition(definition),
    paused: state.boolean("paused"),
    nextSlot: state.integerOrNull("nextSlot"),
    lastSlot: state.integerOrNull("lastSlot"),
    slotsFired: state.integer("slotsFired"),
    lastSkipped: lastSkipped && {
      fromSlot: lastSkipped.integer("fromSlot"),
      throughSlot: lastSkipped.integer("throughSlot"),
    },
    pending: state.objects("pending").map((delivery) => ({
      slot: delivery.integer("slot"),
      attempt: delivery.integer("attempt"),
      target: decodeTarget(delivery.object("target")),
    })),
    lastOutcome: lastOutcome && decodeOutcome(lastOutcome),
    lastChange: lastChange && decodeChange(lastChange),
    ...decodeCounts(state, true),
  };
}

/** The counts of a state or a view; `lenient`: absent ones (written by older engines) read as 0. */
export function decodeCounts(reader: JsonReader, lenient: boolean): SlotCounts {
  return Object.fromEntries(
    countNames.map((name) => [name, lenient && !reader.has(name) ? 0 : reader.integer(name)]),
  ) as SlotCounts;
}

export function decodeChange(change: JsonReader): JobChange {
  return {
    kind: change.oneOf("kind", jobChangeKinds),
    principal: change.text("principal"),
    at: change.integer("at"),
  };
}

function encodeOutcome(outcome: SlotOutcome): JsonObject {
  const encoded: Record<string, Json> = { slot: outcome.slot, outcome: outcome.outcome };
  if (outcome.code !== undefined) encoded["code"] = outcome.code;
  return encoded;
}

export function decodeDefinition(definition: JsonReader): JobDefinition {
  return {
    cron: definition.text("cron"),
    timeZone: definition.text("timeZone"),
    target: decodeTarget(definition.object("target")),
    missedSlots: definition.oneOf("missedSlots", missedSlotPolicies),
    enabled: definition.boolean("enabled"),
  };
}

function decodeTarget(target: JsonReader): JobTarget {
  return {
    kind: target.text("kind"),
    actorId: target.text("actorId"),
    type: target.text("type"),
    payload: target.jsonObject("payload"),
  };
}

export function decodeOutcome(outcome: JsonReader): SlotOutcome {
  const code = outcome.has("code") ? outcome.text("code") : undefined;
  return {
    slot: outcome.integer("slot"),
    outcome: outcome.oneOf("outcome", slotOutcomes),
    ...(code !== undefined && { code }),
  };
}
