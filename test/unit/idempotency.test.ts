import { expect } from "chai";
import { seededRandom } from "../../simulator/prng.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem, type ActorSystemOptions } from "../../runtime/actor-system.js";
import { errorBody } from "../../runtime/errors.js";
import {
  answerFromJournal,
  BatchRepeats,
  fingerprintOf,
  RecentCommandIds,
  RecentReplies,
  type RepeatableCommand,
} from "../../runtime/idempotency.js";
import type { Json } from "../../runtime/json.js";
import type { Reply } from "../../runtime/messages.js";
import { noopMetrics, type ActorRef, type AppendBatch, type JournalEntry } from "../../runtime/ports.js";
import { eventually, sendTally } from "../support/tally.js";

/** A tally `add` waiting for its reply, parsed as the runtime parses it; `replies` collects what it is answered. */
function pendingAdd(commandId: string, amount: string, replies: Reply[] = []): RepeatableCommand {
  const parsed = tallyKind.parseCommand("add", { amount });
  if (!parsed.ok) throw new Error(parsed.message);
  return { request: { commandId, type: "add" }, command: parsed.command, resolve: (reply) => replies.push(reply) };
}

/** A journal entry of tally `t` as the runtime writes it (no events: only the idempotency fields matter here). */
function journalEntry(
  commandId: string,
  seq: number,
  reply: Json,
  commandFingerprint?: string,
  actorId = "t",
): JournalEntry {
  return {
    kind: "tally",
    actorId,
    seq,
    firstEventSeq: 1,
    events: [],
    commandId,
    commandType: "add",
    ...(commandFingerprint !== undefined && { commandFingerprint }),
    principal: "test",
    reply,
    reminders: null,
    recordedAt: 0,
  };
}

/** Counts journal writes; while `hold` is set, the first write waits for it, so later commands queue for one batch. */
function watchAppends(store: MemoryActorStore, hold?: Promise<void>): { count: () => number } {
  let appends = 0;
  const append = store.append.bind(store);
  store.append = async (batches: readonly AppendBatch[]) => {
    if (appends++ === 0 && hold) await hold;
    return append(batches);
  };
  return { count: () => appends };
}

describe("idempotency (ADR 001 §8)", () => {
  const systems: ActorSystem[] = [];
  const make = (
    store = new MemoryActorStore(),
    limits: ActorSystemOptions["limits"] = {},
    options: Partial<ActorSystemOptions> = {},
  ) => {
    const system = new ActorSystem({
      kinds: [tallyKind],
      store,
      publisher: new MemoryEventBus(),
      limits: { reminderPollIntervalMs: 20, ...limits },
      ...options,
    });
    systems.push(system);
    return { system, store };
  };
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop()));
  });
  const totalOf = async (system: ActorSystem, actorId: string) =>
    ((await system.inspect({ kind: "tally", actorId })).state as { total: { toFixed(): string } }).total.toFixed();

  describe("detecting a repeat", () => {
    it("tells a first sighting from a repeat earlier in the batch and from a repeat of an accepted command", () => {
      const window = RecentCommandIds.empty(10);
      window.remember("old");
      const repeats = new BatchRepeats(window);
      expect(repeats.detect("a", 0)).to.equal(undefined);
      // Deciding `a` puts it in the draft's window; it still counts as earlier in this batch, with its reply index.
      window.remember("a");
      expect(repeats.detect("old", 1)).to.deep.equal({ of: "accepted" });
      expect(repeats.detect("a", 1)).to.deep.equal({ of: "earlier_in_batch", firstIndex: 0 });
      expect(repeats.detect("b", 1)).to.equal(undefined);
      expect(repeats.detect("b", 2)).to.deep.equal({ of: "earlier_in_batch", firstIndex: 1 });
    });

    it("answers a repeated command id with the original outcome and appends nothing", async () => {
      const { system, store } = make();
      const first = await sendTally(system, "a", "same", "add", { amount: "5" });
      const second = await sendTally(system, "a", "same", "add", { amount: "5.00" });
      expect(first).to.deep.equal({ ok: true, commandId: "same", result: { total: "5" }, entrySeq: 1 });
      expect(second).to.deep.equal({ ...first, duplicate: true });
      // The same id with another payload is not a retry (the cases under "answering a repeat" cover every path).
      expect(await sendTally(system, "a", "same", "add", { amount: "7" })).to.deep.include({ ok: false });
      expect(await store.readEntries({ kind: "tally", actorId: "a" }, 0, 10)).to.have.length(1);
    });

    it("marks a repeat decided in the same batch as its original a duplicate, and records it once", async () => {
      // Hold the journal write of a first command, so that both deliveries wait in the mailbox for the same next batch.
      let release!: () => void;
      const store = new MemoryActorStore();
      const appends = watchAppends(store, new Promise<void>((resolve) => (release = resolve)));
      const { system } = make(store);
      const opening = sendTally(system, "b", "opening", "add", { amount: "1" });
      await eventually("the first write held", () => appends.count() === 1);
      const both = Promise.all([
        sendTally(system, "b", "twice", "add", { amount: "5" }),
        sendTally(system, "b", "twice", "add", { amount: "5" }),
      ]);
      release();
      await opening;
      const [first, second] = await both;
      expect(appends.count(), "the two deliveries written in one batch").to.equal(2);
      expect(first).to.deep.equal({ ok: true, commandId: "twice", result: { total: "6" }, entrySeq: 2 });
      expect(second).to.deep.equal({ ...first, duplicate: true });
      expect(await store.readEntries({ kind: "tally", actorId: "b" }, 0, 10)).to.have.length(2);
    });

    it("gives a repeat in the same batch of a rejected or read-only command the same reply, unmarked, and refuses other content", async () => {
      let release!: () => void;
      const store = new MemoryActorStore();
      const appends = watchAppends(store, new Promise<void>((resolve) => (release = resolve)));
      const batchSizes: number[] = [];
      const { system } = make(
        store,
        {},
        { metrics: { ...noopMetrics, turn: (_kind, _seconds, commands) => batchSizes.push(commands) } },
      );
      const opening = sendTally(system, "c", "opening", "add", { amount: "1" });
      await eventually("the first write held", () => appends.count() === 1);
      const batch = Promise.all([
        sendTally(system, "c", "take", "add", { amount: "-3" }),
        sendTally(system, "c", "take", "add", { amount: "-3.0" }),
        sendTally(system, "c", "look", "get"),
        sendTally(system, "c", "look", "get"),
        sendTally(system, "c", "take", "add", { amount: "-4" }),
      ]);
      release();
      await opening;
      const [rejected, rejectedAgain, read, readAgain, reused] = await batch;
      expect(batchSizes, "one batch for the opening, one for the five").to.deep.equal([1, 5]);
      expect(rejected.ok ? undefined : rejected.error.code).to.equal("total_would_go_negative");
      expect(rejectedAgain).to.deep.equal(rejected);
      expect(read).to.deep.include({ ok: true, commandId: "look" }).and.not.have.any.keys("entrySeq", "duplicate");
      expect(readAgain).to.deep.equal(read);
      expect(reused.ok ? undefined : reused.error.code).to.equal("command_id_reused");
      expect(await store.readEntries({ kind: "tally", actorId: "c" }, 0, 10)).to.have.length(1);
    });
  });

  describe("answering a repeat", () => {
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
        const { system } = make(store, { recentRepliesMax });
        const first = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        await sendTally(system, "t", "pay-2", "add", { amount: "2" });
        const repeat = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        expect(repeat).to.deep.equal({ ...first, duplicate: true });
        expect(journalLookups).to.equal(lookups);
      });
    }

    for (const [label, recentRepliesMax, together] of [
      ["sent together", 100, true],
      ["from memory", 100, false],
      ["from the journal", 1, false],
    ] as const) {
      it(`refuses a command id reused for a different command (${label}), applies nothing, and still answers the true retry`, async () => {
        const { system } = make(new MemoryActorStore(), { recentRepliesMax });
        const original = sendTally(system, "t", "pay-1", "add", { amount: "1.50" });
        if (!together) await original;
        const forged = sendTally(system, "t", "pay-1", "add", { amount: "9" });
        if (!together) await sendTally(system, "t", "pay-2", "add", { amount: "2" });
        expect(await forged).to.deep.include({ ok: false, commandId: "pay-1" });
        expect((await forged).ok ? "" : ((await forged) as { error: { code: string } }).error.code).to.equal(
          "command_id_reused",
        );
        const retry = await sendTally(system, "t", "pay-1", "add", { amount: "1.5" });
        expect(retry, "1.50 and 1.5 are the same amount: a retry").to.deep.include({ ok: true, duplicate: true });
        expect(await totalOf(system, "t")).to.equal(together ? "1.5" : "3.5");
      });
    }

    it("answers from the journal: duplicate only for entries before the write being checked, reused id refused, unknown ids left", async () => {
      const store = new MemoryActorStore();
      const fingerprint = fingerprintOf(pendingAdd("any", "1"));
      await store.append([
        {
          entries: [
            journalEntry("c1", 1, { total: "1" }, fingerprint),
            journalEntry("c2", 2, { total: "2" }, fingerprint),
          ],
        },
      ]);
      const replies: Reply[] = [];
      const commands = [
        pendingAdd("c1", "1.0", replies),
        pendingAdd("c2", "1", replies),
        pendingAdd("c1", "2", replies),
        pendingAdd("c3", "1", replies),
      ];
      const rest = await answerFromJournal(store, { kind: "tally", actorId: "t" }, commands, 1);
      expect(rest).to.deep.equal([commands[3]]);
      expect(replies).to.deep.equal([
        { ok: true, commandId: "c1", result: { total: "1" }, entrySeq: 1, duplicate: true },
        // Written by the write being checked (its outcome was uncertain): the original reply.
        { ok: true, commandId: "c2", result: { total: "2" }, entrySeq: 2 },
        { ok: false, commandId: "c1", error: errorBody("command_id_reused") },
      ]);
    });

    it("takes any repeat of an entry written before fingerprints existed for a retry (from memory and from the journal)", async () => {
      const store = new MemoryActorStore();
      const stored = journalEntry("old", 1, { total: "5" });
      await store.append([{ entries: [stored] }]);
      const recent = new RecentReplies(10);
      recent.remember(stored);
      const replies: Reply[] = [];
      expect(recent.answer({ kind: "tally", actorId: "t" }, [pendingAdd("old", "9", replies)])).to.deep.equal([]);
      expect(
        await answerFromJournal(store, { kind: "tally", actorId: "t" }, [pendingAdd("old", "9", replies)], 1),
      ).to.deep.equal([]);
      const expected = { ok: true, commandId: "old", result: { total: "5" }, entrySeq: 1, duplicate: true };
      expect(replies).to.deep.equal([expected, expected]);
    });

    it("keeps the fingerprint journaled entries carry: type and parsed command, amounts normalized, keys sorted", () => {
      // Values written by the code that journaled today's entries: a change here would refuse their true retries.
      const parsed = (type: string, payload: Json) => {
        const result = tallyKind.parseCommand(type, payload);
        if (!result.ok) throw new Error(result.message);
        return fingerprintOf({ request: { commandId: "x", type }, command: result.command, resolve: () => {} });
      };
      expect(parsed("add", { amount: "1.50" })).to.equal("vO3DSC775Bx5ASGk795gv0");
      expect(parsed("add", { amount: "1.5" })).to.equal("vO3DSC775Bx5ASGk795gv0");
      expect(parsed("schedule", { dueAt: 1700000000000, key: "wake" })).to.equal("_JAeT1QI29rYR_qHtMj5j0");
      expect(parsed("get", {})).to.equal("PWOFJ0xEUkNShVejIKekd7");
    });
  });

  describe("remembering an accepted command: bounds and snapshots", () => {
    it("forgets the least recently stored reply first", () => {
      const replies = new RecentReplies(2);
      replies.remember(journalEntry("c1", 1, 1, undefined, "a"));
      replies.remember(journalEntry("c2", 2, 2, undefined, "a"));
      replies.remember(journalEntry("c1", 1, 3, undefined, "b"));
      const recall = (actorId: string, commandId: string): Reply | undefined => {
        const answered: Reply[] = [];
        replies.answer({ kind: "tally", actorId }, [pendingAdd(commandId, "1", answered)]);
        return answered[0];
      };
      const resultOf = (reply: Reply | undefined) => (reply?.ok ? reply.result : undefined);
      expect([recall("a", "c1"), resultOf(recall("a", "c2")), resultOf(recall("b", "c1"))]).to.deep.equal([
        undefined,
        2,
        3,
      ]);
      expect(replies.size).to.equal(2);
    });

    it("keeps an actor's last N accepted ids, oldest first, and a draft's copy apart from the committed window", () => {
      const window = RecentCommandIds.empty(3);
      for (const id of ["a", "b", "c", "d"]) window.remember(id);
      expect(window.toSnapshot()).to.deep.equal(["b", "c", "d"]);
      expect(window.has("a")).to.equal(false);
      window.remember("b");
      expect(window.toSnapshot(), "an id already in the window keeps its place").to.deep.equal(["b", "c", "d"]);
      const draft = window.clone();
      draft.remember("e");
      expect(draft.toSnapshot()).to.deep.equal(["c", "d", "e"]);
      expect(window.toSnapshot(), "a discarded draft leaves the window as it was").to.deep.equal(["b", "c", "d"]);
    });

    it("agrees with a plain list of the last N ids through random remembers, drafts kept and drafts discarded", () => {
      // The model: the window as a plain array, copied whole for every draft.
      const remembered = (model: string[], id: string, capacity: number) =>
        model.includes(id) ? model : [...model, id].slice(-capacity);
      const random = seededRandom(20_261_207);
      for (const capacity of [1, 2, 3, 63, 64, 65, 130, 1_000]) {
        let committed = RecentCommandIds.empty(capacity);
        let model: string[] = [];
        for (let batch = 0; batch < 40; batch++) {
          const draft = committed.clone();
          let draftModel = model;
          // Batches of up to 2.5 windows, ids drawn from a pool three windows wide: repeats in and out of the window.
          const size = Math.floor(random.next() * capacity * 2.5) + 1;
          for (let step = 0; step < size; step++) {
            const id = `c${Math.floor(random.next() * capacity * 3)}`;
            expect(draft.has(id), `capacity ${capacity}: has ${id}`).to.equal(draftModel.includes(id));
            draft.remember(id);
            draftModel = remembered(draftModel, id, capacity);
          }
          expect(draft.toSnapshot(), `capacity ${capacity}: the draft`).to.deep.equal(draftModel);
          expect(committed.toSnapshot(), `capacity ${capacity}: the committed window under a draft`).to.deep.equal(
            model,
          );
          // Two batches in three commit; the third is discarded (a failed write), and the next draft starts over.
          if (random.next() < 0.67) [committed, model] = [draft, draftModel];
        }
        const restored = RecentCommandIds.fromSnapshot(capacity, committed.toSnapshot());
        expect(restored.toSnapshot()).to.deep.equal(model);
        for (let id = 0; id < capacity * 3; id++) expect(restored.has(`c${id}`)).to.equal(model.includes(`c${id}`));
      }
    });

    it("restores the window from its snapshot form, keeping the newest ids when the bound was lowered", () => {
      const saved = RecentCommandIds.empty(4);
      for (const id of ["a", "b", "c", "d"]) saved.remember(id);
      const restored = RecentCommandIds.fromSnapshot(4, saved.toSnapshot());
      expect(restored.toSnapshot()).to.deep.equal(["a", "b", "c", "d"]);
      const narrower = RecentCommandIds.fromSnapshot(2, saved.toSnapshot());
      expect(narrower.toSnapshot()).to.deep.equal(["c", "d"]);
      expect([narrower.has("b"), narrower.has("c")]).to.deep.equal([false, true]);
      narrower.remember("e");
      expect(narrower.toSnapshot()).to.deep.equal(["d", "e"]);
    });

    it("answers a repeat beyond the in-memory window from the journal's unique key, once", async () => {
      const { system, store } = make(new MemoryActorStore(), { commandIdWindowSize: 2 });
      await sendTally(system, "w", "old", "add", { amount: "1" });
      for (let index = 0; index < 5; index++) await sendTally(system, "w", `n-${index}`, "add", { amount: "1" });
      const repeat = await sendTally(system, "w", "old", "add", { amount: "1" });
      expect(repeat).to.deep.include({ ok: true, duplicate: true, entrySeq: 1 });
      const { entrySeq } = await system.inspect({ kind: "tally", actorId: "w" });
      expect(entrySeq).to.equal(6);
      expect(await store.readEntries({ kind: "tally", actorId: "w" }, 0, 10)).to.have.length(6);
    });

    it("snapshots the window as recentCommandIds, and a restarted node detects a repeat from it without a write", async () => {
      const store = new MemoryActorStore();
      const { system } = make(store, { snapshotEveryEvents: 3, commandIdWindowSize: 2 });
      for (let index = 0; index < 3; index++) await sendTally(system, "s", `s-${index}`, "add", { amount: "1" });
      await eventually("a snapshot", async () => (await store.loadSnapshot({ kind: "tally", actorId: "s" })) !== null);
      const snapshot = await store.loadSnapshot({ kind: "tally", actorId: "s" });
      expect(snapshot).to.deep.include({ entrySeq: 3, recentCommandIds: ["s-1", "s-2"] });
      await system.stop();
      // The journal has no tail after the snapshot: the window can come only from it.
      const appends = watchAppends(store);
      const restarted = make(store, { commandIdWindowSize: 2 }).system;
      const repeat = await sendTally(restarted, "s", "s-2", "add", { amount: "1" });
      expect(repeat).to.deep.equal({
        ok: true,
        commandId: "s-2",
        result: { total: "3" },
        entrySeq: 3,
        duplicate: true,
      });
      expect(appends.count(), "detected from the restored window, not by a collision in the journal").to.equal(0);
      expect(await totalOf(restarted, "s")).to.equal("3");
    });
  });
});
