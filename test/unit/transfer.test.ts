import { expect } from "chai";
import { channelKind } from "../../actors/channel/index.js";
import type { Json } from "../../runtime/json.js";
import { given, type PendingEffect } from "../support/decider.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

/** Runs a new transfer up to its debit send (reservation applied, channel allowed). */
function toDebitSent(harness = new TransferHarness()) {
  harness.when("create", createPayload).thenAccepted();
  harness.applyPositionTasks();
  const debit = harness.allowChannel();
  return { harness, debit };
}

describe("transfer saga (ADR 006 §2, pure decide/evolve)", () => {
  it("moves money and positions through every state of a successful transfer", () => {
    const harness = new TransferHarness();
    harness.when("create", createPayload);
    const reserve = harness.take("account.command");
    expect(reserve.payload).to.deep.include({
      account: "BANKA:A1",
      type: "reserve",
      commandId: "transfer:t-1:reserve-debit",
    });
    expect(reserve.payload["payload"]).to.deep.equal({
      reservationId: "t-1.debit",
      direction: "debit",
      transferId: "t-1",
      amount: "1000.5000",
      currency: "CNY",
    });
    harness.system("positionResult", { taskId: "reserve-debit", ok: true });
    const debit = harness.allowChannel();
    const debitStartedAt = harness.now;
    expect(debit.payload).to.deep.include({ channel: "BANKA-direct", step: "debit", serial: "t-1.debit" });
    harness.now += 1_234;
    expect(debit.payload["request"]).to.deep.include({
      bankCode: "BANKA",
      account: "A1",
      toBankCode: "BANKB",
      toAccount: "B1",
      amount: "1000.5000",
    });
    harness.answerBank(debit, "succeeded", { bankReference: "A-REF" });
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-debit", "reserve-credit"]);
    const credit = harness.allowChannel();
    expect(credit.payload).to.deep.include({ channel: "BANKB-direct", step: "credit", serial: "t-1.credit" });
    expect(credit.payload["request"]).to.deep.include({
      bankCode: "BANKB",
      account: "B1",
      fromBankCode: "BANKA",
      debitSerial: "t-1.debit",
    });
    harness.now += 766;
    harness.answerBank(credit, "succeeded", { bankReference: "B-REF" });
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-credit"]);
    // What the transfer observer reads without state: step latency, the transition, the transfer's age at its end.
    expect(harness.journal.find((event) => event.type === "stepSucceeded" && event.step === "debit")).to.deep.include({
      stepMs: 1_234,
      previousStatus: "DEBIT_PENDING",
    });
    expect(harness.journal.find((event) => event.type === "stepSucceeded" && event.step === "credit")).to.deep.include({
      stepMs: 766,
      status: "SUCCESS",
      ageMs: harness.now - debitStartedAt,
    });
    expect(harness.statuses).to.deep.equal(["CREATED", "DEBIT_PENDING", "DEBIT_SUCCESS", "CREDIT_PENDING", "SUCCESS"]);
    expect(harness.state.bankReferences).to.deep.equal({ debit: "A-REF", credit: "B-REF" });
    expect(harness.state.reservations).to.deep.equal({ debit: "settled", credit: "settled" });
    expect([...harness.reminders.keys()], "a finished transfer leaves no reminder").to.deep.equal([]);
    expect(harness.effects).to.deep.equal([]);
  });

  it("fails without any bank call when the source account refuses the reservation", () => {
    const harness = new TransferHarness();
    harness.when("create", createPayload);
    harness.take("account.command");
    harness.system("positionResult", {
      taskId: "reserve-debit",
      ok: false,
      retryable: false,
      code: "insufficient_available",
      message: "too little",
    });
    expect(harness.state.status).to.equal("FAILED");
    expect(harness.state.failure?.code).to.equal("insufficient_available");
    expect(harness.effects).to.deep.equal([]);
    expect(harness.state.reservations.debit).to.equal("none");
  });

  it("takes a refused reservation as final only from its latest delivery: a later one may be applied", () => {
    // The account decides each delivery afresh (refusals are not journaled). The guard redelivered the reserve; the
    // first delivery was refused for want of funds, the second found a credit arrived and reserved.
    const late = new TransferHarness();
    late.when("create", createPayload);
    expect(late.take("account.command").payload).to.deep.include({ taskId: "reserve-debit", attempt: 1 });
    late.fire("task");
    expect(late.take("account.command").payload).to.deep.include({
      taskId: "reserve-debit",
      attempt: 2,
      commandId: "transfer:t-1:reserve-debit",
    });
    const stale = late.system("positionResult", {
      taskId: "reserve-debit",
      attempt: 1,
      ok: false,
      retryable: false,
      code: "insufficient_available",
      message: "too little",
    });
    stale.thenEvents([]);
    expect(late.state.status, "not failed while the second delivery is out").to.equal("CREATED");
    late.system("positionResult", { taskId: "reserve-debit", attempt: 2, ok: true });
    expect(late.state.reservations.debit).to.equal("reserved");
    expect(late.has("channel.acquire"), "the debit goes ahead on the reservation that was made").to.equal(true);

    // The latest delivery's refusal is final; an ok is taken from any delivery (it is durable at the account).
    const refused = new TransferHarness();
    refused.when("create", createPayload);
    refused.take("account.command");
    refused.fire("task");
    refused.take("account.command");
    refused.system("positionResult", {
      taskId: "reserve-debit",
      attempt: 2,
      ok: false,
      retryable: false,
      code: "insufficient_available",
      message: "too little",
    });
    expect(refused.state.status).to.equal("FAILED");
    const early = new TransferHarness();
    early.when("create", createPayload);
    early.take("account.command");
    early.fire("task");
    early.take("account.command");
    early.system("positionResult", { taskId: "reserve-debit", attempt: 1, ok: true });
    expect(early.state.reservations.debit).to.equal("reserved");
    expect(early.has("channel.acquire")).to.equal(true);
  });

  it("releases the source reservation when the bank rejects the debit", () => {
    const { harness, debit } = toDebitSent();
    harness.answerBank(debit, "rejected", { reason: "account blocked" });
    expect(harness.state.status).to.equal("FAILED");
    const release = harness.take("account.command");
    expect(release.payload).to.deep.include({
      type: "release",
      account: "BANKA:A1",
      commandId: "transfer:t-1:release-debit",
    });
    expect(harness.has("bank.send")).to.equal(false);
  });

  it("resolves a timed-out debit by a status query with the same serial, never by a second send", () => {
    const { harness, debit } = toDebitSent();
    harness.answerBank(debit, "unknown", { reason: "timeout" });
    expect(harness.state.status).to.equal("UNKNOWN");
    harness.fire("step");
    const query = harness.take("bank.query");
    expect(query.payload).to.deep.include({ serial: "t-1.debit", step: "debit" });
    expect(harness.has("bank.send")).to.equal(false);
    harness.answerBank(query, "succeeded", { bankReference: "late" });
    expect(harness.statuses).to.include("DEBIT_SUCCESS");
    expect(harness.state.step?.name).to.equal("credit");
  });

  it("after a lost answer (crash) queries first; resends the same serial only when the bank never saw it; halts after sendsMax", () => {
    const { harness } = toDebitSent(new TransferHarness("t-1", { sendsMax: 2 }));
    harness.fire("step");
    expect(harness.state.status).to.equal("UNKNOWN");
    const query = harness.take("bank.query");
    harness.answerBank(query, "not_found");
    const resend = harness.take("bank.send");
    expect(resend.payload["serial"]).to.equal("t-1.debit");
    harness.answerBank(resend, "unknown");
    harness.fire("step");
    harness.answerBank(harness.take("bank.query"), "not_found");
    expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
    expect(harness.alerts.at(-1)).to.deep.include({
      severity: "critical",
      code: "manual_intervention",
      from: "BANKA:A1",
      amount: "1000.5000",
    });
    expect(harness.journal.find((event) => event.type === "manualInterventionRequired")).to.deep.include({
      status: "MANUAL_INTERVENTION",
      previousStatus: "UNKNOWN",
    });
    expect(harness.reminders.has("step")).to.equal(false);
  });

  it("an operator's retry of a step halted after sendsMax queries first, then has a fresh send budget for the same serial", () => {
    const { harness, debit } = toDebitSent(new TransferHarness("t-1", { sendsMax: 1 }));
    harness.when("retry", { reason: "not halted yet" }).thenRejected("not_retryable");
    harness.answerBank(debit, "unknown");
    harness.fire("step");
    harness.answerBank(harness.take("bank.query"), "not_found");
    expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
    expect(harness.alerts).to.have.length(1);

    harness.when("retry", { reason: "bank confirmed the outage is over" }, { principal: "op:bob" }).thenAccepted();
    const query = harness.take("bank.query");
    expect(query.payload["serial"]).to.equal("t-1.debit");
    expect(harness.has("bank.send"), "never resend before asking the bank").to.equal(false);
    harness.answerBank(query, "not_found");
    const resend = harness.take("bank.send");
    expect(resend.payload["serial"], "the same serial, so the bank can deduplicate").to.equal("t-1.debit");
    expect(harness.state.status).to.equal("DEBIT_PENDING");
    harness.answerBank(resend, "accepted");
    harness.system("bankNotice", { step: "debit", status: "succeeded", bankReference: "B-9" }).thenAccepted();
    expect(harness.state.status).to.equal("CREDIT_PENDING");
    expect(harness.state.bankReferences["debit"]).to.equal("B-9");
  });

  it("takes a callback only from the bank of the step: another bank's signed callback is refused and changes nothing", () => {
    const { harness, debit } = toDebitSent();
    harness.answerBank(debit, "accepted");
    const before = harness.journal.length;
    harness
      .system("bankNotice", { step: "debit", status: "succeeded", bankCode: "BANKB", bankReference: "forged" })
      .thenRejected("callback_from_wrong_bank");
    expect(harness.journal.length).to.equal(before);
    harness
      .system("bankNotice", { step: "debit", status: "succeeded", bankCode: "BANKA", bankReference: "A-1" })
      .thenAccepted();
    expect(harness.state.bankReferences["debit"]).to.equal("A-1");
  });

  it("compensates a credit failure after a debit success: critical alert, reversal, money returned to the source", () => {
    const { harness, debit } = toDebitSent();
    harness.answerBank(debit, "succeeded");
    harness.applyPositionTasks();
    const credit = harness.allowChannel();
    harness.answerBank(credit, "rejected", { reason: "beneficiary account closed" });
    expect(harness.state.status).to.equal("COMPENSATING");
    expect(harness.alerts.at(-1)).to.deep.include({
      severity: "critical",
      code: "credit_failed_after_debit",
      status: "COMPENSATING",
    });
    expect(harness.applyPositionTasks()).to.deep.equal(["release-credit"]);
    const reversal = harness.allowChannel();
    expect(reversal.payload).to.deep.include({ channel: "BANKA-direct", step: "reversal", serial: "t-1.reversal" });
    expect(reversal.payload["request"]).to.deep.include({ originalSerial: "t-1.debit", account: "A1" });
    harness.answerBank(reversal, "succeeded");
    const entry = harness.take("account.command");
    expect(entry.payload).to.deep.include({ type: "recordEntry", account: "BANKA:A1" });
    expect(entry.payload["payload"]).to.deep.include({
      direction: "credit",
      amount: "1000.5000",
      entryId: "transfer:t-1:reversal",
    });
    expect(harness.state.status).to.equal("COMPENSATED");
  });

  it("halts when the reversal is refused, and closes on an operator's evidence once another person confirms it", () => {
    const { harness, debit } = toDebitSent();
    harness.answerBank(debit, "succeeded");
    harness.applyPositionTasks();
    harness.answerBank(harness.allowChannel(), "rejected");
    harness.applyPositionTasks();
    harness.answerBank(harness.allowChannel(), "rejected", { reason: "reversal window passed" });
    expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
    harness.when("resolve", { outcome: "returned", evidence: "" }).thenRejected("invalid_command");
    harness
      .when(
        "resolve",
        { outcome: "returned", evidence: "bank A statement 2026-11-27 line 14" },
        { principal: "op:bob" },
      )
      .thenEvents(["resolutionRequested"]);
    expect(harness.state.status, "asking moves nothing").to.equal("MANUAL_INTERVENTION");
    expect(harness.has("account.command")).to.equal(false);
    harness
      .when("confirmResolution", { outcome: "returned", comment: "matches" }, { principal: "op:carol" })
      .thenEvents([
        {
          type: "resolved",
          by: "op:bob",
          outcome: "returned",
          evidence: "bank A statement 2026-11-27 line 14",
          confirmedBy: "op:carol",
          comment: "matches",
        },
        "positionTaskQueued",
        "positionTaskIssued",
      ]);
    expect(harness.state.status).to.equal("CLOSED");
    expect(harness.state.resolution).to.deep.equal({
      outcome: "returned",
      evidence: "bank A statement 2026-11-27 line 14",
      by: "op:bob",
      confirmedBy: "op:carol",
    });
    const tasks = harness.effects
      .filter((effect) => effect.type === "account.command")
      .map((effect) => (effect.payload as { taskId: string }).taskId);
    expect(tasks).to.deep.equal(["reversal-entry"]);
  });

  it("fails over to the alternative channel when the circuit is open, and never back (no loop)", () => {
    const harness = new TransferHarness();
    harness.when("create", createPayload);
    harness.applyPositionTasks();
    harness.allowCreditCheck();
    const ask = harness.take("channel.acquire");
    harness.system("channelResult", {
      effectId: ask.id,
      allowed: false,
      code: "circuit_open",
      alternative: "BANKA-backup",
      retryAt: harness.now + 30_000,
    });
    const second = harness.take("channel.acquire");
    expect(second.payload["channel"]).to.equal("BANKA-backup");
    harness.system("channelResult", {
      effectId: second.id,
      allowed: false,
      code: "maintenance",
      alternative: "BANKA-direct",
      retryAt: harness.now + 60_000,
    });
    expect(harness.has("channel.acquire"), "no failover back to a refusing channel").to.equal(false);
    expect(harness.state.step?.phase).to.equal("wait");
    expect(harness.reminders.get("step")?.dueAt).to.equal(harness.now + 60_000);
    harness.fire("step");
    expect(harness.allowCreditCheck().payload["channel"], "after a wait the credit end is asked again").to.equal(
      "BANKB-direct",
    );
    expect(harness.take("channel.acquire").payload["channel"]).to.equal("BANKA-backup");
  });

  it("waits instead of failing over under the wait policy, and fails a debit that no channel will ever allow", () => {
    const harness = new TransferHarness();
    harness.when("create", { ...createPayload, failover: "wait" });
    harness.applyPositionTasks();
    harness.allowCreditCheck();
    harness.system("channelResult", {
      effectId: harness.take("channel.acquire").id,
      allowed: false,
      code: "circuit_open",
      alternative: "BANKA-backup",
      retryAt: harness.now + 5_000,
    });
    expect(harness.state.step).to.deep.include({ phase: "wait", channel: "BANKA-direct" });
    harness.fire("step");
    harness.allowCreditCheck();
    harness.system("channelResult", {
      effectId: harness.take("channel.acquire").id,
      allowed: false,
      code: "daily_limit_exceeded",
    });
    expect(harness.state.status).to.equal("FAILED");
    expect(harness.take("account.command").payload["type"]).to.equal("release");
  });

  describe("checks both ends before the debit is sent", () => {
    /** A transfer whose source reservation is made: the next effect is its first channel ask. */
    function reserved(payload: Record<string, Json> = {}, harness = new TransferHarness()) {
      harness.when("create", { ...createPayload, ...payload });
      harness.applyPositionTasks();
      return harness;
    }

    /** Refuses the pending channel ask, as the channel's rejection details come through the effect handler. */
    function refuse(harness: TransferHarness, code: string, details: Record<string, Json> = {}): PendingEffect {
      const ask = harness.take("channel.acquire");
      harness.system("channelResult", {
        effectId: ask.id,
        allowed: false,
        code,
        message: `refused: ${code}`,
        ...details,
      });
      return ask;
    }

    const bankCalls = (harness: TransferHarness) => harness.journal.filter((event) => event.type === "bankCalled");

    it("waits while the credit channel is in maintenance, with no debit sent, then proceeds when it ends", () => {
      const harness = reserved({ failover: "wait" });
      const windowEnd = harness.now + 600_000;
      const ask = refuse(harness, "maintenance", { retryAt: windowEnd, alternative: "BANKB-backup" });
      expect(ask.payload, "the credit channel is asked first, for the credit").to.deep.include({
        channel: "BANKB-direct",
        step: "credit",
        transferId: "t-1",
        amount: "1000.5000",
      });
      expect(harness.effects, "no debit, and the debit channel is not even asked").to.deep.equal([]);
      expect(bankCalls(harness)).to.deep.equal([]);
      expect(harness.state).to.deep.include({ status: "DEBIT_PENDING" });
      expect(harness.state.step).to.deep.include({ name: "debit", phase: "wait", sends: 0 });
      expect(harness.state.reservations, "only the source reservation is held").to.deep.equal({
        debit: "reserved",
        credit: "none",
      });
      expect(harness.reminders.get("step")?.dueAt, "until the window ends").to.equal(windowEnd);
      expect(harness.journal.find((event) => event.type === "channelRefused")).to.deep.include({
        step: "debit",
        forStep: "credit",
        channel: "BANKB-direct",
        code: "maintenance",
        waitUntil: windowEnd,
      });

      harness.fire("step");
      expect(harness.allowCreditCheck("7").payload["channel"]).to.equal("BANKB-direct");
      const debitAsk = harness.take("channel.acquire");
      expect(debitAsk.payload, "then the debit channel, for the debit").to.deep.include({
        channel: "BANKA-direct",
        step: "debit",
      });
      harness.system("channelResult", { effectId: debitAsk.id, allowed: true, fee: "1.5" });
      const debit = harness.take("bank.send");
      expect(debit.payload).to.deep.include({ channel: "BANKA-direct", step: "debit" });
      expect(harness.state.step?.fee, "the debit's fee is the debit channel's").to.equal("1.5000");
      harness.answerBank(debit, "succeeded");
      harness.applyPositionTasks();
      const credit = harness.allowChannel();
      expect(credit.payload).to.deep.include({ channel: "BANKB-direct", step: "credit" });
      harness.answerBank(credit, "succeeded");
      harness.applyPositionTasks();
      expect(harness.state.status).to.equal("SUCCESS");
    });

    it("fails over to the credit channel's alternative before the debit, and credits through it", () => {
      const harness = reserved();
      refuse(harness, "circuit_open", { retryAt: harness.now + 30_000, alternative: "BANKB-backup" });
      expect(bankCalls(harness)).to.deep.equal([]);
      const second = harness.allowCreditCheck();
      expect(second.payload, "the alternative, asked for the credit").to.deep.include({
        channel: "BANKB-backup",
        step: "credit",
      });
      const debit = harness.allowChannel();
      expect(debit.payload, "the debit keeps its own channel").to.deep.include({
        channel: "BANKA-direct",
        step: "debit",
      });
      harness.answerBank(debit, "succeeded");
      harness.applyPositionTasks();
      const creditAsk = harness.take("channel.acquire");
      expect(creditAsk.payload).to.deep.include({ channel: "BANKB-backup", step: "credit" });
      harness.system("channelResult", { effectId: creditAsk.id, allowed: true, fee: "2" });
      const credit = harness.take("bank.send");
      expect(credit.payload).to.deep.include({ channel: "BANKB-backup", step: "credit", serial: "t-1.credit" });
      harness.answerBank(credit, "succeeded");
      harness.applyPositionTasks();
      expect(harness.state.status).to.equal("SUCCESS");
      expect(harness.journal.find((event) => event.type === "stepStarted" && event.step === "credit")).to.deep.include({
        channel: "BANKB-backup",
      });
    });

    it("fails with the credit channel's reason and no bank call when the credit can never be allowed", () => {
      const harness = reserved();
      refuse(harness, "speed_not_supported", { alternative: "BANKB-direct" });
      expect(harness.state.status).to.equal("FAILED");
      expect(harness.state.failure?.code).to.equal("speed_not_supported");
      expect(harness.state.failure?.message).to.contain("BANKB-direct");
      expect(bankCalls(harness)).to.deep.equal([]);
      expect(harness.has("bank.send")).to.equal(false);
      expect(harness.has("channel.acquire"), "the debit channel is not asked either").to.equal(false);
      expect(harness.applyPositionTasks(), "only what was taken is given back").to.deep.equal(["release-debit"]);
      expect(harness.state.reservations).to.deep.equal({ debit: "released", credit: "none" });
      expect([...harness.reminders.keys()]).to.deep.equal([]);
    });

    it("a transfer cancelled while the credit channel refuses releases only the source reservation", () => {
      const harness = reserved({ failover: "wait" });
      refuse(harness, "cutoff_passed", { retryAt: harness.now + 3_600_000 });
      harness.when("cancel", { reason: "not today" }).thenAccepted();
      expect(harness.state.status).to.equal("CANCELLED");
      expect(harness.applyPositionTasks()).to.deep.equal(["release-debit"]);
      expect(harness.state.reservations).to.deep.equal({ debit: "released", credit: "none" });
      expect(bankCalls(harness)).to.deep.equal([]);
      expect([...harness.reminders.keys()]).to.deep.equal([]);
    });

    it("the credit check and the credit step are one acquisition at the channel: its usage is counted once", () => {
      const configure = (id: string, bankCode: string) => {
        const channel = given({ kind: channelKind, actorId: id, principal: "system:test" });
        channel
          .when("configure", {
            bankCode,
            currency: "CNY",
            speeds: { normal: { fee: "1.50", cutoff: "24:00" } },
            utcOffsetMinutes: 0,
            dailyLimit: "5000",
            alternative: null,
            breaker: { failureThreshold: 3, openForMs: 30_000, halfOpenSuccesses: 1, halfOpenCallsMax: 1 },
          })
          .thenAccepted();
        return channel;
      };
      const channels = new Map([
        ["BANKA-direct", configure("BANKA-direct", "BANKA")],
        ["BANKB-direct", configure("BANKB-direct", "BANKB")],
      ]);
      const harness = reserved();
      /** Runs every pending channel ask through the real channel decider, as the effect handler does. */
      const answerAsks = () => {
        while (harness.has("channel.acquire")) {
          const ask = harness.take("channel.acquire");
          const { channel, ...acquire } = ask.payload as Record<string, Json>;
          const outcome = channels.get(String(channel))!.when("acquire", acquire, { now: harness.now });
          expect(outcome.code, `${String(channel)} allows the ${String(acquire["step"])}`).to.equal("ok");
          harness.system("channelResult", { effectId: ask.id, allowed: true, fee: outcome.reply["fee"] as string });
        }
      };
      answerAsks();
      harness.answerBank(harness.take("bank.send"), "succeeded");
      harness.applyPositionTasks();
      answerAsks();
      harness.answerBank(harness.take("bank.send"), "succeeded");
      harness.applyPositionTasks();
      expect(harness.state.status).to.equal("SUCCESS");
      const asked = harness.journal.filter((event) => event.type === "channelAsked").map((event) => event.channel);
      expect(asked).to.deep.equal(["BANKB-direct", "BANKA-direct", "BANKB-direct"]);
      const reservedLimits = (id: string) =>
        channels
          .get(id)!
          .journal.filter((event) => event.type === "limitReserved")
          .map((event) => event.amount);
      expect(reservedLimits("BANKA-direct"), "the debit's limit, once").to.deep.equal(["1000.5000"]);
      expect(reservedLimits("BANKB-direct"), "the credit end reserves nothing").to.deep.equal([]);
      const usage = channels.get("BANKB-direct")!.when("get", {}, { now: harness.now }).reply["usage"];
      expect(usage).to.deep.include({ usedToday: "0.0000" });
    });
  });

  it("needs an approver other than the maker; an unapproved transfer expires and releases its reservation", () => {
    const harness = new TransferHarness();
    harness.when("create", { ...createPayload, approvalRequired: true }, { principal: "op:maker" });
    harness.applyPositionTasks();
    expect(harness.state.status).to.equal("PENDING_APPROVAL");
    harness.when("approve", {}, { principal: "op:maker" }).thenRejected("maker_checker_violation");
    const expiring = new TransferHarness("t-2");
    expiring.when("create", { ...createPayload, approvalRequired: true }, { principal: "op:maker" });
    expiring.applyPositionTasks();
    expiring.fire("approval");
    expect(expiring.state.status).to.equal("CANCELLED");
    expect(expiring.take("account.command").payload["type"]).to.equal("release");
    harness.when("approve", { comment: "ok" }, { principal: "op:checker" }).thenAccepted();
    expect(harness.state.status).to.equal("DEBIT_PENDING");
    expect(harness.state.approvedBy).to.equal("op:checker");
  });

  it("refuses an approval by the creator's name through another door (nats:maker created, grpc:maker approves)", () => {
    const harness = new TransferHarness();
    harness.when("create", { ...createPayload, approvalRequired: true }, { principal: "nats:maker" });
    harness.applyPositionTasks();
    harness.when("approve", {}, { principal: "grpc:maker" }).thenRejected("maker_checker_violation");
    expect(harness.state.status, "nothing changed").to.equal("PENDING_APPROVAL");
    harness.when("approve", {}, { principal: "grpc:checker" }).thenAccepted();
    expect(harness.state.approvedBy).to.equal("grpc:checker");
  });

  it("cancels only before the debit is sent; a cancel in CREATED releases behind the pending reservation", () => {
    const early = new TransferHarness();
    early.when("create", createPayload);
    early.when("cancel", { reason: "wrong amount" }).thenAccepted();
    expect(early.state.status).to.equal("CANCELLED");
    expect(early.state.tasks.map((task) => task.id)).to.deep.equal(["reserve-debit", "release-debit"]);
    expect(early.applyPositionTasks()).to.deep.equal(["reserve-debit", "release-debit"]);
    expect(early.has("channel.acquire"), "a cancelled transfer asks no channel").to.equal(false);
    const { harness } = toDebitSent(new TransferHarness("t-2"));
    harness.when("cancel", { reason: "too late" }).thenRejected("too_late_to_cancel");
  });

  it("ignores stale and duplicate answers, and refuses engine-only commands from clients", () => {
    const { harness, debit } = toDebitSent();
    harness
      .when("bankResult", { effectId: debit.id, step: "debit", outcome: "succeeded" }, { principal: "op:mallory" })
      .thenRejected("internal_command");
    harness.answerBank(debit, "accepted");
    const stale = harness.answerBank(debit, "unknown");
    stale.thenEvents([]);
    harness.system("bankNotice", { step: "debit", status: "succeeded", bankReference: "cb" });
    const eventsBefore = harness.journal.length;
    const duplicate = harness.system("bankNotice", { step: "debit", status: "succeeded", bankReference: "cb" });
    duplicate.thenEvents([]);
    expect(harness.journal.length).to.equal(eventsBefore);
    expect(harness.state.bankReferences.debit).to.equal("cb");
  });

  it("treats the id as an idempotency key: the same request is answered, another is refused", () => {
    const harness = new TransferHarness();
    harness.when("create", createPayload);
    harness.when("create", createPayload).thenEvents([]);
    harness.when("create", { ...createPayload, amount: "1000.51" }).thenRejected("idempotency_key_reused");
  });

  const badCreates: Array<[string, Record<string, unknown>, string]> = [
    ["exponent amount", { amount: "1e3" }, "amount"],
    ["five decimal places", { amount: "1.12345" }, "amount"],
    ["negative amount", { amount: "-5" }, "amount"],
    ["zero amount", { amount: "0" }, "amount"],
    ["number amount", { amount: 5 }, "amount"],
    ["unknown currency", { currency: "XXY" }, "currency"],
    ["account without bank", { from: "A1" }, "from"],
    ["bad speed", { speed: "instant" }, "speed"],
    ["bad channel", { debitChannel: "a b" }, "debitChannel"],
    ["unknown field", { colour: "red" }, "unknown field"],
  ];
  for (const [name, change, mentions] of badCreates) {
    it(`refuses a create with ${name}, naming the field, and records nothing`, () => {
      const harness = new TransferHarness();
      const outcome = harness.when("create", { ...createPayload, ...change } as never);
      outcome.thenRejected("invalid_command");
      expect(outcome.rejection.message).to.contain(mentions);
      expect(harness.state.status).to.equal("NEW");
    });
  }
  it("refuses a transfer to the same account", () => {
    new TransferHarness().when("create", { ...createPayload, to: createPayload.from }).thenRejected("same_account");
  });
});
