import { expect } from "chai";
import {
  PositionDirectory,
  type DirectoryEntry,
  type PublishedAccountEvent,
} from "../../read-models/position-directory.js";

const position = (ledger: string) => ({
  ledger,
  frozen: "0.0000",
  inTransitDebit: "0.0000",
  inTransitCredit: "0.0000",
  available: ledger,
});

function published(
  actorId: string,
  eventSeq: number,
  ledger: string,
  header = { currency: "EUR", pool: "main", status: "open" },
): PublishedAccountEvent {
  return {
    actorId,
    eventSeq,
    commandId: `c-${eventSeq}`,
    recordedAt: 1_000 + eventSeq,
    event: { type: "entryRecorded", position: position(ledger), account: header },
  };
}

describe("position directory (ADR 005 §3)", () => {
  it("knows each pool's accounts, sorted, and follows an account that changes pool", () => {
    const directory = new PositionDirectory();
    directory.apply(published("B:2", 1, "1", { currency: "EUR", pool: "main", status: "open" }));
    directory.apply(published("A:1", 1, "1", { currency: "EUR", pool: "main", status: "open" }));
    directory.apply(published("C:3", 1, "1", { currency: "USD", pool: "main", status: "open" }));
    expect(directory.membersOf("main", "EUR")).to.deep.equal(["A:1", "B:2"]);
    expect(directory.membersOf("main", "USD")).to.deep.equal(["C:3"]);
    expect(directory.membersOf("other", "EUR")).to.deep.equal([]);
    directory.apply(published("B:2", 2, "1", { currency: "EUR", pool: "other", status: "open" }));
    expect(directory.membersOf("main", "EUR")).to.deep.equal(["A:1"]);
    expect(directory.membersOf("other", "EUR")).to.deep.equal(["B:2"]);
    directory.apply(published("B:2", 1, "1", { currency: "EUR", pool: "main", status: "open" }));
    expect(directory.membersOf("other", "EUR"), "an older event moves nothing").to.deep.equal(["B:2"]);
  });

  it("keeps each account's newest event: a redelivered or older event changes nothing", () => {
    const directory = new PositionDirectory();
    expect(directory.apply(published("B:1", 2, "20.0000"))).to.equal(true);
    expect(directory.apply(published("B:1", 1, "10.0000")), "older").to.equal(false);
    expect(directory.apply(published("B:1", 2, "20.0000")), "again").to.equal(false);
    expect(directory.get("B:1")).to.deep.include({
      eventSeq: 2,
      bankCode: "B",
      accountNumber: "1",
      position: position("20.0000"),
    });
  });

  it("ignores and counts events without a position or header", () => {
    const directory = new PositionDirectory();
    directory.apply({ actorId: "B:1", eventSeq: 1, commandId: "c", recordedAt: 1, event: { type: "entryRecorded" } });
    directory.apply({
      ...published("B:2", 1, "1.0000"),
      event: { type: "x", position: position("1.0000"), account: { currency: "EUR", pool: "p", status: "weird" } },
    });
    directory.apply({ ...published("nocolon", 1, "1.0000") });
    expect([directory.size, directory.ignoredEvents]).to.deep.equal([0, 3]);
  });

  it("lists in account id order, filtered, in pages that neither skip nor repeat", () => {
    const directory = new PositionDirectory();
    const ids = ["B:9", "A:1", "C:5", "A:10", "B:2", "A:3"];
    ids.forEach((id, index) =>
      directory.apply(
        published(id, 1, `${index}.0000`, {
          currency: id.startsWith("C") ? "USD" : "EUR",
          pool: "main",
          status: "open",
        }),
      ),
    );
    const pages: string[][] = [];
    let after = "";
    for (;;) {
      const page = directory.list({ currency: "EUR" }, after, 2);
      pages.push(page.entries.map((entry) => entry.accountId));
      if (!page.more) break;
      after = page.entries.at(-1)!.accountId;
    }
    expect(pages).to.deep.equal([["A:1", "A:10"], ["A:3", "B:2"], ["B:9"]]);
    expect(directory.list({ bankCode: "A" }, "", 10).entries.map((entry) => entry.accountId)).to.deep.equal([
      "A:1",
      "A:10",
      "A:3",
    ]);
  });

  it("lists every account in order when accounts arrive between the pages, in any order", () => {
    const directory = new PositionDirectory();
    // 2,000 ids in a scrambled order (a multiplier coprime with 2,000), added in bursts between reads.
    const ids = Array.from({ length: 2_000 }, (_, index) => `K:${String((index * 7_919) % 2_000).padStart(4, "0")}`);
    const seen: string[] = [];
    let after = "";
    for (let burst = 0; burst < ids.length; burst += 150) {
      for (const id of ids.slice(burst, burst + 150)) directory.apply(published(id, 1, "1.0000"));
      directory.apply(published(ids[burst]!, 2, "2.0000")); // a change to a known account adds no id
      const page = directory.list({}, after, 100);
      seen.push(...page.entries.map((entry) => entry.accountId));
      if (page.entries.length > 0) after = page.entries.at(-1)!.accountId;
    }
    const all = directory.list({}, "", 5_000).entries.map((entry) => entry.accountId);
    expect(all).to.deep.equal([...ids].sort());
    // Each page went on from the last id read, in order, without a repeat.
    expect(seen).to.deep.equal([...new Set(seen)].sort());
    const watched: string[] = [];
    directory.apply(published("A:0", 1, "1.0000"));
    directory.watch({}, (entry) => watched.push(entry.accountId))();
    expect(watched).to.deep.equal(["A:0", ...all]);
  });

  it("a watch gets the matching entries first, then each later change in order, until it stops", () => {
    const directory = new PositionDirectory();
    directory.apply(published("B:1", 1, "1.0000"));
    directory.apply(published("B:2", 1, "2.0000"));
    const seen: string[] = [];
    const stop = directory.watch({ accountIds: new Set(["B:1"]) }, (entry: DirectoryEntry) =>
      seen.push(`${entry.accountId}@${entry.eventSeq}`),
    );
    directory.apply(published("B:2", 2, "3.0000"));
    directory.apply(published("B:1", 2, "4.0000"));
    directory.apply(published("B:1", 2, "4.0000"));
    stop();
    directory.apply(published("B:1", 3, "5.0000"));
    expect(seen).to.deep.equal(["B:1@1", "B:1@2"]);
    expect(directory.watcherCount).to.equal(0);
  });

  it("reads back every field of the event exactly, and keeps apart accounts whose headers differ in any part", () => {
    const directory = new PositionDirectory();
    const odd = { currency: "EUR", pool: 'a","b', status: "open" };
    const near = { currency: 'EUR","a', pool: "b", status: "open" };
    const amounts = {
      ledger: "-12.3400",
      frozen: "0.5",
      inTransitDebit: "100000000000000000000.0001",
      inTransitCredit: "0",
      available: "-112.8400",
    };
    directory.apply({
      actorId: "BANKDEFF:12:34",
      eventSeq: 7,
      commandId: "cmd-7",
      recordedAt: 1_765_000_000_123,
      event: {
        type: "entryRecorded",
        position: { ...amounts },
        account: odd,
      },
    });
    directory.apply(published("BANKDEFF:9", 1, "9.0000", near));
    directory.apply(published("OTHER:1", 1, "1.0000", { currency: "EUR", pool: "b", status: "closed" }));
    const entry = directory.get("BANKDEFF:12:34")!;
    const expected = {
      accountId: "BANKDEFF:12:34",
      bankCode: "BANKDEFF",
      accountNumber: "12:34",
      currency: "EUR",
      pool: 'a","b',
      status: "open",
      position: amounts,
      eventSeq: 7,
      recordedAt: 1_765_000_000_123,
      cause: "entryRecorded",
      commandId: "cmd-7",
    };
    expect(entry).to.deep.include(expected);
    expect(JSON.parse(JSON.stringify(entry)), "printed, an entry shows every field").to.deep.equal(expected);
    expect(directory.get("BANKDEFF:9")).to.deep.include({ currency: 'EUR","a', pool: "b", status: "open" });
    expect(directory.get("OTHER:1")).to.deep.include({
      bankCode: "OTHER",
      currency: "EUR",
      pool: "b",
      status: "closed",
    });
    expect(directory.membersOf('a","b', "EUR")).to.deep.equal(["BANKDEFF:12:34"]);
    expect(directory.membersOf("b", 'EUR","a')).to.deep.equal(["BANKDEFF:9"]);
  });

  it("refuses amounts that are not decimal numbers, a separator inside one included", () => {
    const directory = new PositionDirectory();
    for (const ledger of ["1|2", "1e5", "", " 1", "0x10", "NaN"]) {
      expect(directory.apply(published("B:1", 1, ledger)), ledger).to.equal(false);
    }
    expect([directory.size, directory.ignoredEvents]).to.deep.equal([0, 6]);
  });
});
