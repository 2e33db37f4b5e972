import { expect } from "chai";
import { MemoryAccountBookings } from "../../adapters/memory/memory-account-bookings.js";
import { awaitRecords, RecordsLaggingError } from "../../reconciliation/records.js";
import { bookingEvents } from "../contract/account-bookings.contract.js";

describe("awaitRecords: a reconciliation never reads a lagging records model", () => {
  const account = "BANKA:A1";

  it("resolves at once when the model has folded the account's events through the sequence asked", async () => {
    const store = new MemoryAccountBookings();
    await store.apply([bookingEvents.entry(account, 1, "e1", "2026-12-07"), bookingEvents.closed(account, 2)]);
    await awaitRecords(store, account, 2, 0);
    await awaitRecords(store, "BANKB:B1", 0, 0);
  });

  it("waits until the model reaches the sequence", async () => {
    const store = new MemoryAccountBookings();
    let reads = 0;
    const source = {
      recordsOf: store.recordsOf.bind(store),
      // The model folds the account's event while the reader polls: on its second look it has caught up.
      appliedThrough: async (accountId: string) => {
        if (++reads === 2) await store.apply([bookingEvents.entry(account, 1, "e1", "2026-12-07")]);
        return store.appliedThrough(accountId);
      },
    };
    await awaitRecords(source, account, 1, 5_000);
    expect(reads).to.equal(2);
  });

  it("gives up after its timeout with a RecordsLaggingError naming the account and both sequences", async () => {
    const store = new MemoryAccountBookings();
    await store.apply([bookingEvents.entry(account, 1, "e1", "2026-12-07")]);
    const error = await awaitRecords(store, account, 3, 30).catch((thrown: unknown) => thrown);
    expect(error).to.be.instanceOf(RecordsLaggingError);
    expect((error as Error).message).to.match(/account BANKA:A1 .* through event 1, not yet 3/);
  });

  it("refuses a sequence or a timeout it cannot honour", async () => {
    const store = new MemoryAccountBookings();
    for (const [eventSeq, timeoutMs] of [
      [-1, 10],
      [1.5, 10],
      [1, -1],
      [1, 10_000_000],
    ] as const) {
      const error = await awaitRecords(store, account, eventSeq, timeoutMs).catch((thrown: unknown) => thrown);
      expect(error, `${eventSeq}, ${timeoutMs}`).to.be.instanceOf(RangeError);
    }
  });
});
