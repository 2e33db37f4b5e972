import { expect } from "chai";
import { bookingGuardKey, resendDelayMs } from "../../actors/reconciliation/booking.js";
import {
  decodeBookingEffect,
  decodeDifferenceReply,
  decodeReconciliationView,
  decodeRecordReply,
  differenceClasses,
  differenceIdOf,
  matchRules,
  parseReconciliationId,
  reconciliationKind,
  type ReconciliationCommand,
  type ReconciliationEvent,
  type ReconciliationState,
} from "../../actors/reconciliation/index.js";
import { historyKeptMax } from "../../actors/reconciliation/state.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { DifferenceClass, MatchRule } from "../../reconciliation/model.js";
import { given, type DeciderTest } from "../support/decider.js";

const accountId = "BANKA:A1";
const date = "2026-12-07";
const actorId = `${accountId}:${date}`;
const key = { accountId, date };
const now = Date.parse("2026-12-08T06:00:00Z");
const minute = 60_000;
const reconciler = { principal: "system:reconciler" };
const effectAnswer = { principal: "system:effect" };
const alice = { principal: "grpc:alice" };
const bob = { principal: "grpc:bob" };

const versionA = "a".repeat(64);
const versionB = "b".repeat(64);
const inputs1 = "1".repeat(64);
const inputs2 = "2".repeat(64);
const inputs3 = "3".repeat(64);

type ReconciliationTest = DeciderTest<ReconciliationState, ReconciliationCommand, ReconciliationEvent>;

/** A missing line 4 (the bank booked 1,500.25 the engine does not know) and a record the bank did not book. */
const missingInEngine = {
  class: "missingInEngine",
  lines: [4],
  records: [],
  amount: "1500.25",
  detail: "line 4: credit 1500.25 ref BR-77",
  lineEffect: "1500.25",
};
const missingAtBank = {
  class: "missingAtBank",
  lines: [],
  records: ["entry:E-9"],
  amount: "-200",
  detail: "entry E-9: debit 200.0000 not on the statement",
};
const idOfMissingInEngine = differenceIdOf(key, "missingInEngine", [4], []);
const idOfMissingAtBank = differenceIdOf(key, "missingAtBank", [], ["entry:E-9"]);

function report(change: Record<string, Json> = {}): Record<string, Json> {
  return {
    statementVersion: versionA,
    statementId: "STMT-2026-12-07",
    inputsDigest: inputs1,
    currency: "EUR",
    matched: { serial: 7, amountAndDate: 2 },
    pendingLines: 1,
    lineCount: 10,
    recordCount: 9,
    differences: [missingInEngine, missingAtBank],
    ...change,
  };
}

function decodeReply(reply: Json, type: string): Json {
  const source = `the reply to ${type}`;
  if (type === "get") return decodeReconciliationView(reply, source) as unknown as Json;
  if (type === "record") return decodeRecordReply(reply, source) as unknown as Json;
  return decodeDifferenceReply(reply, source) as unknown as Json;
}

function reconciliation(id = actorId): ReconciliationTest {
  return given({
    kind: reconciliationKind,
    actorId: id,
    now,
    principal: "grpc:nobody",
    decodeReply,
    decodeEffect: (effect) => decodeBookingEffect(effect),
  });
}

/** An actor after one run that found both differences. */
function recorded(change: Record<string, Json> = {}): ReconciliationTest {
  const test = reconciliation();
  test.when("record", report(change), reconciler).thenEvents(["runRecorded", "differenceFound", "differenceFound"]);
  return test;
}

function differenceOf(test: ReconciliationTest, differenceId: string) {
  const d = test.state.differences.get(differenceId);
  if (!d) throw new Error(`no difference ${differenceId}`);
  return d;
}

describe("reconciliation actor", () => {
  describe("its names", () => {
    it("lists the difference classes and match rules of reconciliation/model.ts, no more and no fewer", () => {
      // Each record must name every member of the model's union (the compiler checks it) and nothing else.
      const classes: Record<DifferenceClass, true> = {
        missingAtBank: true,
        missingInEngine: true,
        amountDiffers: true,
        duplicate: true,
        openingBalanceDiffers: true,
        closingBalanceDiffers: true,
      };
      const rules: Record<MatchRule, true> = {
        serial: true,
        bankReference: true,
        entryReference: true,
        batchDetails: true,
        amountAndDate: true,
        batchSum: true,
        splitSum: true,
      };
      expect([...differenceClasses]).to.deep.equal(Object.keys(classes));
      expect([...matchRules]).to.deep.equal(Object.keys(rules));
      // And the actor's unions are assignable both ways to the model's.
      const toModel: readonly DifferenceClass[] = differenceClasses;
      const toModelRules: readonly MatchRule[] = matchRules;
      expect(toModel).to.have.length(6);
      expect(toModelRules).to.have.length(7);
    });

    it("reads the account and day from the actor id, refusing ids that name none", () => {
      expect(parseReconciliationId(actorId)).to.deep.equal(key);
      expect(parseReconciliationId("BANKA:A1:2024-02-29")).to.deep.equal({ accountId, date: "2024-02-29" });
      for (const bad of [
        "BANKA:A1",
        "BANKA:A1:2026-02-30",
        "BANKA:A1:2026-13-01",
        "BANKA:A1:26-12-07",
        "BANK A:A1:2026-12-07",
      ])
        expect(parseReconciliationId(bad), bad).to.equal(undefined);
      const test = reconciliation("BANKA:A1:2026-02-30");
      test.when("get", {}).thenRejected("reconciliation_id_invalid", /<bankCode>:<accountNumber>:<YYYY-MM-DD>/);
      test.when("record", report(), reconciler).thenRejected("reconciliation_id_invalid");
    });

    it("derives a difference's id from the account, day, class, lines and records, whatever their order", () => {
      const id = differenceIdOf(key, "amountDiffers", [3, 1], ["transfer:t-1:debit", "entry:E-1"]);
      expect(id).to.match(/^amountDiffers-[0-9a-f]{16}$/);
      expect(differenceIdOf(key, "amountDiffers", [1, 3], ["entry:E-1", "transfer:t-1:debit"])).to.equal(id);
      const others = [
        differenceIdOf({ accountId: "BANKA:A2", date }, "amountDiffers", [1, 3], ["entry:E-1", "transfer:t-1:debit"]),
        differenceIdOf({ accountId, date: "2026-12-08" }, "amountDiffers", [1, 3], ["entry:E-1", "transfer:t-1:debit"]),
        differenceIdOf(key, "duplicate", [1, 3], ["entry:E-1", "transfer:t-1:debit"]),
        differenceIdOf(key, "amountDiffers", [1], ["entry:E-1", "transfer:t-1:debit"]),
        differenceIdOf(key, "amountDiffers", [1, 3], ["entry:E-1"]),
        // Lines and records do not run together: line 13 is not lines 1 and 3.
        differenceIdOf(key, "amountDiffers", [13], ["entry:E-1", "transfer:t-1:debit"]),
      ];
      expect(new Set([id, ...others]).size).to.equal(7);
    });
  });

  describe("record", () => {
    it("records the run and finds each difference open, aged from the turn, with a deterministic id", () => {
      const test = reconciliation();
      const then = test.when("record", report(), reconciler);
      then.thenEvents([
        "runRecorded",
        { type: "differenceFound", differenceId: idOfMissingInEngine, amount: "1500.2500", runNo: 1, at: now },
        { type: "differenceFound", differenceId: idOfMissingAtBank, amount: "-200.0000", runNo: 1, at: now },
      ]);
      expect(then.reply).to.deep.include({
        unchanged: false,
        found: [idOfMissingInEngine, idOfMissingAtBank],
        updated: [],
        reopened: [],
        cleared: [],
      });
      expect(then.reply["run"]).to.deep.include({
        runNo: 1,
        statementVersion: versionA,
        inputsDigest: inputs1,
        by: "system:reconciler",
        differenceCount: 2,
        found: 2,
        matched: {
          serial: 7,
          bankReference: 0,
          entryReference: 0,
          batchDetails: 0,
          amountAndDate: 2,
          batchSum: 0,
          splitSum: 0,
        },
      });
      const d = differenceOf(test, idOfMissingInEngine);
      expect(d).to.deep.include({ status: "open", foundAt: now, class: "missingInEngine", statementVersion: versionA });
      expect(d.history).to.deep.equal([
        {
          change: "differenceFound",
          by: "system:reconciler",
          at: now,
          note: "found by run 1: line 4: credit 1500.25 ref BR-77",
        },
      ]);
    });

    it("records nothing for a run over the inputs of the last one, and says so", () => {
      const test = recorded();
      const again = test.when("record", report(), { ...reconciler, now: now + minute });
      again.thenEvents([]);
      expect(again.reply).to.deep.include({ unchanged: true, found: [], cleared: [] });
      expect(again.reply["run"]).to.deep.include({ runNo: 1, at: now });
      expect(test.state.runCount).to.equal(1);
      // Another statement version with the same records digest is another input: the differences now point into it.
      test
        .when("record", report({ statementVersion: versionB }), reconciler)
        .thenEvents([
          "runRecorded",
          { type: "differenceUpdated", statementVersion: versionB, proposalWithdrawn: false },
          { type: "differenceUpdated", statementVersion: versionB, proposalWithdrawn: false },
        ]);
    });

    it("recognises the same differences in a rerun over other inputs and changes nothing about them", () => {
      const test = recorded();
      const rerun = test.when("record", report({ inputsDigest: inputs2 }), { ...reconciler, now: now + minute });
      rerun.thenEvents([{ type: "runRecorded" }]);
      expect(rerun.reply["run"]).to.deep.include({ runNo: 2, differenceCount: 2, found: 0, cleared: 0 });
      expect(differenceOf(test, idOfMissingInEngine).foundAt).to.equal(now);
    });

    it("clears an unresolved difference the rerun no longer finds, with the run as evidence", () => {
      const test = recorded();
      test.when("explain", { differenceId: idOfMissingAtBank, note: "the bank books it tomorrow" }, alice);
      const rerun = test.when("record", report({ inputsDigest: inputs2, differences: [missingInEngine] }), {
        ...reconciler,
        now: now + minute,
      });
      rerun.thenEvents([
        "runRecorded",
        { type: "differenceCleared", differenceId: idOfMissingAtBank, runNo: 2, inputsDigest: inputs2 },
      ]);
      expect(rerun.reply["cleared"]).to.deep.equal([idOfMissingAtBank]);
      const d = differenceOf(test, idOfMissingAtBank);
      expect(d.status).to.equal("resolved");
      expect(d.resolution).to.deep.equal({
        action: "cleared",
        reason: "run 2 no longer finds it",
        transfer: null,
        by: "system:reconciler",
        confirmedBy: null,
        at: now + minute,
        run: { runNo: 2, statementVersion: versionA, inputsDigest: inputs2 },
      });
    });

    it("reopens a cleared difference found again, aged afresh, but leaves one a person resolved as it is", () => {
      const test = recorded();
      test.when("resolve", { differenceId: idOfMissingInEngine, action: "noBooking", reason: "bank's own fee" }, alice);
      test
        .when("record", report({ inputsDigest: inputs2, differences: [] }), reconciler)
        .thenEvents(["runRecorded", { type: "differenceCleared", differenceId: idOfMissingAtBank }]);
      const later = now + 10 * minute;
      const rerun = test.when("record", report({ inputsDigest: inputs3 }), { ...reconciler, now: later });
      rerun.thenEvents(["runRecorded", { type: "differenceReopened", differenceId: idOfMissingAtBank, runNo: 3 }]);
      expect(rerun.reply).to.deep.include({ reopened: [idOfMissingAtBank], found: [], cleared: [] });
      expect(differenceOf(test, idOfMissingAtBank)).to.deep.include({
        status: "open",
        foundAt: later,
        foundInRun: 3,
        resolution: null,
      });
      expect(differenceOf(test, idOfMissingInEngine)).to.deep.include({ status: "resolved" });
      expect(differenceOf(test, idOfMissingInEngine).resolution?.action).to.equal("noBooking");
    });

    it("updates an unresolved difference reported with another amount, withdrawing a proposal of the old amount", () => {
      const test = recorded();
      test.when(
        "resolve",
        { differenceId: idOfMissingInEngine, action: "adjust", reason: "fee", approvalAbove: "1000" },
        alice,
      );
      expect(differenceOf(test, idOfMissingInEngine).status).to.equal("proposed");
      const changed = { ...missingInEngine, amount: "1600", detail: "line 4: credit 1600.00 ref BR-77" };
      const rerun = test.when(
        "record",
        report({ inputsDigest: inputs2, differences: [changed, missingAtBank] }),
        reconciler,
      );
      rerun.thenEvents([
        "runRecorded",
        { type: "differenceUpdated", differenceId: idOfMissingInEngine, amount: "1600.0000", proposalWithdrawn: true },
      ]);
      expect(differenceOf(test, idOfMissingInEngine)).to.deep.include({
        status: "open",
        amount: "1600.0000",
        proposal: null,
      });
      test.when("confirmResolution", { differenceId: idOfMissingInEngine }, bob).thenRejected("no_resolution_proposed");
    });

    it("is the engine's own command", () => {
      reconciliation()
        .when("record", report(), alice)
        .thenRejected("internal_command", /sent by the engine itself/);
    });
  });

  describe("parsing", () => {
    const refused = (type: string, payload: Json, message: RegExp, principal = reconciler) =>
      recorded().when(type, payload, principal).thenRejected("invalid_command", message);

    it("refuses a malformed run, naming the field at fault", () => {
      const withDifference = (change: Record<string, Json>) =>
        report({ differences: [{ ...missingInEngine, ...change }] });
      refused("record", withDifference({ amount: 1500.25 }), /^differences\[0\]\.amount must be a decimal string/);
      refused(
        "record",
        withDifference({ amount: "1,500.25" }),
        /differences\[0\]\.amount "1,500.25" is not a plain decimal/,
      );
      refused("record", withDifference({ class: "missing" }), /differences\[0\]\.class must be "missingAtBank" or/);
      refused(
        "record",
        withDifference({ lines: [4, 11] }),
        /differences\[0\]\.lines\[1\] must be an integer from 1 to lineCount \(10\)/,
      );
      refused(
        "record",
        withDifference({ lines: [4, 4] }),
        /differences\[0\]\.lines\[1\] must be unlike the lines before it \(4 twice\)/,
      );
      refused(
        "record",
        withDifference({ records: ["entry:E 1"] }),
        /differences\[0\]\.records\[0\] must be a record id/,
      );
      refused("record", withDifference({ colour: "red" }), /unknown field "differences\[0\]\.colour"/);
      refused(
        "record",
        report({ differences: [missingInEngine, missingAtBank, { ...missingInEngine, lines: [4], amount: "1" }] }),
        /differences\[2\] names the same class, lines and records as differences\[0\]/,
      );
      refused("record", report({ statementVersion: "ABC" }), /statementVersion must be a SHA-256 digest/);
      refused("record", report({ matched: { fuzzy: 1 } }), /unknown field "matched\.fuzzy"/);
      refused("record", report({ matched: { serial: -1 } }), /matched\.serial must be an integer from 0/);
      refused("record", report({ pendingLines: 11 }), /pendingLines must be an integer from 0 to 10/);
      refused("record", report({ currency: "EURO" }), /currency must be an ISO 4217 code/);
      refused("record", report({ statementId: "" }), /statementId is required/);
    });

    it("refuses malformed commands of people, naming the field at fault", () => {
      const id = idOfMissingInEngine;
      refused("explain", { differenceId: id }, /^note is required$/, alice);
      refused("explain", { differenceId: "d-1", note: "x" }, /differenceId must be a difference id/, alice);
      refused("resolve", { differenceId: id, action: "write-off", reason: "x" }, /action must be "adjust" or/, alice);
      refused("resolve", { differenceId: id, action: "noBooking" }, /^reason is required$/, alice);
      refused(
        "resolve",
        { differenceId: id, action: "adjust", reason: "x", transferId: "t-1" },
        /transferId must be left out: it is for the settleTransfer action, not adjust/,
        alice,
      );
      refused(
        "resolve",
        { differenceId: id, action: "settleTransfer", reason: "x", transferId: "t-1" },
        /step must be "debit" or "credit" or "reversal"/,
        alice,
      );
      refused(
        "resolve",
        { differenceId: id, action: "adjust", reason: "x", approvalAbove: "-5" },
        /approvalAbove must not be negative/,
        alice,
      );
      refused(
        "resolve",
        { differenceId: id, action: "adjust", reason: "x", approvalAbove: 1000 },
        /approvalAbove must be a decimal string/,
        alice,
      );
      refused(
        "bookingFailed",
        { differenceId: id, action: "noBooking", reason: "x" },
        /action must be "adjust" or "settleTransfer"/,
      );
      const unknown = recorded().when("writeOff", {}, alice);
      unknown.thenRejected("unknown_command", /the reconciliation actor has no command "writeOff"/);
    });
  });

  describe("explain", () => {
    it("records a person's note and evidence on an open or explained difference, and nothing on others", () => {
      const test = recorded();
      const first = test.when(
        "explain",
        { differenceId: idOfMissingInEngine, note: "fee", evidence: "mail 12" },
        alice,
      );
      first.thenEvents([{ type: "differenceExplained", note: "fee", evidence: "mail 12", by: "grpc:alice" }]);
      expect(first.reply["difference"]).to.deep.include({
        status: "explained",
        explanation: { note: "fee", evidence: "mail 12", by: "grpc:alice", at: now },
      });
      test
        .when("explain", { differenceId: idOfMissingInEngine, note: "card fee" }, bob)
        .thenEvents(["differenceExplained"]);
      expect(differenceOf(test, idOfMissingInEngine).explanation).to.deep.include({
        note: "card fee",
        evidence: "",
        by: "grpc:bob",
      });
      test.when("resolve", { differenceId: idOfMissingInEngine, action: "noBooking", reason: "fee" }, bob);
      const late = test.when("explain", { differenceId: idOfMissingInEngine, note: "again" }, alice);
      late.thenRejected("difference_not_open", /cannot be explained: it is resolved/);
      expect(late.details).to.deep.equal({ status: "resolved" });
    });

    it("refuses a difference it does not know", () => {
      const unknown = differenceIdOf(key, "duplicate", [9], []);
      recorded()
        .when("explain", { differenceId: unknown, note: "x" }, alice)
        .thenRejected("difference_not_found", new RegExp(`of BANKA:A1 on 2026-12-07 has no difference ${unknown}`));
    });
  });

  describe("resolve", () => {
    it("adjusts: resolved at once without a threshold, and the account asked to book the signed amount on the day", () => {
      const test = recorded();
      const then = test.when(
        "resolve",
        { differenceId: idOfMissingAtBank, action: "adjust", reason: "bank fee" },
        alice,
      );
      then.thenEvents([
        { type: "differenceResolved", action: "adjust", by: "grpc:alice", confirmedBy: null, reason: "bank fee" },
      ]);
      expect(then.reply["difference"]).to.deep.include({ status: "resolved", bookingSends: 1 });
      expect(then.reply["difference"].booking).to.deep.include({ action: "adjust", status: "pending" });
      then.thenEffects([
        {
          id: `book.${idOfMissingAtBank}.1`,
          type: "reconciliation.adjust",
          payload: {
            send: 1,
            differenceId: idOfMissingAtBank,
            accountId,
            commandId: `entry:adjustment:${idOfMissingAtBank}`,
            entry: {
              entryId: `adjustment:${idOfMissingAtBank}`,
              direction: "debit",
              amount: "200.0000",
              currency: "EUR",
              bookingDate: date,
              description: `reconciliation of ${accountId} on ${date}, missingAtBank ${idOfMissingAtBank}: bank fee`,
            },
          },
        },
      ]);
      expect(test.reminders.get(bookingGuardKey(idOfMissingAtBank))).to.deep.equal({
        key: bookingGuardKey(idOfMissingAtBank),
        dueAt: now + resendDelayMs(1),
        command: { type: "redeliver", payload: { differenceId: idOfMissingAtBank } },
      });
      const booked = test.when("adjustmentBooked", { differenceId: idOfMissingAtBank }, effectAnswer);
      booked.thenEvents([{ type: "resolutionBooked", action: "adjust", late: false }]);
      booked.thenReminders({ cancel: [bookingGuardKey(idOfMissingAtBank)] });
      expect(differenceOf(test, idOfMissingAtBank).booking?.status).to.equal("booked");
      // A repeated or stale answer changes nothing.
      test
        .when("adjustmentBooked", { differenceId: idOfMissingAtBank }, effectAnswer)
        .thenEvents([])
        .thenReply({ ignored: true }, "include");
      test
        .when("bookingFailed", { differenceId: idOfMissingAtBank, action: "adjust", reason: "late" }, effectAnswer)
        .thenEvents([]);
    });

    it("credits the ledger for a positive amount", () => {
      const test = recorded();
      test.when("resolve", { differenceId: idOfMissingInEngine, action: "adjust", reason: "interest" }, alice);
      const effect = test.take("reconciliation.adjust");
      expect(effect.payload["entry"]).to.deep.include({ direction: "credit", amount: "1500.2500" });
    });

    it("sends the same booking again while no answer comes, each send with its own effect id", () => {
      const test = recorded();
      test.when("resolve", { differenceId: idOfMissingAtBank, action: "adjust", reason: "bank fee" }, alice);
      const first = test.take("reconciliation.adjust");
      const resent = test.fire(bookingGuardKey(idOfMissingAtBank));
      resent.thenEvents([{ type: "bookingRedelivered", send: 2 }]);
      const second = test.take("reconciliation.adjust");
      expect(second.id).to.equal(`book.${idOfMissingAtBank}.2`);
      expect(second.payload["commandId"]).to.equal(first.payload["commandId"]);
      expect(second.payload["entry"]).to.deep.equal(first.payload["entry"]);
      expect(test.reminders.get(bookingGuardKey(idOfMissingAtBank))?.dueAt).to.equal(test.now + resendDelayMs(2));
      expect(differenceOf(test, idOfMissingAtBank).history.map((entry) => entry.change)).to.deep.equal([
        "differenceFound",
        "differenceResolved",
      ]);
      test.when("adjustmentBooked", { differenceId: idOfMissingAtBank }, effectAnswer).thenEvents(["resolutionBooked"]);
      expect(test.reminders.has(bookingGuardKey(idOfMissingAtBank))).to.equal(false);
      // A guard that fires after the answer (the runtime drops a cancelled one; a stale command is ignored).
      test.when("redeliver", { differenceId: idOfMissingAtBank }, { principal: "system:reminder" }).thenEvents([]);
    });

    it("goes back to its status when the booking fails, and a late success still closes it with what was booked", () => {
      const test = recorded();
      test.when("explain", { differenceId: idOfMissingAtBank, note: "fee" }, alice);
      test.when("resolve", { differenceId: idOfMissingAtBank, action: "adjust", reason: "bank fee" }, alice);
      const failed = test.when(
        "bookingFailed",
        { differenceId: idOfMissingAtBank, action: "adjust", reason: "account_closed: the account is closed" },
        effectAnswer,
      );
      failed.thenEvents([{ type: "bookingFailed", reason: "account_closed: the account is closed" }]);
      failed.thenReminders({ cancel: [bookingGuardKey(idOfMissingAtBank)] });
      expect(differenceOf(test, idOfMissingAtBank)).to.deep.include({ status: "explained", resolution: null });
      expect(differenceOf(test, idOfMissingAtBank).booking).to.deep.include({
        status: "failed",
        failure: "account_closed: the account is closed",
      });
      const late = test.when("adjustmentBooked", { differenceId: idOfMissingAtBank }, effectAnswer);
      late.thenEvents([{ type: "resolutionBooked", late: true }]);
      expect(differenceOf(test, idOfMissingAtBank)).to.deep.include({ status: "resolved" });
      expect(differenceOf(test, idOfMissingAtBank).resolution).to.deep.include({ action: "adjust", by: "grpc:alice" });
    });

    it("may be resolved otherwise after a failed booking; a second booking's effect ids go on counting", () => {
      const test = recorded();
      test.when("resolve", { differenceId: idOfMissingAtBank, action: "adjust", reason: "fee" }, alice);
      test.when(
        "bookingFailed",
        { differenceId: idOfMissingAtBank, action: "adjust", reason: "refused" },
        effectAnswer,
      );
      test.when("resolve", { differenceId: idOfMissingAtBank, action: "adjust", reason: "fee, account reopened" }, bob);
      expect(test.effects.map((effect) => effect.id)).to.deep.equal([
        `book.${idOfMissingAtBank}.1`,
        `book.${idOfMissingAtBank}.2`,
      ]);
      test.when(
        "bookingFailed",
        { differenceId: idOfMissingAtBank, action: "adjust", reason: "refused" },
        effectAnswer,
      );
      test
        .when("resolve", { differenceId: idOfMissingAtBank, action: "noBooking", reason: "written off" }, bob)
        .thenEffects([]);
      // The account booked one of the sends after all: the ledger holds it, and the difference says so.
      const late = test.when("adjustmentBooked", { differenceId: idOfMissingAtBank }, effectAnswer);
      late.thenEvents([{ type: "resolutionBooked", late: true }]);
      const d = differenceOf(test, idOfMissingAtBank);
      expect(d.resolution?.action).to.equal("noBooking");
      expect(d.booking?.status).to.equal("booked");
      expect(d.history.at(-1)?.note).to.match(/late: it stays as well as the resolution made since/);
    });

    it("refuses to adjust a difference of amount zero", () => {
      const zero = { ...missingAtBank, records: ["entry:E-0"], amount: "0" };
      const test = reconciliation();
      test.when("record", report({ differences: [zero] }), reconciler).thenEvents(["runRecorded", "differenceFound"]);
      const id = differenceIdOf(key, "missingAtBank", [], ["entry:E-0"]);
      test
        .when("resolve", { differenceId: id, action: "adjust", reason: "x" }, alice)
        .thenRejected("nothing_to_adjust");
      test
        .when("resolve", { differenceId: id, action: "noBooking", reason: "x" }, alice)
        .thenEvents(["differenceResolved"]);
    });

    it("settles a transfer with the statement line as its evidence", () => {
      const test = recorded();
      const then = test.when(
        "resolve",
        {
          differenceId: idOfMissingInEngine,
          action: "settleTransfer",
          reason: "the credit of t-7 arrived",
          transferId: "t-7",
          step: "credit",
          bankReference: "BR-77",
        },
        alice,
      );
      then.thenEvents([
        { type: "differenceResolved", transfer: { transferId: "t-7", step: "credit", bankReference: "BR-77" } },
      ]);
      then.thenEffects([
        {
          id: `book.${idOfMissingInEngine}.1`,
          type: "reconciliation.settleTransfer",
          payload: {
            send: 1,
            differenceId: idOfMissingInEngine,
            transferId: "t-7",
            commandId: `evidence:${idOfMissingInEngine}`,
            evidence: {
              step: "credit",
              accountId,
              direction: "credit",
              amount: "1500.2500",
              bankReference: "BR-77",
              statementVersion: versionA,
              statementId: "STMT-2026-12-07",
              line: 4,
              bookingDate: date,
            },
          },
        },
      ]);
      // An answer for the other action is stale.
      test.when("adjustmentBooked", { differenceId: idOfMissingInEngine }, effectAnswer).thenEvents([]);
      test
        .when("evidenceDelivered", { differenceId: idOfMissingInEngine }, effectAnswer)
        .thenEvents([{ type: "resolutionBooked", action: "settleTransfer" }]);
    });

    it("refuses to settle a transfer from a difference reported without what its line booked", () => {
      const { lineEffect: _omitted, ...withoutEffect } = missingInEngine;
      const test = reconciliation();
      test
        .when("record", report({ differences: [withoutEffect] }), reconciler)
        .thenEvents(["runRecorded", "differenceFound"]);
      test
        .when(
          "resolve",
          {
            differenceId: idOfMissingInEngine,
            action: "settleTransfer",
            reason: "x",
            transferId: "t-7",
            step: "credit",
          },
          alice,
        )
        .thenRejected("settle_line_unknown", /rerun the reconciliation of 2026-12-07/);
    });

    it("refuses a line effect on a difference that names no line", () => {
      reconciliation()
        .when("record", report({ differences: [{ ...missingAtBank, lineEffect: "-200" }] }), reconciler)
        .thenRejected("invalid_command", /differences\[0\]\.lineEffect must be left out/);
    });

    it("refuses to settle a transfer from a difference that does not name exactly one line", () => {
      recorded()
        .when(
          "resolve",
          { differenceId: idOfMissingAtBank, action: "settleTransfer", reason: "x", transferId: "t-7", step: "debit" },
          alice,
        )
        .thenRejected("settle_needs_one_line", /names 0 statement lines/);
    });

    it("books nothing for noBooking", () => {
      const test = recorded();
      const then = test.when(
        "resolve",
        { differenceId: idOfMissingInEngine, action: "noBooking", reason: "bank error, they correct it" },
        alice,
      );
      then.thenEvents([{ type: "differenceResolved", action: "noBooking" }]).thenEffects([]);
      expect(then.reminders).to.deep.equal({});
      expect(differenceOf(test, idOfMissingInEngine)).to.deep.include({
        status: "resolved",
        booking: null,
        bookingSends: 0,
      });
    });
  });

  describe("maker-checker", () => {
    const proposeAdjust = (test: ReconciliationTest, approvalAbove = "1000") =>
      test.when(
        "resolve",
        { differenceId: idOfMissingInEngine, action: "adjust", reason: "interest", approvalAbove },
        alice,
      );

    it("makes a resolution at or below the threshold at once", () => {
      proposeAdjust(recorded(), "1500.25").thenEvents(["differenceResolved"]).thenEffects(["reconciliation.adjust"]);
    });

    it("proposes a resolution above the threshold; another person confirms it, and only then is it booked", () => {
      const test = recorded();
      const proposed = proposeAdjust(test);
      proposed.thenEvents([
        { type: "resolutionProposed", action: "adjust", approvalAbove: "1000.0000", by: "grpc:alice" },
      ]);
      proposed.thenEffects([]);
      expect(proposed.reply["difference"]).to.deep.include({ status: "proposed" });
      test
        .when("explain", { differenceId: idOfMissingInEngine, note: "x" }, bob)
        .thenRejected("difference_not_open", /waits for a second person/);
      test
        .when("resolve", { differenceId: idOfMissingInEngine, action: "noBooking", reason: "x" }, bob)
        .thenRejected("difference_not_open");
      const same = test.when("confirmResolution", { differenceId: idOfMissingInEngine }, { principal: "nats:alice" });
      same.thenRejected("same_principal", /grpc:alice|nats:alice/);
      test
        .when("confirmResolution", { differenceId: idOfMissingInEngine }, reconciler)
        .thenRejected("checker_not_a_person");
      const confirmed = test.when("confirmResolution", { differenceId: idOfMissingInEngine, comment: "checked" }, bob);
      confirmed.thenEvents([
        { type: "differenceResolved", action: "adjust", by: "grpc:alice", confirmedBy: "grpc:bob" },
      ]);
      confirmed.thenEffects(["reconciliation.adjust"]);
      expect(differenceOf(test, idOfMissingInEngine).resolution).to.deep.include({
        by: "grpc:alice",
        confirmedBy: "grpc:bob",
      });
      test.when("confirmResolution", { differenceId: idOfMissingInEngine }, bob).thenRejected("no_resolution_proposed");
    });

    it("returns a rejected proposal to the status it had", () => {
      const test = recorded();
      test.when("explain", { differenceId: idOfMissingInEngine, note: "interest" }, alice);
      proposeAdjust(test);
      const rejected = test.when(
        "rejectResolution",
        { differenceId: idOfMissingInEngine, reason: "not interest" },
        bob,
      );
      rejected.thenEvents([{ type: "resolutionRejected", by: "grpc:bob", reason: "not interest" }]);
      expect(differenceOf(test, idOfMissingInEngine)).to.deep.include({ status: "explained", proposal: null });
      test
        .when("rejectResolution", { differenceId: idOfMissingInEngine, reason: "x" }, bob)
        .thenRejected("no_resolution_proposed");
      const open = recorded();
      proposeAdjust(open);
      open.when("rejectResolution", { differenceId: idOfMissingInEngine, reason: "withdrawn" }, alice);
      expect(differenceOf(open, idOfMissingInEngine).status).to.equal("open");
    });

    it("clears a proposed difference that a rerun no longer finds, dropping the proposal", () => {
      const test = recorded();
      proposeAdjust(test);
      test
        .when("record", report({ inputsDigest: inputs2, differences: [missingAtBank] }), reconciler)
        .thenEvents(["runRecorded", { type: "differenceCleared", differenceId: idOfMissingInEngine }]);
      expect(differenceOf(test, idOfMissingInEngine)).to.deep.include({ status: "resolved", proposal: null });
      test.when("confirmResolution", { differenceId: idOfMissingInEngine }, bob).thenRejected("no_resolution_proposed");
    });
  });

  describe("get and snapshots", () => {
    it("shows the runs, the counts by status and each difference with its history of principals and times", () => {
      const test = recorded();
      test.when("explain", { differenceId: idOfMissingInEngine, note: "interest" }, { ...alice, now: now + minute });
      test.when("record", report({ inputsDigest: inputs2, differences: [missingInEngine] }), {
        ...reconciler,
        now: now + 2 * minute,
      });
      const view = decodeReconciliationView(test.when("get", {}, bob).reply as Json, "the view");
      expect(view).to.deep.include({ accountId, date, currency: "EUR", runCount: 2 });
      expect(view.runs.map((run) => run.runNo)).to.deep.equal([1, 2]);
      expect(view.counts).to.deep.equal({ open: 0, explained: 1, proposed: 0, resolved: 1 });
      const explained = view.differences.find((d) => d.differenceId === idOfMissingInEngine)!;
      expect(explained.foundAt).to.equal(now);
      expect(explained.history.map(({ change, by, at }) => ({ change, by, at }))).to.deep.equal([
        { change: "differenceFound", by: "system:reconciler", at: now },
        { change: "differenceExplained", by: "grpc:alice", at: now + minute },
      ]);
    });

    it("round-trips its state through a snapshot, and refuses a corrupt one naming the field", () => {
      const test = recorded();
      test.when("explain", { differenceId: idOfMissingInEngine, note: "interest", evidence: "rate sheet" }, alice);
      test.when(
        "resolve",
        { differenceId: idOfMissingAtBank, action: "adjust", reason: "fee", approvalAbove: "100" },
        alice,
      );
      test.when("confirmResolution", { differenceId: idOfMissingAtBank }, bob);
      const encoded = JSON.parse(JSON.stringify(reconciliationKind.encodeState(test.state))) as JsonObject;
      expect(reconciliationKind.decodeState(encoded)).to.deep.equal(test.state);
      const differences = encoded["differences"] as JsonObject[];
      const corrupt = { ...encoded, differences: [{ ...differences[0]!, status: "lost" }] };
      expect(() => reconciliationKind.decodeState(corrupt)).to.throw(
        TypeError,
        /not an encoded reconciliation state: differences\[0\]\.status must be one of open, explained, proposed, resolved/,
      );
      const twice = { ...encoded, differences: [differences[0]!, differences[0]!] };
      expect(() => reconciliationKind.decodeState(twice)).to.throw(TypeError, /distinct ids/);
      const initial = reconciliationKind.initialState(actorId);
      expect(
        reconciliationKind.decodeState(JSON.parse(JSON.stringify(reconciliationKind.encodeState(initial)))),
      ).to.deep.equal(initial);
    });

    it("keeps the last entries of a long history and counts those it let go", () => {
      const test = recorded();
      for (let run = 1; run <= historyKeptMax + 5; run++) {
        const changed = { ...missingInEngine, detail: `seen in run ${run + 1}` };
        const digest = run.toString(16).padStart(64, "0");
        test.when("record", report({ inputsDigest: digest, differences: [changed, missingAtBank] }), reconciler);
      }
      const d = differenceOf(test, idOfMissingInEngine);
      expect(d.history).to.have.length(historyKeptMax);
      expect(d.historyOmitted).to.equal(6);
      expect(d.history.at(-1)?.note).to.match(/seen in run 106$/);
    });
  });
});
