/**
 * `npm run bench`: benchmarks on real servers (a nats-server with JetStream and a MongoDB-wire server, started
 * here as the test rig does, or MONGO_URL; PostgreSQL from PG_URL or a throwaway cluster). Prints tables and writes
 * JSON under results/. Not a test: numbers are compared as ratios within one run, never against fixed thresholds.
 *
 * Options (environment): BENCH_SUITE (positions | runtime | all, default positions), BENCH_REQUESTS (per run,
 * default 4000), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (comma-separated, default 64), BENCH_ONLY (text the
 * "workload/variant" of a run must contain).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { startMongo, startNats } from "../rig/servers.js";
import { runPositionsBench, type PositionsBenchRow } from "./positions-bench.js";
import { startPostgres } from "./postgres-cluster.js";
import { runRuntimeBench, type RuntimeBenchRow } from "./runtime-bench.js";

const positiveInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const suite = process.env["BENCH_SUITE"] ?? "positions";
if (!["positions", "runtime", "all"].includes(suite)) throw new Error("BENCH_SUITE must be positions, runtime or all");
const options = {
  requestsPerRun: positiveInt("BENCH_REQUESTS", 4_000),
  rounds: positiveInt("BENCH_ROUNDS", 3),
  concurrencies: (process.env["BENCH_CONCURRENCY"] ?? "64").split(",").map((raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error("BENCH_CONCURRENCY must list positive integers");
    return value;
  }),
  ...(process.env["BENCH_ONLY"] ? { only: process.env["BENCH_ONLY"] } : {}),
};

const [nats, mongo] = await Promise.all([startNats(), startMongo()]);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
await mkdir("results", { recursive: true });
try {
  if (suite !== "runtime") {
    const postgres = await startPostgres();
    try {
      const rows = await runPositionsBench({ natsUrl: nats.url, mongoUrl: mongo.url, pgUrl: postgres.url, ...options });
      printPositionsTable(rows);
      const file = `results/positions-${stamp}.json`;
      await writeFile(file, `${JSON.stringify({ benchmark: "position updates: engine vs PostgreSQL", at: new Date().toISOString(), servers: { nats: nats.kind, mongo: mongo.kind, postgres: postgres.kind }, machine, options, rows }, null, 2)}\n`);
      console.log(`\nresults written to ${file}\n`);
    } finally {
      await postgres.stop();
    }
  }
  if (suite !== "positions") {
    const rows = await runRuntimeBench({ natsUrl: nats.url, mongoUrl: mongo.url, ...options });
    printTable(["workload", "in flight", "variant", "commands/s", "p50 ms", "p99 ms", "failures", "vs coalesce off"], rows.map((row) => [...commonCells(row), ratio(rows, row, "coalesce off")]));
    const file = `results/runtime-${stamp}.json`;
    await writeFile(file, `${JSON.stringify({ benchmark: "runtime journal coalescing", at: new Date().toISOString(), servers: { nats: nats.kind, mongo: mongo.kind }, machine, options, rows }, null, 2)}\n`);
    console.log(`\nresults written to ${file}`);
  }
} finally {
  await Promise.all([nats.stop(), mongo.stop()]);
}

type Row = RuntimeBenchRow | PositionsBenchRow;

function commonCells(row: Row): string[] {
  return [row.workload, String(row.concurrency), row.variant, row.medianPerSecond.toFixed(0), row.medianP50Ms.toFixed(1), row.medianP99Ms.toFixed(1), String(row.failures)];
}

function ratio(rows: readonly Row[], row: Row, baseline: string): string {
  const base = rows.find((other) => other.workload === row.workload && other.concurrency === row.concurrency && other.variant === baseline);
  return base ? `${(row.medianPerSecond / base.medianPerSecond).toFixed(2)}x` : "";
}

/** The engine's ratio to each baseline, and the targets (reported, never enforced). */
function printPositionsTable(rows: readonly PositionsBenchRow[]): void {
  printTable(
    ["workload", "in flight", "variant", "updates/s", "p50 ms", "p99 ms", "failures", "retries", "wrong balances", "NATS engine vs this"],
    rows.map((row) => {
      const engine = rows.find((other) => other.workload === row.workload && other.concurrency === row.concurrency && other.variant === "engine via NATS");
      const versus = engine && row.variant.startsWith("pg ") ? `${(engine.medianPerSecond / row.medianPerSecond).toFixed(2)}x` : "";
      return [...commonCells(row), String(row.retries), String(row.balanceMismatches), versus];
    }),
  );
  console.log("\ntargets (issue 3, at 64 in flight): hot account >= 10x FOR UPDATE; 1,000 accounts >= 1.5x atomic UPDATE; engine p99 <= 20 ms");
  for (const concurrency of new Set(rows.map((row) => row.concurrency))) {
    const find = (workload: string, variant: string) => rows.find((row) => row.workload === workload && row.concurrency === concurrency && row.variant === variant);
    const verdict = (label: string, engine: PositionsBenchRow | undefined, baseline: PositionsBenchRow | undefined, wanted: number) => {
      if (!engine || !baseline) return;
      const achieved = engine.medianPerSecond / baseline.medianPerSecond;
      console.log(`  c=${concurrency} ${label}: ${achieved.toFixed(2)}x (target ${wanted}x) ${achieved >= wanted ? "met" : "NOT met"}`);
    };
    verdict("hot account, engine via NATS vs pg FOR UPDATE", find("1 hot account", "engine via NATS"), find("1 hot account", "pg FOR UPDATE"), 10);
    verdict("1,000 accounts, engine via NATS vs pg atomic UPDATE", find("1,000 accounts", "engine via NATS"), find("1,000 accounts", "pg atomic UPDATE"), 1.5);
    for (const row of rows.filter((candidate) => candidate.concurrency === concurrency && candidate.variant.startsWith("engine"))) {
      console.log(`  c=${concurrency} ${row.workload}, ${row.variant}: p99 ${row.medianP99Ms.toFixed(1)} ms (target 20 ms) ${row.medianP99Ms <= 20 ? "met" : "NOT met"}`);
    }
  }
}

function printTable(header: readonly string[], lines: readonly string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}
