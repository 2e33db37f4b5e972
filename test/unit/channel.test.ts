import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import {
  channelKind,
  halfOpenReminderKey,
  type ChannelCommand,
  type ChannelEvent,
  type ChannelState,
} from "../../actors/channel/index.js";
import { decodeAcquireGrant, decodeChannelView } from "../../actors/channel/view.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { given, type DeciderTest, type Then } from "../support/decider.js";

const channelId = "BANKA-direct";

/** Instant from an ISO string, for readable test times. */
const at = (iso: string): number => Date.parse(iso);

type ChannelTest = DeciderTest<ChannelState, ChannelCommand, ChannelEvent>;
type ChannelThen = Then<ChannelState, ChannelCommand, ChannelEvent>;

/** Given: a new channel, sent commands as the engine; every view and acquire grant must decode to itself. */
function channelGiven(): ChannelTest {
  return given({
    kind: channelKind,
    actorId: channelId,
    principal: "system:test",
    decodeReply: (reply, type) =>
      type === "get"
        ? decodeChannelView(reply, "the view")
        : type === "acquire"
          ? decodeAcquireGrant(reply, "the grant")
          : reply,
  });
}

/** The channel's view at `now` (a get). */
function view(channel: ChannelTest, now: number): Record<string, any> {
  return channel.when("get", {}, { now }).reply;
}

/** CET bank (UTC+1): normal cut-off 17:00 local = 16:00Z, urgent 19:30 local = 18:30Z. */
const baseConfig = {
  bankCode: "BANKA",
  currency: "EUR",
  speeds: { normal: { fee: "0.50", cutoff: "17:00" }, urgent: { fee: "5", cutoff: "19:30" } },
  utcOffsetMinutes: 60,
  dailyLimit: "1000.00",
  alternative: "BANKA-swift",
  breaker: { failureThreshold: 3, openForMs: 30_000, halfOpenSuccesses: 2, halfOpenCallsMax: 1 },
};
const morning = at("2026-11-27T09:00:00Z");

function configured(change: Record<string, Json> = {}, now = morning): ChannelTest {
  const channel = channelGiven();
  channel.when("configure", { ...baseConfig, ...change }, { now }).thenAccepted();
  return channel;
}

const acquire = (transferId: string, step: string, amount = "10", extra: Record<string, Json> = {}) => ({
  transferId,
  step,
  amount,
  currency: "EUR",
  speed: "normal",
  ...extra,
});
const report = (transferId: string, step: string, outcome: string) => ({ transferId, step, outcome, latencyMs: 120 });

/** Opens the circuit with `failureThreshold` (3) transport failures at `now`; returns the opening decision. */
function openCircuit(channel: ChannelTest, now: number): ChannelThen {
  channel.when("report", report("f1", "debit", "transport_failure"), { now });
  channel.when("report", report("f2", "credit", "unknown"), { now });
  return channel.when("report", report("f3", "debit", "transport_failure"), { now });
}

describe("channel actor (ADR 006 §4)", () => {
  describe("configure", () => {
    it("refuses each bad configuration with its code and a message naming the field, and changes nothing", () => {
      const channel = configured();
      const before = channel.state;
      const cases: Array<[string, Record<string, Json | undefined>, string, RegExp]> = [
        ["missing bank code", { bankCode: undefined }, "invalid_command", /bankCode/],
        ["bank code with a space", { bankCode: "BANK A" }, "invalid_command", /bankCode/],
        ["not ISO 4217", { currency: "EURO" }, "invalid_command", /currency.*ISO 4217/],
        ["unknown currency", { currency: "ABC" }, "invalid_command", /currency/],
        ["no speed", { speeds: {} }, "invalid_command", /speeds.*at least one/],
        [
          "unknown speed",
          { speeds: { express: { fee: "1", cutoff: "12:00" } } },
          "invalid_command",
          /unknown field "speeds.express"/,
        ],
        [
          "fee with 5 places",
          { speeds: { normal: { fee: "0.00001", cutoff: "12:00" } } },
          "invalid_command",
          /speeds.normal.fee.*4 decimal places/,
        ],
        [
          "negative fee",
          { speeds: { normal: { fee: "-1", cutoff: "12:00" } } },
          "invalid_command",
          /speeds.normal.fee.*negative/,
        ],
        ["fee as a number", { speeds: { normal: { fee: 1, cutoff: "12:00" } } }, "invalid_command", /decimal string/],
        [
          "cut-off 25:00",
          { speeds: { normal: { fee: "1", cutoff: "25:00" } } },
          "invalid_command",
          /speeds.normal.cutoff/,
        ],
        [
          "cut-off 7:00",
          { speeds: { normal: { fee: "1", cutoff: "7:00" } } },
          "invalid_command",
          /speeds.normal.cutoff/,
        ],
        [
          "cut-off 00:00 (never open)",
          { speeds: { normal: { fee: "1", cutoff: "00:00" } } },
          "invalid_command",
          /speeds.normal.cutoff/,
        ],
        ["offset beyond +14:00", { utcOffsetMinutes: 900 }, "invalid_command", /utcOffsetMinutes/],
        ["fractional offset", { utcOffsetMinutes: 60.5 }, "invalid_command", /utcOffsetMinutes.*integer/],
        ["zero daily limit", { dailyLimit: "0" }, "invalid_command", /dailyLimit.*zero/],
        ["daily limit as a number", { dailyLimit: 1000 }, "invalid_command", /dailyLimit.*decimal string/],
        [
          "window ending before it starts",
          { maintenanceWindows: [{ from: "2026-11-28T02:00:00Z", to: "2026-11-28T01:00:00Z" }] },
          "invalid_command",
          /maintenanceWindows\[0\].to must be after/,
        ],
        [
          "window on February 30",
          { maintenanceWindows: [{ from: "2026-02-30T01:00:00Z", to: "2026-03-01T01:00:00Z" }] },
          "invalid_command",
          /maintenanceWindows\[0\].from/,
        ],
        [
          "window without zone",
          { maintenanceWindows: [{ from: "2026-11-28T01:00:00", to: "2026-11-28T02:00:00Z" }] },
          "invalid_command",
          /with zone/,
        ],
        [
          "daily window of no length",
          { dailyMaintenance: [{ from: "01:00", to: "01:00" }] },
          "invalid_command",
          /dailyMaintenance\[0\].to/,
        ],
        [
          "daily window to 24:00",
          { dailyMaintenance: [{ from: "23:00", to: "24:00" }] },
          "invalid_command",
          /dailyMaintenance\[0\].to/,
        ],
        ["alternative with a space", { alternative: "BANKB direct" }, "invalid_command", /alternative/],
        [
          "alternative with a colon (a transfer cannot follow it)",
          { alternative: "BANKB:direct" },
          "invalid_command",
          /alternative/,
        ],
        ["alternative is itself", { alternative: channelId }, "alternative_is_self", /own alternative/],
        ["threshold 0", { breaker: { failureThreshold: 0 } }, "invalid_command", /breaker.failureThreshold/],
        ["openForMs as text", { breaker: { openForMs: "30000" } }, "invalid_command", /breaker.openForMs/],
        ["unknown breaker field", { breaker: { resetMs: 5 } }, "invalid_command", /unknown field "breaker.resetMs"/],
        ["unknown field", { dailyLimt: "5" }, "invalid_command", /unknown field "dailyLimt"/],
      ];
      for (const [name, change, code, message] of cases) {
        const payload = JSON.parse(JSON.stringify({ ...baseConfig, ...change })) as Json;
        const result = channel.when("configure", payload, { now: morning });
        expect(result.code, name).to.equal(code);
        expect(result.rejected ? result.rejection.message : "", name).to.match(message);
        expect(channel.state, `${name} changed the state`).to.equal(before);
      }
    });

    it("fills breaker defaults, accepts a 24:00 cut-off (no cut-off) and replaces the whole configuration", () => {
      const channel = configured({ breaker: undefined, alternative: null } as unknown as Record<string, Json>);
      expect(view(channel, morning)["config"]).to.deep.include({
        breaker: { failureThreshold: 5, openForMs: 30_000, halfOpenSuccesses: 2, halfOpenCallsMax: 1 },
        alternative: null,
      });
      const result = channel.when(
        "configure",
        { ...baseConfig, speeds: { urgent: { fee: "7.25", cutoff: "24:00" } } },
        { now: morning },
      );
      result.thenEvents(["channelConfigured"]);
      expect((view(channel, morning)["config"] as JsonObject)["speeds"]).to.deep.equal({
        urgent: { fee: "7.2500", cutoff: "24:00" },
      });
      channel.when("acquire", acquire("t1", "credit"), { now: morning }).thenRejected("speed_not_supported");
      expect(
        channel.when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), { now: at("2026-11-27T22:59:59Z") })
          .reply,
      ).to.include({ fee: "7.2500" });
    });
  });

  describe("acquire", () => {
    it("allows a call with the speed's fee and the bank code; a credit records nothing, a debit reserves the limit", () => {
      const channel = configured();
      const credit = channel.when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), { now: morning });
      expect(credit.reply).to.deep.equal({
        allowed: true,
        speed: "urgent",
        fee: "5.0000",
        bankCode: "BANKA",
        circuit: "closed",
      });
      credit.thenEvents([]);
      const debit = channel.when("acquire", acquire("t2", "debit", "250.5"), { now: morning });
      expect(debit.reply).to.include({ allowed: true, fee: "0.5000" });
      expect(debit.events).to.deep.equal([
        {
          type: "limitReserved",
          transferId: "t2",
          amount: "250.5000",
          day: "2026-11-27",
          usedToday: "250.5000",
          dailyLimit: "1000.0000",
          health: { circuit: "closed", consecutiveFailures: 0, openedAt: null },
        },
      ]);
    });

    it("refuses before configuration, in another currency, or at a speed the channel lacks, naming the alternative", () => {
      const fresh = channelGiven();
      fresh.when("acquire", acquire("t1", "debit"), { now: morning }).thenRejected("channel_not_configured");
      fresh.when("report", report("t1", "debit", "succeeded"), { now: morning }).thenRejected("channel_not_configured");
      fresh.when("probe", { ok: true, latencyMs: 3 }, { now: morning }).thenRejected("channel_not_configured");
      const channel = configured({ speeds: { normal: { fee: "1", cutoff: "17:00" } } });
      const usd = channel.when("acquire", acquire("t1", "debit", "10", { currency: "USD" }), { now: morning });
      expect([usd.code, usd.details]).to.deep.equal(["currency_mismatch", { alternative: "BANKA-swift" }]);
      channel
        .when("acquire", acquire("t1", "debit", "10", { speed: "urgent" }), { now: morning })
        .thenRejected("speed_not_supported");
      channel
        .when("acquire", acquire("t1", "debit", "10", { speed: "instant" }), { now: morning })
        .thenRejected("invalid_command");
      expect(channel.journal.map((event) => event.type)).to.deep.equal(["channelConfigured"]);
    });
  });

  describe("cut-off (the cut-off minute is the first one refused; retry at the next local midnight)", () => {
    it("uses the bank's local time with a positive offset (UTC+1)", () => {
      const channel = configured();
      channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T15:59:59.999Z") }).thenAccepted();
      const late = channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T16:00:00Z") });
      expect([late.code, late.details]).to.deep.equal([
        "cutoff_passed",
        { alternative: "BANKA-swift", retryAt: at("2026-11-27T23:00:00Z") },
      ]);
      channel
        .when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), { now: at("2026-11-27T18:29:00Z") })
        .thenAccepted("urgent is still open");
      channel
        .when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T23:00:00Z") })
        .thenAccepted("a new local day opens");
    });

    it("uses the bank's local time with a negative offset (UTC-5), whose local day ends after the UTC day", () => {
      const channel = configured({ utcOffsetMinutes: -300 });
      channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T21:59:00Z") }).thenAccepted();
      const late = channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T22:00:00Z") });
      expect([late.code, late.details["retryAt"]]).to.deep.equal(["cutoff_passed", at("2026-11-28T05:00:00Z")]);
      // 03:00Z on the 28th is still 22:00 on the 27th in the bank's time zone.
      const afterUtcMidnight = channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-28T03:00:00Z") });
      expect([afterUtcMidnight.code, afterUtcMidnight.details["retryAt"]]).to.deep.equal([
        "cutoff_passed",
        at("2026-11-28T05:00:00Z"),
      ]);
      channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-28T05:00:00Z") }).thenAccepted();
    });

    it("never refuses a reversal for cut-off", () => {
      const channel = configured();
      channel
        .when("acquire", acquire("t1", "debit"), { now: at("2026-11-27T16:30:00Z") })
        .thenRejected("cutoff_passed");
      const reversal = channel.when("acquire", acquire("t1", "reversal"), { now: at("2026-11-27T22:59:00Z") });
      expect(reversal.reply).to.include({ allowed: true });
      reversal.thenEvents([]);
    });
  });

  describe("maintenance", () => {
    it("refuses every step in an absolute window and retries at its end", () => {
      const channel = configured({
        maintenanceWindows: [{ from: "2026-11-27T10:00:00+00:00", to: "2026-11-27T10:30:00Z" }],
      });
      channel.when("acquire", acquire("t1", "debit"), { now: at("2026-11-27T09:59:59.999Z") }).thenAccepted();
      for (const step of ["debit", "credit", "reversal"]) {
        const result = channel.when("acquire", acquire("t2", step), { now: at("2026-11-27T10:00:00Z") });
        expect([result.code, result.details], step).to.deep.equal([
          "maintenance",
          { alternative: "BANKA-swift", retryAt: at("2026-11-27T10:30:00Z") },
        ]);
      }
      channel
        .when("acquire", acquire("t2", "credit"), { now: at("2026-11-27T10:29:59.999Z") })
        .thenRejected("maintenance");
      channel.when("acquire", acquire("t2", "credit"), { now: at("2026-11-27T10:30:00Z") }).thenAccepted();
    });

    it("applies a daily window that crosses local midnight on both sides of it", () => {
      // 23:30-00:30 local at UTC+1 is 22:30Z-23:30Z; urgent cut-off moved to 24:00 so only maintenance refuses.
      const channel = configured({
        dailyMaintenance: [{ from: "23:30", to: "00:30" }],
        speeds: { urgent: { fee: "1", cutoff: "24:00" } },
      });
      const urgent = (step: string) => acquire("t1", step, "10", { speed: "urgent" });
      channel.when("acquire", urgent("credit"), { now: at("2026-11-27T22:29:00Z") }).thenAccepted();
      const before = channel.when("acquire", urgent("credit"), { now: at("2026-11-27T22:45:00Z") });
      const after = channel.when("acquire", urgent("reversal"), { now: at("2026-11-27T23:15:00Z") });
      expect([before.code, before.details["retryAt"]]).to.deep.equal(["maintenance", at("2026-11-27T23:30:00Z")]);
      expect([after.code, after.details["retryAt"]]).to.deep.equal(["maintenance", at("2026-11-27T23:30:00Z")]);
      channel.when("acquire", urgent("credit"), { now: at("2026-11-27T23:30:00Z") }).thenAccepted();
    });

    it("retries after back-to-back windows, not inside the next one", () => {
      const channel = configured({
        maintenanceWindows: [{ from: "2026-11-27T10:00:00Z", to: "2026-11-27T10:30:00Z" }],
        dailyMaintenance: [{ from: "11:30", to: "12:00" }],
      });
      expect(
        channel.when("acquire", acquire("t1", "credit"), { now: at("2026-11-27T10:10:00Z") }).details["retryAt"],
      ).to.equal(at("2026-11-27T11:00:00Z"));
    });
  });

  describe("daily limit", () => {
    it("sums debits exactly, counts a re-acquire once, refuses beyond the limit until the next local day", () => {
      const channel = configured();
      for (const id of ["a", "b", "c"])
        channel.when("acquire", acquire(id, "debit", "333.3333"), { now: morning }).thenAccepted();
      channel.when("acquire", acquire("a", "debit", "333.3333"), { now: morning }).thenEvents([], "re-acquire");
      expect(view(channel, morning)["usage"]).to.deep.equal({
        day: "2026-11-27",
        usedToday: "999.9999",
        dailyLimit: "1000.0000",
        remaining: "0.0001",
        debits: 3,
      });
      const over = channel.when("acquire", acquire("d", "debit", "0.0002"), { now: morning });
      expect([over.code, over.details]).to.deep.equal([
        "daily_limit_exceeded",
        {
          alternative: "BANKA-swift",
          retryAt: at("2026-11-27T23:00:00Z"),
          usedToday: "999.9999",
          dailyLimit: "1000.0000",
        },
      ]);
      channel.when("acquire", acquire("d", "debit", "0.0001"), { now: morning }).thenAccepted();
      expect(view(channel, morning)["usage"]).to.include({ usedToday: "1000.0000", remaining: "0.0000" });
      channel
        .when("acquire", acquire("a", "debit", "333.3334"), { now: morning })
        .thenRejected("acquisition_mismatch", undefined, "same debit, other amount");
      channel.when("acquire", acquire("e", "credit", "5000"), { now: morning }).thenAccepted("credits do not count");
      expect(
        channel.when("acquire", acquire("a", "reversal", "333.3333"), { now: morning }).reply,
        "reversals do not wait for the limit",
      ).to.include({ allowed: true });
    });

    it("releases a rejected debit, keeps an unknown one, ignores a rejected credit", () => {
      const channel = configured();
      channel.when("acquire", acquire("a", "debit", "600"), { now: morning });
      channel.when("acquire", acquire("b", "debit", "300"), { now: morning });
      channel.when("report", report("b", "debit", "unknown"), { now: morning }).thenEvents(["callReported"]);
      channel.when("report", report("a", "credit", "rejected"), { now: morning }).thenEvents(["callReported"]);
      const released = channel.when("report", report("a", "debit", "rejected"), { now: morning });
      released.thenEvents(["callReported", "limitReleased"]);
      expect(released.events[1]).to.deep.include({ transferId: "a", amount: "600.0000", usedToday: "300.0000" });
      channel
        .when("report", report("a", "debit", "rejected"), { now: morning })
        .thenEvents(["callReported"], "released once");
      expect(view(channel, morning)["usage"]).to.include({ usedToday: "300.0000", debits: 1 });
      channel.when("acquire", acquire("c", "debit", "700"), { now: morning }).thenAccepted();
    });

    it("starts a new local day fresh and refuses without retryAt an amount above the whole limit", () => {
      const channel = configured({ utcOffsetMinutes: -300 });
      channel.when("acquire", acquire("a", "debit", "1000"), { now: at("2026-11-27T20:00:00Z") });
      channel
        .when("acquire", acquire("b", "debit", "1"), { now: at("2026-11-27T21:59:59Z") })
        .thenRejected("daily_limit_exceeded");
      const nextDay = at("2026-11-28T05:00:00Z");
      expect(view(channel, nextDay)["usage"]).to.deep.equal({
        day: "2026-11-28",
        usedToday: "0.0000",
        dailyLimit: "1000.0000",
        remaining: "1000.0000",
        debits: 0,
      });
      channel.when("acquire", acquire("b", "debit", "1000"), { now: nextDay }).thenAccepted();
      expect(channel.state.usage.debits.has("a"), "yesterday's reservations are dropped").to.equal(false);
      channel
        .when("report", report("a", "debit", "rejected"), { now: nextDay })
        .thenEvents(["callReported"], "yesterday's debit releases nothing today");
      const huge = channel.when("acquire", acquire("c", "debit", "1000.0001"), { now: at("2026-11-29T06:00:00Z") });
      expect([huge.code, huge.details["retryAt"]]).to.deep.equal(["daily_limit_exceeded", undefined]);
    });
  });

  it("keeps the day's usage when a new offset moves the local day back (no allowance twice)", () => {
    const channel = configured({ utcOffsetMinutes: 330, speeds: { normal: { fee: "1", cutoff: "24:00" } } });
    channel.when("acquire", acquire("a", "debit", "900"), { now: at("2026-11-27T19:00:00Z") }); // 00:30 on the 28th at UTC+5:30
    channel.when(
      "configure",
      { ...baseConfig, utcOffsetMinutes: -300, speeds: { normal: { fee: "1", cutoff: "24:00" } } },
      { now: at("2026-11-27T19:01:00Z") },
    );
    expect(view(channel, at("2026-11-27T19:02:00Z"))["usage"]).to.include({ day: "2026-11-28", usedToday: "900.0000" });
    channel
      .when("acquire", acquire("b", "debit", "200"), { now: at("2026-11-27T19:02:00Z") })
      .thenRejected("daily_limit_exceeded");
  });

  describe("circuit breaker", () => {
    it("opens after failureThreshold consecutive failures, a business rejection resetting the count", () => {
      const channel = configured();
      channel.when("report", report("x1", "debit", "transport_failure"), { now: morning });
      channel.when("report", report("x2", "debit", "unknown"), { now: morning });
      channel.when("report", report("x3", "credit", "rejected"), { now: morning });
      expect(channel.state.breaker).to.include({ circuit: "closed", consecutiveFailures: 0 });
      const opened = openCircuit(channel, morning);
      opened.thenEvents(["callReported", "circuitOpened"]);
      expect(opened.events[1]).to.deep.include({
        openedAt: morning,
        halfOpenAt: morning + 30_000,
        health: { circuit: "open", consecutiveFailures: 3, openedAt: morning },
      });
      opened.thenReminders({
        set: [{ key: halfOpenReminderKey, dueAt: morning + 30_000, command: { type: "reopenCheck", payload: {} } }],
        cancel: [],
      });
    });

    it("refuses every step while open, with the alternative and the half-open time", () => {
      const channel = configured();
      openCircuit(channel, morning);
      for (const step of ["debit", "credit", "reversal"]) {
        const refused = channel.when("acquire", acquire("t1", step), { now: morning + 29_999 });
        expect([refused.code, refused.details], step).to.deep.equal([
          "circuit_open",
          { alternative: "BANKA-swift", retryAt: morning + 30_000, circuit: "open" },
        ]);
      }
    });

    it("half-opens lazily on the first acquire after openForMs and lets halfOpenCallsMax trials through", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      expect(view(channel, due)["breaker"]).to.include({ circuit: "half_open" });
      const trial = channel.when("acquire", acquire("t1", "debit"), { now: due });
      trial.thenEvents(["circuitHalfOpened", "trialCallStarted", "limitReserved"]);
      trial.thenReminders({ set: [], cancel: [halfOpenReminderKey] });
      const busy = channel.when("acquire", acquire("t2", "credit"), { now: due + 1 });
      expect([busy.code, busy.details]).to.deep.equal([
        "circuit_open",
        { alternative: "BANKA-swift", circuit: "half_open" },
      ]);
      channel
        .when("acquire", acquire("t2", "reversal"), { now: due + 1 })
        .thenRejected("circuit_open", undefined, "a reversal too");
      channel
        .when("acquire", acquire("t1", "debit"), { now: due + 2 })
        .thenEvents([], "the trial itself may ask again");
      channel
        .when("acquire", acquire("t2", "credit"), { now: due + 120_000 })
        .thenAccepted("an unreported trial expires");
    });

    it("half-opens by the reminder command when nobody calls, and re-arms it when openForMs grew", () => {
      const channel = configured();
      openCircuit(channel, morning);
      channel.when(
        "configure",
        { ...baseConfig, breaker: { ...baseConfig.breaker, openForMs: 60_000 } },
        { now: morning + 1 },
      );
      const early = channel.when("reopenCheck", {}, { now: morning + 30_000 });
      early.thenEvents([]);
      expect(early.reminders?.set?.[0]?.dueAt).to.equal(morning + 60_000);
      const check = channel.when("reopenCheck", {}, { now: morning + 60_000 });
      check.thenEvents(["circuitHalfOpened"]);
      expect(check.reply).to.deep.equal({ circuit: "half_open", consecutiveFailures: 3 });
      channel.when("reopenCheck", {}, { now: morning + 60_001 }).thenEvents([], "a stale check does nothing");
    });

    it("closes after halfOpenSuccesses trial successes (a business rejection counts), probes included", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      channel.when("acquire", acquire("t1", "credit"), { now: due });
      channel.when("report", report("t1", "credit", "succeeded"), { now: due + 10 }).thenEvents(["callReported"]);
      expect(channel.state.breaker).to.include({ circuit: "half_open", halfOpenSuccesses: 1 });
      channel.when("acquire", acquire("t2", "debit"), { now: due + 20 });
      const closing = channel.when("report", report("t2", "debit", "rejected"), { now: due + 30 });
      closing.thenEvents(["callReported", "limitReleased", "circuitClosed"]);
      expect(channel.state.breaker).to.deep.equal({
        circuit: "closed",
        consecutiveFailures: 0,
        openedAt: undefined,
        halfOpenSuccesses: 0,
        trials: new Map(),
      });

      const probed = configured();
      openCircuit(probed, morning);
      probed.when("probe", { ok: true, latencyMs: 4 }, { now: due }).thenEvents(["circuitHalfOpened", "probeRecorded"]);
      probed.when("probe", { ok: true, latencyMs: 4 }, { now: due + 1 }).thenEvents(["probeRecorded", "circuitClosed"]);
    });

    it("reopens on a trial failure with a new openedAt, and ignores late reports of calls made before it opened", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      channel.when("acquire", acquire("t1", "credit"), { now: due });
      channel
        .when("report", report("old", "credit", "succeeded"), { now: due + 1 })
        .thenEvents(["callReported"], "not a trial");
      channel
        .when("report", report("old", "credit", "unknown"), { now: due + 2 })
        .thenEvents(["callReported"], "not a trial");
      expect(channel.state.breaker).to.include({ circuit: "half_open", halfOpenSuccesses: 0 });
      const reopened = channel.when("report", report("t1", "credit", "unknown"), { now: due + 3 });
      reopened.thenEvents(["callReported", "circuitOpened"]);
      expect(channel.state.breaker).to.include({ circuit: "open", openedAt: due + 3 });
      expect(reopened.reminders?.set?.[0]?.dueAt).to.equal(due + 30_003);
      channel
        .when("probe", { ok: false, latencyMs: 9 }, { now: due + 4 })
        .thenEvents(["probeRecorded"], "failures while open move nothing");
    });
  });

  it("shows health from real outcomes in get and on every event", () => {
    const channel = configured();
    channel.when("report", report("a", "debit", "succeeded"), { now: morning });
    channel.when("report", report("b", "debit", "rejected"), { now: morning });
    channel.when("probe", { ok: false, latencyMs: 300 }, { now: morning + 5 });
    expect(view(channel, morning + 6)["health"]).to.deep.equal({
      window: 50,
      observed: 3,
      succeeded: 1,
      rejected: 1,
      unknown: 0,
      transport_failure: 0,
      probe_ok: 0,
      probe_failed: 1,
      meanLatencyMs: 180,
      lastObservedAt: morning + 5,
    });
    expect(channel.journal.at(-1)?.health).to.deep.equal({ circuit: "closed", consecutiveFailures: 1, openedAt: null });
  });

  it("takes acquire, report, probe and reopenCheck only from the engine: a client cannot fake health or use the limit", () => {
    const channel = configured();
    const before = channel.journal.length;
    for (const [type, payload] of [
      ["acquire", acquire("a", "debit", "1.00")],
      ["report", report("a", "debit", "succeeded")],
      ["probe", { ok: false, latencyMs: 1 }],
      ["reopenCheck", {}],
    ] as const) {
      const result = channel.when(type, payload, { now: morning, principal: "operator:mallory" });
      expect(result.rejected && result.code, type).to.equal("internal_command");
    }
    expect(channel.journal.length, "nothing recorded").to.equal(before);
    expect(channel.when("get", {}, { now: morning, principal: "viewer:vera" }).rejected).to.equal(false);
  });

  it("encodes its state as JSON and decodes it to the same state", () => {
    const channel = configured({
      maintenanceWindows: [{ from: "2026-11-28T01:00:00Z", to: "2026-11-28T02:00:00Z" }],
      dailyMaintenance: [{ from: "23:30", to: "00:30" }],
    });
    channel.when("acquire", acquire("a", "debit", "12.3456"), { now: morning });
    openCircuit(channel, morning);
    channel.when("acquire", acquire("b", "credit"), { now: morning + 30_000 });
    const encoded = channelKind.encodeState(channel.state);
    const decoded = channelKind.decodeState(JSON.parse(JSON.stringify(encoded)) as JsonObject);
    expect(channelKind.encodeState(decoded)).to.deep.equal(encoded);
    expect(decoded.usage.used.toFixed(4)).to.equal("12.3456");
    expect(() =>
      channelKind.decodeState({ ...encoded, breaker: { ...(encoded["breaker"] as JsonObject), circuit: "ajar" } }),
    ).to.throw(TypeError);
  });

  it("publishes the half-open transition through the runtime when nobody calls (the reminder)", async () => {
    const bus = new MemoryEventBus();
    const system = new ActorSystem({
      kinds: [channelKind],
      store: new MemoryActorStore(),
      publisher: bus,
      limits: { reminderPollIntervalMs: 20 },
    });
    let counter = 0;
    const send = (type: string, payload: Json) =>
      system.dispatch({
        kind: "channel",
        actorId: channelId,
        commandId: `r-${counter++}`,
        type,
        payload,
        principal: "system:test",
      });
    try {
      await send("configure", {
        ...baseConfig,
        breaker: { ...baseConfig.breaker, failureThreshold: 1, openForMs: 150 },
      });
      await send("probe", { ok: false, latencyMs: 1 });
      const deadline = Date.now() + 5_000;
      while (!bus.events.some((event) => event.event.type === "circuitHalfOpened") && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(bus.events.map((event) => event.event.type)).to.deep.equal([
        "channelConfigured",
        "probeRecorded",
        "circuitOpened",
        "circuitHalfOpened",
      ]);
    } finally {
      await system.stop();
    }
  });
});
