import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { PositionDirectory, type PublishedAccountEvent } from "../../read-models/position-directory.js";

const fields = ["ledger", "frozen", "inTransitDebit", "inTransitCredit", "available"] as const;

/** A small deterministic generator (mulberry32), so that a failure names its seed and replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The totals summed afresh from the directory's entries, as strings by `<pool>/<currency>`. */
function summed(directory: PositionDirectory): Record<string, Record<string, string>> {
  const totals: Record<string, Record<string, InstanceType<typeof Money>>> = {};
  for (const entry of directory.all()) {
    const sums = (totals[`${entry.pool}/${entry.currency}`] ??= Object.fromEntries(
      fields.map((f) => [f, new Money(0)]),
    ));
    for (const field of fields) sums[field] = sums[field]!.plus(entry.position[field]);
  }
  return Object.fromEntries(
    Object.entries(totals).map(([key, sums]) => [key, Object.fromEntries(fields.map((f) => [f, sums[f]!.toFixed()]))]),
  );
}

function kept(directory: PositionDirectory): Record<string, Record<string, string>> {
  return Object.fromEntries(
    [...directory.poolTotals.values()].map((total) => [
      `${total.pool}/${total.currency}`,
      Object.fromEntries(fields.map((f) => [f, total.sums[f].toFixed()])),
    ]),
  );
}

describe("pool totals kept by the position directory", () => {
  it("equal the sums over the entries after every event: changes, moves between pools, repeats and stale events", () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const directory = new PositionDirectory();
      const seqs = new Map<string, number>();
      for (let step = 0; step < 400; step++) {
        const actorId = `B:${Math.floor(next() * 30)}`;
        const seq = (seqs.get(actorId) ?? 0) + (next() < 0.1 ? 0 : 1);
        seqs.set(actorId, Math.max(seq, seqs.get(actorId) ?? 0));
        const amount = () => (next() < 0.3 ? "0.0000" : ((next() - 0.3) * 1e6).toFixed(4));
        const event: PublishedAccountEvent = {
          actorId,
          eventSeq: next() < 0.05 ? Math.max(1, seq - 2) : seq,
          commandId: `c-${step}`,
          recordedAt: step,
          event: {
            type: "entryRecorded",
            position: Object.fromEntries(fields.map((f) => [f, amount()])),
            account: { currency: next() < 0.5 ? "EUR" : "USD", pool: `p${Math.floor(next() * 3)}`, status: "open" },
          },
        };
        directory.apply(event);
        expect(kept(directory), `seed ${seed}, step ${step}`).to.deep.equal(summed(directory));
      }
    }
  });

  it("ignores an event whose amounts are not decimal numbers, and keeps the totals as they were", () => {
    const directory = new PositionDirectory();
    const position = {
      ledger: "10.0000",
      frozen: "0",
      inTransitDebit: "0",
      inTransitCredit: "0",
      available: "10.0000",
    };
    const account = { currency: "EUR", pool: "main", status: "open" };
    directory.apply({
      actorId: "B:1",
      eventSeq: 1,
      commandId: "c1",
      recordedAt: 1,
      event: { type: "x", position, account },
    });
    for (const ledger of ["1e3", "ten", "", "NaN", "Infinity", " 1"]) {
      const changed = directory.apply({
        actorId: "B:1",
        eventSeq: 2,
        commandId: "c2",
        recordedAt: 2,
        event: { type: "x", position: { ...position, ledger }, account },
      });
      expect(changed, ledger).to.equal(false);
    }
    expect(directory.ignoredEvents).to.equal(6);
    expect(directory.poolTotals.get("main/EUR")?.sums.ledger.toFixed()).to.equal("10");
  });
});
