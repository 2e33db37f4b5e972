import { expect } from "chai";
import { MongoClient } from "mongodb";
import {
  accountBookingsProgressCollection,
  MongoAccountBookings,
} from "../../adapters/mongo/mongo-account-bookings.js";
import { bookingEvents, describeAccountBookingsContract } from "../contract/account-bookings.contract.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

async function connect(database: string): Promise<MongoAccountBookings> {
  const { mongoUrl } = await rigServers();
  return MongoAccountBookings.connect({ url: mongoUrl, database, writeConcern: { w: 1 } });
}

// A database per case: each case starts from no records and no progress.
describeAccountBookingsContract("mongodb (real MongoDB-wire server)", () =>
  connect(uniqueDatabaseName("account_bookings")),
);

describe("account bookings on MongoDB: a crash between the records and the sequence applied", () => {
  it("re-applying the events writes the same records, and an older event never replaces a newer one", async () => {
    const database = uniqueDatabaseName("account_bookings");
    const store = await connect(database);
    const client = await MongoClient.connect((await rigServers()).mongoUrl);
    try {
      const { transit } = bookingEvents;
      const reserve = transit("BANKA:A1", 1, "transitReserved", "t-9", "2026-12-07");
      const settle = transit("BANKA:A1", 2, "transitSettled", "t-9", "2026-12-08", "2026-12-08");
      await store.apply([reserve, settle]);
      // The records were written, the sequence applied was not: as if the engine stopped between the two writes.
      await client.db(database).collection(accountBookingsProgressCollection).deleteMany({});
      expect(await store.appliedThrough("BANKA:A1")).to.equal(0);
      await store.apply([reserve]);
      await store.apply([settle]);
      expect(await store.appliedThrough("BANKA:A1")).to.equal(2);
      const records = await store.recordsOf("BANKA:A1", "2026-12-01", "2026-12-31");
      expect(records.map((record) => [record.recordId, record.bookingDate, record.booked])).to.deep.equal([
        ["transfer:t-9:debit", "2026-12-08", true],
      ]);
    } finally {
      await client.close();
      await store.close();
    }
  });
});
