import { expect } from "chai";
import { accountKind } from "../../actors/account/index.js";
import type { JsonObject } from "../../runtime/json.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

/** A document as a store gives it back, with `change` applied to a copy. */
function stored(encoded: JsonObject, change: (document: Record<string, any>) => void): JsonObject {
  const document = JSON.parse(JSON.stringify(encoded)) as Record<string, any>;
  change(document);
  return document;
}

describe("stored state is validated when it is read", () => {
  describe("a transfer's", () => {
    /** A transfer halted in its debit step, retried by an operator: a step, tasks, a timeline, references. */
    function retriedTransfer(): JsonObject {
      const harness = new TransferHarness("t-1", { sendsMax: 1 });
      harness.when("create", createPayload);
      harness.applyPositionTasks();
      harness.answerBank(harness.allowChannel(), "unknown");
      harness.fire("step");
      harness.answerBank(harness.take("bank.query"), "not_found");
      harness.when("retry", { reason: "the outage is over" }, { principal: "op:bob" });
      expect(harness.state.step).to.include({ phase: "query", sendsBeforeRetry: 1 });
      return harness.kind.encodeState(harness.state);
    }

    it("reads back every field it wrote, optional ones included (the transfer harness checks this after every command)", () => {
      const encoded = retriedTransfer();
      const harness = new TransferHarness();
      expect(harness.kind.encodeState(harness.kind.decodeState(stored(encoded, () => {})))).to.deep.equal(encoded);
    });

    const corruptions: Array<[string, (document: Record<string, any>) => void, RegExp]> = [
      [
        "an unknown step phase",
        (d) => (d["step"]["phase"] = "flying"),
        /^not an encoded transfer state: step\.phase must be one of acquire, wait, call, await, query, halted$/,
      ],
      [
        "a task list that is not a list",
        (d) => delete d["tasks"],
        /^not an encoded transfer state: tasks must be a list$/,
      ],
      [
        "an amount stored as a number",
        (d) => (d["request"]["amount"] = 1000.5),
        /^not an encoded transfer state: request\.amount must be a string$/,
      ],
      [
        "a reference of no step",
        (d) => (d["bankReferences"]["refund"] = "R-1"),
        /^not an encoded transfer state: bankReferences\.refund must be absent/,
      ],
      [
        "a timeline item without a status",
        (d) => delete d["timeline"][2]["status"],
        /^not an encoded transfer state: timeline\[2\]\.status must be one of SCHEDULED, CREATED/,
      ],
      [
        "an unknown status",
        (d) => (d["status"] = "LOST"),
        /^not an encoded transfer state: status must be one of NEW, SCHEDULED, CREATED/,
      ],
      [
        "a task attempt that is not an integer",
        (d) => (d["tasks"][0]["attempt"] = 1.5),
        /^not an encoded transfer state: tasks\[0\]\.attempt must be an integer$/,
      ],
    ];
    for (const [what, change, message] of corruptions) {
      it(`refuses ${what}, naming the field`, () => {
        const harness = new TransferHarness();
        const document = stored(retriedTransfer(), (d) => {
          d["bankReferences"] = { debit: "A-1" };
          d["tasks"] = [
            {
              id: "settle-debit",
              account: "BANKA:A1",
              commandType: "settle",
              payload: { reservationId: "t-1.debit" },
              attempt: 1,
            },
          ];
          change(d);
        });
        expect(() => harness.kind.decodeState(document)).to.throw(TypeError, message);
      });
    }
  });

  describe("an account's", () => {
    const open: JsonObject = {
      status: "open",
      profile: {
        bankCode: "B",
        accountNumber: "1",
        currency: "EUR",
        pool: "main",
        overdraftLimit: "0",
        countInTransitCredit: true,
      },
      ledger: "1010",
      frozen: "100",
      inTransitDebit: "250.5",
      inTransitCredit: "0",
      freezes: [{ id: "f1", amount: "100", reason: "court order" }],
      reservations: [{ id: "r1", direction: "debit", amount: "250.5", transferId: "t1" }],
      finished: [
        { key: "reservation:r2", outcome: "settled" },
        { key: "freeze:f2", outcome: "unfrozen" },
      ],
      ledgerDays: [
        { day: "2026-11-24", net: "10" },
        { day: "2026-11-25", net: "-0.5" },
      ],
      oldestDayKept: "2025-10-22",
      undatedMovement: false,
      comparedStatements: [{ statementId: "s-1", asOf: "2026-11-24" }],
    };

    it("reads back what it wrote", () => {
      expect(accountKind.encodeState(accountKind.decodeState(open))).to.deep.equal(open);
    });

    it("reads a snapshot written before booking dates as undated movements, its last statement as compared", () => {
      const before = stored(open, (d) => {
        for (const field of ["ledgerDays", "oldestDayKept", "undatedMovement", "comparedStatements"]) delete d[field];
        d["lastStatement"] = { statementId: "s-0", asOf: "2026-11-20T17:00:00.000Z" };
      });
      const state = accountKind.decodeState(before);
      expect(state.ledger.toFixed()).to.equal("1010");
      expect(state).to.deep.include({ ledgerDays: new Map(), oldestDayKept: undefined, undatedMovement: true });
      expect([...state.comparedStatements]).to.deep.equal([["s-0", "2026-11-20"]]);
      expect(accountKind.encodeState(state)).to.deep.include({ undatedMovement: true, ledgerDays: [] });
      const newBefore = stored(accountKind.encodeState(accountKind.initialState("B:1")), (d) => {
        for (const field of ["ledgerDays", "oldestDayKept", "undatedMovement", "comparedStatements"]) delete d[field];
        d["lastStatement"] = null;
      });
      expect(accountKind.decodeState(newBefore).undatedMovement, "a new account moved nothing").to.equal(false);
    });

    const corruptions: Array<[string, (document: Record<string, any>) => void, RegExp]> = [
      [
        "a reservation of no direction",
        (d) => (d["reservations"][0]["direction"] = "sideways"),
        /^not an encoded account state: reservation direction$/,
      ],
      [
        "a freeze that ended as a reservation does",
        (d) => (d["finished"][1]["outcome"] = "settled"),
        /^not an encoded account state: finished outcome of freeze:f2$/,
      ],
      [
        "an opened account without its profile",
        (d) => (d["profile"] = null),
        /^not an encoded account state: profile$/,
      ],
      ["a new account with a profile", (d) => (d["status"] = "new"), /^not an encoded account state: profile$/],
      [
        "a profile without countInTransitCredit",
        (d) => delete d["profile"]["countInTransitCredit"],
        /^not an encoded account state: countInTransitCredit$/,
      ],
      ["a ledger that is not a number", (d) => (d["ledger"] = "NaN"), /^not an encoded account state: ledger$/],
      [
        "a snapshot from before booking dates whose last statement is not an object",
        (d) => {
          delete d["ledgerDays"];
          d["lastStatement"] = "2026-11-25";
        },
        /^not an encoded account state: lastStatement$/,
      ],
      [
        "a snapshot without its booking days",
        (d) => delete d["ledgerDays"],
        /^not an encoded account state: ledgerDays$/,
      ],
      [
        "a booking day that is no calendar day",
        (d) => (d["ledgerDays"][0]["day"] = "2026-02-30"),
        /^not an encoded account state: ledger day$/,
      ],
      [
        "a booking day twice",
        (d) => (d["ledgerDays"][1]["day"] = "2026-11-24"),
        /^not an encoded account state: ledger day 2026-11-24 twice$/,
      ],
      [
        "a booking day before the oldest day kept",
        (d) => (d["oldestDayKept"] = "2026-11-25"),
        /^not an encoded account state: ledger day 2026-11-24 before oldestDayKept$/,
      ],
      [
        "booking days without an oldest day kept",
        (d) => (d["oldestDayKept"] = null),
        /^not an encoded account state: ledger day 2026-11-24 before oldestDayKept$/,
      ],
      [
        "a net movement that is not a number",
        (d) => (d["ledgerDays"][1]["net"] = "1e3"),
        /^not an encoded account state: net movement of 2026-11-25$/,
      ],
      [
        "an undated-movement mark that is not a boolean",
        (d) => (d["undatedMovement"] = "no"),
        /^not an encoded account state: undatedMovement$/,
      ],
      [
        "a compared statement without its day",
        (d) => (d["comparedStatements"][0]["asOf"] = "2026-11-24T00:00:00Z"),
        /^not an encoded account state: compared statement day$/,
      ],
    ];
    for (const [what, change, message] of corruptions) {
      it(`refuses ${what}, naming the field`, () => {
        expect(() => accountKind.decodeState(stored(open, change))).to.throw(TypeError, message);
      });
    }
  });
});
