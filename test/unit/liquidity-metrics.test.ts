import { expect } from "chai";
import { Registry } from "prom-client";
import { PositionDirectory, type PublishedAccountEvent } from "../../read-models/position-directory.js";
import { liquidityStateOf } from "../../actors/account/watermarks.js";
import { Money } from "../../actors/shared/amount.js";
import { registerLiquidityMetrics } from "../../adapters/prometheus/liquidity-metrics.js";
import { registerTransferStatusMetrics } from "../../adapters/prometheus/transfer-status-metrics.js";
import { MemoryTransferIndex } from "../../adapters/memory/memory-transfer-index.js";
import { ConfigError } from "../../engine/config.js";
import { parseWatermarks } from "../../engine/watermarks.js";
import { RuleIndex, ruleDirectory, ruleIndexOf, ruleWatermarks } from "../../read-models/rule-directory.js";
import { silentLogger } from "../../runtime/logger.js";
import { createdEvent, laterEvent } from "../contract/transfer-index.contract.js";

function published(
  actorId: string,
  eventSeq: number,
  available: string,
  pool = "main",
  currency = "CNY",
): PublishedAccountEvent {
  const position = {
    ledger: available,
    frozen: "0.0000",
    inTransitDebit: "0.0000",
    inTransitCredit: "0.0000",
    available,
  };
  return {
    actorId,
    eventSeq,
    commandId: `c-${eventSeq}`,
    recordedAt: eventSeq,
    event: { type: "entryRecorded", position, account: { currency, pool, status: "open" } },
  };
}

/** Samples of one metric as `label=value,...` -> value, for exact comparison. */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  const values = (await metric.get()).values;
  return Object.fromEntries(
    values.map((value) => [
      Object.entries(value.labels)
        .map(([key, label]) => `${key}=${String(label)}`)
        .join(","),
      value.value,
    ]),
  );
}

/** The `rulePut` event of rule `actorId` at `version`, as the rule directory reads it from the stream. */
function rulePut(
  actorId: string,
  scope: Record<string, string>,
  version = 1,
  marks: Partial<Record<"lowDanger" | "lowWarning" | "target" | "high" | "maximum", string>> = {},
): Parameters<ReturnType<typeof ruleDirectory>["apply"]>[0] {
  return {
    actorId,
    eventSeq: version,
    commandId: `put-${actorId}-${version}`,
    recordedAt: version,
    event: {
      type: "rulePut",
      version,
      replacesVersion: version - 1,
      principal: "grpc:olivia",
      reason: "test",
      at: version,
      rule: {
        scope,
        lowDanger: "1000",
        lowWarning: "5000",
        target: "6000",
        high: "9000",
        sources: ["pool-others"],
        amount: "target - available",
        maximum: "5000",
        ...marks,
      },
    },
  };
}

describe("watermarks (ADR 008 §2)", () => {
  it("parses accounts and pools with decimal strings", () => {
    const config = parseWatermarks({
      accounts: { "BANKA:A1": { lowDanger: "1000", lowWarning: "5000.50", high: "900000" } },
      pools: [{ pool: "main", currency: "CNY", lowWarning: "10000" }],
    });
    expect(config.accounts.get("BANKA:A1")?.lowWarning?.toFixed(4)).to.equal("5000.5000");
    expect(config.pools.get("main/CNY")).to.deep.include({ pool: "main", currency: "CNY" });
    expect(config.pools.get("main/CNY")?.high).to.equal(undefined);
  });

  const refusals: Array<[string, unknown, RegExp]> = [
    [
      "a JSON number for an amount",
      { accounts: { "B:1": { lowWarning: 5000 } } },
      /lowWarning must be a decimal string/,
    ],
    ["too many decimal places", { accounts: { "B:1": { lowWarning: "1.00001" } } }, /not a plain decimal/],
    [
      "danger above warning",
      { accounts: { "B:1": { lowDanger: "10", lowWarning: "5" } } },
      /lowDanger must not exceed lowWarning/,
    ],
    ["high not above the lows", { accounts: { "B:1": { lowWarning: "10", high: "10" } } }, /high must exceed/],
    ["no threshold", { accounts: { "B:1": {} } }, /no threshold/],
    ["an unknown field", { accounts: { "B:1": { low: "10" } } }, /unknown field low/],
    ["a malformed account id", { accounts: { "no-colon": { high: "10" } } }, /not an account id/],
    [
      "a pool twice",
      {
        pools: [
          { pool: "p", currency: "EUR", high: "1" },
          { pool: "p", currency: "EUR", high: "2" },
        ],
      },
      /appears twice/,
    ],
    ["a pool without currency", { pools: [{ pool: "p", high: "1" }] }, /currency must be an ISO 4217 code/],
    ["an unknown top-level field", { acounts: {} }, /unknown field acounts/],
  ];
  for (const [name, input, message] of refusals) {
    it(`refuses ${name} with a configuration error`, () => {
      expect(() => parseWatermarks(input)).to.throw(ConfigError, message);
    });
  }

  it("judges exactly, where floats would call two different amounts equal", () => {
    // 2^53 + 1 and 2^53 are the same float: a float comparison would call this account not low.
    const marks = {
      lowDanger: new Money("100"),
      lowWarning: new Money("9007199254740993"),
      high: new Money("9007199254740994"),
    };
    expect(Number("9007199254740992") < Number("9007199254740993"), "floats cannot tell").to.equal(false);
    expect(liquidityStateOf(new Money("9007199254740992"), marks)).to.equal("low_warning");
    expect(liquidityStateOf(new Money("9007199254740993"), marks), "at the watermark is not below it").to.equal("ok");
    expect(liquidityStateOf(new Money("99.9999"), marks)).to.equal("low_danger");
    expect(liquidityStateOf(new Money("9007199254740994.0001"), marks)).to.equal("high");
  });
});

describe("liquidity metrics (ADR 008 §2)", () => {
  function world(ready = true) {
    const registry = new Registry();
    const directory = new PositionDirectory();
    const watermarks = parseWatermarks({
      accounts: { "BANKA:A1": { lowDanger: "100", lowWarning: "500", high: "10000" }, "BANKC:C9": { lowWarning: "1" } },
      pools: [
        { pool: "main", currency: "CNY", lowWarning: "1000.0001" },
        { pool: "empty", currency: "CNY", lowDanger: "1" },
      ],
    });
    let isReady = ready;
    registerLiquidityMetrics(registry, directory, { watermarks, accountsMax: 100, ready: () => isReady });
    return { registry, directory, setReady: (value: boolean) => (isReady = value) };
  }

  it("exports each watched account's state, the pool sums and the judged pools", async () => {
    const { registry, directory } = world();
    directory.apply(published("BANKA:A1", 1, "499.9999"));
    directory.apply(published("BANKB:B1", 1, "500.0002"));
    directory.apply(published("BANKB:B2", 1, "7.0000", "main", "EUR"));
    expect(await samples(registry, "liq_account_liquidity_state")).to.deep.equal({
      "account=BANKA:A1,currency=CNY,pool=main,state=ok": 0,
      "account=BANKA:A1,currency=CNY,pool=main,state=low_warning": 1,
      "account=BANKA:A1,currency=CNY,pool=main,state=low_danger": 0,
      "account=BANKA:A1,currency=CNY,pool=main,state=high": 0,
    });
    expect(await samples(registry, "liq_account_watermark")).to.deep.equal({
      "account=BANKA:A1,currency=CNY,pool=main,level=low_danger": 100,
      "account=BANKA:A1,currency=CNY,pool=main,level=low_warning": 500,
      "account=BANKA:A1,currency=CNY,pool=main,level=high": 10000,
    });
    const pools = await samples(registry, "liq_pool_position");
    expect(pools["pool=main,currency=CNY,field=available"]).to.equal(1000.0001);
    expect(pools["pool=main,currency=EUR,field=available"]).to.equal(7);
    const states = await samples(registry, "liq_pool_liquidity_state");
    expect(states["pool=main,currency=CNY,state=ok"], "1000.0001 is not below 1000.0001").to.equal(1);
    expect(
      states["pool=empty,currency=CNY,state=low_danger"],
      "a configured pool without accounts holds nothing",
    ).to.equal(1);
    directory.apply(published("BANKB:B1", 2, "500.0001"));
    expect((await samples(registry, "liq_pool_liquidity_state"))["pool=main,currency=CNY,state=low_warning"]).to.equal(
      1,
    );
  });

  it("judges accounts by their decision rules' watermarks, and follows a rule change at the next scrape", async () => {
    const registry = new Registry();
    const directory = new PositionDirectory();
    const rules = ruleDirectory();
    const file = parseWatermarks({ accounts: { "BANKC:C9": { lowWarning: "1" } } });
    registerLiquidityMetrics(registry, directory, {
      watermarks: file,
      accountsMax: 100,
      ready: () => true,
      rules: () => ruleWatermarks(new RuleIndex(rules)),
    });
    directory.apply(published("BANKA:A1", 1, "4000"));
    directory.apply(published("BANKB:B1", 1, "4000"));
    directory.apply(published("BANKC:C9", 1, "0.5"));
    rules.apply(rulePut("pool-rule", { pool: "main", currency: "CNY" }, 1, { lowWarning: "5000" }));
    const states = async () => await samples(registry, "liq_account_liquidity_state");
    expect((await states())["account=BANKA:A1,currency=CNY,pool=main,state=low_warning"]).to.equal(1);
    expect((await states())["account=BANKC:C9,currency=CNY,pool=main,state=ok"], "a rule replaces the file").to.equal(
      0,
    );
    rules.apply(rulePut("a1-rule", { account: "BANKA:A1" }, 1, { lowWarning: "3000" }));
    expect((await states())["account=BANKA:A1,currency=CNY,pool=main,state=ok"]).to.equal(1);
    expect((await states())["account=BANKB:B1,currency=CNY,pool=main,state=low_warning"]).to.equal(1);
    expect(
      (await samples(registry, "liq_account_watermark"))["account=BANKA:A1,currency=CNY,pool=main,level=low_warning"],
    ).to.equal(3000);
  });

  it("finds the accounts with watermarks from the rules and the file, never by reading every account, up to its cap", async () => {
    const directory = new PositionDirectory();
    for (let index = 0; index < 2_000; index++) directory.apply(published(`BANKZ:Z${index}`, 1, "10", "other"));
    for (let index = 0; index < 5; index++) directory.apply(published(`BANKA:A${index}`, 1, "4000"));
    directory.apply(published("BANKC:C9", 1, "0.5", "other"));
    const rules = ruleDirectory();
    rules.apply(rulePut("pool-rule", { pool: "main", currency: "CNY" }));
    const registerWithCap = (accountsMax: number) => {
      const capped = new Registry();
      registerLiquidityMetrics(capped, directory, {
        watermarks: parseWatermarks({ accounts: { "BANKC:C9": { lowWarning: "1" } } }),
        accountsMax,
        ready: () => true,
        rules: () => ruleWatermarks(new RuleIndex(rules)),
      });
      return capped;
    };
    directory.all = () => {
      throw new Error("the scrape read every account");
    };
    const states = await samples(registerWithCap(100), "liq_account_liquidity_state");
    const accounts = new Set(Object.keys(states).map((key) => key.split(",")[0]));
    expect([...accounts].sort()).to.deep.equal([
      "account=BANKA:A0",
      "account=BANKA:A1",
      "account=BANKA:A2",
      "account=BANKA:A3",
      "account=BANKA:A4",
      "account=BANKC:C9",
    ]);
    expect(states["account=BANKC:C9,currency=CNY,pool=other,state=low_warning"]).to.equal(1);
    const capped = await samples(registerWithCap(3), "liq_account_liquidity_state");
    expect(new Set(Object.keys(capped).map((key) => key.split(",")[0])).size).to.equal(3);
  });

  it("names the rules acting in a pool: its pool rule and its members' own rules, the first claim winning", () => {
    const rules = ruleDirectory();
    const put = (actorId: string, scope: Record<string, string>) =>
      rules.apply(
        rulePut(actorId, scope, 1, { lowDanger: "1", lowWarning: "2", target: "3", high: "9", maximum: "5" }),
      );
    put("r-pool-b", { pool: "main", currency: "CNY" });
    put("r-pool-a", { pool: "main", currency: "CNY" });
    put("r-usd", { pool: "main", currency: "USD" });
    put("r-a1", { account: "BANKA:A1" });
    put("r-a1-late", { account: "BANKA:A1" });
    put("r-z9", { account: "BANKZ:Z9" });
    const index = ruleIndexOf(rules);
    expect(index, "one index per directory").to.equal(ruleIndexOf(rules));
    const ids = () => index.ofPool("main", "CNY", ["BANKA:A1", "BANKB:B1"]).map((entry) => entry.ruleId);
    expect(ids()).to.deep.equal(["r-a1", "r-pool-a"]);
    put("r-0", { account: "BANKB:B1" });
    expect(ids(), "a rule put later is seen at the next call").to.deep.equal(["r-0", "r-a1", "r-pool-a"]);
  });

  it("gives no verdict while the directory is still catching up", async () => {
    const { registry, directory, setReady } = world(false);
    directory.apply(published("BANKA:A1", 1, "1.0000"));
    expect(await samples(registry, "liq_account_liquidity_state")).to.deep.equal({});
    expect(await samples(registry, "liq_pool_liquidity_state")).to.deep.equal({});
    setReady(true);
    expect(
      (await samples(registry, "liq_account_liquidity_state"))[
        "account=BANKA:A1,currency=CNY,pool=main,state=low_danger"
      ],
    ).to.equal(1);
  });
});

describe("liq_transfer_status_oldest_seconds (ADR 008 §3)", () => {
  it("is the time since the transfer longest in each status got there, and 0 for statuses without one", async () => {
    const index = new MemoryTransferIndex();
    await index.apply([
      createdEvent("a", 1_000),
      createdEvent("b", 4_000),
      createdEvent("c", 2_000),
      laterEvent("c", 2, "UNKNOWN", 3_000),
      laterEvent("b", 2, "SUCCESS", 5_000),
    ]);
    const registry = new Registry();
    registerTransferStatusMetrics(registry, index, silentLogger, { cacheMs: 0, scrapeWaitMsMax: 1_000 }, () => 61_000);
    const oldest = await samples(registry, "liq_transfer_status_oldest_seconds");
    expect(oldest["status=CREATED"]).to.equal(60);
    expect(oldest["status=UNKNOWN"]).to.equal(58);
    expect(oldest["status=MANUAL_INTERVENTION"]).to.equal(0);
    expect(oldest, "terminal statuses have no age").to.not.have.property("status=SUCCESS");
    expect((await samples(registry, "liq_transfers"))["status=SUCCESS"]).to.equal(1);
  });
});
