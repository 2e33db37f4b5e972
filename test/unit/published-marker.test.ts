import { expect } from "chai";
import { silentLogger } from "../../runtime/logger.js";
import type { EntryRef, JournalStore } from "../../runtime/ports.js";
import { PublishedMarker } from "../../runtime/published-marker.js";

function recordingStore(): { store: JournalStore; written: EntryRef[][] } {
  const written: EntryRef[][] = [];
  const store = { markPublished: async (refs: readonly EntryRef[]) => void written.push([...refs]) } as unknown as JournalStore;
  return { store, written };
}

const ref = (seq: number): EntryRef => ({ kind: "tally", actorId: "a", seq, commandId: `c-${seq}` });

describe("published marker", () => {
  it("still writes marks after an empty mark, and flushed() resolves", async () => {
    const { store, written } = recordingStore();
    const marker = new PublishedMarker(store, silentLogger);
    marker.mark([]);
    await marker.flushed();
    marker.mark([ref(1), ref(2)]);
    await marker.flushed();
    expect(written).to.deep.equal([[ref(1), ref(2)]]);
  });

  it("batches marks made while a write is in flight, at most refsPerWriteMax per write", async () => {
    const { store, written } = recordingStore();
    const marker = new PublishedMarker(store, silentLogger, 2);
    for (let seq = 1; seq <= 5; seq++) marker.mark([ref(seq)]);
    await marker.flushed();
    expect(written.map((refs) => refs.map((entry) => entry.seq))).to.deep.equal([[1, 2], [3, 4], [5]]);
  });
});
