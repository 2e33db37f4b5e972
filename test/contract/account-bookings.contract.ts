import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import type { AccountBookingEvent, AccountBookingsWriter } from "../../read-models/account-bookings.js";
import type { InternalRecord } from "../../reconciliation/model.js";
import type { RecordSource } from "../../reconciliation/ports.js";
import type { JsonObject } from "../../runtime/json.js";

export type AccountBookingsStore = RecordSource & AccountBookingsWriter;

const day = (date: string) => Date.parse(`${date}T10:00:00Z`);

/** A few account events as the account actor publishes them (only what the fold reads). */
export const bookingEvents = {
  entry(
    actorId: string,
    eventSeq: number,
    entryId: string,
    bookingDate: string,
    amount = "10.0000",
  ): AccountBookingEvent {
    const event: JsonObject = {
      type: "entryRecorded",
      entryId,
      direction: "credit",
      amount,
      description: "",
      bookingDate,
    };
    return { actorId, eventSeq, recordedAt: day(bookingDate), event };
  },
  transit(
    actorId: string,
    eventSeq: number,
    type: "transitReserved" | "transitSettled" | "transitReleased",
    transferId: string,
    recordedOn: string,
    bookingDate?: string,
  ): AccountBookingEvent {
    const event: JsonObject = {
      type,
      reservationId: `${transferId}.debit`,
      direction: "debit",
      amount: "99.5000",
      transferId,
      ...(bookingDate !== undefined && { bookingDate }),
    };
    return { actorId, eventSeq, recordedAt: day(recordedOn), event };
  },
  closed(actorId: string, eventSeq: number): AccountBookingEvent {
    return { actorId, eventSeq, recordedAt: day("2026-12-07"), event: { type: "accountClosed", reason: "done" } };
  },
};

const { entry, transit, closed } = bookingEvents;
const a1 = "BANKA:A1";

function ids(records: readonly InternalRecord[]): string[] {
  return records.map((record) => `${record.bookingDate} ${record.recordId}`);
}

/** The bookings store's contract (ADR 014 §2), run against every adapter: same cases, same outcomes. */
export function describeAccountBookingsContract(adapterName: string, open: () => Promise<AccountBookingsStore>): void {
  describe(`account bookings contract: ${adapterName}`, () => {
    let store: AccountBookingsStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("answers an account's records in a day range, ordered by booking date then record id, amounts exact", async () => {
      await store.apply([
        entry(a1, 1, "z-first", "2026-12-06"),
        entry(a1, 2, "b", "2026-12-07", "0.0001"),
        entry(a1, 3, "a", "2026-12-07", "9999999999999999.9999"),
        entry(a1, 4, "late", "2026-12-09"),
        entry("BANKB:B1", 1, "other-account", "2026-12-07"),
      ]);
      const records = await store.recordsOf(a1, "2026-12-06", "2026-12-08");
      expect(ids(records)).to.deep.equal(["2026-12-06 entry:z-first", "2026-12-07 entry:a", "2026-12-07 entry:b"]);
      expect(records[1]?.amount.equals(new Money("9999999999999999.9999"))).to.equal(true);
      expect(records[2]?.amount.toFixed(4)).to.equal("0.0001");
      expect(records[1]).to.deep.include({
        kind: "entry",
        direction: "credit",
        reference: "a",
        serial: undefined,
        bankReference: undefined,
        transferId: undefined,
        booked: true,
      });
    });

    it("keeps a step in transit as a record not booked, and books it on the settlement's day", async () => {
      await store.apply([transit(a1, 1, "transitReserved", "t-1", "2026-12-07")]);
      expect(await store.recordsOf(a1, "2026-12-07", "2026-12-07")).to.deep.equal([
        {
          recordId: "transfer:t-1:debit",
          kind: "transferStep",
          direction: "debit",
          amount: new Money("99.5000"),
          bookingDate: "2026-12-07",
          serial: "t-1.debit",
          bankReference: undefined,
          reference: undefined,
          booked: false,
          transferId: "t-1",
        },
      ]);
      await store.apply([transit(a1, 2, "transitSettled", "t-1", "2026-12-08", "2026-12-08")]);
      expect(await store.recordsOf(a1, "2026-12-07", "2026-12-07")).to.deep.equal([]);
      const [settled] = await store.recordsOf(a1, "2026-12-08", "2026-12-08");
      expect(settled).to.deep.include({ recordId: "transfer:t-1:debit", booked: true, bookingDate: "2026-12-08" });
    });

    it("leaves a released step out, and shows it again when a later entry books that step", async () => {
      await store.apply([
        transit(a1, 1, "transitReserved", "t-2", "2026-12-07"),
        transit(a1, 2, "transitReleased", "t-2", "2026-12-07"),
      ]);
      expect(await store.recordsOf(a1, "2026-12-01", "2026-12-31")).to.deep.equal([]);
      await store.apply([entry(a1, 3, "transfer:t-2:debit", "2026-12-08")]);
      expect(ids(await store.recordsOf(a1, "2026-12-01", "2026-12-31"))).to.deep.equal([
        "2026-12-08 transfer:t-2:debit",
      ]);
    });

    it("ignores repeats and events at or below the sequence applied, in the same batch or later ones", async () => {
      await store.apply([
        transit(a1, 1, "transitReserved", "t-3", "2026-12-07"),
        transit(a1, 2, "transitSettled", "t-3", "2026-12-07", "2026-12-07"),
      ]);
      await store.apply([
        transit(a1, 1, "transitReserved", "t-3", "2026-12-07"),
        entry(a1, 2, "not-two", "2026-12-07"),
      ]);
      await store.apply([transit(a1, 2, "transitSettled", "t-3", "2026-12-07", "2026-12-07")]);
      const records = await store.recordsOf(a1, "2026-12-07", "2026-12-07");
      expect(ids(records)).to.deep.equal(["2026-12-07 transfer:t-3:debit"]);
      expect(records[0]?.booked).to.equal(true);
      expect(await store.appliedThrough(a1)).to.equal(2);
    });

    it("answers the sequence applied per account: 0 for one never seen, advanced by events that write no record", async () => {
      expect(await store.appliedThrough(a1)).to.equal(0);
      await store.apply([entry(a1, 1, "e", "2026-12-07"), closed(a1, 2), entry("BANKB:B1", 7, "x", "2026-12-07")]);
      expect(await store.appliedThrough(a1)).to.equal(2);
      const applied = await store.appliedThroughOf([a1, "BANKB:B1", "BANKC:C1"]);
      expect([...applied].sort()).to.deep.equal([
        [a1, 2],
        ["BANKB:B1", 7],
      ]);
    });

    it("refuses a range that is not two calendar days in order, naming the day", async () => {
      const refusal = await store.recordsOf(a1, "2026-13-01", "2026-12-31").catch((error: Error) => error);
      expect(refusal)
        .to.be.instanceOf(Error)
        .with.property("message")
        .that.matches(/fromDate "2026-13-01"/);
      const backwards = await store.recordsOf(a1, "2026-12-31", "2026-12-01").catch((error: Error) => error);
      expect(backwards).to.be.instanceOf(Error).with.property("name", "BookingsQueryError");
    });
  });
}
