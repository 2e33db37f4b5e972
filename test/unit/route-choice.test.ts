import { expect } from "chai";
import { chooseRoute, type RouteCandidate, type RouteQuery } from "../../actors/channel/route-choice.js";
import { Money } from "../../actors/shared/amount.js";
import { routeFinder } from "../../decisions/routes.js";
import { ChannelInMemory, type ChannelSetup } from "../support/channel-in-memory.js";

const at = (iso: string): number => Date.parse(iso);
const morning = at("2026-11-27T09:00:00Z");

/** Bank A: a cheap and a dear channel; bank B: a cheap one with a cut-off and a dear one without. UTC banks. */
const setups: Record<string, ChannelSetup> = {
  "A-cheap": { bankCode: "BANKA", speeds: { normal: { fee: "0.50", cutoff: "17:00" } } },
  "A-dear": {
    bankCode: "BANKA",
    speeds: { normal: { fee: "2.00", cutoff: "18:00" }, urgent: { fee: "9", cutoff: "18:00" } },
  },
  "B-cheap": { bankCode: "BANKB", speeds: { normal: { fee: "1.00", cutoff: "17:00" } } },
  "B-dear": { bankCode: "BANKB", speeds: { normal: { fee: "3.00", cutoff: "24:00" } } },
};

function channels(overrides: Record<string, Partial<ChannelSetup>> = {}, now = morning - 3_600_000) {
  return Object.fromEntries(
    Object.entries(setups).map(([id, setup]) => [
      id,
      ChannelInMemory.configured(id, { ...setup, ...overrides[id] }, now),
    ]),
  );
}

const query = (now: number, amount = "100", speed: RouteQuery["speed"] = "normal"): RouteQuery => ({
  currency: "EUR",
  speed,
  amount: new Money(amount),
  now,
});
const candidates = (all: Record<string, ChannelInMemory>, ids: string[], now: number): RouteCandidate[] =>
  ids.map((channelId) => ({ channelId, view: all[channelId]!.view(now) }));

/** The choice over bank A's channels (debit) and bank B's (credit) as their views read at `now`. */
function choose(
  all: Record<string, ChannelInMemory>,
  now: number,
  amount = "100",
  speed: RouteQuery["speed"] = "normal",
) {
  return chooseRoute(
    query(now, amount, speed),
    candidates(all, ["A-cheap", "A-dear"], now),
    candidates(all, ["B-cheap", "B-dear"], now),
  );
}

const verdicts = (choice: ReturnType<typeof chooseRoute>) =>
  Object.fromEntries(choice.considered.map((c) => [`${c.end} ${c.channelId}`, c.usable ? "usable" : c.reason]));

describe("route choice (actors/channel/route-choice.ts)", () => {
  it("takes the cheapest route, debit fee plus credit fee, and says what it considered", () => {
    const choice = choose(channels(), morning);
    expect(choice.chosen).to.deep.equal({
      debitChannel: "A-cheap",
      creditChannel: "B-cheap",
      fee: "1.5000",
      debitFee: "0.5000",
      creditFee: "1.0000",
      cutoff: "2026-11-27T17:00:00.000Z",
      cutoffAt: at("2026-11-27T17:00:00Z"),
    });
    expect(choice.nextWindowAt).to.equal(null);
    expect(choice.considered).to.deep.equal([
      {
        channelId: "A-cheap",
        end: "debit",
        usable: true,
        fee: "0.5000",
        cutoff: "2026-11-27T17:00:00.000Z",
        reason: "",
        usableAt: null,
      },
      {
        channelId: "A-dear",
        end: "debit",
        usable: true,
        fee: "2.0000",
        cutoff: "2026-11-27T18:00:00.000Z",
        reason: "",
        usableAt: null,
      },
      {
        channelId: "B-cheap",
        end: "credit",
        usable: true,
        fee: "1.0000",
        cutoff: "2026-11-27T17:00:00.000Z",
        reason: "",
        usableAt: null,
      },
      { channelId: "B-dear", end: "credit", usable: true, fee: "3.0000", cutoff: null, reason: "", usableAt: null },
    ]);
  });

  it("breaks a tie of fees by the order the candidates were given (the operator's preference)", () => {
    const all = channels({ "A-dear": { speeds: { normal: { fee: "0.50", cutoff: "18:00" } } } });
    const credit = candidates(all, ["B-cheap"], morning);
    expect(
      chooseRoute(query(morning), candidates(all, ["A-cheap", "A-dear"], morning), credit).chosen?.debitChannel,
    ).to.equal("A-cheap");
    expect(
      chooseRoute(query(morning), candidates(all, ["A-dear", "A-cheap"], morning), credit).chosen?.debitChannel,
    ).to.equal("A-dear");
  });

  it("skips a channel whose circuit is open, and says until when", () => {
    const all = channels();
    all["A-cheap"]!.openCircuit(morning - 10_000);
    const choice = choose(all, morning);
    expect(choice.chosen).to.include({ debitChannel: "A-dear", creditChannel: "B-cheap", fee: "3.0000" });
    const open = choice.considered[0]!;
    expect(open).to.include({ usable: false, reason: "its circuit is open until 2026-11-27T09:00:20.000Z" });
    expect(open.usableAt).to.equal(at("2026-11-27T09:00:20Z"));
    expect(choose(all, at("2026-11-27T09:00:20Z")).chosen?.debitChannel, "half-open by then: a trial may go").to.equal(
      "A-cheap",
    );
  });

  it("skips a half-open channel whose trial call is in flight", () => {
    const all = channels();
    const channel = all["A-cheap"]!;
    channel.openCircuit(morning - 60_000);
    channel.useLimit("1", morning - 10_000); // the trial call
    const choice = choose(all, morning);
    expect(choice.chosen?.debitChannel).to.equal("A-dear");
    expect(choice.considered[0]).to.include({
      reason: "its circuit is half-open and its 1 trial call(s) are in flight",
      usableAt: morning + 120_000,
    });
  });

  it("skips a channel past its cut-off for the speed, in the bank's local time", () => {
    const evening = at("2026-11-27T17:30:00Z");
    const choice = choose(channels(), evening);
    expect(choice.chosen).to.include({
      debitChannel: "A-dear",
      creditChannel: "B-dear",
      fee: "5.0000",
      cutoff: "2026-11-27T18:00:00.000Z",
    });
    expect(verdicts(choice)).to.deep.equal({
      "debit A-cheap": "the normal cut-off (17:00 local) has passed until 2026-11-28T00:00:00.000Z",
      "debit A-dear": "usable",
      "credit B-cheap": "the normal cut-off (17:00 local) has passed until 2026-11-28T00:00:00.000Z",
      "credit B-dear": "usable",
    });
    // "17:00" takes 16:59:59.999 and refuses 17:00:00, as acquire does.
    expect(choose(channels(), at("2026-11-27T16:59:59.999Z")).chosen?.debitChannel).to.equal("A-cheap");
    expect(choose(channels(), at("2026-11-27T17:00:00Z")).chosen?.debitChannel).to.equal("A-dear");
    // A bank at UTC+8: 17:30Z is 01:30 local the next day, before every cut-off.
    const east = channels({ "A-cheap": { utcOffsetMinutes: 480 } });
    expect(choose(east, evening).considered[0]).to.include({ usable: true, cutoff: "2026-11-28T09:00:00.000Z" });
  });

  it("finds no route while the target bank is in maintenance: nothing is usable, the window opens when it ends", () => {
    const window = [{ from: "2026-11-27T08:00:00Z", to: "2026-11-27T10:00:00Z" }];
    const all = channels({ "B-cheap": { maintenanceWindows: window }, "B-dear": { maintenanceWindows: window } });
    const choice = choose(all, morning);
    expect(choice.chosen, "no debit channel is taken when no credit channel can follow").to.equal(null);
    expect(verdicts(choice)).to.deep.equal({
      "debit A-cheap": "usable",
      "debit A-dear": "usable",
      "credit B-cheap": "it is in maintenance until 2026-11-27T10:00:00.000Z",
      "credit B-dear": "it is in maintenance until 2026-11-27T10:00:00.000Z",
    });
    expect(choice.nextWindowAt).to.equal(at("2026-11-27T10:00:00Z"));
  });

  it("counts the daily limit at the debit end only", () => {
    const all = channels({ "A-cheap": { dailyLimit: "1000" } });
    all["A-cheap"]!.useLimit("900", morning - 60_000);
    const choice = choose(all, morning, "200");
    expect(choice.chosen?.debitChannel).to.equal("A-dear");
    expect(choice.considered[0]).to.include({
      reason: "a debit of 200.0000 would take today's debits to 1100.0000, above its daily limit 1000.0000",
      usableAt: at("2026-11-28T00:00:00Z"),
    });
    expect(choose(all, morning, "100").chosen?.debitChannel, "what still fits is allowed").to.equal("A-cheap");
    // The same channel at the credit end of a transfer into bank A: crediting takes no limit.
    const credit = chooseRoute(
      query(morning, "200"),
      candidates(all, ["B-cheap"], morning),
      candidates(all, ["A-cheap"], morning),
    );
    expect(credit.chosen).to.include({ debitChannel: "B-cheap", creditChannel: "A-cheap" });
    // An amount above the whole limit never fits.
    const never = chooseRoute(
      query(morning, "5000"),
      candidates(all, ["A-cheap"], morning),
      candidates(all, ["B-cheap"], morning),
    );
    expect(never.considered[0]).to.include({
      reason: "5000.0000 is above its whole daily limit 1000.0000",
      usableAt: null,
    });
    expect(never.nextWindowAt).to.equal(null);
  });

  it("says why a channel that cannot carry the transfer at all is refused, and that no window opens for it", () => {
    const all = channels({ "B-cheap": { currency: "USD" } });
    all["unset"] = new ChannelInMemory("unset");
    const choice = chooseRoute(
      query(morning, "100", "urgent"),
      candidates(all, ["A-cheap", "A-dear"], morning),
      candidates(all, ["B-cheap", "B-dear", "unset"], morning),
    );
    expect(verdicts(choice)).to.deep.equal({
      "debit A-cheap": "it has no urgent speed (it has normal)",
      "debit A-dear": "usable",
      "credit B-cheap": "it moves USD, not EUR",
      "credit B-dear": "it has no urgent speed (it has normal)",
      "credit unset": "it has no configuration yet (the engine sends it at start)",
    });
    expect([choice.chosen, choice.nextWindowAt]).to.deep.equal([null, null]);
    expect(
      chooseRoute(query(morning), candidates(all, ["A-cheap"], morning), []).nextWindowAt,
      "no candidate at an end",
    ).to.equal(null);
  });

  describe("the next window", () => {
    it("is the next local midnight when every cut-off has passed", () => {
      const late = at("2026-11-27T22:00:00Z");
      const all = channels({ "A-dear": { utcOffsetMinutes: 60 } });
      const choice = choose(all, late);
      expect(choice.chosen).to.equal(null);
      // A-dear's day (UTC+1) starts at 23:00Z, B-dear never closes: the route A-dear + B-dear opens first.
      expect(choice.nextWindowAt).to.equal(at("2026-11-27T23:00:00Z"));
    });

    it("steps over a daily maintenance that starts the new day", () => {
      const late = at("2026-11-27T22:00:00Z");
      const all = channels({
        "A-cheap": { dailyMaintenance: [{ from: "23:50", to: "00:10" }] },
        "A-dear": { dailyMaintenance: [{ from: "23:50", to: "00:10" }] },
      });
      expect(choose(all, late).nextWindowAt).to.equal(at("2026-11-28T00:10:00Z"));
    });

    it("waits for both ends together: the later of an open circuit and a maintenance", () => {
      const all = channels({
        "B-cheap": { maintenanceWindows: [{ from: "2026-11-27T08:00:00Z", to: "2026-11-27T09:30:00Z" }] },
        "B-dear": { maintenanceWindows: [{ from: "2026-11-27T08:00:00Z", to: "2026-11-27T09:45:00Z" }] },
        "A-dear": { breaker: { openForMs: 7_200_000 } },
      });
      all["A-cheap"]!.openCircuit(morning - 1_000);
      all["A-dear"]!.openCircuit(morning - 1_000);
      const choice = choose(all, morning);
      expect(choice.chosen).to.equal(null);
      expect(choice.nextWindowAt, "A-cheap half-opens at 09:00:29, B-cheap leaves maintenance at 09:30").to.equal(
        at("2026-11-27T09:30:00Z"),
      );
    });

    it("does not open a route whose ends are never open at the same time", () => {
      // The debit end works until 17:00; the credit end is in maintenance until 17:30 today: tomorrow at midnight.
      const all = channels({
        "B-cheap": { maintenanceWindows: [{ from: "2026-11-27T08:00:00Z", to: "2026-11-27T17:30:00Z" }] },
      });
      const choice = chooseRoute(
        query(morning),
        candidates(all, ["A-cheap"], morning),
        candidates(all, ["B-cheap"], morning),
      );
      expect(choice.nextWindowAt).to.equal(at("2026-11-28T00:00:00Z"));
    });

    it("is the next local day for a daily limit used up", () => {
      const all = channels({ "A-cheap": { dailyLimit: "100", utcOffsetMinutes: -300 } });
      all["A-cheap"]!.useLimit("100", morning - 60_000);
      const choice = chooseRoute(
        query(morning, "50"),
        candidates(all, ["A-cheap"], morning),
        candidates(all, ["B-dear"], morning),
      );
      // 09:00Z is 04:00 at UTC-5: the bank's next day starts at 05:00Z.
      expect(choice.nextWindowAt).to.equal(at("2026-11-28T05:00:00Z"));
    });
  });

  it("is the planner's route finder too: the same route, and the route of the next window for a move that must wait", () => {
    const window = [{ from: "2026-11-27T08:00:00Z", to: "2026-11-27T10:00:00Z" }];
    const all = channels({ "B-cheap": { maintenanceWindows: window } });
    const read = Object.entries(all).map(([channelId, channel]) => ({
      channelId,
      bankCode: setups[channelId]!.bankCode,
      view: channel.view(morning),
    }));
    const find = routeFinder(read, "EUR", morning);
    expect(find("BANKA:1", "BANKB:1", "normal", new Money("100")).chosen).to.include({
      debitChannel: "A-cheap",
      creditChannel: "B-dear",
      fee: "3.5000",
    });
    const blocked = routeFinder(
      read.filter((channel) => channel.channelId !== "B-dear"),
      "EUR",
      morning,
    )("BANKA:1", "BANKB:1", "normal", new Money("100"));
    // None now: the route that opens at the next window, for a plan that waits for it.
    expect(blocked.nextWindowAt).to.equal(at("2026-11-27T10:00:00Z"));
    expect(blocked.startsAt).to.equal(at("2026-11-27T10:00:00Z"));
    expect(blocked.chosen).to.include({ debitChannel: "A-cheap", creditChannel: "B-cheap", fee: "1.5000" });
    expect(blocked.considered.map((channel) => channel["reason"])).to.include(
      "it is in maintenance until 2026-11-27T10:00:00.000Z",
    );
  });
});
