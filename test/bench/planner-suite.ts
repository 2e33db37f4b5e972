import { mkdir, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatProfileSummary, summarizeProfiles, type ProfileSummary } from "./profile-summary.js";
import { runPlannerBench, type PlannerBenchOptions, type PlannerBenchRow } from "./planner-bench.js";

export const plannerUsage = `planner flags (npm run bench -- planner ...):
  --accounts N       accounts (default 10000)          --pools P         pools, one rule each (default 100)
  --rate R           position updates/s aimed at (2000) --dip-percent D   updates that take an account below its
  --seconds S        measured seconds per run (60)                        low warning, in percent (1)
  --rounds K         rounds, planner off and on each (2) --in-flight M    updates in flight at most (512)
  --cpu-profile DIR  write a .cpuprofile of each measured window there, summarized (or BENCH_ENGINE_CPU_PROFILE_DIR)`;

const flagSpec = {
  accounts: { type: "string", default: "10000" },
  pools: { type: "string", default: "100" },
  rate: { type: "string", default: "2000" },
  "dip-percent": { type: "string", default: "1" },
  seconds: { type: "string", default: "60" },
  rounds: { type: "string", default: "2" },
  "in-flight": { type: "string", default: "512" },
  "cpu-profile": { type: "string" },
} as const;

/** `npm run bench -- planner [flags]`: the decision engine's benchmark (planner-bench.ts); a table and a JSON file. */
export async function runPlannerSuite(argv: readonly string[], machine: object, stamp: string): Promise<void> {
  const options = plannerOptions(argv);
  if (options.cpuProfileDir) await mkdir(options.cpuProfileDir, { recursive: true });
  const rows = await runPlannerBench(options);
  printPlanner(rows, options);
  const profileSummaries: Record<string, ProfileSummary> = {};
  for (const row of rows) {
    const files = row.rounds.flatMap((run) => (run.profile ? [run.profile] : []));
    if (files.length === 0) continue;
    const summary = await summarizeProfiles(files, 10);
    profileSummaries[row.variant] = summary;
    console.log(formatProfileSummary(`${row.variant} (the bench process: embedded engine, load)`, summary));
  }
  const file = `results/planner-${stamp}.json`;
  await writeFile(
    file,
    `${JSON.stringify({ benchmark: "decision engine under position updates", at: new Date().toISOString(), engine: "embedded (in-memory journal and bus, in the bench process)", machine, options, rows, profileSummaries }, null, 2)}\n`,
  );
  console.log(`\nresults written to ${file}\n`);
}

function plannerOptions(argv: readonly string[]): PlannerBenchOptions {
  const { values } = parseArgs({ args: [...argv], options: flagSpec, strict: true, allowPositionals: false });
  const number = (name: keyof typeof flagSpec, integer: boolean): number => {
    const value = Number(values[name]);
    if (!(value > 0) || (integer && !Number.isInteger(value)))
      throw new Error(`--${name} must be a positive ${integer ? "integer" : "number"}`);
    return value;
  };
  const profileDir = values["cpu-profile"] ?? process.env["BENCH_ENGINE_CPU_PROFILE_DIR"];
  const options = {
    accounts: number("accounts", true),
    pools: number("pools", true),
    ratePerSecond: number("rate", true),
    dipPercent: number("dip-percent", false),
    seconds: number("seconds", true),
    rounds: number("rounds", true),
    inFlightMax: number("in-flight", true),
    ...(profileDir ? { cpuProfileDir: profileDir } : {}),
  };
  if (options.pools > options.accounts) throw new Error("--pools must not exceed --accounts");
  if (options.dipPercent > 100) throw new Error("--dip-percent must be at most 100");
  return options;
}

function printPlanner(rows: readonly PlannerBenchRow[], options: PlannerBenchOptions): void {
  const off = rows.find((row) => row.variant === "planner off");
  const on = rows.find((row) => row.variant !== "planner off");
  console.log(
    `\n${options.accounts} accounts in ${options.pools} pools, ${options.ratePerSecond} updates/s aimed at, ` +
      `${options.dipPercent}% dips, ${options.seconds} s per run (medians of ${options.rounds} rounds)`,
  );
  const cell = (value: number, digits = 0) => (Number.isNaN(value) ? "" : value.toFixed(digits));
  printTable(
    [
      "variant",
      "updates/s",
      "skipped",
      "update p50 ms",
      "update p99 ms",
      "plan p50 ms",
      "plan p99 ms",
      "unplanned",
      "evaluations/s",
      "ms/evaluation",
      "CPU % of a core",
      "CPU ms/1,000 updates",
    ],
    rows.map((row) => [
      row.variant,
      cell(row.perSecond),
      String(row.skipped),
      cell(row.updateP50Ms, 1),
      cell(row.updateP99Ms, 1),
      row.variant === "planner off" ? "" : cell(row.planP50Ms),
      row.variant === "planner off" ? "" : cell(row.planP99Ms),
      row.variant === "planner off" ? "" : String(row.unplanned),
      cell(row.evaluationsPerSecond, 1),
      cell(row.evaluationMsMean, 1),
      cell(row.cpuCorePercent),
      cell(row.cpuMsPer1000),
    ]),
  );
  if (!off || !on) return;
  console.log(
    `\nplanner on / off: updates/s ${(on.perSecond / off.perSecond).toFixed(2)}x, ` +
      `CPU per update ${(on.cpuMsPer1000 / off.cpuMsPer1000).toFixed(2)}x ` +
      `(target: under 10% cost; reported, not enforced)`,
  );
}

function printTable(header: readonly string[], lines: readonly string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}
