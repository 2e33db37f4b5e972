import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { entrySubject } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { dashboards, queriesOf } from "../../deploy/grafana/dashboards.js";
import { parseExposition } from "../support/metrics.js";
import { promtool } from "../support/promtool.js";
import { AlertmanagerServer, type ListedAlert } from "../support/alertmanager-server.js";
import { PrometheusServer } from "../support/prometheus-server.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const rulesGlob = join(import.meta.dirname, "../../deploy/prometheus/rules/*.yml");
const alertmanagerConfig = join(import.meta.dirname, "../../deploy/alertmanager/alertmanager.yml");
const fields = ["ledger", "frozen", "in_transit_debit", "in_transit_credit", "available"] as const;
const positionKey = {
  ledger: "ledger",
  frozen: "frozen",
  in_transit_debit: "inTransitDebit",
  in_transit_credit: "inTransitCredit",
  available: "available",
} as const;

/**
 * The observability check: a scripted workload against a real engine (real NATS, the MongoDB-wire server
 * and the bank simulator), then its /metrics compared with what the workload did, checked by promtool, scraped by a
 * real Prometheus with the alert rules loaded, and every dashboard query run there (ADR 008).
 */
describe("observability: metrics, rules and dashboards against a real engine and Prometheus (ADR 008)", function () {
  this.timeout(240_000);
  let world: TransferWorld;
  let prometheus: PrometheusServer;
  let alertmanager: AlertmanagerServer;
  let js: JetStreamClient;
  let metricsUrl: string;
  let metricsText = "";

  before(async () => {
    const watermarksFile = join(tmpdir(), `liq-watermarks-${randomBytes(4).toString("hex")}.json`);
    writeFileSync(
      watermarksFile,
      JSON.stringify({
        accounts: {
          "BANKA:A1": { lowDanger: "100000", lowWarning: "999500", high: "5000000" },
          "BANKB:B1": { lowWarning: "1", high: "500" },
          "BANKC:C1": { lowDanger: "1000", lowWarning: "2000" },
        },
        pools: [
          { pool: "main", currency: "CNY", lowWarning: "10000000" },
          { pool: "ghost", currency: "CNY", lowDanger: "1" },
        ],
      }),
    );
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1", funding: "1000000" },
        { bankCode: "BANKB", account: "B1" },
        { bankCode: "BANKC", account: "C1", funding: "100" },
      ],
      env: { LIQ_WATERMARKS_FILE: watermarksFile, LIQ_INGEST_ENABLED: "true" },
    });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    metricsUrl = `http://127.0.0.1:${String(ready["adminPort"])}/metrics`;
    // Started before the workload, so that counters are seen rising (rules with increase() need two samples).
    alertmanager = await AlertmanagerServer.start(alertmanagerConfig);
    prometheus = await PrometheusServer.start({
      jobs: { "liquidity-engine": [new URL(metricsUrl).host] },
      ruleFiles: [rulesGlob],
      alertmanagers: [alertmanager.address],
    });
    await eventually(
      "the first scrape",
      async () => (await prometheus.query('up{job="liquidity-engine"} == 1')).length === 1,
      30_000,
      200,
    );
    js = jetstream(world.nc);
    await runWorkload();
    metricsText = await (await fetch(metricsUrl)).text();
  });

  after(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await world?.stop();
  });

  /** 20 entries, 3 redelivered under new message ids, 1 for an unknown account; 3 transfers succeed, 1 is compensated, 1 fails. */
  async function runWorkload(): Promise<void> {
    const publish = (account: string, entryId: string, msgID: string) =>
      js.publish(
        entrySubject(world.prefix, "BANKB", account),
        JSON.stringify({ entryId, direction: "credit", amount: "10.00", currency: "CNY" }),
        { msgID },
      );
    for (let index = 1; index <= 20; index++) await publish("B1", `OBS-${index}`, `OBS-${index}`);
    for (let index = 1; index <= 3; index++) await publish("B1", `OBS-${index}`, `OBS-${index}-again`);
    await publish("NOPE", "OBS-dead", "OBS-dead");
    for (const [id, amount] of [
      ["obs-ok-1", "500.25"],
      ["obs-ok-2", "250.50"],
      ["obs-ok-3", "249.25"],
    ] as const) {
      await world.expectOk(world.createTransfer(id, amount));
    }
    for (const id of ["obs-ok-1", "obs-ok-2", "obs-ok-3"]) await world.settled(id, ["SUCCESS"]);
    await world.simulator.block("BANKB", "B1", true);
    try {
      await world.expectOk(world.createTransfer("obs-comp-1", "300.00"));
      await world.settled("obs-comp-1", ["COMPENSATED"]);
    } finally {
      await world.simulator.block("BANKB", "B1", false);
    }
    await world.expectOk(
      world.createTransfer("obs-poor-1", "5000.00", { from: "BANKC:C1", debitChannel: "BANKC-direct" }),
    );
    await world.settled("obs-poor-1", ["FAILED"]);
    // Entries and transfers reach the metrics through the bus: wait until the engine has counted them all.
    let seen = "";
    await eventually(
      "the workload in /metrics",
      async () => {
        const samples = parseExposition(await (await fetch(metricsUrl)).text());
        seen = JSON.stringify(
          [...samples].filter(([series]) => /^liq_(ingested_entries_total|transfers|account_position)\{/.test(series)),
        );
        return (
          samples.get('liq_ingested_entries_total{outcome="applied"}') === 20 &&
          samples.get('liq_ingested_entries_total{outcome="duplicate"}') === 3 &&
          samples.get('liq_ingested_entries_total{outcome="dead_lettered"}') === 1 &&
          samples.get('liq_transfers{status="SUCCESS"}') === 3 &&
          samples.get('liq_transfers{status="COMPENSATED"}') === 1 &&
          samples.get('liq_transfers{status="FAILED"}') === 1 &&
          samples.get("liq_transfer_projection_pending") === 0 &&
          (await positionsMatch(samples))
        );
      },
      60_000,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${seen}`);
    });
  }

  async function positionsMatch(samples: Map<string, number>): Promise<boolean> {
    for (const account of ["BANKA:A1", "BANKB:B1", "BANKC:C1"]) {
      const position = await world.position(account);
      for (const field of fields) {
        if (
          samples.get(`liq_account_position{account="${account}",currency="CNY",pool="main",field="${field}"}`) !==
          Number(position[positionKey[field]])
        )
          return false;
      }
    }
    return true;
  }

  it("passes promtool check metrics", () => {
    const problems = execFileSync(promtool(), ["check", "metrics"], { input: metricsText, encoding: "utf8" });
    expect(problems).to.equal("");
    expect(metricsText).to.include("liq_account_liquidity_state{").and.include("nodejs_active_handles{");
  });

  it("exports every liq_ metric the docs name, and names in the docs every liq_ metric it exports", () => {
    // The user's documents: the README and docs/*.md (not the decision records, which keep history).
    const docs = join(import.meta.dirname, "../../docs");
    const pages = [
      join(docs, "../README.md"),
      ...readdirSync(docs)
        .filter((name) => name.endsWith(".md"))
        .map((name) => join(docs, name)),
    ];
    const text = pages.map((page) => readFileSync(page, "utf8")).join("\n");
    const documented = new Set([...text.matchAll(/`(liq_[a-z0-9_]+)/g)].map((match) => match[1]!));
    const exported = new Set([...metricsText.matchAll(/^# TYPE (liq_[a-z0-9_]+) /gm)].map((match) => match[1]!));
    expect(
      [...documented].filter((name) => !exported.has(name)),
      "in the docs, not in /metrics",
    ).to.deep.equal([]);
    expect(
      [...exported].filter((name) => !documented.has(name)),
      "in /metrics, not in the docs",
    ).to.deep.equal([]);
  });

  it("counts exactly what the workload did: entries by outcome, transfers by status and transition, compensations", () => {
    const samples = parseExposition(metricsText);
    expect(samples.get('liq_ingested_entries_total{outcome="applied"}')).to.equal(20);
    expect(samples.get('liq_ingested_entries_total{outcome="duplicate"}')).to.equal(3);
    expect(samples.get('liq_ingested_entries_total{outcome="dead_lettered"}')).to.equal(1);
    const byStatus = Object.fromEntries(
      [...samples]
        .filter(([series]) => series.startsWith("liq_transfers{"))
        .map(([series, value]) => [/status="([A-Z_]+)"/.exec(series)![1], value]),
    );
    expect(byStatus).to.deep.include({
      SUCCESS: 3,
      COMPENSATED: 1,
      FAILED: 1,
      UNKNOWN: 0,
      MANUAL_INTERVENTION: 0,
      CREATED: 0,
      DEBIT_PENDING: 0,
      CREDIT_PENDING: 0,
    });
    expect(samples.get('liq_transfer_transitions_total{from="CREDIT_PENDING",to="SUCCESS"}')).to.equal(3);
    expect(samples.get('liq_transfer_transitions_total{from="COMPENSATING",to="COMPENSATED"}')).to.equal(1);
    expect(samples.get("liq_transfer_compensations_total")).to.equal(1);
    expect(samples.get('liq_transfer_duration_seconds_count{status="SUCCESS"}')).to.equal(3);
    expect(samples.get('liq_transfer_status_oldest_seconds{status="UNKNOWN"}'), "nothing stuck").to.equal(0);
    // Fees: the normal speed quotes 1.50 per allowed step on each channel of this world.
    expect(samples.get('liq_channel_fees_quoted_total{channel="BANKB-direct",step="credit"}')).to.be.greaterThanOrEqual(
      3 * 1.5,
    );
    expect(samples.get('liq_actors_active{kind="account"}')).to.be.greaterThanOrEqual(3);
    // The read model has every transfer event (the wait above saw nothing pending), at least one per transfer.
    expect(samples.get("liq_transfer_projection_events_total")).to.be.greaterThanOrEqual(5);
  });

  it("exports positions equal to the accounts', pool totals equal to their exact sum, and exact liquidity states", async () => {
    const samples = parseExposition(metricsText);
    const positions = await Promise.all(["BANKA:A1", "BANKB:B1", "BANKC:C1"].map((account) => world.position(account)));
    expect(await positionsMatch(samples)).to.equal(true);
    const poolAvailable = positions.reduce((sum, position) => sum.plus(position["available"]!), new Money(0));
    expect(samples.get('liq_pool_position{pool="main",currency="CNY",field="available"}')).to.equal(
      poolAvailable.toNumber(),
    );
    // B1: 20 entries of 10.00 and three credits of 1000.00 in all, above its high watermark of 500.
    expect(positions[1]!["available"]).to.equal("1200.0000");
    const state = (labels: string) => samples.get(`liq_account_liquidity_state{${labels}}`);
    expect(
      state('account="BANKA:A1",currency="CNY",pool="main",state="low_warning"'),
      "A1 under 999,500 after the transfers",
    ).to.equal(1);
    expect(state('account="BANKB:B1",currency="CNY",pool="main",state="high"')).to.equal(1);
    expect(state('account="BANKC:C1",currency="CNY",pool="main",state="low_danger"')).to.equal(1);
    expect(samples.get('liq_pool_liquidity_state{pool="main",currency="CNY",state="low_warning"}')).to.equal(1);
    expect(
      samples.get('liq_pool_liquidity_state{pool="ghost",currency="CNY",state="low_danger"}'),
      "a pool without accounts is judged at zero",
    ).to.equal(1);
  });

  it("runs every dashboard query on Prometheus, each naming only metrics the engine exports", async () => {
    await eventually(
      "Prometheus has scraped the workload",
      async () => (await prometheus.query('liq_transfers{status="SUCCESS"} == 3')).length === 1,
      30_000,
      200,
    );
    const exported = new Set(
      [...metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === "histogram" ? [`${name!}_bucket`, `${name!}_count`, `${name!}_sum`] : [name!],
      ),
    );
    for (const spec of dashboards) {
      for (const { panel, expr } of queriesOf(spec)) {
        for (const name of expr.match(/\b(?:liq|process|nodejs)_[a-z0-9_]+/g) ?? [])
          expect(exported.has(name), `${spec.title} / ${panel}: ${name}`).to.equal(true);
        const runnable = expr
          .replaceAll("$__rate_interval", "1m")
          .replace(/\$(pool|currency|account|channel|kind)\b/g, ".*");
        await prometheus
          .query(runnable)
          .catch((error: Error) => expect.fail(`${spec.title} / ${panel}: ${error.message}`));
      }
    }
  });

  it("shows the workload on the dashboards' key panels", async () => {
    const panel = (uid: string, title: string) => {
      const expr = queriesOf(dashboards.find((spec) => spec.uid === uid)!).find((query) => query.panel === title)!.expr;
      return expr.replaceAll("$__rate_interval", "1m").replace(/\$(pool|currency|account|channel|kind)\b/g, ".*");
    };
    expect(await prometheus.single(panel("liq-liquidity", "Accounts below danger"))).to.equal(1);
    expect(await prometheus.single(panel("liq-liquidity", "Accounts below warning"))).to.equal(1);
    expect(await prometheus.single(panel("liq-liquidity", "Pools below a watermark"))).to.equal(2);
    const accounts = await prometheus.query(panel("liq-liquidity", "Liquidity state"));
    expect(Object.fromEntries(accounts.map((sample) => [sample.metric["account"], sample.value]))).to.deep.equal({
      "BANKA:A1": 1,
      "BANKB:B1": 3,
      "BANKC:C1": 2,
    });
    const byStatus = await prometheus.query(panel("liq-transfers", "Transfers by status"));
    expect(byStatus.find((sample) => sample.metric["status"] === "SUCCESS")?.value).to.equal(3);
    expect(await prometheus.single(panel("liq-transfers", "Waiting for an operator"))).to.equal(0);
    const circuits = await prometheus.query(panel("liq-channels", "Circuit"));
    expect(circuits.length, "every channel's circuit").to.be.greaterThanOrEqual(3);
    expect(
      circuits.every((sample) => sample.value === 0),
      "all closed",
    ).to.equal(true);
  });

  it("raises the alerts the workload calls for, from the rules in deploy/prometheus", async () => {
    const alerts = async () =>
      (await prometheus.query("ALERTS")).map(
        (sample) => `${sample.metric["alertname"]!}:${sample.metric["account"] ?? sample.metric["pool"] ?? ""}`,
      );
    await eventually(
      "the alerts",
      async () => {
        const now = await alerts();
        return [
          "LiquidityLowDanger:BANKC:C1",
          "LiquidityLowWarning:BANKA:A1",
          "LiquidityAboveHigh:BANKB:B1",
          "PoolLiquidityLowWarning:main",
          "PoolWithoutAccounts:ghost",
          "TransferCompensated:",
          "EntriesDeadLettered:",
        ].every((alert) => now.includes(alert));
      },
      30_000,
      250,
    ).catch(async (error: Error) => expect.fail(`${error.message}; ALERTS: ${JSON.stringify(await alerts())}`));
    const current = await alerts();
    for (const quiet of [
      "ChannelCircuitOpen",
      "TransferManualIntervention",
      "JournalWriteErrors",
      "MailboxBackPressure",
      "LiquidityEngineDown",
      "TransferReadModelUnavailable",
    ]) {
      expect(
        current.some((alert) => alert.startsWith(`${quiet}:`)),
        `${quiet} is quiet`,
      ).to.equal(false);
    }
  });

  it("sends the firing alerts to Alertmanager, which routes them by severity (deploy/alertmanager)", async () => {
    let listed: ListedAlert[] = [];
    const receiverOf = (name: string) =>
      listed
        .find((alert) => alert.labels["alertname"] === name)
        ?.receivers.map((receiver) => receiver.name)
        .join(",");
    await eventually(
      "the firing alerts at Alertmanager",
      async () => {
        listed = await alertmanager.alerts();
        return receiverOf("TransferCompensated") !== undefined && receiverOf("EntriesDeadLettered") !== undefined;
      },
      30_000,
      250,
    ).catch((error: Error) => expect.fail(`${error.message}: ${JSON.stringify(listed.map((alert) => alert.labels))}`));
    expect(receiverOf("TransferCompensated")).to.equal("treasury-operators");
    expect(receiverOf("EntriesDeadLettered")).to.equal("treasury-operators");
  });
});
