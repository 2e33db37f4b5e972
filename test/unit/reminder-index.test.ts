import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorRecord } from "../../runtime/actor-record.js";
import { ActorSystem, type ActorSystemOptions } from "../../runtime/actor-system.js";
import type { ActorRef, AppendBatch, AppendOutcome, ReminderIndexEntry } from "../../runtime/ports.js";
import { eventually, sendTally } from "../support/tally.js";

const hour = 3_600_000;

/** A memory store that records every reminder-index write and can hold journal appends at a gate. */
class RecordingStore extends MemoryActorStore {
  readonly indexWrites: Array<number | "cleared"> = [];
  polls = 0;
  gate: Promise<void> | undefined;

  override async setReminderIndex(entry: ReminderIndexEntry): Promise<void> {
    this.indexWrites.push(entry.dueAt);
    await super.setReminderIndex(entry);
  }

  override async clearReminderIndex(actor: ActorRef): Promise<void> {
    this.indexWrites.push("cleared");
    await super.clearReminderIndex(actor);
  }

  override async findDueReminders(
    partitions: readonly number[],
    dueBefore: number,
    limit: number,
  ): Promise<ReminderIndexEntry[]> {
    this.polls++;
    return super.findDueReminders(partitions, dueBefore, limit);
  }

  override async append(batches: readonly AppendBatch[]): Promise<AppendOutcome[]> {
    await this.gate;
    return super.append(batches);
  }
}

/** A memory store whose reminder-index writes land one event-loop turn after they are asked for. */
class SlowIndexStore extends MemoryActorStore {
  override async setReminderIndex(entry: ReminderIndexEntry): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await super.setReminderIndex(entry);
  }

  override async clearReminderIndex(actor: ActorRef): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await super.clearReminderIndex(actor);
  }
}

/** The index document's due time for an actor: undefined when there is none. */
async function indexed(store: MemoryActorStore, system: ActorSystem, actorId: string): Promise<number | undefined> {
  const all = await store.findDueReminders(system.ownedPartitions, Number.MAX_SAFE_INTEGER, 10_000);
  return all.find((entry) => entry.kind === "tally" && entry.actorId === actorId)?.dueAt;
}

/** The earliest pending reminder the journal holds for an actor (replayed the way an activation does). */
async function journaledEarliest(store: MemoryActorStore, actorId: string): Promise<number | undefined> {
  const record = ActorRecord.initial(tallyKind, actorId, 1_000);
  for (const entry of await store.readEntries({ kind: "tally", actorId }, 0, 100_000)) record.applyEntry(entry);
  return record.earliestReminder()?.dueAt;
}

function schedule(system: ActorSystem, actorId: string, commandId: string, key: string, dueAt: number) {
  return sendTally(system, actorId, commandId, "schedule", { key, dueAt });
}

describe("reminder index (ADR 001 §7)", () => {
  const systems: ActorSystem[] = [];
  const make = (store: MemoryActorStore, limits: ActorSystemOptions["limits"] = {}): ActorSystem => {
    const system = new ActorSystem({ kinds: [tallyKind], store, publisher: new MemoryEventBus(), limits });
    systems.push(system);
    return system;
  };
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop(100)));
  });

  it("writes nothing while an active actor's earliest reminder moves later, and tidies it once before passivation", async () => {
    const store = new RecordingStore();
    const system = make(store);
    const now = Date.now();
    await schedule(system, "later", "s1", "a", now + 1 * hour);
    await schedule(system, "later", "s2", "a", now + 2 * hour);
    await schedule(system, "later", "s3", "a", now + 3 * hour);
    expect(store.indexWrites).to.deep.equal([now + 1 * hour]);
    // Earlier than the index: intent first, before the journal write.
    await schedule(system, "later", "s4", "a", now + hour / 2);
    await schedule(system, "later", "s5", "a", now + 4 * hour);
    expect(store.indexWrites).to.deep.equal([now + 1 * hour, now + hour / 2]);
    expect(await indexed(store, system, "later")).to.equal(now + hour / 2);

    expect(system.passivate({ kind: "tally", actorId: "later" })).to.equal(false);
    await eventually("the actor passivated after its tidy-up", () =>
      system.passivate({ kind: "tally", actorId: "later" }),
    );
    expect(store.indexWrites).to.deep.equal([now + 1 * hour, now + hour / 2, now + 4 * hour]);
    expect(await indexed(store, system, "later")).to.equal(now + 4 * hour);
  });

  it("removes the document as soon as the last reminder is gone, while the actor stays active", async () => {
    const store = new RecordingStore();
    const system = make(store);
    const dueAt = Date.now() + 30;
    await schedule(system, "once", "s1", "a", dueAt);
    // The timer fires it; the entry that consumes it leaves no reminder, and the document goes with it.
    await eventually("the document removed", async () => (await indexed(store, system, "once")) === undefined);
    expect(store.indexWrites).to.deep.equal([dueAt, "cleared"]);
    expect(system.activeCount).to.equal(1);
    const { state } = await system.inspect({ kind: "tally", actorId: "once" });
    expect((state as { reminded: string[] }).reminded).to.deep.equal(["a"]);
  });

  it("tidies the index of every idle actor when the system stops", async () => {
    const store = new RecordingStore();
    const system = make(store);
    const now = Date.now();
    await schedule(system, "x", "s1", "a", now + hour);
    await schedule(system, "x", "s2", "a", now + 2 * hour);
    await schedule(system, "y", "s1", "a", now + hour);
    await sendTally(system, "z", "a1", "add", { amount: "1" });
    await system.stop();
    expect(await indexed(store, system, "x")).to.equal(now + 2 * hour);
    expect(await indexed(store, system, "y")).to.equal(now + hour);
    expect(store.indexWrites).to.have.length(3);
  });

  it("tidies a stale document the poller finds due while the actor is active, once", async () => {
    const store = new RecordingStore();
    const system = make(store, { reminderPollIntervalMs: 10 });
    const dueSoon = Date.now() + 50;
    await schedule(system, "active", "s1", "a", dueSoon);
    const later = Date.now() + hour;
    await schedule(system, "active", "s2", "a", later);
    expect(store.indexWrites).to.deep.equal([dueSoon]);
    system.start();
    await eventually("the stale document tidied", async () => (await indexed(store, system, "active")) === later);
    const polls = store.polls;
    await eventually("three more polls", () => store.polls >= polls + 3);
    expect(store.indexWrites).to.deep.equal([dueSoon, later]);
    const { state } = await system.inspect({ kind: "tally", actorId: "active" });
    expect((state as { reminded: string[] }).reminded).to.deep.equal([]);
  });

  it("clears a leftover document of an actor without reminders when the poller finds it", async () => {
    const store = new RecordingStore();
    await store.setReminderIndex({ kind: "tally", actorId: "leftover", partition: 0, dueAt: Date.now() - 1 });
    store.indexWrites.length = 0;
    const system = make(store, { reminderPollIntervalMs: 10 });
    await sendTally(system, "leftover", "a1", "add", { amount: "1" });
    system.start();
    await eventually("the leftover cleared", async () => (await indexed(store, system, "leftover")) === undefined);
    expect(store.indexWrites).to.deep.equal(["cleared"]);
  });

  it("never tidies while a batch is being written: the index stays no later than the batch's reminders", async () => {
    const store = new RecordingStore();
    const system = make(store, { reminderPollIntervalMs: 10 });
    const dueSoon = Date.now() + 30;
    await schedule(system, "busy", "s1", "a", dueSoon);
    await schedule(system, "busy", "s2", "a", Date.now() + 2 * hour);
    let open: () => void = () => {};
    store.gate = new Promise((resolve) => (open = resolve));
    const batchReminder = Date.now() + hour;
    const written = schedule(system, "busy", "s3", "b", batchReminder);
    system.start();
    const polls = store.polls;
    // The poller finds the stale document due while the write of `b` is held.
    await eventually("the stale document due and polled", () => store.polls >= polls + 3 && Date.now() > dueSoon);
    const heldIndex = await indexed(store, system, "busy");
    expect(heldIndex).to.be.at.most(batchReminder);
    open();
    expect((await written).ok).to.equal(true);
    await eventually("tidied after the batch", async () => (await indexed(store, system, "busy")) === batchReminder);
  });

  it("keeps the index no later than the journal's earliest reminder at any crash point", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 30; run++) {
      // Index writes land a turn of the event loop later than asked: a write made after the journal write would show.
      const store = new SlowIndexStore();
      const system = make(store);
      const now = Date.now();
      const crashAfter = 1 + Math.floor(random() * 40);
      let replies = 0;
      let atCrash: Promise<[number | undefined, number | undefined]> | undefined;
      const sends = Array.from({ length: 40 }, (_, index) =>
        schedule(system, "c", `s${index}`, `k${index % 5}`, now + Math.floor(random() * 10 * hour)).then(() => {
          // The crash: what the store holds at this instant (both read in one synchronous step) is what a node finds.
          if (++replies === crashAfter)
            atCrash = Promise.all([indexed(store, system, "c"), journaledEarliest(store, "c")]);
        }),
      );
      await Promise.all(sends);
      const [index, earliest] = await atCrash!;
      expect(earliest, `run ${run}`).to.be.a("number");
      expect(index, `run ${run}: the index at the crash`).to.be.a("number").and.at.most(earliest!);
    }
  });
});
