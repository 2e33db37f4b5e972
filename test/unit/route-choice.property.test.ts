import { expect } from "chai";
import fc from "fast-check";
import {
  chooseRoute,
  type RouteCandidate,
  type RouteChoice,
  type RouteQuery,
} from "../../actors/channel/route-choice.js";
import { Money } from "../../actors/shared/amount.js";
import type { Json } from "../../runtime/json.js";
import { ChannelInMemory } from "../support/channel-in-memory.js";

const start = Date.parse("2026-11-27T06:00:00Z");
const hourMs = 3_600_000;

const speedTerms: fc.Arbitrary<{ fee: string; cutoff: string }> = fc.record({
  fee: fc.constantFrom("0", "0.50", "1.00", "2.50"),
  cutoff: fc.constantFrom("09:30", "17:00", "24:00"),
});

/** A channel's configuration and what happened to it: limit used at the start, failures (an open circuit) later. */
const channelArbitrary = fc.record({
  currency: fc.constantFrom("EUR", "EUR", "EUR", "USD"),
  utcOffsetMinutes: fc.constantFrom(-300, 0, 60, 480),
  speeds: fc.record({ normal: speedTerms, urgent: speedTerms }, { requiredKeys: [] }),
  dailyLimit: fc.constantFrom("100", "1000", "1000000"),
  dailyMaintenance: fc.constantFrom<Json>([], [{ from: "23:30", to: "00:30" }], [{ from: "03:00", to: "04:00" }]),
  maintenanceHours: fc.option(fc.tuple(fc.integer({ min: -2, max: 30 }), fc.integer({ min: 1, max: 12 }))),
  openForMs: fc.constantFrom(1_000, hourMs),
  used: fc.constantFrom("0", "50", "99", "600"),
  failures: fc.integer({ min: 0, max: 6 }),
  failedAfterMs: fc.integer({ min: 0, max: 40 * hourMs }),
});
type ChannelCase = typeof channelArbitrary extends fc.Arbitrary<infer T> ? T : never;

const caseArbitrary = fc.record({
  debits: fc.array(channelArbitrary, { minLength: 1, maxLength: 2 }),
  credits: fc.array(channelArbitrary, { minLength: 1, maxLength: 2 }),
  nowAfterMs: fc.integer({ min: 0, max: 40 * hourMs }),
  amount: fc.constantFrom("1", "50", "150", "2000"),
  speed: fc.constantFrom<RouteQuery["speed"]>("normal", "urgent"),
});

/** The channel as its actor would hold it at `now`; failures happen no later than `now`. */
function channelOf(id: string, spec: ChannelCase, now: number): ChannelInMemory {
  const speeds = Object.keys(spec.speeds).length === 0 ? { normal: { fee: "1", cutoff: "24:00" } } : spec.speeds;
  const window = spec.maintenanceHours && {
    from: new Date(start + spec.maintenanceHours[0] * hourMs).toISOString(),
    to: new Date(start + (spec.maintenanceHours[0] + spec.maintenanceHours[1]) * hourMs).toISOString(),
  };
  const channel = ChannelInMemory.configured(
    id,
    {
      bankCode: "BANK",
      currency: spec.currency,
      speeds: speeds as Json,
      utcOffsetMinutes: spec.utcOffsetMinutes,
      dailyLimit: spec.dailyLimit,
      dailyMaintenance: spec.dailyMaintenance,
      maintenanceWindows: window ? [window] : [],
      breaker: { openForMs: spec.openForMs },
    },
    start,
  );
  const speed = Object.keys(speeds)[0]!;
  if (spec.used !== "0")
    channel.send(
      "acquire",
      { transferId: "used", step: "debit", amount: spec.used, currency: spec.currency, speed },
      start,
    );
  if (spec.failures > 0) channel.openCircuit(start + Math.min(spec.failedAfterMs, now - start), spec.failures);
  return channel;
}

describe("route choice: properties", () => {
  it("agrees with the channels' own acquire, takes the cheapest usable route, and its next window is the first one", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const now = start + c.nowAfterMs;
        const debitChannels = c.debits.map((spec, index) => channelOf(`D${index}`, spec, now));
        const creditChannels = c.credits.map((spec, index) => channelOf(`C${index}`, spec, now));
        const byId = new Map([...debitChannels, ...creditChannels].map((channel) => [channel.channelId, channel]));
        const debitCandidates: RouteCandidate[] = debitChannels.map((ch) => ({
          channelId: ch.channelId,
          view: ch.view(now),
        }));
        const creditCandidates: RouteCandidate[] = creditChannels.map((ch) => ({
          channelId: ch.channelId,
          view: ch.view(now),
        }));
        const choiceAt = (when: number): RouteChoice =>
          chooseRoute(
            { currency: "EUR", speed: c.speed, amount: new Money(c.amount), now: when },
            debitCandidates,
            creditCandidates,
          );
        const allows = (channelId: string, end: "debit" | "credit", when: number) =>
          byId.get(channelId)!.allows(end, c.amount, "EUR", c.speed, when);

        const choice = choiceAt(now);
        for (const considered of choice.considered) {
          expect(considered.usable, `${considered.end} ${considered.channelId}: ${considered.reason}`).to.equal(
            allows(considered.channelId, considered.end, now),
          );
          expect(considered.reason === "").to.equal(considered.usable);
        }
        const usableDebits = choice.considered.filter((x) => x.end === "debit" && x.usable);
        const usableCredits = choice.considered.filter((x) => x.end === "credit" && x.usable);
        const fees = usableDebits.flatMap((d) => usableCredits.map((cr) => new Money(d.fee!).plus(cr.fee!)));
        if (fees.length === 0) {
          expect(choice.chosen).to.equal(null);
        } else {
          const { chosen } = choice;
          expect(chosen).to.not.equal(null);
          expect(new Money(chosen!.fee).equals(new Money(chosen!.debitFee).plus(chosen!.creditFee))).to.equal(true);
          expect(fees.every((fee) => fee.greaterThanOrEqualTo(chosen!.fee))).to.equal(true);
          expect(choice.nextWindowAt).to.equal(null);
        }

        if (choice.chosen === null && choice.nextWindowAt !== null) {
          const next = choice.nextWindowAt;
          expect(next).to.be.greaterThan(now);
          const opened = choiceAt(next).chosen;
          expect(opened, "a route is usable when the window opens").to.not.equal(null);
          expect(allows(opened!.debitChannel, "debit", next) && allows(opened!.creditChannel, "credit", next)).to.equal(
            true,
          );
          expect(choiceAt(next - 1).chosen, "and not a millisecond before").to.equal(null);
        }
        if (choice.chosen === null && choice.nextWindowAt === null) {
          for (const later of [now + 24 * hourMs, now + 7 * 24 * hourMs])
            expect(choiceAt(later).chosen, "no window ever opens").to.equal(null);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of the candidates when their fees differ", () => {
    fc.assert(
      fc.property(caseArbitrary, fc.boolean(), (c, reverse) => {
        const now = start + c.nowAfterMs;
        const read = (specs: ChannelCase[], prefix: string): RouteCandidate[] =>
          specs.map((spec, index) => {
            const distinctFee = { fee: `${index + 1}.${prefix === "D" ? "1" : "2"}`, cutoff: "24:00" };
            const channel = channelOf(
              `${prefix}${index}`,
              { ...spec, speeds: { normal: distinctFee, urgent: distinctFee } },
              now,
            );
            return { channelId: channel.channelId, view: channel.view(now) };
          });
        const debits = read(c.debits, "D");
        const credits = read(c.credits, "C");
        const query = { currency: "EUR", speed: c.speed, amount: new Money(c.amount), now };
        const forward = chooseRoute(query, debits, credits);
        const shuffled = chooseRoute(query, reverse ? [...debits].reverse() : debits, [...credits].reverse());
        expect(shuffled.chosen).to.deep.equal(forward.chosen);
        expect(shuffled.nextWindowAt).to.equal(forward.nextWindowAt);
      }),
      { numRuns: 150 },
    );
  });
});
