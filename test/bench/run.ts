/**
 * `npm run bench`: benchmarks on real servers (a nats-server with JetStream and a MongoDB-wire server, started
 * here as the test rig does, or MONGO_URL). Prints a table and writes JSON under results/. Not a test: numbers
 * are compared as ratios within one run, never against fixed thresholds.
 *
 * Options (environment): BENCH_REQUESTS (per run, default 4000), BENCH_ROUNDS (default 3),
 * BENCH_CONCURRENCY (comma-separated, default 64), BENCH_ONLY (text the "workload/variant" of a run must contain).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { startMongo, startNats } from "../rig/servers.js";
import { runRuntimeBench, type RuntimeBenchRow } from "./runtime-bench.js";

const positiveInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

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
try {
  const rows = await runRuntimeBench({ natsUrl: nats.url, mongoUrl: mongo.url, ...options });
  printTable(rows, "coalesce off");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  await mkdir("results", { recursive: true });
  const file = `results/runtime-${stamp}.json`;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await writeFile(file, `${JSON.stringify({ benchmark: "runtime journal coalescing", at: new Date().toISOString(), servers: { nats: nats.kind, mongo: mongo.kind }, machine, options, rows }, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
} finally {
  await Promise.all([nats.stop(), mongo.stop()]);
}

/** One line per workload, concurrency and variant, with throughput as a ratio to the baseline variant. */
function printTable(rows: readonly RuntimeBenchRow[], baseline: string): void {
  const header = ["workload", "in flight", "variant", "commands/s", "p50 ms", "p99 ms", "failures", "vs " + baseline];
  const lines = rows.map((row) => {
    const base = rows.find((other) => other.workload === row.workload && other.concurrency === row.concurrency && other.variant === baseline);
    const ratio = base ? (row.medianPerSecond / base.medianPerSecond).toFixed(2) + "x" : "";
    return [row.workload, String(row.concurrency), row.variant, row.medianPerSecond.toFixed(0), row.medianP50Ms.toFixed(1), row.medianP99Ms.toFixed(1), String(row.failures), ratio];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}
