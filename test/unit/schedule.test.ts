import { expect } from "chai";
import { guardReminderKey, slotReminderKey } from "../../actors/schedule/decide.js";
import { decodeSlotDispatch, slotCommandId } from "../../actors/schedule/effects.js";
import {
  scheduleKind,
  type ScheduleCommand,
  type ScheduleEvent,
  type ScheduleState,
} from "../../actors/schedule/index.js";
import { decodeScheduleState } from "../../actors/schedule/state.js";
import { allowedTargets } from "../../actors/schedule/targets.js";
import { decodeJobView, jobViewOf } from "../../actors/schedule/view.js";
import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { given, type DeciderTest } from "../support/decider.js";

const jobId = "sweep-daily";
const at = (iso: string): number => Date.parse(iso);

type JobTest = DeciderTest<ScheduleState, ScheduleCommand, ScheduleEvent>;

const target = { kind: "tally", actorId: "t-1", type: "add", payload: { amount: "1" } };

/** A new job actor, commands sent as the engine; every effect must decode to itself. */
function job(now: number): JobTest {
  return given({
    kind: scheduleKind,
    actorId: jobId,
    now,
    principal: "system:test",
    decodeEffect: (effect) => decodeSlotDispatch(effect),
  });
}

function put(test: JobTest, change: Record<string, Json> = {}, expectedVersion = 0) {
  return test.when("put", {
    expectedVersion,
    cron: "0 * * * *",
    timeZone: "Europe/Berlin",
    target,
    missedSlots: "run_once",
    ...change,
  });
}

/** The due time of the job's pending slot reminder. */
function nextReminder(test: JobTest): number | undefined {
  return test.reminders.get(slotReminderKey)?.dueAt;
}

describe("schedule actor", () => {
  describe("next slot in a time zone", () => {
    it("keeps 09:00 local across the spring daylight-saving change in Europe/Berlin", () => {
      const test = job(at("2026-03-27T12:00:00Z"));
      // Berlin moves from CET (UTC+1) to CEST (UTC+2) at 02:00 on 29 March 2026.
      put(test, { cron: "0 9 * * *" }).thenEvents([{ type: "jobPut", nextSlot: at("2026-03-28T08:00:00Z") }]);
      test
        .fire(slotReminderKey)
        .thenEvents([{ type: "slotFired", slot: at("2026-03-28T08:00:00Z"), nextSlot: at("2026-03-29T07:00:00Z") }]);
      expect(nextReminder(test), "09:00 CEST is 07:00Z").to.equal(at("2026-03-29T07:00:00Z"));
    });

    it("runs a slot that falls in the skipped hour once, at the first valid time after it", () => {
      const test = job(at("2026-03-28T12:00:00Z"));
      // 02:30 does not exist on 29 March 2026 in Berlin: clocks go from 02:00 to 03:00 (01:00Z).
      put(test, { cron: "30 2 * * *" }).thenEvents([{ type: "jobPut", nextSlot: at("2026-03-29T01:00:00Z") }]);
      test.fire(slotReminderKey).thenEvents([{ type: "slotFired", nextSlot: at("2026-03-30T00:30:00Z") }]);
    });

    it("reads the same expression in New York by its own zone and its own change date", () => {
      const test = job(at("2026-03-07T12:00:00Z"));
      // New York moves from EST (UTC-5) to EDT (UTC-4) on 8 March 2026: 09:00 is 14:00Z before and 13:00Z after.
      put(test, { cron: "0 9 * * *", timeZone: "America/New_York" }).thenReply(
        { nextSlot: at("2026-03-07T14:00:00Z") },
        "include",
      );
      test.fire(slotReminderKey).thenEvents([{ type: "slotFired", nextSlot: at("2026-03-08T13:00:00Z") }]);
    });
  });

  describe("a slot", () => {
    it("sends its command once, with a command id made of the job id and the slot, and sets the next reminder in the same entry", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const slot = at("2026-05-04T11:00:00Z");
      const fired = test.fire(slotReminderKey).thenEvents([{ type: "slotFired", slot, dueSlot: slot }]);
      expect(fired.effects).to.have.length(1);
      expect(fired.effects[0]!.payload).to.deep.include({ commandId: `schedule:${jobId}:${slot}`, ...target });
      expect(fired.reminders?.set?.map((reminder) => reminder.key)).to.have.members([
        slotReminderKey,
        guardReminderKey(slot),
      ]);
      expect(slotCommandId(jobId, slot)).to.equal(`schedule:${jobId}:${slot}`);
    });

    it("is sent again with the same command id when no answer came, and settles with the answer", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const slot = at("2026-05-04T11:00:00Z");
      const first = test.fire(slotReminderKey).effects[0]!;
      test.effects = [];
      const again = test.fire(guardReminderKey(slot)).thenEvents([{ type: "slotRedelivered", slot, attempt: 2 }]);
      const commandIdOf = (effect: EffectRequest) => decodeSlotDispatch(effect).payload.commandId;
      expect(commandIdOf(again.effects[0]!)).to.equal(commandIdOf(first));
      expect(again.effects[0]!.id, "effect ids are unique per actor").to.not.equal(first.id);
      test
        .when("delivered", { slot, attempt: 1, ok: true }, { principal: "system:effect" })
        .thenEvents([{ type: "slotDelivered", slot, ok: true }])
        .thenReminders({ cancel: [guardReminderKey(slot)] });
      expect(test.state.pending).to.deep.equal([]);
      expect(test.state.lastOutcome).to.deep.equal({ slot, outcome: "applied" });
      test.when("delivered", { slot, attempt: 2, ok: true }, { principal: "system:effect" }).thenEvents([]);
    });

    it("is given up, visibly, after the last attempt", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const slot = at("2026-05-04T11:00:00Z");
      test.fire(slotReminderKey);
      for (let attempt = 2; attempt <= 8; attempt++) test.fire(guardReminderKey(slot)).thenEvents(["slotRedelivered"]);
      test.fire(guardReminderKey(slot)).thenEvents([{ type: "slotUndelivered", slot, attempts: 8 }]);
      expect(test.state.lastOutcome).to.deep.equal({ slot, outcome: "undelivered" });
    });

    it("records a target's refusal as the slot's outcome", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const slot = at("2026-05-04T11:00:00Z");
      test.fire(slotReminderKey);
      test
        .when(
          "delivered",
          { slot, attempt: 1, ok: false, code: "total_would_go_negative" },
          { principal: "system:effect" },
        )
        .thenEvents([{ type: "slotDelivered", ok: false, code: "total_would_go_negative" }]);
      expect(test.state.lastOutcome).to.deep.equal({ slot, outcome: "refused", code: "total_would_go_negative" });
    });
  });

  describe("missed slots", () => {
    /** A job every hour whose 11:00 reminder fires only at 14:20 (the engine was down from 10:30). */
    function afterDowntime(missedSlots: string): JobTest {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { missedSlots, timeZone: "UTC" });
      test.now = at("2026-05-04T14:20:00Z");
      return test;
    }

    it("run_once runs the latest missed slot once and goes on from the next future slot", () => {
      const test = afterDowntime("run_once");
      test
        .when("fire", { slot: at("2026-05-04T11:00:00Z") }, { principal: "system:reminder" })
        .thenEvents([
          {
            type: "slotFired",
            slot: at("2026-05-04T14:00:00Z"),
            dueSlot: at("2026-05-04T11:00:00Z"),
            nextSlot: at("2026-05-04T15:00:00Z"),
          },
        ])
        .thenEffects(["schedule.dispatch"]);
      expect(test.state.slotsFired).to.equal(1);
    });

    it("skip runs none of them and goes on from the next future slot", () => {
      const test = afterDowntime("skip");
      test
        .when("fire", { slot: at("2026-05-04T11:00:00Z") }, { principal: "system:reminder" })
        .thenEvents([
          {
            type: "slotsSkipped",
            fromSlot: at("2026-05-04T11:00:00Z"),
            throughSlot: at("2026-05-04T14:00:00Z"),
            reason: "missed",
            nextSlot: at("2026-05-04T15:00:00Z"),
          },
        ])
        .thenEffects([]);
      expect(nextReminder(test)).to.equal(at("2026-05-04T15:00:00Z"));
    });

    it("skip still runs a slot whose reminder is a little late", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { missedSlots: "skip" });
      test
        .when("fire", { slot: at("2026-05-04T11:00:00Z") }, { now: at("2026-05-04T11:00:02Z"), principal: "system:x" })
        .thenEvents([{ type: "slotFired", slot: at("2026-05-04T11:00:00Z") }]);
    });

    it("a stale reminder (not the slot the job waits for) changes nothing", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      test
        .when("fire", { slot: at("2026-05-04T09:00:00Z") }, { principal: "system:reminder" })
        .thenEvents([])
        .thenReply({ ignored: true }, "include");
    });
  });

  describe("pause and resume", () => {
    it("pause cancels the slot reminder; resume goes on from the first slot after now, not the ones paused over", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      test
        .when("pause")
        .thenEvents(["jobPaused"])
        .thenReminders({ cancel: [slotReminderKey] });
      expect(nextReminder(test)).to.equal(undefined);
      test.when("pause").thenEvents([]);
      test
        .when("fire", { slot: at("2026-05-04T11:00:00Z") }, { now: at("2026-05-04T11:00:00Z"), principal: "system:r" })
        .thenEvents([]);
      test
        .when("resume", {}, { now: at("2026-05-04T13:30:00Z") })
        .thenEvents([{ type: "jobResumed", nextSlot: at("2026-05-04T14:00:00Z") }]);
      expect(nextReminder(test)).to.equal(at("2026-05-04T14:00:00Z"));
      test.fire(slotReminderKey).thenEvents([{ type: "slotFired", slot: at("2026-05-04T14:00:00Z") }]);
    });

    it("a disabled job sets no reminder and fires nothing", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { enabled: false }).thenEvents([{ type: "jobPut", nextSlot: null }]);
      expect(nextReminder(test)).to.equal(undefined);
      put(test, { enabled: true }, 1).thenEvents([{ type: "jobPut", nextSlot: at("2026-05-04T11:00:00Z") }]);
    });

    it("delete cancels the reminder; the job is then not found", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      test
        .when("delete", { expectedVersion: 1 })
        .thenEvents(["jobDeleted"])
        .thenReminders({ cancel: [slotReminderKey] });
      test.when("pause").thenRejected("job_not_found");
      test.when("get").thenReply({ exists: false, version: 2 }, "include");
    });
  });

  describe("refusals", () => {
    it("refuses a bad cron expression, naming the field, and changes nothing", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { cron: "61 * * * *" }).thenRejected("invalid_command", /^cron must be a cron expression/);
      put(test, { cron: "" }).thenRejected("invalid_command", /^cron is required/);
      expect(test.journal).to.deep.equal([]);
    });

    it("refuses an unknown or offset-only time zone, naming the field", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { timeZone: "Mars/Olympus_Mons" }).thenRejected(
        "invalid_command",
        /^timeZone must be an IANA time zone/,
      );
      put(test, { timeZone: "+02:00" }).thenRejected("invalid_command", /^timeZone must be/);
      expect(test.journal).to.deep.equal([]);
    });

    it("refuses an expression with no future slot, naming the field", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { cron: "0 0 30 2 *" }).thenRejected("no_future_slot");
      expect(test.when("get").reply["exists"]).to.equal(false);
    });

    it("refuses a target payload a MongoDB-wire store cannot keep", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { target: { ...target, payload: { "a.b": 1 } } }).thenRejected("invalid_command", /target\.payload/);
      put(test, { target: { ...target, payload: { list: [[1]] } } }).thenRejected("invalid_command", /list/);
    });

    it("refuses a put or delete at another version, and says which version the job is at", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test).thenAccepted();
      const conflict = put(test, { cron: "30 * * * *" }, 0).thenRejected("version_conflict");
      expect(conflict.details).to.deep.equal({ version: 1, expectedVersion: 0 });
      test.when("delete", { expectedVersion: 3 }).thenRejected("version_conflict");
      put(test, { cron: "30 * * * *" }, 1).thenEvents([{ type: "jobPut", version: 2 }]);
    });

    it("refuses fire, redeliver and delivered from a client", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      test
        .when("fire", { slot: at("2026-05-04T11:00:00Z") }, { principal: "user:alice" })
        .thenRejected("internal_command");
      test
        .when("delivered", { slot: 1, attempt: 1, ok: true }, { principal: "user:alice" })
        .thenRejected("internal_command");
    });
  });

  describe("the view each event carries", () => {
    it("every event carries the job's whole view once it is applied, and the counts of its slots", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const slot = at("2026-05-04T11:00:00Z");
      test.fire(slotReminderKey);
      test.when("delivered", { slot, attempt: 1, ok: true }, { principal: "system:effect" });
      test.now = at("2026-05-04T12:00:00Z");
      test.fire(slotReminderKey);
      test.when("delivered", { slot: slot + 3_600_000, attempt: 1, ok: false, code: "x" }, { principal: "system:e" });
      test.when("pause", {}, { principal: "grpc:olivia" });
      let state = scheduleKind.initialState(jobId);
      for (const event of test.journal) {
        state = scheduleKind.evolve(state, event);
        expect(event.job, event.type).to.deep.equal(jobViewOf(jobId, state));
        expect(decodeJobView(JSON.parse(JSON.stringify(event.job)), "a view"), event.type).to.deep.equal(event.job);
      }
      expect(test.journal.at(-1)!.job).to.deep.include({
        jobId,
        version: 1,
        exists: true,
        paused: true,
        nextSlot: null,
        lastSlot: slot + 3_600_000,
        slotsFired: 2,
        slotsApplied: 1,
        slotsRefused: 1,
        slotsUndelivered: 0,
        lastOutcome: { slot: slot + 3_600_000, outcome: "refused", code: "x" },
        lastChange: { kind: "pause", principal: "grpc:olivia", at: at("2026-05-04T12:00:00Z") },
      });
    });

    it("counts undelivered slots and skips by reason", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { missedSlots: "skip", timeZone: "UTC" });
      const slot = at("2026-05-04T11:00:00Z");
      test.fire(slotReminderKey);
      for (let attempt = 2; attempt <= 9; attempt++) test.fire(guardReminderKey(slot));
      test.now = at("2026-05-04T15:20:00Z");
      const skipped = test.fire(slotReminderKey).thenEvents(["slotsSkipped"]);
      expect(skipped.events[0]!.job).to.deep.include({ slotsUndelivered: 1, skipsMissed: 1, skipsBacklog: 0 });
    });

    it("a deleted job's events say it no longer exists", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test);
      const deleted = test.when("delete", { expectedVersion: 1 }, { principal: "grpc:olivia" });
      expect(deleted.events[0]!.job).to.deep.include({ exists: false, version: 2, definition: null });
      expect(deleted.events[0]!.job!.lastChange).to.deep.include({ kind: "delete", principal: "grpc:olivia" });
    });

    it("events and snapshots of older engines (no view, no principal, no counts) still apply and decode", () => {
      const definition = {
        cron: "0 * * * *",
        timeZone: "UTC",
        target,
        missedSlots: "run_once" as const,
        enabled: true,
      };
      const test = given(
        { kind: scheduleKind, actorId: jobId, now: at("2026-05-04T10:10:00Z") },
        { type: "jobPut", version: 1, definition, nextSlot: at("2026-05-04T11:00:00Z") },
        { type: "jobPaused" },
      );
      expect(test.state).to.deep.include({ version: 1, paused: true, lastChange: null, slotsApplied: 0 });
      const old = {
        version: 1,
        definition,
        paused: false,
        nextSlot: null,
        lastSlot: null,
        slotsFired: 3,
        lastSkipped: null,
        pending: [],
        lastOutcome: { slot: 5, outcome: "applied" },
      };
      expect(decodeScheduleState(old)).to.deep.include({ slotsFired: 3, slotsApplied: 0, lastChange: null });
      test.when("resume", {}, { principal: "grpc:olivia" }).thenEvents(["jobResumed"]);
      expect(test.journal.at(-1)!.job).to.deep.include({ paused: false, lastChange: test.state.lastChange });
    });
  });

  describe("targets a job may send", () => {
    const transferCreate = {
      kind: "transfer",
      actorId: "sweep-{slot}",
      type: "create",
      payload: {
        from: "BANKA:A1",
        to: "BANKB:B1",
        amount: "100.00",
        currency: "EUR",
        debitChannel: "BANKA-direct",
        creditChannel: "BANKB-direct",
      },
    };

    it("are a short list: a command of another kind, or one the engine alone sends, is refused", () => {
      expect(allowedTargets.map((allowed) => `${allowed.kind} ${allowed.type}`)).to.deep.equal([
        "transfer create",
        "planner evaluate",
        "tally add",
        "statements pull",
        "reconciliation run",
      ]);
      const test = job(at("2026-05-04T10:10:00Z"));
      const refusedTargets: JsonObject[] = [
        { kind: "transfer", actorId: "t-1", type: "approve", payload: {} },
        { kind: "transfer", actorId: "t-1", type: "bankNotice", payload: { step: "debit", status: "succeeded" } },
        { kind: "account", actorId: "BANKA:A1", type: "freeze", payload: {} },
        { kind: "schedule", actorId: "other", type: "fire", payload: { slot: 1 } },
        { kind: "rule", actorId: "r-1", type: "delete", payload: {} },
        { kind: "statements", actorId: "BANKA:A1", type: "register", payload: {} },
      ];
      for (const refused of refusedTargets)
        put(test, { target: refused }).thenRejected("target_not_allowed", /may not send/);
      expect(test.journal).to.deep.equal([]);
    });

    it("refuses a payload the target's own kind refuses, and a transfer without a per-slot id", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { target: { ...target, payload: { amount: "lots" } } }).thenRejected(
        "invalid_target",
        /^target\.payload: /,
      );
      put(test, { target: { ...transferCreate, actorId: "sweep-1" } }).thenRejected("invalid_target", /\{slot\}/);
      const reconcile = { kind: "reconciliation", actorId: "daily", type: "run", payload: { date: "yesterday" } };
      put(test, { target: { ...reconcile, payload: { date: "2026-02-30" } } }).thenRejected(
        "invalid_target",
        /date must be a day YYYY-MM-DD or "yesterday"/,
      );
      put(test, { target: { ...reconcile, payload: { date: "yesterday", account: "BANKA" } } }).thenRejected(
        "invalid_target",
        /account must be an account id/,
      );
      put(test, { target: { ...transferCreate, payload: { ...transferCreate.payload, amount: "1e3" } } }).thenRejected(
        "invalid_target",
        /amount/,
      );
      put(test, { target: { ...transferCreate, actorId: "sweep {slot}" } }).thenRejected(
        "invalid_command",
        /target\.actorId/,
      );
      expect(test.journal).to.deep.equal([]);
    });

    it("asks a pool's planner to evaluate, the daily sweep included, and refuses a payload the planner refuses", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      const evaluate = { kind: "planner", actorId: "payroll:EUR", type: "evaluate", payload: { sweeps: true } };
      put(test, { target: { ...evaluate, payload: { sweeps: "yes" } } }).thenRejected("invalid_target", /sweeps/);
      put(test, { target: evaluate }).thenAccepted();
      expect(decodeSlotDispatch(test.fire(slotReminderKey).effects[0]!).payload).to.deep.include(evaluate);
    });

    it("creates a transfer of its own at each slot, named by the slot, the same on every delivery", () => {
      const test = job(at("2026-05-04T10:10:00Z"));
      put(test, { target: transferCreate }).thenAccepted();
      const slot = at("2026-05-04T11:00:00Z");
      const fired = test.fire(slotReminderKey);
      expect(fired.events[0]).to.deep.include({ target: { ...transferCreate, actorId: `sweep-${slot}` } });
      expect(decodeSlotDispatch(fired.effects[0]!).payload).to.deep.include({ actorId: `sweep-${slot}` });
      test.effects = [];
      const again = test.fire(guardReminderKey(slot));
      expect(decodeSlotDispatch(again.effects[0]!).payload).to.deep.include({ actorId: `sweep-${slot}` });
      expect(test.state.definition?.target.actorId, "the definition keeps the placeholder").to.equal("sweep-{slot}");
    });
  });
});
