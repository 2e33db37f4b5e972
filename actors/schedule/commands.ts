import type { JsonObject } from "../../runtime/json.js";

/** What a job does after the engine was down over one or more of its slots. */
export type MissedSlotPolicy = "run_once" | "skip";
export const missedSlotPolicies: readonly MissedSlotPolicy[] = ["run_once", "skip"];

/** The command a job sends at each slot: to which actor, what type, with what payload. */
export type JobTarget = {
  readonly kind: string;
  readonly actorId: string;
  readonly type: string;
  readonly payload: JsonObject;
};

/** A job's definition, as `put` gives it; versioned as a whole. */
export type JobDefinition = {
  readonly cron: string;
  /** An IANA time zone: the cron expression is read in it, daylight-saving changes included. */
  readonly timeZone: string;
  readonly target: JobTarget;
  readonly missedSlots: MissedSlotPolicy;
  readonly enabled: boolean;
};

/**
 * Commands of the schedule actor (one actor per job id). `fire` comes from the job's slot reminder, `redeliver` from
 * a slot's guard reminder and `delivered` from the dispatch effect: the engine sends those three itself.
 */
export type ScheduleCommand =
  | { readonly type: "put"; readonly expectedVersion: number; readonly definition: JobDefinition }
  | { readonly type: "pause" }
  | { readonly type: "resume" }
  | { readonly type: "delete"; readonly expectedVersion: number }
  | { readonly type: "get" }
  | { readonly type: "fire"; readonly slot: number }
  | { readonly type: "redeliver"; readonly slot: number }
  | {
      readonly type: "delivered";
      readonly slot: number;
      readonly attempt: number;
      readonly ok: boolean;
      readonly code?: string;
    };
