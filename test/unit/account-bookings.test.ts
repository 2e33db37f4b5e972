import { expect } from "chai";
import {
  bookingOf,
  checkDayRange,
  planBookingWrites,
  splitAtGaps,
  type AccountBookingEvent,
} from "../../read-models/account-bookings.js";
import type { JsonObject } from "../../runtime/json.js";

const account = "BANKA:A1";
/** 2026-12-07T23:30:00Z: late in the UTC day, so an event's own booking date can differ from its turn's. */
const lateOnDay = Date.parse("2026-12-07T23:30:00Z");

function published(
  eventSeq: number,
  event: JsonObject,
  recordedAt = lateOnDay,
  actorId = account,
): AccountBookingEvent {
  return { actorId, eventSeq, recordedAt, event };
}

const entry = (entryId: string, fields: JsonObject = {}): JsonObject => ({
  type: "entryRecorded",
  entryId,
  direction: "credit",
  amount: "250.7500",
  description: "upstream",
  bookingDate: "2026-12-08",
  ...fields,
});
const reserved = (transferId: string, step: "debit" | "credit"): JsonObject => ({
  type: "transitReserved",
  reservationId: `${transferId}.${step}`,
  direction: step,
  amount: "100.0000",
  transferId,
});
const settled = (transferId: string, step: "debit" | "credit", bookingDate?: string): JsonObject => ({
  type: "transitSettled",
  reservationId: `${transferId}.${step}`,
  direction: step,
  amount: "100.0000",
  ...(bookingDate !== undefined && { bookingDate }),
});
const released = (transferId: string, step: "debit" | "credit"): JsonObject => ({
  type: "transitReleased",
  reservationId: `${transferId}.${step}`,
  direction: step,
  amount: "100.0000",
  reason: "transfer failed",
});

describe("account bookings fold (ADR 014 §2)", () => {
  describe("the record an event writes", () => {
    it("an upstream entry is `entry:<entryId>`, booked on its own booking date, with the entry id as reference", () => {
      expect(bookingOf(published(4, entry("E-1")))).to.deep.equal({
        accountId: account,
        recordId: "entry:E-1",
        kind: "entry",
        direction: "credit",
        amount: "250.7500",
        bookingDate: "2026-12-08",
        serial: null,
        reference: "E-1",
        transferId: null,
        booked: true,
        removed: false,
        eventSeq: 4,
      });
    });

    it("an entry written before booking dates is booked on the UTC day it was recorded", () => {
      const { bookingDate: _dropped, ...undated } = entry("E-old");
      expect(bookingOf(published(2, undated))?.bookingDate).to.equal("2026-12-07");
    });

    it("the saga's `transfer:<id>:<step>` entries are that transfer's step, with its serial", () => {
      const reversal = bookingOf(published(9, entry("transfer:t-1:reversal")));
      expect(reversal).to.deep.include({
        recordId: "transfer:t-1:reversal",
        kind: "transferStep",
        serial: "t-1.reversal",
        transferId: "t-1",
        reference: null,
        booked: true,
      });
      // A transfer id may hold colons: the step is what follows the last one.
      expect(bookingOf(published(10, entry("transfer:ops:77:credit")))).to.deep.include({
        recordId: "transfer:ops:77:credit",
        serial: "ops:77.credit",
        transferId: "ops:77",
      });
    });

    it("an entry named like a transfer's but without a step name is an upstream entry", () => {
      expect(bookingOf(published(3, entry("transfer:t-1:fee")))).to.deep.include({
        recordId: "entry:transfer:t-1:fee",
        kind: "entry",
        reference: "transfer:t-1:fee",
      });
    });

    it("an `adjustment:` entry is reconciliation's adjustment, under its own id", () => {
      expect(bookingOf(published(5, entry("adjustment:d-42", { direction: "debit" })))).to.deep.include({
        recordId: "adjustment:d-42",
        kind: "adjustment",
        direction: "debit",
        reference: null,
        serial: null,
        booked: true,
      });
    });

    it("a reservation is the transfer's step, not booked, expected on the day it was reserved", () => {
      expect(bookingOf(published(6, reserved("t-2", "debit")))).to.deep.equal({
        accountId: account,
        recordId: "transfer:t-2:debit",
        kind: "transferStep",
        direction: "debit",
        amount: "100.0000",
        bookingDate: "2026-12-07",
        serial: "t-2.debit",
        reference: null,
        transferId: "t-2",
        booked: false,
        removed: false,
        eventSeq: 6,
      });
    });

    it("a settlement books the step on the settlement's day; an older one without a day on its recorded day", () => {
      expect(bookingOf(published(7, settled("t-2", "credit", "2026-12-09")))).to.deep.include({
        recordId: "transfer:t-2:credit",
        bookingDate: "2026-12-09",
        booked: true,
        removed: false,
      });
      expect(bookingOf(published(7, settled("t-2", "credit")))?.bookingDate).to.equal("2026-12-07");
    });

    it("a release removes the step: the money never moved", () => {
      expect(bookingOf(published(8, released("t-3", "debit")))).to.deep.include({
        recordId: "transfer:t-3:debit",
        removed: true,
        booked: false,
      });
    });

    it("opening, freezes, compared and synced balances and closing write no record", () => {
      const none: JsonObject[] = [
        { type: "accountOpened", bankCode: "BANKA", accountNumber: "A1", currency: "CNY", pool: "main" },
        { type: "fundsFrozen", freezeId: "f", amount: "1.0000", reason: "hold" },
        { type: "fundsUnfrozen", freezeId: "f", amount: "1.0000", reason: "hold" },
        { type: "ledgerCompared", statementId: "s", asOf: "2026-12-07", statementBalance: "1", engineLedger: "1" },
        { type: "ledgerSynced", statementId: "s", asOf: "2026-12-07", statementBalance: "1", previousLedger: "1" },
        { type: "accountClosed", reason: "done" },
      ];
      for (const event of none) expect(bookingOf(published(1, event)), String(event["type"])).to.equal(undefined);
    });

    it("an event without the fields it always carries writes nothing", () => {
      expect(bookingOf(published(1, { ...entry("E-1"), amount: 250.75 }))).to.equal(undefined);
      expect(bookingOf(published(1, { ...reserved("t", "debit"), reservationId: "no-step" }))).to.equal(undefined);
      expect(bookingOf(published(1, { ...reserved("t", "debit"), direction: "sideways" }))).to.equal(undefined);
    });
  });

  describe("a batch's writes", () => {
    it("fold in order: a settlement after its reservation leaves one booked record on the settlement's day", () => {
      const [write] = planBookingWrites(
        [published(2, reserved("t-1", "debit")), published(3, settled("t-1", "debit", "2026-12-08"))],
        new Map(),
      );
      expect(write?.appliedThrough).to.equal(3);
      expect(write?.bookings).to.have.length(1);
      expect(write?.bookings[0]).to.deep.include({ bookingDate: "2026-12-08", booked: true, eventSeq: 3 });
    });

    it("ignore events at or below the account's sequence applied: repeats and older ones", () => {
      const applied = new Map([[account, 5]]);
      const writes = planBookingWrites(
        [published(4, entry("old")), published(5, entry("same")), published(6, entry("new")), published(6, entry("x"))],
        applied,
      );
      expect(writes).to.have.length(1);
      expect(writes[0]?.bookings.map((booking) => booking.recordId)).to.deep.equal(["entry:new"]);
      expect(writes[0]?.appliedThrough).to.equal(6);
      expect(planBookingWrites([published(5, entry("same"))], applied)).to.deep.equal([]);
    });

    it("advance the sequence of an account whose events touch no record", () => {
      const writes = planBookingWrites([published(1, { type: "accountClosed", reason: "done" })], new Map());
      expect(writes).to.deep.equal([{ accountId: account, bookings: [], appliedThrough: 1 }]);
    });

    it("keep accounts apart", () => {
      const writes = planBookingWrites(
        [published(1, entry("a")), published(1, entry("b"), lateOnDay, "BANKB:B1")],
        new Map([["BANKB:B1", 0]]),
      );
      expect(writes.map((write) => [write.accountId, write.bookings[0]?.recordId])).to.deep.equal([
        [account, "entry:a"],
        ["BANKB:B1", "entry:b"],
      ]);
    });
  });

  describe("order across redeliveries", () => {
    const never = () => false;

    it("folds repeats and the next events of an account in sequence order, whatever the delivery order", () => {
      const events = [published(5, entry("five")), published(4, entry("four")), published(2, entry("repeat"))];
      const { ready, held } = splitAtGaps(events, new Map([[account, 3]]), never);
      expect(ready.map((event) => event.eventSeq)).to.deep.equal([2, 4, 5]);
      expect(held).to.deep.equal([]);
    });

    it("holds an event after a hole, and every later one of its account; other accounts go on", () => {
      const other = "BANKB:B1";
      const events = [
        published(3, entry("three")),
        published(6, entry("six")),
        published(5, entry("five")),
        published(1, entry("b-one"), lateOnDay, other),
      ];
      const { ready, held } = splitAtGaps(events, new Map([[account, 2]]), never);
      expect(ready.map((event) => [event.actorId, event.eventSeq])).to.deep.equal([
        [account, 3],
        [other, 1],
      ]);
      expect(held.map((event) => event.eventSeq)).to.deep.equal([5, 6]);
    });

    it("folds an account's first event only as its first, unless the gap is accepted", () => {
      expect(splitAtGaps([published(4, entry("x"))], new Map(), never).held).to.have.length(1);
      expect(splitAtGaps([published(4, entry("x"))], new Map(), () => true).ready).to.have.length(1);
    });
  });

  it("refuses a records query whose days are not calendar days or run backwards, naming the day", () => {
    expect(() => checkDayRange("2026-02-30", "2026-03-01")).to.throw(/fromDate "2026-02-30"/);
    expect(() => checkDayRange("2026-03-01", "tomorrow")).to.throw(/toDate "tomorrow"/);
    expect(() => checkDayRange("2026-03-02", "2026-03-01")).to.throw(/after toDate/);
    expect(() => checkDayRange("2026-03-01", "2026-03-01")).not.to.throw();
  });
});
