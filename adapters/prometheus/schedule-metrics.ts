import { Counter, Gauge, type Registry } from "prom-client";
import type { JobView } from "../../actors/schedule/view.js";
import type { JobDirectory } from "../../read-models/job-directory.js";

export interface ScheduleMetricsSettings {
  /** Jobs with series of their own, at most (label cardinality); the job counts cover every job. */
  readonly jobsMax: number;
  /** Whether the directory has caught up with the stream: before, its views are old and nothing is exported. */
  readonly ready: () => boolean;
}

/** `liq_schedule_slots_total{outcome}`: how each of a job's slots went, counted in the job's own state. */
const slotOutcomes = [
  ["fired", "slotsFired"],
  ["applied", "slotsApplied"],
  ["refused", "slotsRefused"],
  ["undelivered", "slotsUndelivered"],
] as const satisfies ReadonlyArray<readonly [string, keyof JobView]>;

const skipReasons = [
  ["missed", "skipsMissed"],
  ["backlog", "skipsBacklog"],
] as const satisfies ReadonlyArray<readonly [string, keyof JobView]>;

/**
 * Scheduled jobs (ADR 013), read from the job directory at scrape time. The counts live in each job's journaled state
 * and come with its view, so they survive restarts and every node exports the same values: aggregate across
 * instances with `max by (job_id)`, never `sum`. The label is `job_id`, since `job` is Prometheus's own target label.
 */
export function registerScheduleMetrics(
  registry: Registry,
  directory: JobDirectory,
  settings: ScheduleMetricsSettings,
): void {
  const registers = [registry];
  const jobs = (): JobView[] => (settings.ready() ? [...directory.all()].slice(0, settings.jobsMax) : []);
  new Counter({
    name: "liq_schedule_slots_total",
    help: "A job's slots: fired (its command sent), applied or refused by the target, undelivered (no answer after every send)",
    labelNames: ["job_id", "outcome"],
    registers,
    collect() {
      this.reset();
      for (const view of jobs())
        for (const [outcome, field] of slotOutcomes) this.inc({ job_id: view.jobId, outcome }, view[field]);
    },
  });
  new Counter({
    name: "liq_schedule_skips_total",
    help: "Times a job passed over one or more slots: missed (the engine was down, policy skip) or backlog (too many unanswered)",
    labelNames: ["job_id", "reason"],
    registers,
    collect() {
      this.reset();
      for (const view of jobs())
        for (const [reason, field] of skipReasons) this.inc({ job_id: view.jobId, reason }, view[field]);
    },
  });
  new Gauge({
    name: "liq_schedule_next_slot_timestamp_seconds",
    help: "When a job's next slot is due, Unix time; no series while it has none (paused, disabled, no later slot)",
    labelNames: ["job_id"],
    registers,
    collect() {
      this.reset();
      for (const view of jobs()) if (view.nextSlot !== null) this.set({ job_id: view.jobId }, view.nextSlot / 1_000);
    },
  });
  new Gauge({
    name: "liq_schedule_pending_slots",
    help: "A job's slots sent and not answered yet",
    labelNames: ["job_id"],
    registers,
    collect() {
      this.reset();
      for (const view of jobs()) this.set({ job_id: view.jobId }, view.pending.length);
    },
  });
  new Gauge({
    name: "liq_schedule_jobs",
    help: "Scheduled jobs by state: active (a slot is due), paused, disabled, idle (enabled, no later slot)",
    labelNames: ["state"],
    registers,
    collect() {
      if (!settings.ready()) return;
      const counts = { active: 0, paused: 0, disabled: 0, idle: 0 };
      for (const view of directory.all()) counts[jobState(view)]++;
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
}

function jobState(view: JobView): "active" | "paused" | "disabled" | "idle" {
  if (view.paused) return "paused";
  if (view.definition?.enabled === false) return "disabled";
  return view.nextSlot === null ? "idle" : "active";
}
