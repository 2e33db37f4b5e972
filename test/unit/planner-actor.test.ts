import { expect } from "chai";
import { plannerKind } from "../../actors/planner/index.js";
import type { Json } from "../../runtime/json.js";
import { given } from "../support/decider.js";

const engine = { principal: "system:planner" };

function draft(change: Record<string, Json> = {}): Record<string, Json> {
  return {
    ruleId: "b1-cover",
    ruleVersion: 1,
    ruleEditor: "grpc:olivia",
    mode: "AUTO",
    kind: "topUp",
    from: "BANKA:A1",
    to: "BANKB:B1",
    amount: "1000",
    currency: "CNY",
    speed: "normal",
    debitChannel: "BANKA-direct",
    creditChannel: "BANKB-direct",
    executeAt: 5_000,
    approvalsRequired: 0,
    expiresAt: null,
    reason: { why: "below low warning" },
    ...change,
  };
}

function planner() {
  return given({ kind: plannerKind, actorId: "main:CNY", now: 5_000, principal: "system:planner" });
}

describe("planner actor", () => {
  it("records one rule's top-up from two sources as two plans, each created by its own guarded effect", () => {
    const actor = planner();
    const plans = [draft(), draft({ from: "BANKC:C1", amount: "500" })];
    actor.when("record", { basedOn: 0, plans }, engine).thenAccepted();
    expect(actor.journal.map((event) => event.type)).to.deep.equal(["planRecorded", "planRecorded"]);
    const first = actor.take("planner.deliver");
    const second = actor.take("planner.deliver");
    expect(
      [first.payload["plan"], second.payload["plan"]].map((plan) => (plan as Record<string, Json>)["planId"]),
    ).to.deep.equal(["plan:main:CNY:1", "plan:main:CNY:2"]);
    expect([...actor.reminders.keys()]).to.have.members(["deliver-plan:main:CNY:1", "deliver-plan:main:CNY:2"]);
  });

  it("refuses a second rule planning for the same account in one record, and any plan for an account with one pending", () => {
    const actor = planner();
    actor
      .when("record", { basedOn: 0, plans: [draft(), draft({ ruleId: "pool-cover", from: "BANKC:C1" })] }, engine)
      .thenRejected("plan_conflict", /BANKB:B1 already has a pending plan/);
    actor.when("record", { basedOn: 0, plans: [draft()] }, engine).thenAccepted();
    actor.when("record", { basedOn: 1, plans: [draft({ from: "BANKC:C1" })] }, engine).thenRejected("plan_conflict");
    expect(actor.journal).to.have.length(1);
  });

  it("refuses a record made on an older version, and commands of the engine's from anyone else", () => {
    const actor = planner();
    actor.when("record", { basedOn: 0, plans: [draft()] }, engine).thenAccepted();
    actor
      .when("record", { basedOn: 0, plans: [draft({ to: "BANKC:C1" })] }, engine)
      .thenRejected("stale_evaluation", /version 1, not 0/);
    actor.when("record", { basedOn: 1, plans: [] }, { principal: "grpc:mallory" }).thenRejected("internal_command");
  });

  it("ends a plan whose create was refused for good, and frees its account", () => {
    const actor = planner();
    actor.when("record", { basedOn: 0, plans: [draft()] }, engine).thenAccepted();
    actor
      .when("delivered", { planId: "plan:main:CNY:1", attempt: 1, ok: false, code: "insufficient_available" }, engine)
      .thenAccepted();
    const view = actor.when("get").reply as Record<string, Json>;
    expect((view["plans"] as Array<Record<string, Json>>)[0]).to.deep.include({
      status: "ended",
      outcome: "refused:insufficient_available",
      movedMoney: false,
    });
    actor.when("record", { basedOn: 2, plans: [draft({ from: "BANKC:C1" })] }, engine).thenAccepted();
  });
});
