import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../engine/config.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import type { MatchSummary } from "../../reconciliation/matching/index.js";
import { reconcileAccounts } from "../../reconciliation/reconcile-accounts.js";
import { reconcileDay } from "../../reconciliation/reconciler.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";
import { jsonLogger } from "../../runtime/logger.js";
import { driveClosedLoop } from "./closed-loop.js";
import { benchBanksFile } from "./planner-workload.js";
import { bankCode, benchDay, currency, type BenchDay, type Perturbations } from "./reconciliation-workload.js";
import { MemoryWatch, type PhaseMemory } from "./memory-watch.js";

export type EngineMode = "embedded" | "durable";

export interface ReconciliationBenchServers {
  readonly natsUrl: string;
  readonly mongoUrl: string;
}

/** One statement of `lines` lines against as many records: each phase's time and memory. */
export interface StatementRow {
  readonly mode: EngineMode;
  readonly lines: number;
  readonly records: number;
  /** Not timed: opening the account and booking its entries, until the records read model holds them all. */
  readonly setupSeconds: number;
  readonly parse: PhaseMemory;
  /** The import whole: parse again, digest, the lines written, the version registered. */
  readonly import: PhaseMemory;
  readonly reconcile: PhaseMemory;
  readonly outcome: string;
  readonly summary: MatchSummary | undefined;
  readonly differences: number;
}

/** A day of statements for many accounts: all imported, then all reconciled by the job's path. */
export interface AccountsRow {
  readonly mode: EngineMode;
  readonly accounts: number;
  readonly linesPerAccount: number;
  readonly setupSeconds: number;
  readonly import: PhaseMemory;
  readonly reconcile: PhaseMemory;
  readonly reconciled: number;
  readonly failed: number;
  readonly failureSamples: readonly string[];
}

const principal = "bench:reconciliation";
/** Small enough that the differences of every size stay constant, and far below the 1,000 one run may record. */
const statementPerturbations: Perturbations = { missingAtBank: 10, missingInEngine: 10, amountOff: 5 };

export class BenchEngine {
  private constructor(
    readonly engine: RunningEngine,
    readonly mode: EngineMode,
    private readonly directory: string,
  ) {}

  /** The engine in this process: embedded (memory journal and bus) or durable (the given NATS and MongoDB). */
  static async start(mode: EngineMode, servers: ReconciliationBenchServers | undefined): Promise<BenchEngine> {
    const directory = await mkdtemp(join(tmpdir(), "reconciliation-bench-"));
    const banksFile = join(directory, "banks.json");
    await writeFile(banksFile, JSON.stringify(benchBanksFile()));
    const run = `rb${Date.now().toString(36)}`;
    const durable =
      mode === "durable" && servers
        ? {
            LIQ_NATS_URL: servers.natsUrl,
            LIQ_MONGO_URL: servers.mongoUrl,
            LIQ_MONGO_DB: run,
            LIQ_SUBJECT_PREFIX: run,
            LIQ_DEV_ACCESS: "true",
          }
        : {};
    const config = loadConfig({
      LIQ_ADMIN_PORT: "0",
      LIQ_GRPC_PORT: "0",
      LIQ_BANKS_FILE: banksFile,
      LIQ_CHANNEL_PROBE_INTERVAL_MS: "0",
      LIQ_PLANNER_ENABLED: "false",
      LIQ_RATE_LIMIT_PER_SECOND: "1000000",
      LIQ_RATE_LIMIT_BURST: "1000000",
      LIQ_MAILBOX_CAPACITY: "10000",
      LIQ_PASSIVATE_AFTER_IDLE_MS: "600000",
      ...durable,
    });
    const engine = await startEngine(config, jsonLogger({ service: "reconciliation-bench" }, undefined, "warn"));
    return new BenchEngine(engine, mode, directory);
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    await rm(this.directory, { recursive: true, force: true });
  }

  /**
   * Opens the account and books the day's entries through its actor (the funding first, then the rest 64 in
   * flight), then waits until the records read model has folded them all: what reconciliation will read.
   */
  async book(day: BenchDay, date: string): Promise<string> {
    const accountId = `${bankCode}:${day.accountNumber}`;
    await this.command(accountId, "open", "open", {
      bankCode,
      accountNumber: day.accountNumber,
      currency,
      pool: "reconciliation",
    });
    const entry = (index: number) => {
      const { entryId, direction, amount } = day.entries[index]!;
      return this.command(accountId, `entry:${entryId}`, "recordEntry", {
        entryId,
        direction,
        amount,
        currency,
        bookingDate: date,
      });
    };
    await entry(0);
    const rest = await driveClosedLoop(day.entries.length - 1, 64, async (index) => {
      await entry(index + 1);
      return undefined;
    });
    if (rest.failures > 0) throw new Error(`booking the entries failed: ${rest.failureSamples.join("; ")}`);
    return accountId;
  }

  /** Until the records read model has folded every event of each account (not timed: a reconciliation waits too). */
  async recordsCaughtUp(accountIds: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const accountId of accountIds) {
      const { eventSeq } = await this.engine.system.inspect({ kind: "account", actorId: accountId });
      while ((await this.engine.accountBookings.appliedThrough(accountId)) < eventSeq) {
        if (Date.now() > deadline) throw new Error(`the records of ${accountId} did not catch up in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private async command(actorId: string, commandId: string, type: string, payload: Record<string, string>) {
    const reply = await this.engine.system.dispatch({ kind: "account", actorId, commandId, type, payload, principal });
    if (!reply.ok) throw new Error(`${type} on ${actorId}: ${reply.error.code}: ${reply.error.message}`);
  }
}

/** Today (UTC): an entry is booked on a day the account books on now, and the statement is of that day. */
export function benchDate(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One statement of `lines` lines against its records, on a fresh engine: parse, import, reconcile, each timed. */
export async function runStatement(
  mode: EngineMode,
  servers: ReconciliationBenchServers | undefined,
  lines: number,
): Promise<StatementRow> {
  const date = benchDate();
  const day = benchDay(`L${lines}`, date, lines, statementPerturbations, lines);
  const bench = await BenchEngine.start(mode, servers);
  try {
    const setupStarted = performance.now();
    const accountId = await bench.book(day, date);
    await bench.recordsCaughtUp([accountId], 600_000);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const watch = new MemoryWatch();
    const parse = await watch.phase(async () => parseStatementFile(day.camt));
    const imported = await watch.phase(() =>
      bench.engine.importer({ text: day.camt, source: "upload", principal, account: accountId }),
    );
    if (imported.value[0]?.lineCount !== day.lineCount) throw new Error("the import did not register every line");
    const reconcile = await watch.phase(() => reconcileDay(bench.engine.reconciler, accountId, date));
    const result = reconcile.value;
    const summary = result.outcome === "no_statement" ? undefined : result.summary;
    return {
      mode,
      lines: day.lineCount,
      records: day.entries.length,
      setupSeconds,
      parse: parse.memory,
      import: imported.memory,
      reconcile: reconcile.memory,
      outcome: result.outcome,
      summary,
      differences: result.outcome === "no_statement" ? 0 : result.report.differenceCount,
    };
  } finally {
    await bench.stop();
  }
}

/** `accounts` accounts with a statement of `linesPerAccount` lines each: all imported one by one, all reconciled. */
export async function runAccounts(
  mode: EngineMode,
  servers: ReconciliationBenchServers | undefined,
  accounts: number,
  linesPerAccount: number,
): Promise<AccountsRow> {
  const date = benchDate();
  // Every tenth account has one line the engine does not know: the differences path is taken, not only matches.
  const days = Array.from({ length: accounts }, (_, index) =>
    benchDay(
      `M${index}`,
      date,
      linesPerAccount,
      { missingAtBank: 0, missingInEngine: index % 10 === 0 ? 1 : 0, amountOff: 0 },
      index + 1,
    ),
  );
  const bench = await BenchEngine.start(mode, servers);
  try {
    const setupStarted = performance.now();
    const accountIds: string[] = [];
    const booked = await driveClosedLoop(days.length, 16, async (index) => {
      accountIds[index] = await bench.book(days[index]!, date);
      return undefined;
    });
    if (booked.failures > 0) throw new Error(`booking failed: ${booked.failureSamples.join("; ")}`);
    await bench.recordsCaughtUp(accountIds, 600_000);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const watch = new MemoryWatch();
    const imported = await watch.phase(async () => {
      for (const [index, day] of days.entries())
        await bench.engine.importer({ text: day.camt, source: "upload", principal, account: accountIds[index] });
    });
    const reconcile = await watch.phase(() => reconcileAccounts(bench.engine.reconciler, accountIds, date));
    const run = reconcile.value;
    return {
      mode,
      accounts,
      linesPerAccount,
      setupSeconds,
      import: imported.memory,
      reconcile: reconcile.memory,
      reconciled: run.reconciled,
      failed: run.failed.length,
      failureSamples: run.failed
        .slice(0, 3)
        .map((failure) => `${failure.accountId}: ${failure.code}: ${failure.message}`),
    };
  } finally {
    await bench.stop();
  }
}
