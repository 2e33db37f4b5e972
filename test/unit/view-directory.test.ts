import { expect } from "chai";
import { ViewDirectory, type PublishedEvent } from "../../read-models/view-directory.js";

interface NameView {
  readonly id: string;
  readonly name: string;
}

function published(actorId: string, eventSeq: number, event: PublishedEvent["event"]): PublishedEvent {
  return { actorId, eventSeq, commandId: `c${eventSeq}`, recordedAt: eventSeq, event };
}

function directory(): ViewDirectory<NameView> {
  return new ViewDirectory<NameView>(({ actorId, event }) => {
    if (event["type"] === "deleted") return null;
    return typeof event["name"] === "string" ? { id: actorId, name: event["name"] } : undefined;
  });
}

describe("ViewDirectory", () => {
  it("keeps the view of the highest event sequence and ignores repeats and older events", () => {
    const views = directory();
    expect(views.apply(published("b", 2, { name: "two" }))).to.equal(true);
    expect(views.apply(published("b", 1, { name: "one" }))).to.equal(false);
    expect(views.apply(published("b", 2, { name: "again" }))).to.equal(false);
    expect(views.get("b")).to.deep.equal({ id: "b", name: "two" });
  });

  it("lists in id order with paging and a filter, and forgets a deleted actor", () => {
    const views = directory();
    for (const id of ["c", "a", "d", "b"]) views.apply(published(id, 1, { name: id.toUpperCase() }));
    views.apply(published("c", 2, { type: "deleted" }));
    const first = views.list(() => true, "", 2);
    expect(first.views.map((view) => view.id)).to.deep.equal(["a", "b"]);
    expect(first.more).to.equal(true);
    const second = views.list(() => true, first.lastId, 2);
    expect(second.views.map((view) => view.id)).to.deep.equal(["d"]);
    expect(second.more).to.equal(false);
    expect(views.list((view) => view.name !== "B", "", 10).views.map((view) => view.id)).to.deep.equal(["a", "d"]);
    expect(views.size).to.equal(3);
    expect(views.get("c")).to.equal(undefined);
  });

  it("counts events without a view and leaves the directory as it was", () => {
    const views = directory();
    views.apply(published("a", 1, { name: "A" }));
    expect(views.apply(published("a", 2, { other: 1 }))).to.equal(false);
    expect(views.ignoredEvents).to.equal(1);
    expect(views.get("a")).to.deep.equal({ id: "a", name: "A" });
  });

  it("watch gives the current views, then every change in order", () => {
    const views = directory();
    views.apply(published("a", 1, { name: "A" }));
    const seen: Array<[string, string | null]> = [];
    const stop = views.watch((id, view) => seen.push([id, view?.name ?? null]));
    views.apply(published("b", 1, { name: "B" }));
    views.apply(published("a", 2, { type: "deleted" }));
    stop();
    views.apply(published("b", 2, { name: "B2" }));
    expect(seen).to.deep.equal([
      ["a", "A"],
      ["b", "B"],
      ["a", null],
    ]);
  });
});
