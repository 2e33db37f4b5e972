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
export interface SkippedSlots {
  readonly fromSlot: number;
  readonly throughSlot: number;
}

/** How the latest slot ended at its target. */
export interface SlotOutcome {
  readonly slot: number;
  readonly outcome: "applied" | "refused" | "undelivered";
  readonly code?: string;
}

export interface ScheduleState {
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
  };
}

export function decodeScheduleState(encoded: JsonObject): ScheduleState {
  const state = JsonReader.of("an encoded schedule state", encoded);
  const definition = state.objectOrNull("definition");
  const lastOutcome = state.objectOrNull("lastOutcome");
  const lastSkipped = state.objectOrNull("lastSkipped");
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
  };
}

function encodeOutcome(outcome: SlotOutcome): JsonObject {
  const encoded: Record<string, Json> = { slot: outcome.slot, outcome: outcome.outcome };
  if (outcome.code !== undefined) encoded["code"] = outcome.code;
  return encoded;
}

function decodeDefinition(definition: JsonReader): JobDefinition {
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

function decodeOutcome(outcome: JsonReader): SlotOutcome {
  const code = outcome.has("code") ? outcome.text("code") : undefined;
  return {
    slot: outcome.integer("slot"),
    outcome: outcome.oneOf("outcome", ["applied", "refused", "undelivered"] as const),
    ...(code !== undefined && { code }),
  };
}
