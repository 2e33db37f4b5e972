import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Decimal } from "decimal.js";
import { alertsStreamNameFor } from "../../adapters/nats/jetstream-alerts.js";
import { readStoredMessages } from "../support/jetstream.js";
import { fetchMetrics } from "../support/metrics.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

/**
 * The planner's engine settings here: no timer, and an approval policy that lets AUTO move these tests' amounts
 * alone (without one, AUTO moves nothing alone: docs/configuration.md "Approval policy").
 */
function plannerEnv(): Record<string, string> {
  const policy = join(mkdtempSync(join(tmpdir(), "liq-approval-policy-")), "policy.json");
  writeFileSync(policy, JSON.stringify({ default: { autoUpTo: "1000000", oneApproverUpTo: "1000000" } }));
  return { LIQ_PLANNER_INTERVAL_MS: "0", LIQ_APPROVAL_POLICY_FILE: policy };
}

/** A rule that keeps BANKB:B1 between 10,000 and its target 20,000, taking from BANKA:A1. */
function topUpRule(mode: string, change: Record<string, unknown> = {}) {
  return {
    scope: { account: "BANKB:B1" },
    lowDanger: "5000",
    lowWarning: "10000",
    target: "20000",
    high: "100000",
    sources: ["BANKA:A1"],
    amount: "target - available - plannedIn",
    maximum: "50000",
    roundingStep: "100",
    coolDownMs: 0,
    mode,
    ...change,
  };
}

describe("the decision engine over real NATS, a MongoDB-wire server and the bank simulator", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let entries = 0;

  before(async () => {
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1", funding: "1000000" },
        { bankCode: "BANKB", account: "B1", funding: "20000" },
      ],
      env: plannerEnv(),
    });
  });
  after(async () => {
    await world?.stop();
  });

  /** An upstream payment out of B1: the engine's books move, the planner sees the position fall. */
  async function debitB1(amount: string): Promise<void> {
    entries++;
    await world.expectOk(
      world.send("account", "BANKB:B1", `payment-${entries}`, "recordEntry", {
        entryId: `payment-${entries}`,
        direction: "debit",
        amount,
        currency: "CNY",
        description: "customer payout",
      }),
    );
  }

  async function putRule(ruleId: string, expectedVersion: number, rule: Record<string, unknown>): Promise<void> {
    await world.expectOk(
      world.send("rule", ruleId, `put-${ruleId}-${expectedVersion}`, "put", {
        expectedVersion,
        reason: "keep B1 funded for payouts",
        rule,
      }),
    );
  }

  async function planner(): Promise<Record<string, unknown>> {
    return world.expectOk(world.send("planner", "main:CNY", `get-${Date.now()}-${Math.random()}`, "get", {}));
  }

  async function metric(pattern: RegExp): Promise<number> {
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    const text = await fetchMetrics(ready["adminPort"] as number);
    const line = text.split("\n").find((candidate) => pattern.test(candidate));
    return line === undefined ? 0 : Number(line.split(" ").at(-1));
  }

  it("MONITOR: a position below low warning is alerted, and nothing moves", async () => {
    await putRule("b1-cover", 0, topUpRule("MONITOR"));
    await debitB1("12000");
    await eventually(
      "a MONITOR decision alerted",
      async () =>
        (await metric(/^liq_planner_decisions_total\{rule="b1-cover",mode="MONITOR",outcome="alerted"\}/)) > 0,
      30_000,
      100,
    );
    expect((await planner())["plans"]).to.deep.equal([]);
    expect((await world.position("BANKB:B1"))["available"]).to.equal("8000.0000");
  });

  it("AUTO: a warning-tier normal transfer by the expression's amount, then an urgent one below danger; the account ends at or above low warning", async () => {
    await putRule("b1-cover", 1, topUpRule("AUTO"));
    const first = await world.settled("plan:main:CNY:1", ["SUCCESS"], 60_000);
    expect(first["request"]).to.deep.include({
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "12000.0000",
      speed: "normal",
    });
    expect(first["createdBy"]).to.equal("system:planner:main:CNY");
    await eventually(
      "B1 back at its target",
      async () => (await world.position("BANKB:B1"))["available"] === "20000.0000",
      30_000,
      100,
    );

    await debitB1("16500");
    const second = await world.settled("plan:main:CNY:2", ["SUCCESS"], 60_000);
    expect(second["request"]).to.deep.include({ amount: "16500.0000", speed: "urgent" });
    await eventually(
      "B1 at or above its low warning",
      async () => new Decimal((await world.position("BANKB:B1"))["available"]!).greaterThanOrEqualTo(10000),
      30_000,
      100,
    );
    const plans = (await planner())["plans"] as Array<Record<string, unknown>>;
    await eventually("both plans ended", async () => {
      const now = (await planner())["plans"] as Array<Record<string, unknown>>;
      return now.length === 2 && now.every((plan) => plan["status"] === "ended" || plan["status"] === "delivered");
    });
    expect(plans.map((plan) => plan["ruleId"])).to.deep.equal(["b1-cover", "b1-cover"]);
    const bankB1 = await world.simulator.account("BANKB", "B1");
    expect(new Decimal(bankB1.balance).toFixed(4)).to.equal("48500.0000");
  });
});

describe("the planner's guards against a real engine: a short pool, and rules that would ping-pong", function () {
  this.timeout(180_000);
  let world: TransferWorld;

  afterEach(async () => {
    await world?.stop();
  });

  async function alerts(severity: string): Promise<Array<Record<string, unknown>>> {
    const prefix = world.prefix;
    const stored = await readStoredMessages(world.nc, alertsStreamNameFor(prefix), `${prefix}.alerts.${severity}`);
    return stored.map((message) => JSON.parse(message.body) as Record<string, unknown>);
  }

  async function put(ruleId: string, rule: Record<string, unknown>, expectedVersion = 0): Promise<void> {
    await world.expectOk(
      world.send("rule", ruleId, `put-${ruleId}-${expectedVersion}`, "put", { expectedVersion, reason: "test", rule }),
    );
  }

  async function plannerView(): Promise<Record<string, unknown>> {
    return world.expectOk(world.send("planner", "main:CNY", `get-${Date.now()}-${Math.random()}`, "get", {}));
  }

  it("two accounts compete for a pool that cannot serve both: the source stops at its own low warning, and the shortfall is alerted with the missing amount", async () => {
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1", funding: "45000" },
        { bankCode: "BANKB", account: "B1" },
        { bankCode: "BANKC", account: "C1" },
      ],
      env: plannerEnv(),
    });
    const watermarks = { lowDanger: "5000", lowWarning: "10000", target: "20000", high: "100000", maximum: "50000" };
    await put("a1-reserve", {
      ...watermarks,
      scope: { account: "BANKA:A1" },
      lowWarning: "30000",
      target: "40000",
      sources: ["BANKB:B1"],
      amount: "target - available",
    });
    await put("pool-cover", {
      ...watermarks,
      scope: { pool: "main", currency: "CNY" },
      sources: ["pool-others"],
      amount: "target - available - plannedIn",
      roundingStep: "100",
      coolDownMs: 0,
      mode: "AUTO",
    });
    const transfer = await world.settled("plan:main:CNY:1", ["SUCCESS"], 60_000);
    expect(transfer["request"]).to.deep.include({ from: "BANKA:A1", to: "BANKB:B1", amount: "15000.0000" });
    expect((await world.position("BANKA:A1"))["available"]).to.equal("30000.0000");
    let shortfalls: Array<Record<string, unknown>> = [];
    await eventually(
      "a shortfall alert for C1",
      async () => {
        shortfalls = (await alerts("warning")).filter((alert) => alert["type"] === "shortfall");
        return shortfalls.some((alert) => alert["account"] === "BANKC:C1");
      },
      30_000,
      100,
    );
    expect(shortfalls.find((alert) => alert["account"] === "BANKC:C1")).to.deep.include({
      rule: "pool-cover",
      need: "20000.0000",
      shortfall: "20000.0000",
    });
    // Once B1 is above its own low warning it becomes a source too, down to that warning and no further.
    const second = await world.settled("plan:main:CNY:2", ["SUCCESS"], 60_000);
    expect(second["request"]).to.deep.include({ from: "BANKB:B1", to: "BANKC:C1", amount: "5000.0000" });
    expect((await world.position("BANKA:A1"))["available"]).to.equal("30000.0000");
    expect((await world.position("BANKB:B1"))["available"]).to.equal("10000.0000");
    expect(((await plannerView())["plans"] as unknown[]).length).to.equal(2);
  });

  it("rules that would ping-pong: one transfer, then the detector stops the rule and raises a critical alert", async () => {
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1", funding: "5000" },
        { bankCode: "BANKB", account: "B1", funding: "40000" },
      ],
      env: plannerEnv(),
    });
    const rule = (account: string, source: string) => ({
      scope: { account },
      lowDanger: "1000",
      lowWarning: "10000",
      target: "20000",
      high: "100000",
      sources: [source],
      amount: "target - available - plannedIn",
      maximum: "50000",
      coolDownMs: 0,
      windowMs: 3_600_000,
      mode: "AUTO",
    });
    await put("b1-from-a1", rule("BANKB:B1", "BANKA:A1"));
    await put("a1-from-b1", rule("BANKA:A1", "BANKB:B1"));
    await world.settled("plan:main:CNY:1", ["SUCCESS"], 60_000);
    // B1 gave 15,000 to A1; a payout now takes B1 below its low warning, and its rule would take it back from A1.
    await world.expectOk(
      world.send("account", "BANKB:B1", "payout-1", "recordEntry", {
        entryId: "payout-1",
        direction: "debit",
        amount: "20000",
        currency: "CNY",
        description: "customer payout",
      }),
    );
    let stopped: Array<Record<string, unknown>> = [];
    await eventually(
      "the rule stopped, with a critical alert",
      async () => {
        stopped = (await alerts("critical")).filter((alert) => alert["type"] === "ruleStopped");
        return stopped.length > 0;
      },
      30_000,
      100,
    );
    expect(stopped[0]).to.deep.include({ rule: "b1-from-a1", account: "BANKB:B1" });
    expect(String(stopped[0]!["reason"])).to.match(/moved 15000\.0000 BANKB:B1 → BANKA:A1/);
    const view = await plannerView();
    expect(view["tripped"]).to.have.key("b1-from-a1");
    expect((view["plans"] as unknown[]).length, "at most one transfer").to.equal(1);
  });
});

describe("watermarks from the file seed rules once", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  after(async () => {
    await world?.stop();
  });

  it("seeds a MONITOR rule per complete account entry at start; a restart, or an edit since, is left as it is", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "liq-seed-")), "watermarks.json");
    writeFileSync(
      file,
      JSON.stringify({
        accounts: {
          "BANKB:B1": { lowDanger: "1000", lowWarning: "5000", high: "90000" },
          "BANKA:A1": { lowWarning: "100" },
        },
      }),
    );
    world = await TransferWorld.start({ env: { LIQ_WATERMARKS_FILE: file, LIQ_PLANNER_INTERVAL_MS: "0" } });
    const rule = async (ruleId: string) =>
      world.expectOk(world.send("rule", ruleId, `get-${Date.now()}-${Math.random()}`, "get", {}));
    const seeded = await rule("file:BANKB:B1");
    expect(seeded).to.deep.include({ status: "active", version: 1 });
    expect(seeded["rule"]).to.deep.include({ lowDanger: "1000.0000", lowWarning: "5000.0000", high: "90000.0000" });
    expect(seeded["rule"]).to.deep.include({ mode: "MONITOR" });
    expect(seeded["lastChange"]).to.deep.include({
      principal: "system:planner",
      reason: "seeded from LIQ_WATERMARKS_FILE",
    });
    expect((await rule("file:BANKA:A1"))["status"], "an incomplete entry stays the file's").to.equal("new");

    await world.expectOk(
      world.send("rule", "file:BANKB:B1", "edit-1", "put", {
        expectedVersion: 1,
        reason: "treasury takes over",
        rule: { ...(seeded["rule"] as Record<string, unknown>), lowWarning: "7000", target: "8000" },
      }),
    );
    await world.engine!.kill();
    await world.startEngine();
    const after = await rule("file:BANKB:B1");
    expect(after).to.deep.include({ version: 2 });
    expect(after["rule"]).to.deep.include({ lowWarning: "7000.0000" });
  });
});

describe("the planner across a SIGKILL: a recorded plan makes exactly one transfer", function () {
  this.timeout(240_000);
  for (const point of ["hold-before:planner.deliver:auto", "hold-after:planner.deliver:auto"]) {
    it(`killed at ${point}: after the restart the plan's transfer exists once and succeeds`, async () => {
      const world = await TransferWorld.start({
        accounts: [
          { bankCode: "BANKA", account: "A1", funding: "100000" },
          { bankCode: "BANKB", account: "B1", funding: "2000" },
        ],
        env: plannerEnv(),
      });
      try {
        await world.engine!.kill();
        const engine = await world.startEngine({ LIQ_FAULT_POINT: point });
        await world.expectOk(
          world.send("rule", "b1-cover", "put-b1", "put", {
            expectedVersion: 0,
            reason: "cover B1",
            rule: topUpRule("AUTO"),
          }),
        );
        await engine.waitForLine((line) => line["event"] === "fault-point" && line["point"] === point, 30_000);
        await engine.kill();
        await world.startEngine();
        const transfer = await world.settled("plan:main:CNY:1", ["SUCCESS"], 90_000);
        expect(transfer["request"]).to.deep.include({ amount: "18000.0000", to: "BANKB:B1" });
        const debits = (await world.simulator.transactions()).filter(
          (transaction) => transaction.type === "debit" && transaction.status === "succeeded",
        );
        expect(debits, "one debit at bank A").to.have.length(1);
        await eventually(
          "the plan delivered once",
          async () => {
            const view = await world.expectOk(
              world.send("planner", "main:CNY", `get-${Date.now()}-${Math.random()}`, "get", {}),
            );
            const plans = view["plans"] as Array<Record<string, unknown>>;
            return plans.length === 1 && plans[0]!["status"] !== "delivering";
          },
          60_000,
          200,
        );
      } finally {
        await world.stop();
      }
    });
  }
});

describe("a suggestion whose account recovers expires", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  after(async () => {
    await world?.stop();
  });

  it("SUGGEST: the planner's suggestion expires as position_recovered when a collection brings the account back, and its plan ends", async () => {
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1", funding: "100000" },
        { bankCode: "BANKB", account: "B1", funding: "2000" },
      ],
      env: { LIQ_PLANNER_INTERVAL_MS: "0" },
    });
    await world.expectOk(
      world.send("rule", "b1-cover", "put-b1", "put", {
        expectedVersion: 0,
        reason: "a person approves each top-up",
        rule: topUpRule("SUGGEST"),
      }),
    );
    const suggestion = async () =>
      (await world.send("suggestion", "plan:main:CNY:1", `get-${Date.now()}-${Math.random()}`, "get", {})) as {
        ok: boolean;
        result?: Record<string, unknown>;
      };
    await eventually("the suggestion", async () => (await suggestion()).result?.["status"] === "PENDING", 30_000, 100);
    await world.expectOk(
      world.send("account", "BANKB:B1", "collection-1", "recordEntry", {
        entryId: "collection-1",
        direction: "credit",
        amount: "25000",
        currency: "CNY",
        description: "collections",
      }),
    );
    await eventually("expired", async () => (await suggestion()).result?.["status"] === "EXPIRED", 30_000, 100);
    expect((await suggestion()).result?.["expiry"]).to.deep.include({ reason: "position_recovered" });
    await eventually(
      "the plan ended",
      async () => {
        const view = await world.expectOk(
          world.send("planner", "main:CNY", `get-${Date.now()}-${Math.random()}`, "get", {}),
        );
        const plan = (view["plans"] as Array<Record<string, unknown>>)[0];
        return plan?.["status"] === "ended" && plan["outcome"] === "EXPIRED";
      },
      30_000,
      200,
    );
    expect(await world.simulator.transactions()).to.have.length(0);
  });
});
