import { expect } from "chai";
import {
  createGuardReminderKey,
  expiryReminderKey,
  redeliverDelayMs,
  suggestionIdCharactersMax,
} from "../../actors/suggestion/decide.js";
import { decodeTransferCreation, transferCommandId } from "../../actors/suggestion/effects.js";
import {
  suggestionKind,
  type SuggestionCommand,
  type SuggestionEvent,
  type SuggestionState,
} from "../../actors/suggestion/index.js";
import { decodeSuggestionReply, decodeSuggestionView } from "../../actors/suggestion/view.js";
import type { Json } from "../../runtime/json.js";
import { given, type DeciderTest } from "../support/decider.js";

const suggestionId = "sugg-1";
const now = Date.parse("2026-12-07T09:00:00Z");
const hour = 3_600_000;
const planner = { principal: "system:planner" };
const alice = { principal: "grpc:alice" };
const bob = { principal: "grpc:bob" };
const effectAnswer = { principal: "system:effect" };

type SuggestionTest = DeciderTest<SuggestionState, SuggestionCommand, SuggestionEvent>;

/** What the planner sends: a top-up of BANKB:B1 from BANKA:A1, proposed by rule top-up-b1 (last edited by olivia). */
function proposal(change: Record<string, Json> = {}): Record<string, Json> {
  return {
    ruleId: "top-up-b1",
    ruleVersion: 3,
    ruleEditor: "grpc:olivia",
    pool: "main",
    transfer: {
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "250000.5",
      currency: "CNY",
      speed: "urgent",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
      reference: "top-up before payroll",
    },
    reason: { available: "1000.0000", lowWarning: "5000.0000", expression: "target - available", value: "250000.5" },
    approvalsRequired: 1,
    expiresAt: now + hour,
    ...change,
  };
}

/** A suggestion actor whose replies and effects must decode to themselves. */
function suggestion(id = suggestionId): SuggestionTest {
  return given({
    kind: suggestionKind,
    actorId: id,
    now,
    principal: "grpc:nobody",
    decodeReply: (reply, type) => decodeSuggestionReply(reply, `the reply to ${type}`) as unknown as Json,
    decodeEffect: (effect) => decodeTransferCreation(effect),
  });
}

function created(change: Record<string, Json> = {}): SuggestionTest {
  const test = suggestion();
  test.when("create", proposal(change), planner).thenEvents(["suggestionCreated"]);
  return test;
}

describe("suggestion actor", () => {
  describe("create", () => {
    it("is the engine's: a person's create is refused, the planner's makes a PENDING suggestion that expires at its cut-off", () => {
      const test = suggestion();
      test.when("create", proposal(), alice).thenRejected("internal_command");
      const first = test.when("create", proposal(), planner).thenEvents(["suggestionCreated"]);
      expect(first.reply).to.deep.include({
        suggestionId,
        status: "PENDING",
        createdBy: "system:planner",
        approvals: [],
        transferId: null,
      });
      expect(first.reply["transfer"]).to.deep.include({ amount: "250000.5000", speed: "urgent" });
      expect(first.events[0]!.suggestion, "the event carries the suggestion whole").to.deep.equal(first.reply);
      expect(test.reminders.get(expiryReminderKey)).to.deep.include({
        dueAt: now + hour,
        command: { type: "expire", payload: { reason: "cutoff_passed" } },
      });
    });

    it("is idempotent: the same proposal again changes nothing, another one under the same id is refused", () => {
      const test = created();
      test
        .when("create", proposal(), planner)
        .thenEvents([])
        .thenReply({ status: "PENDING", existing: true }, "include");
      // Key order of the reason does not make another proposal.
      const reordered = proposal();
      reordered["reason"] = {
        value: "250000.5",
        expression: "target - available",
        lowWarning: "5000.0000",
        available: "1000.0000",
      };
      test.when("create", reordered, planner).thenEvents([]);
      test
        .when("create", proposal({ approvalsRequired: 2 }), planner)
        .thenRejected("suggestion_exists", /exists with another proposal/);
    });

    it("refuses what the transfer actor would refuse, naming the field, and ids too long for the transfer's command ids", () => {
      const test = suggestion();
      const transfer = (change: Record<string, Json>) => ({ ...(proposal()["transfer"] as object), ...change });
      test
        .when("create", proposal({ transfer: transfer({ amount: "1e3" }) }), planner)
        .thenRejected("invalid_command", /transfer\.amount "1e3" is not a plain decimal/);
      test
        .when("create", proposal({ transfer: transfer({ to: "BANKA:A1" }) }), planner)
        .thenRejected("invalid_command", /transfer\.to must be another account than transfer\.from/);
      test
        .when("create", proposal({ approvalsRequired: 3 }), planner)
        .thenRejected("invalid_command", /approvalsRequired/);
      test
        .when("create", proposal({ reason: "because" }), planner)
        .thenRejected("invalid_command", /reason must be a JSON object/);
      test.when("create", proposal({ reason: { "a.b": 1 } }), planner).thenRejected("invalid_command", /contains "\."/);
      test
        .when("create", proposal({ reason: { text: "x".repeat(9_000) } }), planner)
        .thenRejected("invalid_command", /at most 8192 bytes/);
      test
        .when("create", { ...proposal(), mode: "SUGGEST" }, planner)
        .thenRejected("invalid_command", /unknown field "mode"/);
      suggestion("s".repeat(suggestionIdCharactersMax + 1))
        .when("create", proposal(), planner)
        .thenRejected("suggestion_id_too_long");
    });

    it("a suggestion never created is not found", () => {
      suggestion().when("get", {}, alice).thenRejected("suggestion_not_found");
      suggestion().when("approve", {}, alice).thenRejected("suggestion_not_found");
    });
  });

  describe("approve (maker-checker)", () => {
    it("refuses the rule's last editor, through any door, the creator and the engine itself", () => {
      const test = created();
      test
        .when("approve", {}, { principal: "grpc:olivia" })
        .thenRejected("maker_checker_violation", /last change of rule top-up-b1/);
      test.when("approve", {}, { principal: "nats:olivia" }).thenRejected("maker_checker_violation");
      test
        .when("approve", {}, { principal: "grpc:planner" })
        .thenRejected("maker_checker_violation", /created suggestion/);
      test
        .when("approve", {}, { principal: "system:schedule:job" })
        .thenRejected("maker_checker_violation", /by a person/);
      expect(test.state.status).to.equal("PENDING");
    });

    it("with one approver needed: APPROVED, and the transfer with the suggestion's id is created by an effect", () => {
      const test = created();
      const approved = test
        .when("approve", { comment: "payroll at 10" }, alice)
        .thenEvents([{ type: "suggestionApproved", by: "grpc:alice", comment: "payroll at 10" }]);
      expect(approved.reply).to.deep.include({ status: "APPROVED", createAttempts: 1 });
      expect(approved.reminders).to.deep.equal({
        set: [
          {
            key: createGuardReminderKey,
            dueAt: now + redeliverDelayMs(1),
            command: { type: "redeliver", payload: {} },
          },
        ],
        cancel: [expiryReminderKey],
      });
      const effect = decodeTransferCreation(test.take("suggestion.transfer"));
      expect(effect.payload.commandId).to.equal(transferCommandId(suggestionId));
      expect(effect.payload.request).to.deep.equal({
        from: "BANKA:A1",
        to: "BANKB:B1",
        amount: "250000.5000",
        currency: "CNY",
        speed: "urgent",
        debitChannel: "BANKA-direct",
        creditChannel: "BANKB-direct",
        approvalRequired: false,
        reference: "top-up before payroll; suggestion sugg-1 of rule top-up-b1 v3, approved by grpc:alice",
      });
      test.when("approve", {}, bob).thenRejected("suggestion_not_pending", /is APPROVED, not PENDING/);
    });

    it("above the threshold needs two different approvers: the same one twice is refused", () => {
      const test = created({ approvalsRequired: 2 });
      test
        .when("approve", { comment: "ok" }, alice)
        .thenEvents([{ type: "approvalRecorded", by: "grpc:alice" }])
        .thenEffects([]);
      expect(test.state.status).to.equal("PENDING");
      test.when("approve", {}, alice).thenRejected("maker_checker_violation", /approved suggestion sugg-1 already/);
      test.when("approve", {}, { principal: "nats:alice" }).thenRejected("maker_checker_violation");
      test.when("approve", { comment: "agreed" }, bob).thenEvents(["suggestionApproved"]);
      expect(test.state.status).to.equal("APPROVED");
      const request = decodeTransferCreation(test.take("suggestion.transfer")).payload.request;
      expect(request["reference"]).to.match(/approved by grpc:alice, grpc:bob$/);
      expect(test.state.status === "APPROVED" && test.state.approvals).to.have.length(2);
    });

    it("is refused once the cut-off passed, before and after the expiry reminder fired", () => {
      const test = created();
      test.when("approve", {}, { ...alice, now: now + hour }).thenRejected("suggestion_not_pending", /is EXPIRED/)
        .thenReply;
      const fired = test.fire(expiryReminderKey).thenEvents([{ type: "suggestionExpired", reason: "cutoff_passed" }]);
      expect(fired.reply).to.deep.include({
        status: "EXPIRED",
        expiry: { by: "system:reminder", reason: "cutoff_passed", at: now + hour },
      });
      const late = test.when("approve", {}, alice).thenRejected("suggestion_not_pending");
      expect(late.details).to.deep.equal({ status: "EXPIRED" });
    });
  });

  describe("reject and expire", () => {
    it("a rejection needs a reason, is recorded, and ends the suggestion", () => {
      const test = created();
      test.when("reject", {}, bob).thenRejected("invalid_command", /reason is required/);
      test
        .when("reject", { reason: "BANKB is funded by the noon sweep" }, bob)
        .thenEvents([{ type: "suggestionRejected", by: "grpc:bob", reason: "BANKB is funded by the noon sweep" }])
        .thenReminders({ cancel: [expiryReminderKey] });
      test.when("approve", {}, alice).thenRejected("suggestion_not_pending", /is REJECTED/);
      test.when("reject", { reason: "again" }, alice).thenRejected("suggestion_not_pending");
    });

    it("the planner expires it (position recovered, rule changed); a person cannot", () => {
      const test = created();
      test.when("expire", { reason: "position_recovered" }, alice).thenRejected("internal_command");
      test.when("expire", { reason: "bored" }, planner).thenRejected("invalid_command");
      test
        .when("expire", { reason: "rule_changed" }, planner)
        .thenEvents([{ type: "suggestionExpired", by: "system:planner", reason: "rule_changed" }]);
      test.when("expire", { reason: "position_recovered" }, planner).thenRejected("suggestion_not_pending");
    });
  });

  describe("the transfer's creation", () => {
    it("sends the same create again while no answer came, and settles on the first answer; a late one changes nothing", () => {
      const test = created();
      test.when("approve", {}, alice);
      const first = decodeTransferCreation(test.take("suggestion.transfer"));
      // The answer is lost (say, the engine stopped): the guard fires.
      const again = test.fire(createGuardReminderKey).thenEvents([{ type: "transferCreateRedelivered", attempt: 2 }]);
      expect(again.reminders?.set?.[0]).to.deep.include({
        key: createGuardReminderKey,
        dueAt: test.now + redeliverDelayMs(2),
      });
      const second = decodeTransferCreation(test.take("suggestion.transfer"));
      expect(second.id, "effect ids are unique per actor").to.not.equal(first.id);
      expect(second.payload.commandId).to.equal(first.payload.commandId);
      expect(second.payload.request).to.deep.equal(first.payload.request);
      test.when("transferAnswer", { attempt: 2, ok: true }, alice).thenRejected("internal_command");
      test
        .when("transferAnswer", { attempt: 2, ok: true }, effectAnswer)
        .thenEvents([{ type: "transferCreated", transferId: suggestionId }])
        .thenReminders({ cancel: [createGuardReminderKey] })
        .thenReply({ status: "TRANSFER_CREATED", transferId: suggestionId, createAttempts: 2 }, "include");
      test
        .when("transferAnswer", { attempt: 1, ok: true }, effectAnswer)
        .thenEvents([])
        .thenReply({ ignored: true }, "include");
      test.when("redeliver", {}, { principal: "system:reminder" }).thenEvents([]);
    });

    it("records the transfer actor's refusal as CREATE_FAILED, and a success that lands later as TRANSFER_CREATED", () => {
      const test = created();
      test.when("approve", {}, alice);
      test
        .when(
          "transferAnswer",
          {
            attempt: 1,
            ok: false,
            code: "insufficient_available",
            message: "the source account BANKA:A1 has 10.0000 CNY available",
          },
          effectAnswer,
        )
        .thenEvents([{ type: "transferCreateFailed", code: "insufficient_available" }])
        .thenReply({ status: "CREATE_FAILED", transferId: null }, "include");
      expect(test.reminders.has(createGuardReminderKey)).to.equal(false);
      test.when("transferAnswer", { attempt: 2, ok: false, code: "x" }, effectAnswer).thenEvents([]);
      test
        .when("transferAnswer", { attempt: 2, ok: true }, effectAnswer)
        .thenEvents(["transferCreated"])
        .thenReply({ status: "TRANSFER_CREATED", failure: null }, "include");
    });
  });

  it("keeps the whole suggestion in every event: the last one alone is the suggestion", () => {
    const test = created({ approvalsRequired: 2 });
    test.when("approve", {}, alice);
    test.when("approve", {}, bob);
    test.when("transferAnswer", { attempt: 1, ok: true }, effectAnswer);
    const last = test.journal.at(-1)!;
    expect(decodeSuggestionView(last.suggestion, "the last event")).to.deep.equal(test.state);
    expect(test.journal.map((event) => event.type)).to.deep.equal([
      "suggestionCreated",
      "approvalRecorded",
      "suggestionApproved",
      "transferCreated",
    ]);
  });
});
