import { expect } from "chai";
import { Decimal } from "decimal.js";
import { accountKind } from "../../actors/account/index.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { EventPublisher } from "../../runtime/ports.js";
import { preloadHistory, spreadHistory } from "../bench/history-preload.js";
import { eventually } from "../support/tally.js";

const nullPublisher: EventPublisher = {
  publish: async () => {},
  lastPublishedEventSeq: async () => 0,
  close: async () => {},
};

/** The ledger the history gives account entry `1..entries - 1` (history-preload.ts's amounts), computed apart. */
function expectedLedger(entries: number): string {
  let sum = new Decimal(0);
  for (let index = 1; index < entries; index++) {
    sum =
      index % 4 === 3
        ? sum.minus(1)
        : sum.plus(10 + (index % 500)).plus(new Decimal((index * 7_919) % 10_000).div(10_000));
  }
  return sum.toFixed(4);
}

describe("benchmark history preload", () => {
  it("journals entries and snapshots the engine activates, continues and answers repeats from", async () => {
    const store = new MemoryActorStore();
    const heavy = { bankCode: "HEAVY", accountNumber: "1", entries: 1_201 };
    const report = await preloadHistory(store, [heavy, ...spreadHistory("HIST", 25, 2)], {
      snapshotEveryEvents: 500,
      // Smaller than a chunk of the heavy account's: its entries are split over writes, in order.
      writeEntriesMax: 300,
      writesInFlightMax: 2,
      partitionCount: 4,
    });
    expect([report.actors, report.entries, report.snapshots]).to.deep.equal([3, 1_226, 2]);
    expect((await store.loadSnapshot({ kind: "account", actorId: "HEAVY:1" }))?.entrySeq).to.equal(1_000);
    expect((await store.readEntries({ kind: "account", actorId: "HIST:1" }, 0, 100)).length).to.equal(12);
    expect((await store.loadPublicationCheckpoints([0, 1, 2, 3])).size).to.equal(4);

    const system = new ActorSystem({
      kinds: [accountKind],
      store,
      publisher: nullPublisher,
      limits: { partitionCount: 4 },
    });
    system.start();
    try {
      await eventually("recovered", () => system.recovered, 5_000, 10);
      const state = await system.inspect({ kind: "account", actorId: "HEAVY:1" });
      expect([state.entrySeq, state.eventSeq]).to.deep.equal([1_201, 1_201]);
      const get = await system.dispatch({
        kind: "account",
        actorId: "HEAVY:1",
        commandId: "get-1",
        type: "get",
        payload: {},
        principal: "test",
      });
      expect(get.ok && (get.result as { position: { ledger: string } }).position.ledger).to.equal(
        expectedLedger(1_201),
      );
      // A retry of the history's last command is the same command: answered as a duplicate, not a reused id.
      const repeat = await system.dispatch({
        kind: "account",
        actorId: "HEAVY:1",
        commandId: "entry:h1200",
        type: "recordEntry",
        payload: { entryId: "h1200", direction: "credit", amount: "210.2800", currency: "EUR" },
        principal: "test",
      });
      expect(repeat).to.include({ ok: true, duplicate: true, entrySeq: 1_201 });
      const next = await system.dispatch({
        kind: "account",
        actorId: "HEAVY:1",
        commandId: "entry:live-1",
        type: "recordEntry",
        payload: { entryId: "live-1", direction: "credit", amount: "1.0000", currency: "EUR" },
        principal: "test",
      });
      expect(next).to.include({ ok: true, entrySeq: 1_202 });
    } finally {
      await system.stop();
    }
  });

  it("spreads entries over accounts, each at least its open", () => {
    expect(spreadHistory("H", 7, 3).map((account) => account.entries)).to.deep.equal([3, 2, 2]);
    expect(() => spreadHistory("H", 2, 3)).to.throw(RangeError);
  });
});
