import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { channelKind, halfOpenReminderKey, type ChannelEvent, type ChannelState } from "../../actors/channel/index.js";
import { decodeChannelView } from "../../actors/channel/view.js";
import { isRejection, reject, type DecideResult, type ReminderChanges } from "../../runtime/actor-kind.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { Json, JsonObject } from "../../runtime/json.js";


const channelId = "BANKA-direct";

/** Instant from an ISO string, for readable test times. */
const at = (iso: string): number => Date.parse(iso);

/** A channel decided and evolved in memory: parse → decide → fold the events through evolve, as the runtime does. */
class ChannelHarness {
  state: ChannelState = channelKind.initialState(channelId);
  readonly log: ChannelEvent[] = [];

  /** Given: a history of events, folded through evolve. */
  given(events: readonly ChannelEvent[]): this {
    for (const event of events) this.apply(event);
    return this;
  }

  /** When: one wire command at `now`; a parse refusal comes back as a rejection with its code. */
  when(type: string, payload: Json, now: number, principal = "system:test"): DecideResult<ChannelEvent> {
    const parsed = channelKind.parseCommand(type, payload);
    if (!parsed.ok) return reject(parsed.code, parsed.message);
    const result = channelKind.decide(this.state, parsed.command, { actorId: channelId, commandId: `c-${this.log.length}`, principal, now });
    if (!isRejection(result)) for (const event of result.events) this.apply(event);
    return result;
  }

  view(now: number): Record<string, any> {
    const result = this.when("get", {}, now);
    if (isRejection(result)) throw new Error(`get refused: ${result.rejected.code}`);
    expect(decodeChannelView(result.reply, "the view"), "the view decodes to itself").to.deep.equal(result.reply);
    return result.reply as Record<string, any>;
  }

  private apply(event: ChannelEvent): void {
    this.state = channelKind.evolve(this.state, event);
    this.log.push(event);
  }
}

/** "ok" for a decision, the code for a rejection. */
function codeOf(result: DecideResult<unknown>): string {
  return isRejection(result) ? result.rejected.code : "ok";
}

function eventsOf(result: DecideResult<ChannelEvent>): readonly ChannelEvent[] {
  return isRejection(result) ? [] : result.events;
}

function remindersOf(result: DecideResult<ChannelEvent>): ReminderChanges | undefined {
  return isRejection(result) ? undefined : result.reminders;
}

function eventTypes(result: DecideResult<ChannelEvent>): string[] {
  return isRejection(result) ? [] : result.events.map((event) => event.type);
}

function detailsOf(result: DecideResult<unknown>): Record<string, Json> {
  if (!isRejection(result)) throw new Error("expected a rejection");
  return (result.rejected.details ?? {}) as Record<string, Json>;
}

function replyOf(result: DecideResult<unknown>): Record<string, any> {
  if (isRejection(result)) throw new Error(`expected a decision, got ${result.rejected.code}: ${result.rejected.message}`);
  return result.reply as Record<string, any>;
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

function configured(change: Record<string, Json> = {}, now = morning): ChannelHarness {
  const channel = new ChannelHarness();
  expect(codeOf(channel.when("configure", { ...baseConfig, ...change }, now))).to.equal("ok");
  return channel;
}

const acquire = (transferId: string, step: string, amount = "10", extra: Record<string, Json> = {}) => ({ transferId, step, amount, currency: "EUR", speed: "normal", ...extra });
const report = (transferId: string, step: string, outcome: string) => ({ transferId, step, outcome, latencyMs: 120 });

/** Opens the circuit with `failureThreshold` (3) transport failures at `now`; returns the opening decision. */
function openCircuit(channel: ChannelHarness, now: number): DecideResult<ChannelEvent> {
  channel.when("report", report("f1", "debit", "transport_failure"), now);
  channel.when("report", report("f2", "credit", "unknown"), now);
  return channel.when("report", report("f3", "debit", "transport_failure"), now);
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
        ["unknown speed", { speeds: { express: { fee: "1", cutoff: "12:00" } } }, "invalid_command", /unknown field "speeds.express"/],
        ["fee with 5 places", { speeds: { normal: { fee: "0.00001", cutoff: "12:00" } } }, "invalid_command", /speeds.normal.fee.*4 decimal places/],
        ["negative fee", { speeds: { normal: { fee: "-1", cutoff: "12:00" } } }, "invalid_command", /speeds.normal.fee.*negative/],
        ["fee as a number", { speeds: { normal: { fee: 1, cutoff: "12:00" } } }, "invalid_command", /decimal string/],
        ["cut-off 25:00", { speeds: { normal: { fee: "1", cutoff: "25:00" } } }, "invalid_command", /speeds.normal.cutoff/],
        ["cut-off 7:00", { speeds: { normal: { fee: "1", cutoff: "7:00" } } }, "invalid_command", /speeds.normal.cutoff/],
        ["cut-off 00:00 (never open)", { speeds: { normal: { fee: "1", cutoff: "00:00" } } }, "invalid_command", /speeds.normal.cutoff/],
        ["offset beyond +14:00", { utcOffsetMinutes: 900 }, "invalid_command", /utcOffsetMinutes/],
        ["fractional offset", { utcOffsetMinutes: 60.5 }, "invalid_command", /utcOffsetMinutes.*integer/],
        ["zero daily limit", { dailyLimit: "0" }, "invalid_command", /dailyLimit.*zero/],
        ["daily limit as a number", { dailyLimit: 1000 }, "invalid_command", /dailyLimit.*decimal string/],
        ["window ending before it starts", { maintenanceWindows: [{ from: "2026-11-28T02:00:00Z", to: "2026-11-28T01:00:00Z" }] }, "invalid_command", /maintenanceWindows\[0\].to must be after/],
        ["window on February 30", { maintenanceWindows: [{ from: "2026-02-30T01:00:00Z", to: "2026-03-01T01:00:00Z" }] }, "invalid_command", /maintenanceWindows\[0\].from/],
        ["window without zone", { maintenanceWindows: [{ from: "2026-11-28T01:00:00", to: "2026-11-28T02:00:00Z" }] }, "invalid_command", /with zone/],
        ["daily window of no length", { dailyMaintenance: [{ from: "01:00", to: "01:00" }] }, "invalid_command", /dailyMaintenance\[0\].to/],
        ["daily window to 24:00", { dailyMaintenance: [{ from: "23:00", to: "24:00" }] }, "invalid_command", /dailyMaintenance\[0\].to/],
        ["alternative with a space", { alternative: "BANKB direct" }, "invalid_command", /alternative/],
        ["alternative with a colon (a transfer cannot follow it)", { alternative: "BANKB:direct" }, "invalid_command", /alternative/],
        ["alternative is itself", { alternative: channelId }, "alternative_is_self", /own alternative/],
        ["threshold 0", { breaker: { failureThreshold: 0 } }, "invalid_command", /breaker.failureThreshold/],
        ["openForMs as text", { breaker: { openForMs: "30000" } }, "invalid_command", /breaker.openForMs/],
        ["unknown breaker field", { breaker: { resetMs: 5 } }, "invalid_command", /unknown field "breaker.resetMs"/],
        ["unknown field", { dailyLimt: "5" }, "invalid_command", /unknown field "dailyLimt"/],
      ];
      for (const [name, change, code, message] of cases) {
        const payload = JSON.parse(JSON.stringify({ ...baseConfig, ...change })) as Json;
        const result = channel.when("configure", payload, morning);
        expect(codeOf(result), name).to.equal(code);
        expect(isRejection(result) ? result.rejected.message : "", name).to.match(message);
        expect(channel.state, `${name} changed the state`).to.equal(before);
      }
    });

    it("fills breaker defaults, accepts a 24:00 cut-off (no cut-off) and replaces the whole configuration", () => {
      const channel = configured({ breaker: undefined, alternative: null } as unknown as Record<string, Json>);
      expect(channel.view(morning)["config"]).to.deep.include({ breaker: { failureThreshold: 5, openForMs: 30_000, halfOpenSuccesses: 2, halfOpenCallsMax: 1 }, alternative: null });
      const result = channel.when("configure", { ...baseConfig, speeds: { urgent: { fee: "7.25", cutoff: "24:00" } } }, morning);
      expect(eventTypes(result)).to.deep.equal(["channelConfigured"]);
      expect((channel.view(morning)["config"] as JsonObject)["speeds"]).to.deep.equal({ urgent: { fee: "7.2500", cutoff: "24:00" } });
      expect(codeOf(channel.when("acquire", acquire("t1", "credit"), morning))).to.equal("speed_not_supported");
      expect(replyOf(channel.when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), at("2026-11-27T22:59:59Z")))).to.include({ fee: "7.2500" });
    });
  });

  describe("acquire", () => {
    it("allows a call with the speed's fee and the bank code; a credit records nothing, a debit reserves the limit", () => {
      const channel = configured();
      const credit = channel.when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), morning);
      expect(replyOf(credit)).to.deep.equal({ allowed: true, speed: "urgent", fee: "5.0000", bankCode: "BANKA", circuit: "closed" });
      expect(eventTypes(credit)).to.deep.equal([]);
      const debit = channel.when("acquire", acquire("t2", "debit", "250.5"), morning);
      expect(replyOf(debit)).to.include({ allowed: true, fee: "0.5000" });
      expect(eventsOf(debit)).to.deep.equal([
        { type: "limitReserved", transferId: "t2", amount: "250.5000", day: "2026-11-27", usedToday: "250.5000", dailyLimit: "1000.0000", health: { circuit: "closed", consecutiveFailures: 0, openedAt: null } },
      ]);
    });

    it("refuses before configuration, in another currency, or at a speed the channel lacks, naming the alternative", () => {
      const fresh = new ChannelHarness();
      expect(codeOf(fresh.when("acquire", acquire("t1", "debit"), morning))).to.equal("channel_not_configured");
      expect(codeOf(fresh.when("report", report("t1", "debit", "succeeded"), morning))).to.equal("channel_not_configured");
      expect(codeOf(fresh.when("probe", { ok: true, latencyMs: 3 }, morning))).to.equal("channel_not_configured");
      const channel = configured({ speeds: { normal: { fee: "1", cutoff: "17:00" } } });
      const usd = channel.when("acquire", acquire("t1", "debit", "10", { currency: "USD" }), morning);
      expect([codeOf(usd), detailsOf(usd)]).to.deep.equal(["currency_mismatch", { alternative: "BANKA-swift" }]);
      expect(codeOf(channel.when("acquire", acquire("t1", "debit", "10", { speed: "urgent" }), morning))).to.equal("speed_not_supported");
      expect(codeOf(channel.when("acquire", acquire("t1", "debit", "10", { speed: "instant" }), morning))).to.equal("invalid_command");
      expect(channel.log.map((event) => event.type)).to.deep.equal(["channelConfigured"]);
    });
  });

  describe("cut-off (the cut-off minute is the first one refused; retry at the next local midnight)", () => {
    it("uses the bank's local time with a positive offset (UTC+1)", () => {
      const channel = configured();
      expect(codeOf(channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T15:59:59.999Z")))).to.equal("ok");
      const late = channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T16:00:00Z"));
      expect([codeOf(late), detailsOf(late)]).to.deep.equal(["cutoff_passed", { alternative: "BANKA-swift", retryAt: at("2026-11-27T23:00:00Z") }]);
      expect(codeOf(channel.when("acquire", acquire("t1", "credit", "10", { speed: "urgent" }), at("2026-11-27T18:29:00Z"))), "urgent is still open").to.equal("ok");
      expect(codeOf(channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T23:00:00Z"))), "a new local day opens").to.equal("ok");
    });

    it("uses the bank's local time with a negative offset (UTC-5), whose local day ends after the UTC day", () => {
      const channel = configured({ utcOffsetMinutes: -300 });
      expect(codeOf(channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T21:59:00Z")))).to.equal("ok");
      const late = channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T22:00:00Z"));
      expect([codeOf(late), detailsOf(late)["retryAt"]]).to.deep.equal(["cutoff_passed", at("2026-11-28T05:00:00Z")]);
      // 03:00Z on the 28th is still 22:00 on the 27th in the bank's time zone.
      const afterUtcMidnight = channel.when("acquire", acquire("t1", "credit"), at("2026-11-28T03:00:00Z"));
      expect([codeOf(afterUtcMidnight), detailsOf(afterUtcMidnight)["retryAt"]]).to.deep.equal(["cutoff_passed", at("2026-11-28T05:00:00Z")]);
      expect(codeOf(channel.when("acquire", acquire("t1", "credit"), at("2026-11-28T05:00:00Z")))).to.equal("ok");
    });

    it("never refuses a reversal for cut-off", () => {
      const channel = configured();
      expect(codeOf(channel.when("acquire", acquire("t1", "debit"), at("2026-11-27T16:30:00Z")))).to.equal("cutoff_passed");
      const reversal = channel.when("acquire", acquire("t1", "reversal"), at("2026-11-27T22:59:00Z"));
      expect(replyOf(reversal)).to.include({ allowed: true });
      expect(eventTypes(reversal)).to.deep.equal([]);
    });
  });

  describe("maintenance", () => {
    it("refuses every step in an absolute window and retries at its end", () => {
      const channel = configured({ maintenanceWindows: [{ from: "2026-11-27T10:00:00+00:00", to: "2026-11-27T10:30:00Z" }] });
      expect(codeOf(channel.when("acquire", acquire("t1", "debit"), at("2026-11-27T09:59:59.999Z")))).to.equal("ok");
      for (const step of ["debit", "credit", "reversal"]) {
        const result = channel.when("acquire", acquire("t2", step), at("2026-11-27T10:00:00Z"));
        expect([codeOf(result), detailsOf(result)], step).to.deep.equal(["maintenance", { alternative: "BANKA-swift", retryAt: at("2026-11-27T10:30:00Z") }]);
      }
      expect(codeOf(channel.when("acquire", acquire("t2", "credit"), at("2026-11-27T10:29:59.999Z")))).to.equal("maintenance");
      expect(codeOf(channel.when("acquire", acquire("t2", "credit"), at("2026-11-27T10:30:00Z")))).to.equal("ok");
    });

    it("applies a daily window that crosses local midnight on both sides of it", () => {
      // 23:30-00:30 local at UTC+1 is 22:30Z-23:30Z; urgent cut-off moved to 24:00 so only maintenance refuses.
      const channel = configured({ dailyMaintenance: [{ from: "23:30", to: "00:30" }], speeds: { urgent: { fee: "1", cutoff: "24:00" } } });
      const urgent = (step: string) => acquire("t1", step, "10", { speed: "urgent" });
      expect(codeOf(channel.when("acquire", urgent("credit"), at("2026-11-27T22:29:00Z")))).to.equal("ok");
      const before = channel.when("acquire", urgent("credit"), at("2026-11-27T22:45:00Z"));
      const after = channel.when("acquire", urgent("reversal"), at("2026-11-27T23:15:00Z"));
      expect([codeOf(before), detailsOf(before)["retryAt"]]).to.deep.equal(["maintenance", at("2026-11-27T23:30:00Z")]);
      expect([codeOf(after), detailsOf(after)["retryAt"]]).to.deep.equal(["maintenance", at("2026-11-27T23:30:00Z")]);
      expect(codeOf(channel.when("acquire", urgent("credit"), at("2026-11-27T23:30:00Z")))).to.equal("ok");
    });

    it("retries after back-to-back windows, not inside the next one", () => {
      const channel = configured({ maintenanceWindows: [{ from: "2026-11-27T10:00:00Z", to: "2026-11-27T10:30:00Z" }], dailyMaintenance: [{ from: "11:30", to: "12:00" }] });
      expect(detailsOf(channel.when("acquire", acquire("t1", "credit"), at("2026-11-27T10:10:00Z")))["retryAt"]).to.equal(at("2026-11-27T11:00:00Z"));
    });
  });

  describe("daily limit", () => {
    it("sums debits exactly, counts a re-acquire once, refuses beyond the limit until the next local day", () => {
      const channel = configured();
      for (const id of ["a", "b", "c"]) expect(codeOf(channel.when("acquire", acquire(id, "debit", "333.3333"), morning))).to.equal("ok");
      expect(eventTypes(channel.when("acquire", acquire("a", "debit", "333.3333"), morning)), "re-acquire").to.deep.equal([]);
      expect(channel.view(morning)["usage"]).to.deep.equal({ day: "2026-11-27", usedToday: "999.9999", dailyLimit: "1000.0000", remaining: "0.0001", debits: 3 });
      const over = channel.when("acquire", acquire("d", "debit", "0.0002"), morning);
      expect([codeOf(over), detailsOf(over)]).to.deep.equal([
        "daily_limit_exceeded",
        { alternative: "BANKA-swift", retryAt: at("2026-11-27T23:00:00Z"), usedToday: "999.9999", dailyLimit: "1000.0000" },
      ]);
      expect(codeOf(channel.when("acquire", acquire("d", "debit", "0.0001"), morning))).to.equal("ok");
      expect(channel.view(morning)["usage"]).to.include({ usedToday: "1000.0000", remaining: "0.0000" });
      expect(codeOf(channel.when("acquire", acquire("a", "debit", "333.3334"), morning)), "same debit, other amount").to.equal("acquisition_mismatch");
      expect(codeOf(channel.when("acquire", acquire("e", "credit", "5000"), morning)), "credits do not count").to.equal("ok");
      expect(replyOf(channel.when("acquire", acquire("a", "reversal", "333.3333"), morning)), "reversals do not wait for the limit").to.include({ allowed: true });
    });

    it("releases a rejected debit, keeps an unknown one, ignores a rejected credit", () => {
      const channel = configured();
      channel.when("acquire", acquire("a", "debit", "600"), morning);
      channel.when("acquire", acquire("b", "debit", "300"), morning);
      expect(eventTypes(channel.when("report", report("b", "debit", "unknown"), morning))).to.deep.equal(["callReported"]);
      expect(eventTypes(channel.when("report", report("a", "credit", "rejected"), morning))).to.deep.equal(["callReported"]);
      const released = channel.when("report", report("a", "debit", "rejected"), morning);
      expect(eventTypes(released)).to.deep.equal(["callReported", "limitReleased"]);
      expect(eventsOf(released)[1]).to.deep.include({ transferId: "a", amount: "600.0000", usedToday: "300.0000" });
      expect(eventTypes(channel.when("report", report("a", "debit", "rejected"), morning)), "released once").to.deep.equal(["callReported"]);
      expect(channel.view(morning)["usage"]).to.include({ usedToday: "300.0000", debits: 1 });
      expect(codeOf(channel.when("acquire", acquire("c", "debit", "700"), morning))).to.equal("ok");
    });

    it("starts a new local day fresh and refuses without retryAt an amount above the whole limit", () => {
      const channel = configured({ utcOffsetMinutes: -300 });
      channel.when("acquire", acquire("a", "debit", "1000"), at("2026-11-27T20:00:00Z"));
      expect(codeOf(channel.when("acquire", acquire("b", "debit", "1"), at("2026-11-27T21:59:59Z")))).to.equal("daily_limit_exceeded");
      const nextDay = at("2026-11-28T05:00:00Z");
      expect(channel.view(nextDay)["usage"]).to.deep.equal({ day: "2026-11-28", usedToday: "0.0000", dailyLimit: "1000.0000", remaining: "1000.0000", debits: 0 });
      expect(codeOf(channel.when("acquire", acquire("b", "debit", "1000"), nextDay))).to.equal("ok");
      expect(channel.state.usage.debits.has("a"), "yesterday's reservations are dropped").to.equal(false);
      expect(eventTypes(channel.when("report", report("a", "debit", "rejected"), nextDay)), "yesterday's debit releases nothing today").to.deep.equal(["callReported"]);
      const huge = channel.when("acquire", acquire("c", "debit", "1000.0001"), at("2026-11-29T06:00:00Z"));
      expect([codeOf(huge), detailsOf(huge)["retryAt"]]).to.deep.equal(["daily_limit_exceeded", undefined]);
    });
  });

  it("keeps the day's usage when a new offset moves the local day back (no allowance twice)", () => {
    const channel = configured({ utcOffsetMinutes: 330, speeds: { normal: { fee: "1", cutoff: "24:00" } } });
    channel.when("acquire", acquire("a", "debit", "900"), at("2026-11-27T19:00:00Z")); // 00:30 on the 28th at UTC+5:30
    channel.when("configure", { ...baseConfig, utcOffsetMinutes: -300, speeds: { normal: { fee: "1", cutoff: "24:00" } } }, at("2026-11-27T19:01:00Z"));
    expect(channel.view(at("2026-11-27T19:02:00Z"))["usage"]).to.include({ day: "2026-11-28", usedToday: "900.0000" });
    expect(codeOf(channel.when("acquire", acquire("b", "debit", "200"), at("2026-11-27T19:02:00Z")))).to.equal("daily_limit_exceeded");
  });

  describe("circuit breaker", () => {
    it("opens after failureThreshold consecutive failures, a business rejection resetting the count", () => {
      const channel = configured();
      channel.when("report", report("x1", "debit", "transport_failure"), morning);
      channel.when("report", report("x2", "debit", "unknown"), morning);
      channel.when("report", report("x3", "credit", "rejected"), morning);
      expect(channel.state.breaker).to.include({ circuit: "closed", consecutiveFailures: 0 });
      const opened = openCircuit(channel, morning);
      expect(eventTypes(opened)).to.deep.equal(["callReported", "circuitOpened"]);
      expect(eventsOf(opened)[1]).to.deep.include({ openedAt: morning, halfOpenAt: morning + 30_000, health: { circuit: "open", consecutiveFailures: 3, openedAt: morning } });
      expect(remindersOf(opened)).to.deep.equal({ set: [{ key: halfOpenReminderKey, dueAt: morning + 30_000, command: { type: "reopenCheck", payload: {} } }], cancel: [] });
    });

    it("refuses every step while open, with the alternative and the half-open time", () => {
      const channel = configured();
      openCircuit(channel, morning);
      for (const step of ["debit", "credit", "reversal"]) {
        const refused = channel.when("acquire", acquire("t1", step), morning + 29_999);
        expect([codeOf(refused), detailsOf(refused)], step).to.deep.equal(["circuit_open", { alternative: "BANKA-swift", retryAt: morning + 30_000, circuit: "open" }]);
      }
    });

    it("half-opens lazily on the first acquire after openForMs and lets halfOpenCallsMax trials through", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      expect(channel.view(due)["breaker"]).to.include({ circuit: "half_open" });
      const trial = channel.when("acquire", acquire("t1", "debit"), due);
      expect(eventTypes(trial)).to.deep.equal(["circuitHalfOpened", "trialCallStarted", "limitReserved"]);
      expect(remindersOf(trial)).to.deep.equal({ set: [], cancel: [halfOpenReminderKey] });
      const busy = channel.when("acquire", acquire("t2", "credit"), due + 1);
      expect([codeOf(busy), detailsOf(busy)]).to.deep.equal(["circuit_open", { alternative: "BANKA-swift", circuit: "half_open" }]);
      expect(codeOf(channel.when("acquire", acquire("t2", "reversal"), due + 1)), "a reversal too").to.equal("circuit_open");
      expect(eventTypes(channel.when("acquire", acquire("t1", "debit"), due + 2)), "the trial itself may ask again").to.deep.equal([]);
      expect(codeOf(channel.when("acquire", acquire("t2", "credit"), due + 120_000)), "an unreported trial expires").to.equal("ok");
    });

    it("half-opens by the reminder command when nobody calls, and re-arms it when openForMs grew", () => {
      const channel = configured();
      openCircuit(channel, morning);
      channel.when("configure", { ...baseConfig, breaker: { ...baseConfig.breaker, openForMs: 60_000 } }, morning + 1);
      const early = channel.when("reopenCheck", {}, morning + 30_000);
      expect(eventTypes(early)).to.deep.equal([]);
      expect(remindersOf(early)?.set?.[0]?.dueAt).to.equal(morning + 60_000);
      const check = channel.when("reopenCheck", {}, morning + 60_000);
      expect(eventTypes(check)).to.deep.equal(["circuitHalfOpened"]);
      expect(replyOf(check)).to.deep.equal({ circuit: "half_open", consecutiveFailures: 3 });
      expect(eventTypes(channel.when("reopenCheck", {}, morning + 60_001)), "a stale check does nothing").to.deep.equal([]);
    });

    it("closes after halfOpenSuccesses trial successes (a business rejection counts), probes included", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      channel.when("acquire", acquire("t1", "credit"), due);
      expect(eventTypes(channel.when("report", report("t1", "credit", "succeeded"), due + 10))).to.deep.equal(["callReported"]);
      expect(channel.state.breaker).to.include({ circuit: "half_open", halfOpenSuccesses: 1 });
      channel.when("acquire", acquire("t2", "debit"), due + 20);
      const closing = channel.when("report", report("t2", "debit", "rejected"), due + 30);
      expect(eventTypes(closing)).to.deep.equal(["callReported", "limitReleased", "circuitClosed"]);
      expect(channel.state.breaker).to.deep.equal({ circuit: "closed", consecutiveFailures: 0, openedAt: undefined, halfOpenSuccesses: 0, trials: new Map() });

      const probed = configured();
      openCircuit(probed, morning);
      expect(eventTypes(probed.when("probe", { ok: true, latencyMs: 4 }, due))).to.deep.equal(["circuitHalfOpened", "probeRecorded"]);
      expect(eventTypes(probed.when("probe", { ok: true, latencyMs: 4 }, due + 1))).to.deep.equal(["probeRecorded", "circuitClosed"]);
    });

    it("reopens on a trial failure with a new openedAt, and ignores late reports of calls made before it opened", () => {
      const channel = configured();
      openCircuit(channel, morning);
      const due = morning + 30_000;
      channel.when("acquire", acquire("t1", "credit"), due);
      expect(eventTypes(channel.when("report", report("old", "credit", "succeeded"), due + 1)), "not a trial").to.deep.equal(["callReported"]);
      expect(eventTypes(channel.when("report", report("old", "credit", "unknown"), due + 2)), "not a trial").to.deep.equal(["callReported"]);
      expect(channel.state.breaker).to.include({ circuit: "half_open", halfOpenSuccesses: 0 });
      const reopened = channel.when("report", report("t1", "credit", "unknown"), due + 3);
      expect(eventTypes(reopened)).to.deep.equal(["callReported", "circuitOpened"]);
      expect(channel.state.breaker).to.include({ circuit: "open", openedAt: due + 3 });
      expect(remindersOf(reopened)?.set?.[0]?.dueAt).to.equal(due + 30_003);
      expect(eventTypes(channel.when("probe", { ok: false, latencyMs: 9 }, due + 4)), "failures while open move nothing").to.deep.equal(["probeRecorded"]);
    });
  });

  it("shows health from real outcomes in get and on every event", () => {
    const channel = configured();
    channel.when("report", report("a", "debit", "succeeded"), morning);
    channel.when("report", report("b", "debit", "rejected"), morning);
    channel.when("probe", { ok: false, latencyMs: 300 }, morning + 5);
    expect(channel.view(morning + 6)["health"]).to.deep.equal({
      window: 50, observed: 3, succeeded: 1, rejected: 1, unknown: 0, transport_failure: 0, probe_ok: 0, probe_failed: 1, meanLatencyMs: 180, lastObservedAt: morning + 5,
    });
    expect(channel.log.at(-1)?.health).to.deep.equal({ circuit: "closed", consecutiveFailures: 1, openedAt: null });
  });

  it("takes acquire, report, probe and reopenCheck only from the engine: a client cannot fake health or use the limit", () => {
    const channel = configured();
    const before = channel.log.length;
    for (const [type, payload] of [["acquire", acquire("a", "debit", "1.00")], ["report", report("a", "debit", "succeeded")], ["probe", { ok: false, latencyMs: 1 }], ["reopenCheck", {}]] as const) {
      const result = channel.when(type, payload, morning, "operator:mallory");
      expect(isRejection(result) && result.rejected.code, type).to.equal("internal_command");
    }
    expect(channel.log.length, "nothing recorded").to.equal(before);
    expect(isRejection(channel.when("get", {}, morning, "viewer:vera"))).to.equal(false);
  });

  it("encodes its state as JSON and decodes it to the same state", () => {
    const channel = configured({ maintenanceWindows: [{ from: "2026-11-28T01:00:00Z", to: "2026-11-28T02:00:00Z" }], dailyMaintenance: [{ from: "23:30", to: "00:30" }] });
    channel.when("acquire", acquire("a", "debit", "12.3456"), morning);
    openCircuit(channel, morning);
    channel.when("acquire", acquire("b", "credit"), morning + 30_000);
    const encoded = channelKind.encodeState(channel.state);
    const decoded = channelKind.decodeState(JSON.parse(JSON.stringify(encoded)) as JsonObject);
    expect(channelKind.encodeState(decoded)).to.deep.equal(encoded);
    expect(decoded.usage.used.toFixed(4)).to.equal("12.3456");
    expect(() => channelKind.decodeState({ ...encoded, breaker: { ...(encoded["breaker"] as JsonObject), circuit: "ajar" } })).to.throw(TypeError);
  });

  it("publishes the half-open transition through the runtime when nobody calls (the reminder)", async () => {
    const bus = new MemoryEventBus();
    const system = new ActorSystem({ kinds: [channelKind], store: new MemoryActorStore(), publisher: bus, limits: { reminderPollIntervalMs: 20 } });
    let counter = 0;
    const send = (type: string, payload: Json) => system.dispatch({ kind: "channel", actorId: channelId, commandId: `r-${counter++}`, type, payload, principal: "system:test" });
    try {
      await send("configure", { ...baseConfig, breaker: { ...baseConfig.breaker, failureThreshold: 1, openForMs: 150 } });
      await send("probe", { ok: false, latencyMs: 1 });
      const deadline = Date.now() + 5_000;
      while (!bus.events.some((event) => event.event.type === "circuitHalfOpened") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(bus.events.map((event) => event.event.type)).to.deep.equal(["channelConfigured", "probeRecorded", "circuitOpened", "circuitHalfOpened"]);
    } finally {
      await system.stop();
    }
  });
});
