import type { JobDefinition } from "../../actors/schedule/commands.js";
import type { JobView as ActorJobView } from "../../actors/schedule/view.js";
import type { Json } from "../../runtime/json.js";
import type { Job, Job__Output } from "../../protos/generated/liquidity/v1/Job.js";
import type { JobView } from "../../protos/generated/liquidity/v1/JobView.js";
import { jsonOfStruct, structOf } from "./struct.js";

/** Jobs between the wire (jobs.proto) and the schedule actor's JSON (actors/schedule/commands.ts). */

/** A Job message as the actor's `put` takes it: empty strings that mean "the default" are left out. */
export function jobJsonOf(job: Job__Output): Record<string, Json> {
  const target = job.target;
  const json: Record<string, Json> = {
    cron: job.cron,
    timeZone: job.time_zone,
    target: target
      ? { kind: target.kind, actorId: target.actor_id, type: target.command, payload: jsonOfStruct(target.payload) }
      : null,
  };
  if (job.missed_slots !== "") json["missedSlots"] = job.missed_slots;
  if (job.enabled !== undefined) json["enabled"] = job.enabled;
  return json;
}

export function jobOf(definition: JobDefinition): Job {
  const { target } = definition;
  return {
    cron: definition.cron,
    time_zone: definition.timeZone,
    target: { kind: target.kind, actor_id: target.actorId, command: target.type, payload: structOf(target.payload) },
    missed_slots: definition.missedSlots,
    enabled: definition.enabled,
  };
}

/** The actor's view of a job as the wire's; null times are 0. */
export function jobViewOf(view: ActorJobView): JobView {
  const ms = (time: number | null): string => String(time ?? 0);
  return {
    job_id: view.jobId,
    status: view.exists ? "active" : "deleted",
    version: String(view.version),
    job: view.definition && jobOf(view.definition),
    paused: view.paused,
    next_slot_ms: ms(view.nextSlot),
    last_slot_ms: ms(view.lastSlot),
    last_outcome: view.lastOutcome && {
      slot_ms: ms(view.lastOutcome.slot),
      outcome: view.lastOutcome.outcome,
      code: view.lastOutcome.code ?? "",
    },
    pending: view.pending.map((pending) => ({ slot_ms: ms(pending.slot), attempt: pending.attempt })),
    last_skipped: view.lastSkipped && {
      from_slot_ms: ms(view.lastSkipped.fromSlot),
      through_slot_ms: ms(view.lastSkipped.throughSlot),
    },
    slots_fired: String(view.slotsFired),
    slots_applied: String(view.slotsApplied),
    slots_refused: String(view.slotsRefused),
    slots_undelivered: String(view.slotsUndelivered),
    skips_missed: String(view.skipsMissed),
    skips_backlog: String(view.skipsBacklog),
    last_change: view.lastChange && {
      kind: view.lastChange.kind,
      principal: view.lastChange.principal,
      at_ms: ms(view.lastChange.at),
    },
  };
}
