import { expect } from "chai";
import { tallyKind } from "../../actors/tally/index.js";
import type { ReminderChanges } from "../../runtime/actor-kind.js";
import { ActorRecord } from "../../runtime/actor-record.js";
import type { JournalEntry } from "../../runtime/ports.js";

/** The next entry of `record`: one event, and the reminder changes given. */
function entryAfter(record: ActorRecord, commandId: string, reminders: ReminderChanges | null): JournalEntry {
  return {
    kind: "tally",
    actorId: record.actorId,
    seq: record.entrySeq + 1,
    firstEventSeq: record.eventSeq + 1,
    events: [{ type: "reminded", key: commandId, firedAt: 0 }],
    commandId,
    commandType: "remind",
    principal: "test",
    reply: {},
    reminders,
    recordedAt: 0,
  };
}

function reminder(key: string, dueAt: number) {
  return { key, dueAt, command: { type: "remind", payload: { key } } };
}

const dueTimes = (record: ActorRecord) => [...record.reminders.values()].map((pending) => pending.dueAt);

describe("actor record: a draft and its reminders", () => {
  it("a draft that sets or cancels reminders leaves the record it came from as it was", () => {
    const committed = ActorRecord.initial(tallyKind, "t1", 100);
    const first = committed.draft();
    first.applyEntry(entryAfter(first, "c1", { set: [reminder("a", 10), reminder("b", 20)] }));
    expect(dueTimes(committed), "the initial record keeps no reminder").to.deep.equal([]);
    expect(dueTimes(first)).to.deep.equal([10, 20]);

    // A draft of the draft shares its reminders until an entry changes them, then has its own.
    const second = first.draft();
    second.applyEntry(entryAfter(second, "c2", null));
    expect(second.reminders, "an entry without reminder changes copies nothing").to.equal(first.reminders);
    second.applyEntry(entryAfter(second, "c3", { cancel: ["a"], set: [reminder("c", 5)] }));
    expect(dueTimes(first), "the earlier draft keeps both reminders").to.deep.equal([10, 20]);
    expect(dueTimes(second)).to.deep.equal([20, 5]);
    expect(second.earliestReminder()?.key).to.equal("c");

    // An abandoned draft (its write failed) changes nothing either: the next one starts from the record.
    const abandoned = second.draft();
    abandoned.applyEntry(entryAfter(abandoned, "c4", { cancel: ["b", "c"] }));
    expect(dueTimes(second)).to.deep.equal([20, 5]);
    expect(dueTimes(abandoned)).to.deep.equal([]);
  });

  it("a record restored from a snapshot changes its own reminders, and a draft of it does not touch them", () => {
    const built = ActorRecord.initial(tallyKind, "t2", 100);
    built.applyEntry(entryAfter(built, "c1", { set: [reminder("a", 10)] }));
    const restored = ActorRecord.fromSnapshot(tallyKind, built.toSnapshot(0), 100);
    const draft = restored.draft();
    draft.applyEntry(entryAfter(draft, "c2", { cancel: ["a"] }));
    expect(dueTimes(restored)).to.deep.equal([10]);
    restored.applyEntry(entryAfter(restored, "c2", { set: [reminder("b", 30)] }));
    expect(dueTimes(restored)).to.deep.equal([10, 30]);
    expect(dueTimes(built), "the snapshot's source is not shared either").to.deep.equal([10]);
    expect(dueTimes(draft)).to.deep.equal([]);
  });
});
