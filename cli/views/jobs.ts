import { jsonOfStruct } from "../../adapters/grpc/struct.js";
import type { JobView__Output } from "../../protos/generated/liquidity/v1/JobView.js";
import { orDash, record, table, time } from "../output.js";

/** active, paused, disabled or deleted: what a person asks first. */
function stateText(view: JobView__Output): string {
  if (view.status !== "active") return view.status;
  if (view.paused) return "paused";
  return view.job?.enabled === false ? "disabled" : "active";
}

function targetText(view: JobView__Output): string {
  const target = view.job?.target;
  return target ? `${target.kind} ${target.actor_id} ${target.command}` : "-";
}

function outcomeText(view: JobView__Output): string {
  const outcome = view.last_outcome;
  if (!outcome) return "-";
  return `${outcome.outcome}${outcome.code ? ` (${outcome.code})` : ""} at ${time(outcome.slot_ms)}`;
}

function countsText(view: JobView__Output): string {
  return `${view.slots_fired} fired: ${view.slots_applied} applied, ${view.slots_refused} refused, ${view.slots_undelivered} undelivered, ${view.pending.length} waiting`;
}

/** Jobs, one row each: state, schedule, target, next slot, last outcome. */
export function jobsText(jobs: readonly JobView__Output[]): string {
  const rows = jobs.map((view) => [
    view.job_id,
    stateText(view),
    view.job ? `${view.job.cron} ${view.job.time_zone}` : "-",
    targetText(view),
    time(view.next_slot_ms),
    outcomeText(view),
    view.slots_fired,
  ]);
  return table(["job", "state", "schedule", "target", "next slot", "last outcome", "fired"], rows, [
    "left",
    "left",
    "left",
    "left",
    "left",
    "left",
    "right",
  ]);
}

/** One job in full. */
export function jobText(view: JobView__Output): string {
  const job = view.job;
  const change = view.last_change;
  const skipped = view.last_skipped;
  const pairs: Array<readonly [string, string]> = [
    ["job", view.job_id],
    ["state", stateText(view)],
    ["version", view.version],
    ["last change", change ? `${change.kind} by ${change.principal} ${time(change.at_ms)}` : "-"],
  ];
  if (job)
    pairs.push(
      ["schedule", `${job.cron} in ${job.time_zone}`],
      ["target", targetText(view)],
      ["payload", JSON.stringify(jsonOfStruct(job.target?.payload))],
      ["missed slots", job.missed_slots],
    );
  pairs.push(
    ["next slot", time(view.next_slot_ms)],
    ["last slot", time(view.last_slot_ms)],
    ["last outcome", outcomeText(view)],
    ["slots", countsText(view)],
    [
      "skipped",
      `${view.skips_missed} missed, ${view.skips_backlog} backlog${skipped ? `; last ${time(skipped.from_slot_ms)} - ${time(skipped.through_slot_ms)}` : ""}`,
    ],
    ["waiting", view.pending.map((pending) => `${time(pending.slot_ms)} (${pending.attempt} sends)`).join(", ") || "-"],
  );
  return record(pairs.map(([name, value]) => [name, orDash(value)] as const));
}
