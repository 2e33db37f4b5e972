import { expect } from "chai";
import type { ActorStore, JournalEntry } from "../../runtime/ports.js";

/** The ActorStore contract (ADR 001), run against every adapter: same cases, same outcomes. */
export function describeActorStoreContract(adapterName: string, open: () => Promise<ActorStore>): void {
  describe(`ActorStore contract: ${adapterName}`, () => {
    let store: ActorStore;
    let actorCounter = 0;
    let actorId: string;
    const ref = () => ({ kind: "tally", actorId });
    const entry = (seq: number, commandId = `cmd-${seq}`, overrides: Partial<JournalEntry> = {}): JournalEntry => ({
      kind: "tally",
      actorId,
      seq,
      firstEventSeq: seq,
      events: [{ type: "added", amount: "1.0001", total: String(seq) }],
      commandId,
      commandType: "add",
      principal: "test",
      reply: { total: String(seq) },
      reminders: null,
      recordedAt: 1_000 + seq,
      ...overrides,
    });

    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });
    beforeEach(() => {
      actorId = `actor-${Date.now()}-${actorCounter++}`;
    });

    it("appends entries and reads them back in sequence order, after a given seq, up to a limit", async () => {
      expect(await store.append([{ entries: [entry(1), entry(2), entry(3)] }])).to.deep.equal(["written"]);
      const all = await store.readEntries(ref(), 0, 10);
      expect(all.map((e) => e.seq)).to.deep.equal([1, 2, 3]);
      expect(all[0]).to.deep.equal(entry(1));
      expect((await store.readEntries(ref(), 1, 1)).map((e) => e.seq)).to.deep.equal([2]);
    });

    it("reads a tail longer than one query's window exactly, from any point, up to any limit", async () => {
      const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
      expect(await store.append([{ entries: seqs(1, 300).map((seq) => entry(seq)) }])).to.deep.equal(["written"]);
      const read = async (after: number, limit: number) =>
        (await store.readEntries(ref(), after, limit)).map((found) => found.seq);
      expect(await read(0, 1_000)).to.deep.equal(seqs(1, 300));
      expect(await read(5, 20)).to.deep.equal(seqs(6, 25));
      expect(await read(15, 258)).to.deep.equal(seqs(16, 273));
      expect(await read(290, 100)).to.deep.equal(seqs(291, 300));
      expect(await read(300, 100)).to.deep.equal([]);
    });

    it("round-trips an entry's trace and its reminders' traces (ADR 009); an entry without one reads back without one", async () => {
      const trace = {
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        spanId: "00f067aa0ba902b7",
        parentSpanId: "b7ad6b7169203331",
        flags: 1,
      };
      const reminder = { key: "k", dueAt: 5_000, command: { type: "remind", payload: { key: "k" } }, trace };
      const traced = entry(2, "cmd-2", { trace, reminders: { set: [reminder] } });
      await store.append([{ entries: [entry(1), traced] }]);
      const [first, second] = await store.readEntries(ref(), 0, 10);
      expect(first).to.deep.equal(entry(1));
      expect(first).to.not.have.property("trace");
      expect(second).to.deep.equal(traced);
      expect((await store.findEntriesByCommandIds(ref(), ["cmd-2"]))[0]?.trace).to.deep.equal(trace);
    });

    it("fences: a second entry with the same (actor, seq) is refused, earlier batches stand, later ones are skipped", async () => {
      const other = { ...ref(), actorId: `${actorId}-other` };
      await store.append([{ entries: [entry(1)] }]);
      const outcomes = await store.append([
        { entries: [{ ...entry(1, "x-1"), actorId: other.actorId }] },
        { entries: [entry(2, "y-2"), entry(1, "y-1")] },
        { entries: [{ ...entry(2, "z-2"), actorId: other.actorId }] },
      ]);
      expect(outcomes).to.deep.equal(["written", "uncertain", "skipped"]);
      expect((await store.readEntries(ref(), 0, 10)).map((e) => e.commandId)).to.deep.equal(["cmd-1", "y-2"]);
      expect((await store.readEntries(other, 0, 10)).map((e) => e.commandId)).to.deep.equal(["x-1"]);
    });

    it("keeps a command id unique per actor forever: a repeat at a new seq is refused", async () => {
      await store.append([{ entries: [entry(1, "once")] }]);
      expect(await store.append([{ entries: [entry(2, "once")] }])).to.deep.equal(["uncertain"]);
      expect(await store.readEntries(ref(), 0, 10)).to.have.length(1);
      const found = await store.findEntriesByCommandIds(ref(), ["once", "never"]);
      expect(found.map((e) => e.seq)).to.deep.equal([1]);
    });

    it("finds every actor with an entry recorded since a time, once each (recovery)", async () => {
      // Times far above the other cases' entries, distinct per run, so the shared database does not interfere.
      const base = 4e12 + actorCounter * 1_000;
      const other = { kind: "tally", actorId: `${actorId}-other` };
      await store.append([
        {
          entries: [
            entry(1, "old", { recordedAt: base - 10 }),
            entry(2, "mid", { recordedAt: base + 5 }),
            entry(3, "new", { recordedAt: base + 9 }),
          ],
        },
        { entries: [{ ...entry(1, "o-1", { recordedAt: base + 7 }), ...other }] },
      ]);
      const found = (await store.findActorsRecordedSince(base)).filter((actor) => actor.actorId.startsWith(actorId));
      // Each actor once, with its earliest entry at or after the time asked (what it may still owe the bus).
      expect(found.sort((a, b) => a.actorId.localeCompare(b.actorId))).to.deep.equal([
        { ...ref(), earliestRecordedAt: base + 5 },
        { ...other, earliestRecordedAt: base + 7 },
      ]);
      expect(
        (await store.findActorsRecordedSince(base + 8)).filter((actor) => actor.actorId.startsWith(actorId)),
      ).to.deep.equal([{ ...ref(), earliestRecordedAt: base + 9 }]);
      expect(
        (await store.findActorsRecordedSince(base + 10)).filter((actor) => actor.actorId.startsWith(actorId)),
      ).to.deep.equal([]);
      // A window: its upper bound is exclusive, and the earliest entry is the earliest in the window.
      const window = async (since: number, before: number) =>
        (await store.findActorsRecordedSince(since, before))
          .filter((actor) => actor.actorId.startsWith(actorId))
          .sort((a, b) => a.actorId.localeCompare(b.actorId));
      expect(await window(base, base + 7)).to.deep.equal([{ ...ref(), earliestRecordedAt: base + 5 }]);
      expect(await window(base + 6, base + 10)).to.deep.equal([
        { ...ref(), earliestRecordedAt: base + 9 },
        { ...other, earliestRecordedAt: base + 7 },
      ]);
      expect(await window(base - 10, base + 5)).to.deep.equal([{ ...ref(), earliestRecordedAt: base - 10 }]);
      expect(await window(base + 10, base + 1_000)).to.deep.equal([]);
    });

    it("keeps a publication checkpoint per partition; a save changes only the partitions it names", async () => {
      const [a, b, c] = [3_000 + actorCounter, 1_000 + actorCounter, 2_000 + actorCounter];
      expect(await store.loadPublicationCheckpoints([a, b, c])).to.deep.equal(new Map());
      await store.savePublicationCheckpoints([b, c], 111);
      await store.savePublicationCheckpoints([c], 222);
      expect(await store.loadPublicationCheckpoints([a, b, c])).to.deep.equal(
        new Map([
          [b, 111],
          [c, 222],
        ]),
      );
    });

    it("keeps the newest snapshot: an older one never overwrites it", async () => {
      const snapshot = (entrySeq: number) => ({
        kind: "tally",
        actorId,
        entrySeq,
        eventSeq: entrySeq,
        state: { total: String(entrySeq), additions: entrySeq, reminded: [] },
        recentCommandIds: [`cmd-${entrySeq}`],
        reminders: [],
        takenAt: entrySeq,
      });
      expect(await store.loadSnapshot(ref())).to.equal(null);
      await store.saveSnapshot(snapshot(5));
      await store.saveSnapshot(snapshot(3));
      expect(await store.loadSnapshot(ref())).to.deep.equal(snapshot(5));
      await store.saveSnapshot(snapshot(9));
      expect((await store.loadSnapshot(ref()))?.entrySeq).to.equal(9);
    });

    it("indexes reminders per actor and finds due ones in the owned partitions only", async () => {
      await store.setReminderIndex({ ...ref(), partition: 3, dueAt: 500 });
      await store.setReminderIndex({ ...ref(), partition: 3, dueAt: 400 });
      expect(await store.findDueReminders([3], 450, 100)).to.deep.include({ ...ref(), partition: 3, dueAt: 400 });
      expect(await store.findDueReminders([4], 450, 100)).to.not.deep.include({ ...ref(), partition: 3, dueAt: 400 });
      expect(await store.findDueReminders([3], 399, 100)).to.not.deep.include({ ...ref(), partition: 3, dueAt: 400 });
      await store.clearReminderIndex(ref());
      expect(await store.findDueReminders([3], 10_000, 100)).to.not.deep.include({
        ...ref(),
        partition: 3,
        dueAt: 400,
      });
    });
  });
}
