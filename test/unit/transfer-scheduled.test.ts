import { expect } from "chai";
import { executeAtAheadMsMax, executeAtLateMsMax } from "../../actors/transfer/execute-at.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

const hour = 3_600_000;

/** A transfer created now to start in an hour. */
function scheduled(extra: Record<string, unknown> = {}): { harness: TransferHarness; executeAt: number } {
  const harness = new TransferHarness();
  const executeAt = harness.now + hour;
  harness
    .when("create", { ...createPayload, executeAt, ...extra } as never)
    .thenEvents([{ type: "transferCreated", status: "SCHEDULED", executeAt }]);
  return { harness, executeAt };
}

describe("future-dated transfers (executeAt, pure decide/evolve)", () => {
  it("reserves and sends nothing until its time, then proceeds as a transfer created then", () => {
    const { harness, executeAt } = scheduled();
    expect(harness.effects, "nothing reserved, no channel asked").to.deep.equal([]);
    expect(harness.reminders.get("start")).to.deep.include({
      dueAt: executeAt,
      command: { type: "wake", payload: { purpose: "start" } },
    });
    expect(harness.when("get").reply).to.deep.include({ status: "SCHEDULED" });
    expect(harness.when("get").reply["request"]).to.deep.include({ executeAt });
    harness.fire("start").thenEvents(["transferStarted", "positionTaskQueued", "positionTaskIssued"]);
    expect(harness.state.status).to.equal("CREATED");
    expect(harness.now).to.equal(executeAt);
    expect(harness.applyPositionTasks()).to.deep.equal(["reserve-debit"]);
    harness.answerBank(harness.allowChannel(), "succeeded");
    harness.applyPositionTasks();
    harness.now += 500;
    harness.answerBank(harness.allowChannel(), "succeeded");
    expect(harness.statuses).to.deep.equal([
      "SCHEDULED",
      "CREATED",
      "DEBIT_PENDING",
      "DEBIT_SUCCESS",
      "CREDIT_PENDING",
      "SUCCESS",
    ]);
    expect(harness.journal.at(-3), "its age counts from its start, not from its creation").to.deep.include({
      status: "SUCCESS",
      ageMs: 500,
    });
  });

  it("asks for approval when it starts, not before", () => {
    const { harness } = scheduled({ approvalRequired: true });
    harness.fire("start");
    harness.applyPositionTasks();
    expect(harness.state.status).to.equal("PENDING_APPROVAL");
    expect(harness.reminders.has("approval")).to.equal(true);
  });

  it("is cancelled before it starts with nothing to release, and a start that comes late changes nothing", () => {
    const { harness } = scheduled();
    harness
      .when("cancel", { reason: "paid another way" })
      .thenEvents([{ type: "transferCancelled", status: "CANCELLED", previousStatus: "SCHEDULED" }]);
    expect(harness.reminders.has("start"), "its start reminder is gone").to.equal(false);
    expect(harness.effects, "nothing was reserved, so nothing is released").to.deep.equal([]);
    harness.when("wake", { purpose: "start" }, { principal: "system:reminder" }).thenEvents([]);
    expect(harness.state.status).to.equal("CANCELLED");
  });

  it("refuses a time in the past or more than 366 days ahead, naming the field, and records nothing", () => {
    const cases: Array<[string, number, RegExp]> = [
      ["past", -executeAtLateMsMax - 1, /^executeAt \d+ \(.+\) is in the past/],
      ["too far", executeAtAheadMsMax + 1, /^executeAt \d+ \(.+\) is more than 366 days ahead$/],
    ];
    for (const [name, offset, message] of cases) {
      const harness = new TransferHarness();
      harness
        .when("create", { ...createPayload, executeAt: harness.now + offset })
        .thenRejected("execute_at_out_of_range", message, name);
      expect(harness.state.status, name).to.equal("NEW");
    }
    for (const bad of ["2026-12-06T09:30:00Z", 1.5, 0, null]) {
      const harness = new TransferHarness();
      const outcome = harness.when("create", { ...createPayload, executeAt: bad });
      outcome.thenRejected("invalid_command");
      expect(outcome.rejection.message, String(bad)).to.match(/^executeAt must be an integer/);
    }
  });

  it("takes a time just passed (a caller's clock behind) as now, and answers a repeat after its time as the same transfer", () => {
    const harness = new TransferHarness();
    const executeAt = harness.now - executeAtLateMsMax;
    harness.when("create", { ...createPayload, executeAt }).thenAccepted();
    expect(harness.state.status).to.equal("CREATED");
    expect(harness.reminders.has("start")).to.equal(false);
    expect(harness.has("account.command"), "the reservation is asked at once").to.equal(true);

    const { harness: later, executeAt: planned } = scheduled();
    later.fire("start");
    later.now += 2 * executeAtAheadMsMax;
    later.when("create", { ...createPayload, executeAt: planned }).thenEvents([]);
    expect(later.when("create", { ...createPayload, executeAt: planned }).reply).to.deep.include({ existing: true });
    later.when("create", { ...createPayload, executeAt: planned + 1 }).thenRejected("idempotency_key_reused");
    later.when("create", createPayload).thenRejected("idempotency_key_reused");
  });

  it("compares a create without executeAt equal to a request recorded before future dating existed", () => {
    const harness = new TransferHarness();
    harness.when("create", createPayload);
    expect(Object.keys(harness.state.request!)).to.not.include("executeAt");
    harness.when("create", createPayload).thenEvents([]);
  });
});
