/**
 * `npm run bench`: benchmarks on real servers (a nats-server with JetStream and a MongoDB-wire server, started
 * here as the test rig does, or MONGO_URL; PostgreSQL from PG_URL or a throwaway cluster). Prints tables and writes
 * JSON under results/. Not a test: numbers are compared as ratios within one run, never against fixed thresholds.
 *
 * The suite: `npm run bench -- <suite>` or BENCH_SUITE (positions | runtime | transfers | activation | scale |
 * recovery | planner | reconciliation | all, default positions); `npm run bench -- --help`. The planner and
 * reconciliation suites take flags (planner-suite.ts, reconciliation-suite.ts). Options (environment): BENCH_REQUESTS
 * (per run, default 4000), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (comma-separated, default 16,64,256),
 * BENCH_ONLY (text the "workload/variant" of a run must contain), BENCH_RUN_SECONDS_MAX (positions: no new request
 * after this long in one run, default 30), BENCH_HISTORY_ENTRIES and BENCH_HISTORY_ACTORS (the preloaded journal of
 * the history runs, default 2000000 over 100000; BENCH_HISTORY=off for none), BENCH_ENGINE_CPU_PROFILE_DIR (CPU
 * profiles of the engine, summarized at the end). The transfers, activation, scale and recovery suites have their
 * own (BENCH_TRANSFER_*, BENCH_ACTIVATION_*, BENCH_SCALE_*, BENCH_RECOVERY_*: transfers-suite.ts,
 * activation-suite.ts, scale-suite.ts, recovery-suite.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { startMongo, startNats, type RunningServer } from "../rig/servers.js";
import { chooseStore } from "./ferretdb-postgres.js";
import { printTable, printVerdicts, type Verdict } from "./table.js";
import { historyVariant, runPositionsBench, type PositionsBenchRow } from "./positions-bench.js";
import { formatProfileSummary, summarizeProfiles, type ProfileSummary } from "./profile-summary.js";
import { startPostgres } from "./postgres-cluster.js";
import { runRuntimeBench, type RuntimeBenchRow } from "./runtime-bench.js";
import { plannerUsage, runPlannerSuite } from "./planner-suite.js";
import { reconciliationUsage, runReconciliationSuite } from "./reconciliation-suite.js";
import { runRecoverySuite } from "./recovery-suite.js";
import { runTransfersSuite } from "./transfers-suite.js";
import { runActivationSuite } from "./activation-suite.js";
import { runScaleSuite } from "./scale-suite.js";
import { positiveInt } from "./env.js";

// `npm run bench -- <suite> [--flags]`: the suite from the command line, else BENCH_SUITE.
const [first, ...rest] = process.argv.slice(2);
const suiteArgument = first === undefined || first.startsWith("--") ? undefined : first;
const flags = suiteArgument === undefined ? process.argv.slice(2) : rest;
if (flags.includes("--help")) {
  console.log(`usage: npm run bench -- [positions | runtime | transfers | activation | scale | recovery | planner | reconciliation | all] [suite flags]
  (or BENCH_SUITE=...; options of positions, runtime, transfers, activation, scale and recovery by environment: test/bench/run.ts)
${plannerUsage}
${reconciliationUsage}`);
  process.exit(0);
}
const suite = suiteArgument ?? process.env["BENCH_SUITE"] ?? "positions";
const suites = [
  "positions",
  "runtime",
  "transfers",
  "activation",
  "scale",
  "recovery",
  "planner",
  "reconciliation",
  "all",
];
if (!suites.includes(suite)) throw new Error(`the suite must be one of ${suites.join(", ")}`);
const options = {
  requestsPerRun: positiveInt("BENCH_REQUESTS", 4_000),
  rounds: positiveInt("BENCH_ROUNDS", 3),
  concurrencies: (process.env["BENCH_CONCURRENCY"] ?? "16,64,256").split(",").map((raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error("BENCH_CONCURRENCY must list positive integers");
    return value;
  }),
  ...(process.env["BENCH_ONLY"] ? { only: process.env["BENCH_ONLY"] } : {}),
};

const runTimeLimitMs = positiveInt("BENCH_RUN_SECONDS_MAX", 30) * 1000;
/** The journal the history runs start on: BENCH_HISTORY=off runs none. */
const history =
  process.env["BENCH_HISTORY"] === "off"
    ? undefined
    : {
        entries: positiveInt("BENCH_HISTORY_ENTRIES", 2_000_000),
        actors: positiveInt("BENCH_HISTORY_ACTORS", 100_000),
      };
const cpuProfileDir = process.env["BENCH_ENGINE_CPU_PROFILE_DIR"];

// Ctrl-C or a timeout: leave through process.exit, so that the servers started here are stopped ("exit" hooks).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
await mkdir("results", { recursive: true });
// The planner suite runs the embedded engine: no servers.
if (suite === "planner" || suite === "all") await runPlannerSuite(flags, machine, stamp);
// The reconciliation suite starts the servers of its durable run itself.
if (suite === "reconciliation" || suite === "all") await runReconciliationSuite(flags, machine, stamp);
if (suite !== "planner" && suite !== "reconciliation") await serverSuites();

async function serverSuites(): Promise<void> {
  const [nats, mongo] = await Promise.all([startNats(), startMongo()]);
  try {
    if (suite === "positions" || suite === "all") await positionsSuite(nats, mongo);
    if (suite === "runtime" || suite === "all") {
      const rows = await runRuntimeBench({ natsUrl: nats.url, mongoUrl: mongo.url, ...options });
      printTable(
        ["workload", "in flight", "variant", "commands/s", "p50 ms", "p99 ms", "failures", "vs coalesce off"],
        rows.map((row) => [...commonCells(row), ratio(rows, row, "coalesce off")]),
      );
      const file = `results/runtime-${stamp}.json`;
      await writeFile(
        file,
        `${JSON.stringify({ benchmark: "runtime journal coalescing", at: new Date().toISOString(), servers: { nats: nats.kind, mongo: mongo.kind }, machine, options, rows }, null, 2)}\n`,
      );
      console.log(`\nresults written to ${file}`);
    }
    if (suite === "activation" || suite === "all")
      await runActivationSuite({ mongoUrl: mongo.url, mongoKind: mongo.kind }, machine, stamp);
    if (suite === "scale" || suite === "all")
      await runScaleSuite({ natsUrl: nats.url, mongoUrl: mongo.url, mongoKind: mongo.kind }, machine, stamp);
    if (suite === "transfers" || suite === "all")
      await runTransfersSuite({ natsUrl: nats.url, mongoUrl: mongo.url, mongoKind: mongo.kind }, machine, stamp);
    if (suite === "recovery" || suite === "all")
      await runRecoverySuite({ natsUrl: nats.url, mongoUrl: mongo.url, mongoKind: mongo.kind }, machine, stamp);
  } finally {
    await Promise.all([nats.stop(), mongo.stop()]);
  }
}

/** The positions suite on its store: BENCH_POSITIONS_STORE `rig` (the default) or `ferretdb-postgresql`. */
async function positionsSuite(nats: RunningServer, rig: RunningServer): Promise<void> {
  const mongo = await chooseStore("BENCH_POSITIONS_STORE", "rig", rig);
  try {
    const postgres = await startPostgres();
    try {
      const { rows, preload, profiles } = await runPositionsBench({
        natsUrl: nats.url,
        mongoUrl: mongo.url,
        pgUrl: postgres.url,
        runTimeLimitMs,
        ...(postgres.pid ? { postmasterPid: postgres.pid } : {}),
        ...(history ? { history } : {}),
        ...(cpuProfileDir ? { cpuProfileDir } : {}),
        ...options,
      });
      if (preload)
        console.log(
          `\nhistory: ${preload.entries.toLocaleString("en")} entries over ${preload.actors.toLocaleString("en")} accounts (${preload.snapshots} snapshots) preloaded through the store in ${preload.seconds.toFixed(1)} s (${preload.entriesPerSecond.toFixed(0)} entries/s, ${preload.cpuSeconds.toFixed(1)} s CPU in the bench process)`,
        );
      const verdicts = printPositionsTable(rows);
      const profileSummaries = await summarizePositionProfiles(profiles);
      const file = `results/positions-${stamp}.json`;
      const servers = {
        nats: nats.kind,
        mongo: mongo.kind,
        postgres: postgres.kind,
        postgresPoolSize: "min(in flight, 64)",
      };
      await writeFile(
        file,
        `${JSON.stringify({ benchmark: "position updates: engine vs PostgreSQL", at: new Date().toISOString(), servers, machine, options: { ...options, runTimeLimitMs, history }, preload, targets: verdicts, rows, profileSummaries }, null, 2)}\n`,
      );
      console.log(`\nresults written to ${file}\n`);
    } finally {
      await postgres.stop();
    }
  } finally {
    await mongo.stop();
  }
}

type Row = RuntimeBenchRow | PositionsBenchRow;

function commonCells(row: Row): string[] {
  return [
    row.workload,
    String(row.concurrency),
    row.variant,
    row.medianPerSecond.toFixed(0),
    row.medianP50Ms.toFixed(1),
    row.medianP99Ms.toFixed(1),
    String(row.failures),
  ];
}

function ratio(rows: readonly Row[], row: Row, baseline: string): string {
  const base = rows.find(
    (other) => other.workload === row.workload && other.concurrency === row.concurrency && other.variant === baseline,
  );
  return base ? `${(row.medianPerSecond / base.medianPerSecond).toFixed(2)}x` : "";
}

/**
 * One table per workload and concurrency, with the engine's ratio to each baseline (engine via NATS / baseline),
 * then the targets at 64 in flight: reported, met or not, never enforced.
 */
function printPositionsTable(rows: readonly PositionsBenchRow[]): Verdict[] {
  const find = (workload: string, concurrency: number, variant: string) =>
    rows.find((row) => row.workload === workload && row.concurrency === concurrency && row.variant === variant);
  const groups = [...new Set(rows.map((row) => JSON.stringify([row.workload, row.concurrency])))].map(
    (key) => JSON.parse(key) as [string, number],
  );
  for (const [workload, concurrency] of groups) {
    const engine = find(workload, concurrency, "engine via NATS");
    console.log(
      `\n${workload}, ${concurrency} in flight (medians of ${Math.max(...rows.map((row) => row.rounds.length))} rounds)`,
    );
    printTable(
      [
        "variant",
        "updates/s",
        "p50 ms",
        "p99 ms",
        "failures",
        "retries",
        "wrong balances",
        "engine (NATS) / this",
        "storage per run",
      ],
      rows
        .filter((row) => row.workload === workload && row.concurrency === concurrency)
        .map((row) => [
          row.variant + (row.roundsCutShort > 0 ? ` (${row.roundsCutShort} cut short)` : ""),
          row.medianPerSecond.toFixed(0),
          row.medianP50Ms.toFixed(1),
          row.medianP99Ms.toFixed(1),
          String(row.failures),
          String(row.retries),
          String(row.balanceMismatches),
          engine && row.variant.startsWith("pg ")
            ? `${(engine.medianPerSecond / row.medianPerSecond).toFixed(2)}x`
            : "",
          storageCell(row),
        ]),
    );
  }
  // Where the CPU went (2 shared cores: CPU, not waiting, bounds most of these runs).
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.cpuMsPer1000)))].filter(
    (name) => !name.startsWith("machine") && rows.some((row) => (row.cpuMsPer1000[name] ?? 0) >= 0.5),
  );
  console.log(
    "\nCPU ms per 1,000 updates (medians; machine = busy time of all cores; rest = other users' load, the kernel)",
  );
  printTable(
    ["workload", "in flight", "variant", "machine", ...names],
    rows.map((row) => [
      row.workload,
      String(row.concurrency),
      row.variant,
      fixed0(row.cpuMsPer1000["machine (all cores)"]),
      ...names.map((name) => fixed0(row.cpuMsPer1000[name])),
    ]),
  );

  const wrong = rows.reduce((sum, row) => sum + row.balanceMismatches, 0);
  console.log(
    wrong === 0
      ? "\nbalances: exact after every run (ledger and available = the sum of the acknowledged amounts; one journal row each)"
      : `\nbalances: ${wrong} WRONG (see the JSON): a failure`,
  );

  const at = 64;
  const verdicts: Verdict[] = [];
  // Flat with history: the engine on the preloaded journal keeps 90% of its throughput on the empty one.
  for (const workload of ["1 hot account", "1,000 accounts"]) {
    const [empty, loaded] = [find(workload, at, "engine via NATS"), find(workload, at, historyVariant)];
    if (!loaded) continue;
    const achieved = empty ? loaded.medianPerSecond / empty.medianPerSecond : undefined;
    verdicts.push({
      target: `${workload}: flat with history (history / empty journal >= 0.90)`,
      achieved:
        achieved === undefined
          ? "not measured"
          : `${achieved.toFixed(2)}x (${loaded.medianPerSecond.toFixed(0)}/s vs ${empty!.medianPerSecond.toFixed(0)}/s; p99 ${loaded.medianP99Ms.toFixed(1)} vs ${empty!.medianP99Ms.toFixed(1)} ms)`,
      met: achieved === undefined ? undefined : achieved >= 0.9,
    });
  }
  const ratioTarget = (
    target: string,
    engine: PositionsBenchRow | undefined,
    baseline: PositionsBenchRow | undefined,
    wanted: number,
  ) => {
    const achieved = engine && baseline ? engine.medianPerSecond / baseline.medianPerSecond : undefined;
    verdicts.push({
      target,
      achieved: achieved === undefined ? "not measured" : `${achieved.toFixed(2)}x`,
      met: achieved === undefined ? undefined : achieved >= wanted,
    });
  };
  ratioTarget(
    "1 hot account: engine >= 10x pg FOR UPDATE",
    find("1 hot account", at, "engine via NATS"),
    find("1 hot account", at, "pg FOR UPDATE"),
    10,
  );
  ratioTarget(
    "1,000 accounts: engine >= 1.5x pg atomic UPDATE",
    find("1,000 accounts", at, "engine via NATS"),
    find("1,000 accounts", at, "pg atomic UPDATE"),
    1.5,
  );
  for (const workload of ["1 hot account", "1,000 accounts"]) {
    const engine = find(workload, at, "engine via NATS");
    verdicts.push({
      target: `${workload}: engine p99 <= 20 ms`,
      achieved: engine
        ? `${engine.medianP99Ms.toFixed(1)} ms (${(engine.medianP99Ms / 20).toFixed(2)}x the limit)`
        : "not measured",
      met: engine ? engine.medianP99Ms <= 20 : undefined,
    });
  }
  printVerdicts(`position targets, at ${at} in flight (engine via NATS)`, verdicts);
  return verdicts;
}

/** One summary per workload and variant (all rounds and concurrencies of it), printed and kept for the JSON. */
async function summarizePositionProfiles(files: readonly string[]): Promise<Record<string, ProfileSummary>> {
  const byCase = new Map<string, string[]>();
  for (const file of files) {
    const name = file.replace(/^.*\//, "").replace(/-c\d+-r\d+\.cpuprofile$/, "");
    byCase.set(name, [...(byCase.get(name) ?? []), file]);
  }
  const summaries: Record<string, ProfileSummary> = {};
  for (const [name, group] of byCase) {
    summaries[name] = await summarizeProfiles(group, 10);
    console.log(formatProfileSummary(`${name} (bench process: engine, load generator, clients)`, summaries[name]));
  }
  return summaries;
}

function fixed0(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? "" : value.toFixed(0);
}

function storageCell(row: PositionsBenchRow): string {
  const s = row.storage;
  if (s.journalWrites !== undefined) {
    return `${s.journalWrites.toFixed(0)} journal writes, ${s.entriesPerWrite?.toFixed(1)} entries/write, ${s.writeMsMean?.toFixed(1)} ms/write`;
  }
  if (s.walSyncs !== undefined)
    return `${s.walSyncs.toFixed(0)} WAL fsyncs, ${s.commitsPerWalSync?.toFixed(1)} commits/fsync, ${s.walSyncMsMean?.toFixed(2)} ms/fsync`;
  return "";
}
