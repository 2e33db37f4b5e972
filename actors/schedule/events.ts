import type { JobDefinition, JobTarget } from "./commands.js";
import type { JobView } from "./view.js";

/**
 * Who made a client's change and when (epoch ms): the job's `lastChange`. Absent from events of engines before it was
 * recorded.
 */
type ChangeFields = { readonly principal?: string; readonly at?: number };

/**
 * What happened to the job; times are epoch milliseconds. `slotFired.target` is the slot's own (its `{slot}` filled in,
 * targets.ts).
 */
export type ScheduleChange =
  | ({
      readonly type: "jobPut";
      readonly version: number;
      readonly definition: JobDefinition;
      readonly nextSlot: number | null;
    } & ChangeFields)
  | ({ readonly type: "jobDeleted"; readonly version: number } & ChangeFields)
  | ({ readonly type: "jobPaused" } & ChangeFields)
  | ({ readonly type: "jobResumed"; readonly nextSlot: number | null } & ChangeFields)
  /**
   * A slot ran: its command goes to `target` (recorded here, so a later `put` does not change what this slot sends).
   * `dueSlot` is the slot the reminder was set for: earlier than `slot` when `run_once` caught up after downtime.
   */
  | {
      readonly type: "slotFired";
      readonly slot: number;
      readonly dueSlot: number;
      readonly target: JobTarget;
      readonly nextSlot: number | null;
    }
  /**
   * Slots from `fromSlot` through `throughSlot` did not run: they passed while the engine was down and the policy is
   * `skip` (`missed`), or too many earlier slots still wait for their target's answer (`backlog`).
   */
  | {
      readonly type: "slotsSkipped";
      readonly fromSlot: number;
      readonly throughSlot: number;
      readonly reason: "missed" | "backlog";
      readonly nextSlot: number | null;
    }
  /** The target did not answer in time: the same command (same id) is sent again. */
  | { readonly type: "slotRedelivered"; readonly slot: number; readonly attempt: number }
  /** The target applied the slot's command (`ok`) or refused it for good (`code`). */
  | { readonly type: "slotDelivered"; readonly slot: number; readonly ok: boolean; readonly code?: string }
  /** No answer after every attempt: the slot is given up, visibly. */
  | { readonly type: "slotUndelivered"; readonly slot: number; readonly attempts: number };

/**
 * Events of the schedule actor: each carries `job`, the job's whole view once the event is applied, so that the last
 * event of a job is enough to list it (the job directory, read-models/job-directory.ts). Events of engines before
 * it was added have none; evolve never reads it.
 */
export type ScheduleEvent = ScheduleChange & { readonly job?: JobView };
