import { expect } from "chai";
import { Registry } from "prom-client";
import { slotReminderKey } from "../../actors/schedule/decide.js";
import {
  scheduleKind,
  type ScheduleCommand,
  type ScheduleEvent,
  type ScheduleState,
} from "../../actors/schedule/index.js";
import { registerScheduleMetrics } from "../../adapters/prometheus/schedule-metrics.js";
import { matchesJobFilter, newJobDirectory, type JobDirectory } from "../../read-models/job-directory.js";
import type { JsonObject } from "../../runtime/json.js";
import { given, type DeciderTest } from "../support/decider.js";

const at = (iso: string): number => Date.parse(iso);
const target = { kind: "tally", actorId: "t-1", type: "add", payload: { amount: "1" } };

/** A job actor and the directory fed with its events as the bus publishes them (through JSON). */
class JobsUnderTest {
  readonly directory = newJobDirectory();
  private readonly actors = new Map<string, DeciderTest<ScheduleState, ScheduleCommand, ScheduleEvent>>();
  private readonly published = new Map<string, number>();

  constructor(private readonly now: number) {}

  send(jobId: string, type: string, payload: JsonObject = {}, principal = "grpc:olivia") {
    let actor = this.actors.get(jobId);
    if (!actor) {
      actor = given({ kind: scheduleKind, actorId: jobId, now: this.now, principal });
      this.actors.set(jobId, actor);
    }
    const then = actor.when(type, payload, { principal });
    this.publish(jobId, then.events);
    return then;
  }

  fire(jobId: string) {
    const then = this.actors.get(jobId)!.fire(slotReminderKey);
    this.publish(jobId, then.events);
    return then;
  }

  put(jobId: string, change: JsonObject = {}) {
    return this.send(jobId, "put", {
      expectedVersion: 0,
      cron: "0 * * * *",
      timeZone: "UTC",
      target,
      ...change,
    });
  }

  private publish(jobId: string, events: readonly ScheduleEvent[]) {
    for (const event of events) {
      const eventSeq = (this.published.get(jobId) ?? 0) + 1;
      this.published.set(jobId, eventSeq);
      this.directory.apply({
        actorId: jobId,
        eventSeq,
        commandId: `c-${eventSeq}`,
        recordedAt: this.now,
        event: JSON.parse(JSON.stringify(event)) as JsonObject,
      });
    }
  }
}

const ids = (directory: JobDirectory, filter = {}) =>
  directory.list((view) => matchesJobFilter(view, filter), "", 100).views.map((view) => view.jobId);

describe("job directory", () => {
  it("lists every job from its last event, filters by enabled and paused, and forgets a deleted one", () => {
    const jobs = new JobsUnderTest(at("2026-05-04T10:10:00Z"));
    jobs.put("c-hourly");
    jobs.put("a-disabled", { enabled: false });
    jobs.put("b-paused");
    jobs.send("b-paused", "pause");
    jobs.put("d-gone");
    jobs.send("d-gone", "delete", { expectedVersion: 1 });
    expect(ids(jobs.directory)).to.deep.equal(["a-disabled", "b-paused", "c-hourly"]);
    expect(ids(jobs.directory, { paused: true })).to.deep.equal(["b-paused"]);
    expect(ids(jobs.directory, { paused: false, enabled: true })).to.deep.equal(["c-hourly"]);
    expect(ids(jobs.directory, { enabled: false })).to.deep.equal(["a-disabled"]);
    expect(jobs.directory.get("b-paused")).to.deep.include({
      paused: true,
      nextSlot: null,
      lastChange: { kind: "pause", principal: "grpc:olivia", at: at("2026-05-04T10:10:00Z") },
    });
    jobs.fire("c-hourly");
    expect(jobs.directory.get("c-hourly")).to.deep.include({
      slotsFired: 1,
      lastSlot: at("2026-05-04T11:00:00Z"),
      nextSlot: at("2026-05-04T12:00:00Z"),
      pending: [{ slot: at("2026-05-04T11:00:00Z"), attempt: 1 }],
    });
  });

  it("skips an event without a view (an older engine's) or with another job's, and keeps the last view", () => {
    const jobs = new JobsUnderTest(at("2026-05-04T10:10:00Z"));
    jobs.put("a");
    const before = jobs.directory.get("a");
    expect(
      jobs.directory.apply({ actorId: "a", eventSeq: 5, commandId: "x", recordedAt: 0, event: { type: "jobPaused" } }),
    ).to.equal(false);
    const other = { ...(before as unknown as JsonObject), jobId: "b" };
    expect(
      jobs.directory.apply({
        actorId: "a",
        eventSeq: 6,
        commandId: "y",
        recordedAt: 0,
        event: { type: "jobPaused", job: other },
      }),
    ).to.equal(false);
    expect(jobs.directory.ignoredEvents).to.equal(2);
    expect(jobs.directory.get("a")).to.deep.equal(before);
  });
});

describe("schedule metrics", () => {
  it("export each job's slots by outcome, skips, next slot and pending slots, once the directory has caught up", async () => {
    const jobs = new JobsUnderTest(at("2026-05-04T10:10:00Z"));
    jobs.put("hourly");
    jobs.put("stopped");
    jobs.send("stopped", "pause");
    jobs.fire("hourly");
    let ready = false;
    const registry = new Registry();
    registerScheduleMetrics(registry, jobs.directory, { jobsMax: 10, ready: () => ready });
    expect(await registry.metrics()).to.not.match(/^liq_schedule_\w+\{/m);
    ready = true;
    const text = await registry.metrics();
    expect(text).to.include('liq_schedule_slots_total{job_id="hourly",outcome="fired"} 1');
    expect(text).to.include('liq_schedule_slots_total{job_id="hourly",outcome="undelivered"} 0');
    expect(text).to.include('liq_schedule_skips_total{job_id="stopped",reason="missed"} 0');
    expect(text).to.include(
      `liq_schedule_next_slot_timestamp_seconds{job_id="hourly"} ${at("2026-05-04T12:00:00Z") / 1_000}`,
    );
    expect(text).to.not.include('liq_schedule_next_slot_timestamp_seconds{job_id="stopped"}');
    expect(text).to.include('liq_schedule_pending_slots{job_id="hourly"} 1');
    expect(text).to.include('liq_schedule_jobs{state="active"} 1');
    expect(text).to.include('liq_schedule_jobs{state="paused"} 1');
  });
});
