import { expect } from "chai";
import { RecentMap } from "../../actors/shared/recent-map.js";

/** A plain Map trimmed from its start beyond `capacity`: what RecentMap must equal, version after version. */
function setTrimmed(model: Map<string, number>, key: string, value: number, capacity: number): void {
  model.set(key, value);
  for (const oldest of model.keys()) {
    if (model.size <= capacity) break;
    model.delete(oldest);
  }
}

describe("RecentMap", () => {
  it("keeps the last keys set, oldest first, and drops the oldest beyond its capacity", () => {
    let map = RecentMap.empty<string>(3);
    for (const key of ["a", "b", "c", "d"]) map = map.with(key, key.toUpperCase());
    expect([...map]).to.deep.equal([
      ["b", "B"],
      ["c", "C"],
      ["d", "D"],
    ]);
    expect(map.has("a")).to.equal(false);
    expect(map.get("d")).to.equal("D");
    expect(map.size).to.equal(3);
  });

  it("never changes a version: the one a `with` started from keeps its keys", () => {
    let map = RecentMap.empty<number>(100);
    for (let key = 0; key < 100; key++) map = map.with(`k${key}`, key);
    const before = map;
    const after = map.with("new", 1);
    expect(before.has("k0")).to.equal(true);
    expect(before.has("new")).to.equal(false);
    expect(after.has("k0")).to.equal(false);
    expect(after.get("new")).to.equal(1);
    expect([...before]).to.have.length(100);
  });

  it("sets a key that is there in its place, as Map.set does", () => {
    const map = RecentMap.of(10, [
      ["a", 1],
      ["b", 2],
    ]).with("a", 3);
    expect([...map]).to.deep.equal([
      ["a", 3],
      ["b", 2],
    ]);
  });

  it("leaves out a key without changing the version it started from, and gives itself back for a key not there", () => {
    const map = RecentMap.of(
      100,
      Array.from({ length: 70 }, (_, index) => [`k${index}`, index] as const),
    );
    const without = map.without("k3");
    expect(without.has("k3")).to.equal(false);
    expect(without.size).to.equal(69);
    expect(without.keys()).to.deep.equal(map.keys().filter((key) => key !== "k3"));
    expect(map.get("k3")).to.equal(3);
    expect(map.without("absent")).to.equal(map);
  });

  it("is, built from entries at once, the map that setting them one by one gives, and goes on the same way", () => {
    for (const count of [0, 1, 63, 64, 65, 128, 999, 1_000, 1_001, 1_500]) {
      const entries = Array.from({ length: count }, (_, index) => [`e${index}`, index] as const);
      let folded = RecentMap.empty<number>(1_000);
      for (const [key, value] of entries) folded = folded.with(key, value);
      let built = RecentMap.of(1_000, entries);
      expect([...built], `${count} entries`).to.deep.equal([...folded]);
      for (let index = 0; index < 100; index++) {
        folded = folded.with(`more${index}`, index);
        built = built.with(`more${index}`, index);
      }
      expect([...built], `${count} entries and 100 more`).to.deep.equal([...folded]);
      expect(built.size).to.equal(folded.size);
    }
  });

  it("restores the newest entries when given more than its capacity", () => {
    const map = RecentMap.of(
      2,
      ["a", "b", "c"].map((key, index) => [key, index] as const),
    );
    expect([...map.keys()]).to.deep.equal(["b", "c"]);
  });

  for (const capacity of [1, 5, 63, 64, 65, 1_000]) {
    it(`equals a plain map trimmed from its start at every version (capacity ${capacity}, 20,000 steps, keys set again after they left)`, () => {
      let map = RecentMap.empty<number>(capacity);
      const model = new Map<string, number>();
      let state = 4_242 + capacity;
      const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const versions: Array<[RecentMap<number>, Map<string, number>]> = [];
      for (let step = 0; step < 20_000; step++) {
        // Mostly new keys; some set again while present, some after they left (ids are reused rarely but can be).
        const roll = random();
        const key = roll < 0.8 ? `n${step}` : `n${Math.floor(random() * step)}`;
        map = map.with(key, step);
        setTrimmed(model, key, step, capacity);
        if (step % 997 === 0) versions.push([map, new Map(model)]);
        expect(map.size).to.equal(model.size);
        const probe = `n${Math.floor(random() * (step + 1))}`;
        expect(map.has(probe), probe).to.equal(model.has(probe));
        expect(map.get(probe), probe).to.equal(model.get(probe));
      }
      for (const [version, expected] of versions) expect([...version]).to.deep.equal([...expected]);
    });
  }
});
