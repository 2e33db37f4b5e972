import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { ActorRef } from "../../runtime/ports.js";
import { RecentReplies } from "../../runtime/recent-replies.js";
import { sendTally } from "../support/tally.js";

describe("recent replies (repeats answered without a journal read)", () => {
  it("forgets the least recently stored reply first", () => {
    const replies = new RecentReplies(2);
    replies.remember("tally/a", "c1", { reply: 1, entrySeq: 1 });
    replies.remember("tally/a", "c2", { reply: 2, entrySeq: 2 });
    replies.remember("tally/b", "c1", { reply: 3, entrySeq: 1 });
    expect([replies.recall("tally/a", "c1"), replies.recall("tally/a", "c2")?.reply, replies.recall("tally/b", "c1")?.reply]).to.deep.equal([undefined, 2, 3]);
  });

  for (const [label, recentRepliesMax, lookups] of [
    ["within the bound: from memory", 100, 0],
    ["beyond the bound: from the journal, with the same answer", 1, 1],
  ] as const) {
    it(`answers a repeat ${label}`, async () => {
      const store = new MemoryActorStore();
      let journalLookups = 0;
      const find = store.findEntriesByCommandIds.bind(store);
      store.findEntriesByCommandIds = (actor: ActorRef, ids: readonly string[]) => {
        journalLookups++;
        return find(actor, ids);
      };
      const system = new ActorSystem({ kinds: [tallyKind], store, publisher: new MemoryEventBus(), limits: { recentRepliesMax } });
      try {
        const first = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        await sendTally(system, "t", "pay-2", "add", { amount: "2" });
        const repeat = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        expect(repeat).to.deep.equal({ ...first, duplicate: true });
        expect(journalLookups).to.equal(lookups);
      } finally {
        await system.stop();
      }
    });
  }
});
