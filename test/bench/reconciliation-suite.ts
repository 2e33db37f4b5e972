import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { startMongo, startNats } from "../rig/servers.js";
import type { PhaseMemory } from "./memory-watch.js";
import {
  runAccounts,
  runStatement,
  type AccountsRow,
  type EngineMode,
  type ReconciliationBenchServers,
  type StatementRow,
} from "./reconciliation-bench.js";

export const reconciliationUsage = `reconciliation flags (npm run bench -- reconciliation ...):
  --lines A,B        lines of the one statement, two sizes (default 10000,100000)
  --accounts A,B     accounts with a statement each, two sizes (default 100,1000)
  --account-lines L  lines of each account's statement (default 20)
  --durable          also a durable run, on NATS and a MongoDB-wire server (slow to set up: minutes)
  --durable-lines N  lines of the durable run's statement (default 2000)
  --durable-accounts M  accounts of the durable run (default 100)`;

const flagSpec = {
  lines: { type: "string", default: "10000,100000" },
  accounts: { type: "string", default: "100,1000" },
  "account-lines": { type: "string", default: "20" },
  "durable-lines": { type: "string", default: "2000" },
  "durable-accounts": { type: "string", default: "100" },
  durable: { type: "boolean", default: false },
} as const;

interface ReconciliationOptions {
  readonly lines: readonly number[];
  readonly accounts: readonly number[];
  readonly accountLines: number;
  /** The durable run's one size of each workload; undefined: no durable run. */
  readonly durable: { readonly lines: number; readonly accounts: number } | undefined;
}

/**
 * `npm run bench -- reconciliation [flags]`: one statement against as many records, and a day of statements for many
 * accounts, each at two sizes so that the cost per line (per account) can be compared between them; embedded, and
 * with --durable also on NATS and a MongoDB-wire server at one smaller size. A table and a JSON file.
 */
export async function runReconciliationSuite(argv: readonly string[], machine: object, stamp: string): Promise<void> {
  const options = reconciliationOptions(argv);
  const statements: StatementRow[] = [];
  const accounts: AccountsRow[] = [];
  const progress = (what: string, phases: Record<string, PhaseMemory>) =>
    process.stderr.write(
      `${what}: ${Object.entries(phases)
        .map(([name, phase]) => `${name} ${phase.seconds.toFixed(2)} s`)
        .join(", ")}\n`,
    );
  const runAll = async (
    mode: EngineMode,
    servers: ReconciliationBenchServers | undefined,
    sizes: { readonly lines: readonly number[]; readonly accounts: readonly number[] },
  ) => {
    for (const lines of sizes.lines) {
      const row = await runStatement(mode, servers, lines);
      statements.push(row);
      progress(`${mode}, ${lines} lines`, { parse: row.parse, import: row.import, reconcile: row.reconcile });
    }
    for (const count of sizes.accounts) {
      const row = await runAccounts(mode, servers, count, options.accountLines);
      accounts.push(row);
      progress(`${mode}, ${count} accounts`, { import: row.import, reconcile: row.reconcile });
    }
  };
  // A small run of each, not reported: the first size measured would otherwise also pay for the JIT's warm-up.
  await runStatement("embedded", undefined, 1_000);
  await runAccounts("embedded", undefined, 10, options.accountLines);
  await runAll("embedded", undefined, options);
  let serverKinds: object | undefined;
  if (options.durable) {
    const { lines, accounts: count } = options.durable;
    const [nats, mongo] = await Promise.all([startNats(), startMongo()]);
    try {
      serverKinds = { nats: nats.kind, mongo: mongo.kind };
      await runAll("durable", { natsUrl: nats.url, mongoUrl: mongo.url }, { lines: [lines], accounts: [count] });
    } finally {
      await Promise.all([nats.stop(), mongo.stop()]);
    }
  }
  const ratios = linearity(statements, accounts);
  printReconciliation(statements, accounts, ratios);
  const file = `results/reconciliation-${stamp}.json`;
  await writeFile(
    file,
    `${JSON.stringify({ benchmark: "reconciliation: parse, import, reconcile", at: new Date().toISOString(), engine: "in the bench process: embedded (memory journal and bus), durable (NATS and a MongoDB-wire server)", servers: serverKinds, machine, options, statements, accounts, linearity: ratios }, null, 2)}\n`,
  );
  console.log(`\nresults written to ${file}\n`);
}

function reconciliationOptions(argv: readonly string[]): ReconciliationOptions {
  const { values } = parseArgs({ args: [...argv], options: flagSpec, strict: true, allowPositionals: false });
  const sizes = (name: "lines" | "accounts"): number[] => {
    const list = values[name].split(",").map(Number);
    if (list.length !== 2 || list.some((value) => !Number.isInteger(value) || value <= 0))
      throw new Error(`--${name} must be two positive integers, comma-separated`);
    return list.sort((a, b) => a - b);
  };
  const count = (name: "account-lines" | "durable-lines" | "durable-accounts", least: number): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be an integer >= ${least}`);
    return value;
  };
  return {
    lines: sizes("lines"),
    accounts: sizes("accounts"),
    accountLines: count("account-lines", 2),
    durable: values.durable
      ? { lines: count("durable-lines", 100), accounts: count("durable-accounts", 1) }
      : undefined,
  };
}

/** The larger size's cost per unit over the smaller's, per phase (1.00: linear; above: super-linear). */
interface Linearity {
  readonly mode: EngineMode;
  readonly workload: string;
  readonly sizes: readonly [number, number];
  readonly perUnitRatio: Readonly<Record<string, number>>;
}

function linearity(statements: readonly StatementRow[], accounts: readonly AccountsRow[]): Linearity[] {
  const ratios: Linearity[] = [];
  const ratio = (small: PhaseMemory, smallUnits: number, large: PhaseMemory, largeUnits: number) =>
    large.seconds / largeUnits / (small.seconds / smallUnits);
  for (const mode of ["embedded", "durable"] as const) {
    const s = statements.filter((row) => row.mode === mode);
    if (s.length === 2) {
      const [a, b] = s as [StatementRow, StatementRow];
      ratios.push({
        mode,
        workload: "one statement, per line",
        sizes: [a.lines, b.lines],
        perUnitRatio: {
          parse: ratio(a.parse, a.lines, b.parse, b.lines),
          import: ratio(a.import, a.lines, b.import, b.lines),
          reconcile: ratio(a.reconcile, a.lines, b.reconcile, b.lines),
        },
      });
    }
    const m = accounts.filter((row) => row.mode === mode);
    if (m.length === 2) {
      const [a, b] = m as [AccountsRow, AccountsRow];
      ratios.push({
        mode,
        workload: "many accounts, per account",
        sizes: [a.accounts, b.accounts],
        perUnitRatio: {
          import: ratio(a.import, a.accounts, b.import, b.accounts),
          reconcile: ratio(a.reconcile, a.accounts, b.reconcile, b.accounts),
        },
      });
    }
  }
  return ratios;
}

function printReconciliation(
  statements: readonly StatementRow[],
  accounts: readonly AccountsRow[],
  ratios: readonly Linearity[],
): void {
  const s = (phase: PhaseMemory) => phase.seconds.toFixed(2);
  const us = (phase: PhaseMemory, units: number) => ((phase.seconds / units) * 1e6).toFixed(0);
  const peak = (phase: PhaseMemory) => `${phase.rssPeakMiB.toFixed(0)} / ${phase.heapPeakMiB.toFixed(0)}`;
  console.log("\none camt.053 statement against as many records (import includes its own parse)");
  printTable(
    [
      "engine",
      "lines",
      "parse s",
      "import s",
      "reconcile s",
      "parse µs/line",
      "import µs/line",
      "reconcile µs/line",
      "peak RSS / heap MiB (parse, import, reconcile)",
      "differences",
    ],
    statements.map((row) => [
      row.mode,
      String(row.lines),
      s(row.parse),
      s(row.import),
      s(row.reconcile),
      us(row.parse, row.lines),
      us(row.import, row.lines),
      us(row.reconcile, row.lines),
      [row.parse, row.import, row.reconcile].map(peak).join(", "),
      `${row.differences} (${row.outcome})`,
    ]),
  );
  console.log("\na day of statements for many accounts: all imported one by one, then all reconciled (the job's path)");
  printTable(
    [
      "engine",
      "accounts",
      "lines each",
      "import s",
      "reconcile s",
      "import ms/account",
      "reconcile ms/account",
      "peak RSS / heap MiB (import, reconcile)",
      "reconciled",
      "failed",
    ],
    accounts.map((row) => [
      row.mode,
      String(row.accounts),
      String(row.linesPerAccount),
      s(row.import),
      s(row.reconcile),
      ((row.import.seconds / row.accounts) * 1e3).toFixed(1),
      ((row.reconcile.seconds / row.accounts) * 1e3).toFixed(1),
      [row.import, row.reconcile].map(peak).join(", "),
      String(row.reconciled),
      String(row.failed),
    ]),
  );
  for (const row of accounts.filter((row) => row.failed > 0))
    console.log(`failures (${row.mode}, ${row.accounts} accounts): ${row.failureSamples.join("; ")}`);
  console.log("\ncost per unit, larger size / smaller (1.00: linear)");
  printTable(
    ["engine", "workload", "sizes", "phase ratios"],
    ratios.map((r) => [
      r.mode,
      r.workload,
      `${r.sizes[0]} -> ${r.sizes[1]}`,
      Object.entries(r.perUnitRatio)
        .map(([phase, value]) => `${phase} ${value.toFixed(2)}`)
        .join(", "),
    ]),
  );
}

function printTable(header: readonly string[], lines: readonly string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}
