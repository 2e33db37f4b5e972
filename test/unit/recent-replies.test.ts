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
    replies.remember("tally/a", "c1", { reply: 1, entrySeq: 1, fingerprint: undefined });
    replies.remember("tally/a", "c2", { reply: 2, entrySeq: 2, fingerprint: undefined });
    replies.remember("tally/b", "c1", { reply: 3, entrySeq: 1, fingerprint: undefined });
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

  for (const [label, recentRepliesMax, together] of [
    ["sent together", 100, true],
    ["from memory", 100, false],
    ["from the journal", 1, false],
  ] as const) {
    it(`refuses a command id reused for a different command (${label}), applies nothing, and still answers the true retry`, async () => {
      const system = new ActorSystem({ kinds: [tallyKind], store: new MemoryActorStore(), publisher: new MemoryEventBus(), limits: { recentRepliesMax } });
      try {
        const original = sendTally(system, "t", "pay-1", "add", { amount: "1.50" });
        if (!together) await original;
        const forged = sendTally(system, "t", "pay-1", "add", { amount: "9" });
        if (!together) await sendTally(system, "t", "pay-2", "add", { amount: "2" });
        expect(await forged).to.deep.include({ ok: false, commandId: "pay-1" });
        expect((await forged).ok ? "" : (await forged as { error: { code: string } }).error.code).to.equal("command_id_reused");
        const retry = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        expect(retry, "1.50 and 1.5 are the same amount: a retry").to.deep.include({ ok: true, duplicate: true });
        const total = (await system.inspect({ kind: "tally", actorId: "t" })).state as { total: { toFixed(): string } };
        expect(total.total.toFixed()).to.equal(together ? "1.5" : "3.5");
      } finally {
        await system.stop();
      }
    });
  }
});
