import { expect } from "chai";
import { transferKind, type TransferEvent } from "../../actors/transfer/index.js";
import { decodeTransferState, encodeTransferState } from "../../actors/transfer/state.js";
import type { JsonObject } from "../../runtime/json.js";
import { given } from "../support/decider.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

/** A transfer halted in its debit step: the bank never saw the debit, and the one send allowed is spent. */
function haltedInDebit(): TransferHarness {
  const harness = new TransferHarness("t-1", { sendsMax: 1 });
  harness.when("create", createPayload, { principal: "grpc:maker" });
  harness.applyPositionTasks();
  const debit = harness.allowChannel();
  harness.answerBank(debit, "unknown");
  harness.fire("step");
  harness.answerBank(harness.take("bank.query"), "not_found");
  expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
  return harness;
}

const asked = { outcome: "not_debited", evidence: "BANKA statement 2026-12-01: no debit t-1.debit" };

describe("resolving a transfer takes two people (maker-checker, pure decide/evolve)", () => {
  it("applies nothing on the request; the asker cannot confirm, through any door", () => {
    const harness = haltedInDebit();
    harness
      .when("resolve", asked, { principal: "grpc:olivia" })
      .thenEvents([{ type: "resolutionRequested", by: "grpc:olivia", status: "MANUAL_INTERVENTION" }]);
    expect(harness.state.pendingResolution).to.deep.include({ ...asked, by: "grpc:olivia" });
    expect(harness.effects, "no position moves on a request").to.deep.equal([]);
    for (const principal of ["grpc:olivia", "nats:olivia"]) {
      harness
        .when("confirmResolution", { outcome: "not_debited" }, { principal })
        .thenRejected("maker_checker_violation", /someone other than its asker/);
    }
    expect(harness.state.status, "nothing changed").to.equal("MANUAL_INTERVENTION");
    harness.when("confirmResolution", { outcome: "not_debited" }, { principal: "grpc:ada" }).thenAccepted();
    expect(harness.state.status).to.equal("CLOSED");
    expect(harness.state.pendingResolution).to.equal(null);
    expect(harness.state.resolution).to.deep.equal({ ...asked, by: "grpc:olivia", confirmedBy: "grpc:ada" });
    expect(harness.applyPositionTasks(), "not debited: the source reservation goes back").to.deep.equal([
      "release-debit",
    ]);
    const view = harness.when("get").reply;
    expect(view["resolution"]).to.deep.equal({ ...asked, by: "grpc:olivia", confirmedBy: "grpc:ada" });
  });

  it("refuses a confirmation with nothing asked, outside MANUAL_INTERVENTION, or of another outcome than asked", () => {
    const running = new TransferHarness();
    running.when("create", createPayload);
    running.when("resolve", asked).thenRejected("not_in_manual_intervention");
    running.when("confirmResolution", { outcome: "credited" }).thenRejected("not_in_manual_intervention");
    const harness = haltedInDebit();
    harness
      .when("confirmResolution", { outcome: "credited" }, { principal: "grpc:ada" })
      .thenRejected("no_resolution_requested");
    harness.when("confirmResolution", {}, { principal: "grpc:ada" }).thenRejected("invalid_command", /outcome/);
    harness.when("resolve", asked, { principal: "grpc:olivia" });
    harness
      .when("confirmResolution", { outcome: "credited" }, { principal: "grpc:ada" })
      .thenRejected(
        "resolution_mismatch",
        /waiting for confirmation is not_debited \(asked by grpc:olivia\), not credited/,
      );
    expect(harness.state.status).to.equal("MANUAL_INTERVENTION");
  });

  it("a second request replaces the first: the checker confirms what is asked now, and its asker cannot", () => {
    const harness = haltedInDebit();
    harness.when("resolve", asked, { principal: "grpc:olivia" });
    const corrected = { outcome: "credited", evidence: "BANKB statement line 3: credited after all" };
    harness.when("resolve", corrected, { principal: "grpc:oscar" }).thenEvents(["resolutionRequested"]);
    expect(harness.state.pendingResolution).to.deep.include({ ...corrected, by: "grpc:oscar" });
    harness
      .when("confirmResolution", { outcome: "not_debited" }, { principal: "grpc:ada" })
      .thenRejected("resolution_mismatch");
    harness
      .when("confirmResolution", { outcome: "credited" }, { principal: "grpc:oscar" })
      .thenRejected("maker_checker_violation");
    // The first asker is no longer the maker of what is asked: confirming it is a second person's check.
    harness.when("confirmResolution", { outcome: "credited" }, { principal: "grpc:olivia" }).thenAccepted();
    expect(harness.state.resolution).to.deep.equal({ ...corrected, by: "grpc:oscar", confirmedBy: "grpc:olivia" });
  });

  it("drops a pending request when a retry takes the transfer out of MANUAL_INTERVENTION", () => {
    const harness = haltedInDebit();
    harness.when("resolve", asked, { principal: "grpc:olivia" });
    harness.when("retry", { reason: "the outage is over" }).thenAccepted();
    expect(harness.state.pendingResolution).to.equal(null);
    harness.answerBank(harness.take("bank.query"), "not_found");
    harness.answerBank(harness.take("bank.send"), "unknown");
    harness.fire("step");
    harness.answerBank(harness.take("bank.query"), "not_found");
    expect(harness.state.status, "halted again").to.equal("MANUAL_INTERVENTION");
    harness
      .when("confirmResolution", { outcome: "not_debited" }, { principal: "grpc:ada" })
      .thenRejected("no_resolution_requested");
  });

  it("replays journals of one-step resolutions, and snapshots from before pending resolutions", () => {
    const history = haltedInDebit();
    const recorded: TransferEvent[] = [
      ...history.journal,
      // A `resolved` as engines journaled it when `resolve` applied at once: no confirmedBy.
      {
        type: "resolved",
        by: "grpc:olivia",
        outcome: "not_debited",
        evidence: "statement",
        status: "CLOSED",
        previousStatus: "MANUAL_INTERVENTION",
        transferId: "t-1",
        at: history.now + 1,
      },
    ];
    const replayed = given({ kind: transferKind(), actorId: "t-1" }, ...recorded);
    expect(replayed.state.status).to.equal("CLOSED");
    expect(replayed.state.resolution).to.deep.equal({
      outcome: "not_debited",
      evidence: "statement",
      by: "grpc:olivia",
    });
    const old = encodeTransferState(history.state) as JsonObject;
    delete old["pendingResolution"];
    expect(decodeTransferState(old).pendingResolution).to.equal(null);
  });
});
