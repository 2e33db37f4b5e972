import { expect } from "chai";
import type { Decimal } from "decimal.js";
import fc from "fast-check";
import { ruleOf } from "../../actors/planner/plan.js";
import { Money } from "../../actors/shared/amount.js";
import { account, movesOf, plan, planFor, planningNow, poolRule, speedOf, total } from "../support/planning.js";

describe("planner", () => {
  it("tops an account below low warning up from the pool by the expression's amount, at normal speed", () => {
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" } })];
    const result = planFor([account("A:1", 4000), account("B:2", 30000)], rules);
    expect(movesOf(result)).to.deep.equal(["B:2→A:1 6000.0000 normal"]);
    const decision = result.decisions[0]!;
    expect(decision).to.include({ ruleId: "pool", tier: "warning", mode: "AUTO", expressionValue: "6000.0000" });
    expect(decision.values).to.include({ available: "4000.0000", target: "10000.0000" });
  });

  it("below low danger the top-up is urgent", () => {
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" } })];
    expect(speedOf(planFor([account("A:1", 500), account("B:2", 30000)], rules))).to.equal("urgent");
  });

  it("rounds the need up to the step and holds it to the rule's minimum and maximum", () => {
    const make = (change: Record<string, string>) => [
      poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"], ...change }),
    ];
    const accounts = [account("A:1", "4000.5"), account("B:2", 90000)];
    expect(movesOf(planFor(accounts, make({ roundingStep: "100" })))).to.deep.equal(["B:2→A:1 6000.0000 normal"]);
    expect(movesOf(planFor(accounts, make({ minimum: "7000" })))).to.deep.equal(["B:2→A:1 7000.0000 normal"]);
    expect(movesOf(planFor(accounts, make({ maximum: "2000" })))).to.deep.equal(["B:2→A:1 2000.0000 normal"]);
  });

  it("never takes a source below its own low warning, and reports the shortfall", () => {
    const rules = [
      poolRule("pool", { scope: { pool: "main", currency: "EUR" } }),
      poolRule("b", { scope: { account: "B:2" }, lowWarning: "8000", target: "9000", lowDanger: "100" }),
    ];
    const result = planFor([account("A:1", 4000), account("B:2", 11000)], rules);
    expect(movesOf(result)).to.deep.equal(["B:2→A:1 3000.0000 normal"]);
    expect(result.decisions[0]!.shortfall.toFixed(4)).to.equal("3000.0000");
  });

  it("serves rules by priority when the pool cannot cover both needs", () => {
    const rules = [
      poolRule("first", { scope: { account: "A:1" }, priority: 1 }),
      poolRule("second", { scope: { account: "C:3" }, priority: 2 }),
    ];
    const result = planFor([account("A:1", 4000), account("C:3", 4000), account("B:2", 8000)], rules);
    expect(movesOf(result)).to.deep.equal(["B:2→A:1 6000.0000 normal", "B:2→C:3 2000.0000 normal"]);
    expect(result.decisions.map((d) => [d.ruleId, d.shortfall.toFixed(0)])).to.deep.equal([
      ["first", "0"],
      ["second", "4000"],
    ]);
  });

  it("never takes from an account that is itself short", () => {
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" } })];
    const result = planFor([account("A:1", 4000), account("C:3", 3000)], rules);
    expect(movesOf(result)).to.deep.equal([]);
    expect(total(result.decisions.map((d) => d.shortfall)).toFixed(0)).to.equal("13000");
  });

  it("plans nothing for an account with a plan pending, and says so", () => {
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" } })];
    const pending = plan({ from: "B:2", to: "A:1", pending: true, amount: new Money(500) });
    const result = planFor([account("A:1", 4000), account("B:2", 30000)], rules, { plans: [pending] });
    expect(result.decisions).to.deep.equal([]);
    expect(result.idle[0]!.note).to.match(/still pending/);
  });

  it("stops a rule that would send money back inside its window", () => {
    const rules = [
      poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"] }),
      poolRule("b", { scope: { account: "B:2" }, sources: ["A:1"] }),
    ];
    const moved = plan({ from: "B:2", to: "A:1", ruleId: "a" });
    const result = planFor([account("A:1", 30000), account("B:2", 4000)], rules, { plans: [moved] });
    expect(movesOf(result)).to.deep.equal([]);
    expect(result.decisions[0]!.trip).to.match(/moved 1000\.0000 B:2 → A:1/);
  });

  it("a stopped rule stays stopped until a new version", () => {
    const result = planFor(
      [account("A:1", 4000), account("B:2", 30000)],
      [poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"] }, 3)],
      { tripped: new Map([["a", 3]]) },
    );
    expect(result.decisions).to.deep.equal([]);
    expect(result.idle[0]!.note).to.match(/back-and-forth/);
  });

  it("skips a source inside the cool-down and takes the next", () => {
    const rules = [poolRule("a", { scope: { account: "A:1" }, sources: ["B:2", "C:3"], coolDownMs: 3_600_000 })];
    const recent = plan({ from: "B:2", to: "A:1", at: planningNow - 60_000, kind: "sweep" });
    const result = planFor([account("A:1", 4000), account("B:2", 30000), account("C:3", 30000)], rules, {
      plans: [recent],
    });
    expect(movesOf(result)).to.deep.equal(["C:3→A:1 6000.0000 normal"]);
    expect(result.decisions[0]!.notes.join()).to.match(/B:2: cool-down/);
  });

  it("falls back from AUTO to SUGGEST past the window's cap and above the approval ceiling", () => {
    const accounts = [account("A:1", 4000), account("B:2", 30000)];
    const capped = [poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"], transfersPerWindowMax: 1 })];
    const earlier = plan({ from: "C:3", to: "D:4", ruleId: "a", pending: false });
    expect(planFor(accounts, capped, { plans: [earlier] }).decisions[0]!.mode).to.equal("SUGGEST");
    const rules = [poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"] })];
    const ceiling = planFor(accounts, rules, { autoCeiling: new Money(5000) }).decisions[0]!;
    expect(ceiling.mode).to.equal("SUGGEST");
    expect(ceiling.notes.join()).to.match(/above AUTO's ceiling 5000/);
  });

  it("sweeps the excess above high to the concentration account when sweeps are asked for", () => {
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" }, concentration: "HQ:1" })];
    // The concentration account sits outside the pool (its rules are its own pool's).
    const accounts = [account("A:1", 80000), account("HQ:1", 0)];
    const pool = { poolAccountIds: ["A:1"] };
    expect(movesOf(planFor(accounts, rules, pool))).to.deep.equal([]);
    expect(movesOf(planFor(accounts, rules, { ...pool, sweeps: true }))).to.deep.equal(["A:1→HQ:1 70000.0000 normal"]);
  });

  it("a top-up no channel can take today waits for the next window and says so; a sweep does not wait", () => {
    const window = planningNow + 14 * 3_600_000;
    const later = () => ({
      chosen: { debitChannel: "DEBIT", creditChannel: "CREDIT", fee: "1.0000" },
      considered: [],
      nextWindowAt: window,
      startsAt: window,
    });
    const topUp = planFor(
      [account("A:1", 4000), account("B:2", 30000)],
      [poolRule("a", { scope: { account: "A:1" }, sources: ["B:2"] })],
      {
        route: later,
      },
    );
    expect(topUp.decisions[0]!.moves[0]!.executeAt).to.equal(window);
    expect(topUp.decisions[0]!.notes.join()).to.match(/waits for 2026-12-08T00:00:00\.000Z/);
    const rules = [poolRule("pool", { scope: { pool: "main", currency: "EUR" }, concentration: "HQ:1" })];
    const sweep = planFor([account("A:1", 80000), account("HQ:1", 0)], rules, {
      poolAccountIds: ["A:1"],
      sweeps: true,
      route: later,
    });
    expect(movesOf(sweep)).to.deep.equal([]);
    expect(sweep.decisions[0]!.notes.join()).to.match(/no sweep now/);
  });

  it("an account rule shadows the pool rule for its account", () => {
    const rules = [
      poolRule("pool", { scope: { pool: "main", currency: "EUR" } }),
      poolRule("a", { scope: { account: "A:1" }, enabled: false }),
    ];
    expect(ruleOf(rules, "A:1")!.ruleId).to.equal("a");
    expect(ruleOf(rules, "B:2")!.ruleId).to.equal("pool");
    expect(planFor([account("A:1", 10), account("B:2", 30000)], rules).decisions).to.deep.equal([]);
  });

  it("property: no source below its low warning, never more than the pool spares, never a reversal", () => {
    const ids = ["A:1", "B:2", "C:3", "D:4", "E:5"];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.integer({ min: 0, max: 12_000 }), { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), pending: fc.boolean() }), {
          maxLength: 4,
        }),
        (balances, warnings, moved) => {
          const accounts = ids.map((id, index) => account(id, balances[index]!));
          const rules = ids.map((id, index) =>
            poolRule(`r${index}`, {
              scope: { account: id },
              lowDanger: "0",
              lowWarning: String(warnings[index]),
              target: String(warnings[index]! + 2000),
              high: "90000",
              coolDownMs: 600_000,
              windowMs: 3_600_000,
            }),
          );
          const plans = moved
            .filter((m) => m.from !== m.to)
            .map((m, index) => plan({ ...m, planId: `p${index}`, amount: new Money(500) }));
          const result = planFor(accounts, rules, { plans });
          const out = new Map<string, Decimal>();
          for (const decision of result.decisions)
            for (const move of decision.moves) {
              out.set(move.from, (out.get(move.from) ?? new Money(0)).plus(move.amount));
              // Never reverses a transfer in flight or inside the window, never inside the cool-down.
              expect(plans.some((p) => p.from === move.to && p.to === move.from)).to.equal(false);
              expect(plans.some((p) => p.pending && (p.to === move.to || p.from === move.to))).to.equal(false);
            }
          for (const [id, given] of out) {
            const index = ids.indexOf(id);
            const pendingOut = total(plans.filter((p) => p.pending && p.from === id).map((p) => p.amount));
            const left = new Money(balances[index]!).minus(given).minus(pendingOut);
            expect(left.greaterThanOrEqualTo(warnings[index]!), `${id} left with ${left.toFixed()}`).to.equal(true);
          }
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
