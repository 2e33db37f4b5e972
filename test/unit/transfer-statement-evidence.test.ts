import { expect } from "chai";
import type { StepName } from "../../actors/transfer/commands.js";
import { decodeTransferState, encodeTransferState } from "../../actors/transfer/state.js";
import { commandRule } from "../../adapters/nats/command-access.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { PendingEffect } from "../support/decider.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

/** Reconciliation sends evidence as itself (a person's resolution too: the person is in its journal). */
const reconciliation = { principal: "system:reconciliation:BANKA:A1:2026-12-01" };
const statementVersion = "3f".repeat(32);

/** Where each step books, as the statement of that account shows it (createPayload: BANKA:A1 to BANKB:B1). */
const bookings: Record<StepName, { accountId: string; direction: string }> = {
  debit: { accountId: "BANKA:A1", direction: "debit" },
  credit: { accountId: "BANKB:B1", direction: "credit" },
  reversal: { accountId: "BANKA:A1", direction: "credit" },
};

/** A statement line that is the step's booking; `change` alters or adds fields. */
function evidence(step: StepName, change: Record<string, Json> = {}): JsonObject {
  return {
    step,
    ...bookings[step],
    amount: "1000.50",
    bankReference: `ST-${step}`,
    statementVersion,
    statementId: "STMT-2026-12-01",
    line: 7,
    bookingDate: "2026-12-01",
    ...change,
  };
}

function sendEvidence(harness: TransferHarness, payload: JsonObject) {
  return harness.when("statementEvidence", payload, reconciliation);
}

/** A transfer whose debit was sent; `policy` bounds its attempts. */
function debitSent(policy: ConstructorParameters<typeof TransferHarness>[1] = {}) {
  const harness = new TransferHarness("t-1", policy);
  harness.when("create", createPayload).thenAccepted();
  harness.applyPositionTasks();
  return { harness, debit: harness.allowChannel() };
}

/** A transfer whose debit succeeded at the bank and whose credit was sent. */
function creditSent(policy: ConstructorParameters<typeof TransferHarness>[1] = {}) {
  const { harness, debit } = debitSent(policy);
  harness.answerBank(debit, "succeeded", { bankReference: "A-REF" });
  harness.applyPositionTasks();
  return { harness, credit: harness.allowChannel() };
}

/** Halts the running step: its answer unknown, and the one status query allowed answers unknown too. */
function haltAfterUnknown(harness: TransferHarness, call: PendingEffect): void {
  harness.answerBank(call, "unknown", { reason: "timeout" });
  harness.fire("step");
  harness.answerBank(harness.take("bank.query"), "unknown");
  harness.fire("step");
  expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
}

/** A command that must be refused with `code` and leave the transfer exactly as it was. */
function expectRefusedUnchanged(harness: TransferHarness, payload: JsonObject, code: string, message?: RegExp) {
  const state = encodeTransferState(harness.state);
  const journal = harness.journal.length;
  const effects = harness.effects.length;
  sendEvidence(harness, payload).thenRejected(code, message);
  expect(encodeTransferState(harness.state), "state unchanged").to.deep.equal(state);
  expect(harness.journal.length, "nothing journaled").to.equal(journal);
  expect(harness.effects.length, "no effect asked").to.equal(effects);
}

describe("statement evidence settles a step whose outcome is unknown (ADR 014 §5, pure decide/evolve)", () => {
  it("settles a timed-out debit awaiting its status query, and the saga goes on to the credit", () => {
    const { harness, debit } = debitSent();
    harness.answerBank(debit, "unknown", { reason: "timeout" });
    harness.fire("step");
    const query = harness.take("bank.query");
    expect(harness.state.status).to.equal("UNKNOWN");

    sendEvidence(harness, evidence("debit")).thenEvents([
      {
        type: "stepEvidenced",
        step: "debit",
        bankReference: "ST-debit",
        statementVersion,
        statementId: "STMT-2026-12-01",
        line: 7,
        bookingDate: "2026-12-01",
        status: "UNKNOWN",
      },
      { type: "stepSucceeded", step: "debit", bankReference: "ST-debit", status: "DEBIT_SUCCESS" },
      "positionTaskQueued",
      "positionTaskIssued",
      "positionTaskQueued",
      { type: "stepStarted", step: "credit" },
      { type: "channelAsked", step: "credit" },
    ]);
    expect(harness.state.bankReferences).to.deep.equal({ debit: "ST-debit" });
    expect(harness.state.stepOutcomes).to.deep.equal({ debit: "succeeded" });
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-debit", "reserve-credit"]);
    const credit = harness.allowChannel();
    expect(credit.payload).to.deep.include({ step: "credit", serial: "t-1.credit" });
    expect(harness.state.status).to.equal("CREDIT_PENDING");

    // The status query answered after the statement: the step it asks about is over, so it changes nothing.
    harness.answerBank(query, "succeeded", { bankReference: "A-API-REF" }).thenEvents([]);
    expect(harness.state.bankReferences["debit"]).to.equal("ST-debit");
  });

  it("settles a credit in flight: the transfer ends in SUCCESS with the target's reservation settled", () => {
    const { harness, credit } = creditSent();
    harness.answerBank(credit, "accepted");
    expect(harness.state.status).to.equal("CREDIT_PENDING");
    sendEvidence(harness, evidence("credit", { amount: "1000.5" })).thenAccepted();
    expect(harness.state.status).to.equal("SUCCESS");
    expect(harness.state.bankReferences).to.deep.equal({ debit: "A-REF", credit: "ST-credit" });
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-credit"]);
    expect(harness.state.reservations).to.deep.equal({ debit: "settled", credit: "settled" });
    expect([...harness.reminders.keys()], "a finished transfer leaves no reminder").to.deep.equal([]);
    expect(harness.effects).to.deep.equal([]);
  });

  it("advances a transfer in MANUAL_INTERVENTION without a second person, dropping a pending resolution", () => {
    const { harness, debit } = debitSent({ queriesMax: 1 });
    haltAfterUnknown(harness, debit);
    harness.when("resolve", { outcome: "not_debited", evidence: "no debit seen yet" }, { principal: "grpc:olivia" });
    expect(harness.state.pendingResolution).to.not.equal(null);

    sendEvidence(harness, evidence("debit")).thenAccepted();
    expect(harness.state.status).to.equal("CREDIT_PENDING");
    expect(harness.state.pendingResolution, "the statement answered what the request asked").to.equal(null);
    expect(harness.state.resolution, "not a resolution: the bank's answer").to.equal(null);
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-debit", "reserve-credit"]);

    // The credit halts too, and a statement of the target's account closes the transfer.
    haltAfterUnknown(harness, harness.allowChannel());
    const { bankReference: _, ...withoutReference } = evidence("credit", { line: 2 });
    sendEvidence(harness, withoutReference)
      .thenEvents(["stepEvidenced", "stepSucceeded", "positionTaskQueued", "positionTaskIssued"])
      .thenReply({ status: "SUCCESS" }, "include");
    expect(harness.state.bankReferences["credit"], "the line had no reference").to.equal("");
    expect(harness.applyPositionTasks()).to.deep.equal(["settle-credit"]);
  });

  it("takes the same evidence twice, or evidence of a step the bank confirmed, as already known: no event", () => {
    const { harness, debit } = debitSent();
    harness.answerBank(debit, "unknown");
    sendEvidence(harness, evidence("debit")).thenAccepted();
    const journal = harness.journal.length;
    sendEvidence(harness, evidence("debit"))
      .thenEvents([])
      .thenReply({ status: "CREDIT_PENDING", alreadyKnown: true }, "include");
    sendEvidence(harness, evidence("debit", { statementId: "STMT-2026-12-02", line: 1, bookingDate: "2026-12-02" }))
      .thenEvents([])
      .thenReply({ alreadyKnown: true }, "include");
    expect(harness.journal.length).to.equal(journal);

    const confirmed = creditSent().harness;
    sendEvidence(confirmed, evidence("debit")).thenEvents([]).thenReply({ alreadyKnown: true }, "include");
    expect(confirmed.state.bankReferences["debit"], "the bank's own reference stays").to.equal("A-REF");
  });

  it("refuses evidence of another step, account, direction or amount, and changes nothing", () => {
    const { harness, debit } = debitSent();
    harness.answerBank(debit, "unknown");
    expectRefusedUnchanged(harness, evidence("credit"), "evidence_step_not_sent", /has not sent its credit/);
    expectRefusedUnchanged(harness, evidence("reversal"), "evidence_step_not_sent");
    expectRefusedUnchanged(
      harness,
      evidence("debit", { amount: "1000.49" }),
      "evidence_does_not_match",
      /it is of 1000\.4900, the debit of 1000\.5000 CNY/,
    );
    expectRefusedUnchanged(
      harness,
      evidence("debit", { direction: "credit" }),
      "evidence_does_not_match",
      /it is a credit, the debit is a debit/,
    );
    expectRefusedUnchanged(
      harness,
      evidence("debit", { accountId: "BANKB:B1" }),
      "evidence_does_not_match",
      /on BANKB:B1's statement, the debit books on BANKA:A1/,
    );
    expect(harness.state.status).to.equal("UNKNOWN");

    // A debit no channel allowed was never sent: a statement cannot be its answer.
    const unsent = new TransferHarness();
    unsent.when("create", createPayload);
    unsent.applyPositionTasks();
    expectRefusedUnchanged(unsent, evidence("debit"), "evidence_step_not_sent");
  });

  it("refuses a malformed line, a client sender and an unknown transfer", () => {
    const { harness, debit } = debitSent();
    harness.answerBank(debit, "unknown");
    for (const [change, message] of [
      [{ statementVersion: "abc" }, /statementVersion must be a SHA-256 digest/],
      [{ line: 0 }, /line must be an integer from 1/],
      [{ bookingDate: "2026-02-30" }, /bookingDate must be a day of the calendar/],
      [{ amount: 1000.5 }, /amount must be a decimal string/],
      [{ step: "refund" }, /step must be "debit" or "credit" or "reversal"/],
      [{ statementId: " " }, /statementId is required/],
    ] as const)
      expectRefusedUnchanged(harness, evidence("debit", change), "invalid_command", message);
    const state = encodeTransferState(harness.state);
    harness
      .when("statementEvidence", evidence("debit"), { principal: "grpc:mallory" })
      .thenRejected("internal_command");
    expect(encodeTransferState(harness.state)).to.deep.equal(state);
    new TransferHarness("t-404")
      .when("statementEvidence", evidence("debit"), reconciliation)
      .thenRejected("transfer_not_found");
  });

  it("halts a running transfer whose statement shows booked a step the bank rejected; the repeat is a no-op", () => {
    const { harness, credit } = creditSent();
    harness.answerBank(credit, "rejected", { reason: "beneficiary account closed" });
    harness.applyPositionTasks();
    harness.allowChannel();
    expect(harness.state.status, "the reversal is out").to.equal("COMPENSATING");

    sendEvidence(harness, evidence("credit")).thenEvents([
      {
        type: "evidenceContradicts",
        step: "credit",
        line: 7,
        reason: "the statement shows the credit booked, but the bank answered that the credit failed",
      },
      { type: "manualInterventionRequired", step: "reversal", status: "MANUAL_INTERVENTION" },
      { type: "alertRaised", severity: "critical", code: "manual_intervention" },
    ]);
    expect(harness.state.step, "the reversal is kept for a retry").to.deep.include({ name: "reversal" });
    expect(harness.reminders.has("step"), "nothing more is sent until a person looks").to.equal(false);
    expect(harness.state.evidence["credit"]).to.deep.include({ line: 7, contradicts: true });
    sendEvidence(harness, evidence("credit")).thenEvents([]).thenReply({ alreadyKnown: true }, "include");
  });

  it("records a contradiction with an ended transfer, a failed debit or a resolution, and leaves its status", () => {
    const { harness: failed, debit } = debitSent();
    failed.answerBank(debit, "rejected", { reason: "account blocked" });
    expect(failed.state.status).to.equal("FAILED");
    sendEvidence(failed, evidence("debit")).thenEvents([
      { type: "evidenceContradicts", step: "debit", status: "FAILED" },
      { type: "alertRaised", severity: "critical", code: "evidence_contradicts", status: "FAILED" },
    ]);
    expect(failed.alerts.at(-1)?.message).to.equal(
      "transfer t-1: the statement shows the debit booked, but the bank answered that the debit failed",
    );

    const { harness: closed, debit: halted } = debitSent({ queriesMax: 1 });
    haltAfterUnknown(closed, halted);
    closed.when("resolve", { outcome: "not_debited", evidence: "no debit seen" }, { principal: "grpc:olivia" });
    closed.when("confirmResolution", { outcome: "not_debited" }, { principal: "grpc:ada" });
    expect(closed.state.status).to.equal("CLOSED");
    sendEvidence(closed, evidence("debit")).thenEvents([
      {
        type: "evidenceContradicts",
        reason:
          "the statement shows the debit booked, but the transfer was resolved as not_debited (asked by grpc:olivia)",
        status: "CLOSED",
      },
      { type: "alertRaised", code: "evidence_contradicts" },
    ]);

    const { harness: credited, debit: heldDebit } = debitSent({ queriesMax: 1 });
    haltAfterUnknown(credited, heldDebit);
    credited.when("resolve", { outcome: "credited", evidence: "both banks booked it" }, { principal: "grpc:olivia" });
    credited.when("confirmResolution", { outcome: "credited" }, { principal: "grpc:ada" });
    sendEvidence(credited, evidence("debit")).thenEvents([]).thenReply({ alreadyKnown: true }, "include");
  });

  it("shows on the timeline that the outcome came from the bank's statement", () => {
    const { harness, debit } = debitSent();
    harness.answerBank(debit, "unknown");
    sendEvidence(harness, evidence("debit"));
    const timeline = harness.when("get").reply["timeline"] as Array<{ event: string; note: string; status: string }>;
    const item = timeline.find((entry) => entry.event === "stepEvidenced");
    expect(item).to.deep.include({
      status: "UNKNOWN",
      note: "debit outcome taken from the bank's statement: statement STMT-2026-12-01 line 7, booked 2026-12-01, bank reference ST-debit (version 3f3f3f3f3f3f)",
    });
    const next = timeline[timeline.indexOf(item!) + 1];
    expect(next).to.deep.include({ event: "stepSucceeded", status: "DEBIT_SUCCESS" });
  });

  it("reads the steps' outcomes off a snapshot taken before they were kept", () => {
    const { harness, credit } = creditSent();
    harness.answerBank(credit, "rejected");
    harness.applyPositionTasks();
    harness.allowChannel();
    const old = encodeTransferState(harness.state) as Record<string, Json>;
    delete old["stepOutcomes"];
    delete old["evidence"];
    const decoded = decodeTransferState(old);
    expect(decoded.stepOutcomes).to.deep.equal({ debit: "succeeded", credit: "failed", reversal: "sent" });
    expect(decoded.evidence).to.deep.equal({});
    expect(decoded.stepOutcomes).to.deep.equal(harness.state.stepOutcomes);
  });

  it("is the engine's own command at the NATS door: an admin token, like the bank callbacks", () => {
    const served = new Set(["transfer"]);
    expect(commandRule("transfer", "statementEvidence", served)).to.deep.equal(
      commandRule("transfer", "bankNotice", served),
    );
    expect(commandRule("transfer", "statementEvidence", served)).to.deep.equal({ role: "admin", tokenOptional: false });
  });
});
