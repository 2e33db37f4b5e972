import { expect } from "chai";
import { Registry } from "prom-client";
import { differenceClasses, differenceStatuses } from "../../actors/reconciliation/index.js";
import { registerReconciliationMetrics } from "../../adapters/prometheus/reconciliation-metrics.js";
import { newDifferenceDirectory, type DifferenceDirectory } from "../../read-models/difference-directory.js";
import { newStatementDirectory, type StatementDirectory } from "../../read-models/statement-directory.js";
import type { Json } from "../../runtime/json.js";

const now = Date.parse("2026-12-09T12:00:00Z");
const hour = 3_600_000;

/** Samples of one metric as `label=value,...` -> value. */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  return Object.fromEntries(
    (await metric.get()).values.map((value) => [
      Object.entries(value.labels)
        .map(([key, label]) => `${key}=${String(label)}`)
        .join(","),
      value.value,
    ]),
  );
}

/** Events of one reconciliation, as its actor publishes them, numbered from 1. */
function publish(directory: DifferenceDirectory, reconciliationId: string, events: Array<Record<string, Json>>): void {
  events.forEach((event, index) =>
    directory.apply({ actorId: reconciliationId, eventSeq: index + 1, commandId: `c${index}`, recordedAt: 0, event }),
  );
}

function run(currency: string): Record<string, Json> {
  return { type: "runRecorded", run: { currency }, by: "system:reconciler", at: now - 10 * hour };
}

function found(differenceId: string, differenceClass: string, amount: string, at: number): Record<string, Json> {
  return {
    type: "differenceFound",
    differenceId,
    class: differenceClass,
    lines: [],
    records: [],
    amount,
    detail: "",
    statementVersion: "a".repeat(64),
    runNo: 1,
    by: "system:reconciler",
    at,
  };
}

function resolved(differenceId: string, at: number): Record<string, Json> {
  const request = { action: "noBooking", reason: "known", transfer: null, confirmedBy: null };
  return { type: "differenceResolved", differenceId, ...request, by: "grpc:alice", at };
}

describe("reconciliation metrics", () => {
  let directory: DifferenceDirectory;
  let statements: StatementDirectory;
  let registry: Registry;
  let ready: boolean;

  beforeEach(() => {
    directory = newDifferenceDirectory();
    statements = newStatementDirectory();
    registry = new Registry();
    ready = true;
    publish(directory, "BANKA:A1:2026-12-07", [
      run("EUR"),
      found("missingInEngine-0000000000000001", "missingInEngine", "1500.2500", now - 30 * hour),
      found("missingAtBank-0000000000000002", "missingAtBank", "-200.0000", now - 2 * hour),
      found("closingBalanceDiffers-0000000000000003", "closingBalanceDiffers", "1300.2500", now - 3 * hour),
      resolved("missingAtBank-0000000000000002", now - hour),
    ]);
    publish(directory, "BANKA:A1:2026-12-08", [
      run("EUR"),
      found("openingBalanceDiffers-0000000000000004", "openingBalanceDiffers", "1300.2500", now - 2 * hour),
      found("closingBalanceDiffers-0000000000000005", "closingBalanceDiffers", "-0.7500", now - 2 * hour),
    ]);
    publish(directory, "BANKB:B1:2026-12-08", [
      run("USD"),
      found("missingAtBank-0000000000000006", "missingAtBank", "-99.5000", now - 5 * hour),
    ]);
    statements.apply({
      actorId: "BANKA:A1",
      eventSeq: 1,
      commandId: "s1",
      recordedAt: 0,
      event: { type: "statementRegistered", fromDate: "2026-12-07", toDate: "2026-12-07", importedAt: now - 6 * hour },
    });
  });

  function register(accountsMax = 10): void {
    registerReconciliationMetrics(registry, {
      differences: directory,
      statements,
      ready: () => ready,
      accountsMax,
      now: () => now,
    });
  }

  it("counts differences per class and status, every pair present", async () => {
    register();
    const counts = await samples(registry, "liq_reconciliation_differences");
    expect(Object.keys(counts)).to.have.length(differenceClasses.length * differenceStatuses.length);
    expect(counts["class=missingAtBank,status=open"]).to.equal(1);
    expect(counts["class=missingAtBank,status=resolved"]).to.equal(1);
    expect(counts["class=closingBalanceDiffers,status=open"]).to.equal(2);
    expect(counts["class=duplicate,status=open"]).to.equal(0);
  });

  it("ages the oldest unresolved difference of each class, and sums the unresolved amounts per currency", async () => {
    register();
    expect(await samples(registry, "liq_reconciliation_difference_oldest_open_seconds")).to.deep.equal({
      "class=missingInEngine": 30 * 3600,
      "class=missingAtBank": 5 * 3600,
      "class=closingBalanceDiffers": 3 * 3600,
      "class=openingBalanceDiffers": 2 * 3600,
    });
    // EUR: 1500.25 + 1300.25 + 1300.25 + 0.75 (the resolved -200 left out); USD: 99.50.
    expect(await samples(registry, "liq_reconciliation_open_amount")).to.deep.equal({
      "currency=EUR": 4101.5,
      "currency=USD": 99.5,
    });
  });

  it("shows each account's balance difference of its latest day, the closing one first, within the account cap", async () => {
    register();
    expect(await samples(registry, "liq_reconciliation_balance_difference")).to.deep.equal({
      "account=BANKA:A1,currency=EUR": -0.75,
    });
    publish(directory, "BANKB:B1:2026-12-08", [
      run("USD"),
      found("missingAtBank-0000000000000006", "missingAtBank", "-99.5000", now - 5 * hour),
      found("openingBalanceDiffers-0000000000000007", "openingBalanceDiffers", "12.0000", now - hour),
    ]);
    const capped = new Registry();
    registerReconciliationMetrics(capped, {
      differences: directory,
      statements,
      ready: () => true,
      accountsMax: 1,
      now: () => now,
    });
    expect(await samples(capped, "liq_reconciliation_balance_difference")).to.deep.equal({
      "account=BANKA:A1,currency=EUR": -0.75,
    });
    expect(Object.keys(await samples(registry, "liq_reconciliation_balance_difference"))).to.have.length(2);
  });

  it("ages each account's statements from the end of the last day they cover, and tells when the newest came", async () => {
    register();
    // 2026-12-07 ends at 2026-12-08T00:00Z: 36 hours before now.
    expect(await samples(registry, "liq_reconciliation_statement_age_seconds")).to.deep.equal({
      "account=BANKA:A1": 36 * 3600,
    });
    expect(await samples(registry, "liq_statement_last_imported_timestamp_seconds")).to.deep.equal({
      "account=BANKA:A1": (now - 6 * hour) / 1000,
    });
  });

  it("exports nothing before the directories have caught up", async () => {
    ready = false;
    register();
    for (const name of [
      "liq_reconciliation_differences",
      "liq_reconciliation_difference_oldest_open_seconds",
      "liq_reconciliation_open_amount",
      "liq_reconciliation_balance_difference",
      "liq_reconciliation_statement_age_seconds",
    ])
      expect(await samples(registry, name), name).to.deep.equal({});
  });
});
