import { expect } from "chai";
import { BoundedMap } from "../../runtime/bounded-map.js";

describe("BoundedMap", () => {
  it("evicts the entry stored longest ago beyond its capacity", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("c", 3);
    expect([...map.keys()]).to.deep.equal(["b", "c"]);
    expect(map.get("a")).to.equal(undefined);
    expect(map.get("c")).to.equal(3);
  });

  it("makes a key stored again the newest", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 10);
    map.set("c", 3);
    expect([...map.keys()]).to.deep.equal(["a", "c"]);
    expect(map.get("a")).to.equal(10);
  });

  it("stores nothing with a capacity of 0", () => {
    const map = new BoundedMap<string, number>(0);
    map.set("a", 1);
    expect(map.size).to.equal(0);
  });

  it("keeps the same entries, in the same order, as a plain map trimmed from its start, through many rehashes", () => {
    const capacity = 1_000;
    const map = new BoundedMap<number, number>(capacity);
    const model = new Map<number, number>();
    // A fixed pseudo-random walk: new keys, keys stored again, keys deleted (a linear congruential generator).
    let state = 12_345;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    let next = 0;
    for (let step = 0; step < 50_000; step++) {
      const roll = random();
      const key = roll < 0.6 ? next++ : Math.floor(random() * next);
      if (roll < 0.9) {
        map.set(key, step);
        model.delete(key);
        model.set(key, step);
        while (model.size > capacity) model.delete(model.keys().next().value!);
      } else {
        expect(map.delete(key)).to.equal(model.delete(key));
      }
    }
    expect([...map.keys()]).to.deep.equal([...model.keys()]);
    expect(map.size).to.equal(capacity);
    for (const [key, value] of model) expect(map.get(key)).to.equal(value);
  });
});
