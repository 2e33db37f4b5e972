import { mkdir, writeFile } from "node:fs/promises";
import { positiveInt } from "./env.js";
import { startFerretDbOnPostgres, type BenchStore } from "./ferretdb-postgres.js";
import { runRecoveryBench, type RecoveryBenchResult, type StartRecord } from "./recovery-bench.js";
import { printTable } from "./table.js";

/**
 * `npm run bench -- recovery` (also in `all`): the crash-loop benchmark (recovery-bench.ts). Options (environment):
 * BENCH_RECOVERY_SECONDS (how long the engine is killed every few seconds under load, 180), BENCH_RECOVERY_KILL_EVERY_SECONDS
 * (12), BENCH_RECOVERY_ACCOUNTS (10000), BENCH_RECOVERY_IN_FLIGHT (entries in flight, 64), BENCH_RECOVERY_OBSERVE_SECONDS
 * (after the final start, the load goes on until recovery is done, at most this long: 60),
 * BENCH_RECOVERY_ACTIVATIONS_IN_FLIGHT (the engine's LIQ_RECOVERY_ACTIVATIONS_IN_FLIGHT_MAX; its default when unset),
 * BENCH_RECOVERY_SEARCH_WINDOW_MS and BENCH_RECOVERY_SEARCH_WINDOW_ACTORS (the engine's LIQ_RECOVERY_SEARCH_WINDOW_MS and
 * LIQ_RECOVERY_SEARCH_WINDOW_ACTORS; their defaults when unset),
 * BENCH_RECOVERY_STORE (`ferretdb-postgresql`, the default, or `rig`: the MongoDB-wire server of the other suites),
 * BENCH_RECOVERY_ENGINE_ROOT (another checkout whose engine to run, e.g. an earlier version to compare with),
 * BENCH_RECOVERY_LOG_DIR (each start's engine log lines saved there as start-<n>.jsonl, its metrics before the kill as
 * start-<n>.metrics.txt).
 */
export async function runRecoverySuite(
  servers: { natsUrl: string; mongoUrl: string; mongoKind: string },
  machine: object,
  stamp: string,
): Promise<RecoveryBenchResult> {
  const storeChoice = process.env["BENCH_RECOVERY_STORE"] ?? (process.env["MONGO_URL"] ? "rig" : "ferretdb-postgresql");
  if (!["rig", "ferretdb-postgresql"].includes(storeChoice))
    throw new Error("BENCH_RECOVERY_STORE must be rig or ferretdb-postgresql");
  const store: BenchStore | undefined = storeChoice === "rig" ? undefined : await startFerretDbOnPostgres();
  try {
    const activations = process.env["BENCH_RECOVERY_ACTIVATIONS_IN_FLIGHT"];
    const result = await runRecoveryBench({
      natsUrl: servers.natsUrl,
      mongoUrl: store?.url ?? servers.mongoUrl,
      storeKind: store?.kind ?? servers.mongoKind,
      accounts: positiveInt("BENCH_RECOVERY_ACCOUNTS", 10_000),
      inFlight: positiveInt("BENCH_RECOVERY_IN_FLIGHT", 64),
      crashLoopSeconds: positiveInt("BENCH_RECOVERY_SECONDS", 180),
      killEverySeconds: positiveInt("BENCH_RECOVERY_KILL_EVERY_SECONDS", 12),
      observeSeconds: positiveInt("BENCH_RECOVERY_OBSERVE_SECONDS", 60),
      ...(process.env["BENCH_RECOVERY_ENGINE_ROOT"] && { engineRoot: process.env["BENCH_RECOVERY_ENGINE_ROOT"] }),
      ...(process.env["BENCH_RECOVERY_LOG_DIR"] && { logDir: process.env["BENCH_RECOVERY_LOG_DIR"] }),
      ...(activations !== undefined && {
        recoveryActivationsInFlightMax: positiveInt("BENCH_RECOVERY_ACTIVATIONS_IN_FLIGHT", 32),
      }),
      ...(process.env["BENCH_RECOVERY_SEARCH_WINDOW_MS"] !== undefined && {
        recoverySearchWindowMs: positiveInt("BENCH_RECOVERY_SEARCH_WINDOW_MS", 1),
      }),
      ...(process.env["BENCH_RECOVERY_SEARCH_WINDOW_ACTORS"] !== undefined && {
        recoverySearchWindowActors: positiveInt("BENCH_RECOVERY_SEARCH_WINDOW_ACTORS", 1),
      }),
    });
    printRecovery(result);
    await mkdir("results", { recursive: true });
    const file = `results/recovery-${stamp}.json`;
    await writeFile(
      file,
      `${JSON.stringify({ benchmark: "recovery: SIGKILL every few seconds under load, then one more start", at: new Date().toISOString(), servers: { nats: "nats-server", mongo: result.store }, machine, ...result }, null, 2)}\n`,
    );
    console.log(`\nresults written to ${file}`);
    return result;
  } finally {
    await store?.stop();
  }
}

function printRecovery(result: RecoveryBenchResult): void {
  const { options } = result;
  console.log(
    `\nrecovery: ${options.accounts} accounts (opened in ${result.openSeconds.toFixed(1)} s), ${options.inFlight} entries in flight, SIGKILL every ${options.killEverySeconds} s for ${options.crashLoopSeconds} s, recovery activations in flight ${options.recoveryActivationsInFlightMax ?? "default"}; store ${result.store}${options.engineRoot === undefined ? "" : `; engine of ${options.engineRoot}`}`,
  );
  console.log("seconds from the process's spawn (-: not reached before the kill)");
  printTable(
    [
      "start",
      "ready line",
      "first write",
      "SERVING",
      "checkpoint behind",
      "windows",
      "actors to recover",
      "listed",
      "recovery done",
      "entries acknowledged",
      "lived",
    ],
    result.starts.map((start) => [
      start.start === 0 ? "0 (empty store)" : `${start.start}${start.final ? " (final)" : ""}`,
      seconds(start.readyLineSeconds),
      start.start === 0 ? "" : seconds(start.firstWriteSeconds),
      seconds(start.servingSeconds),
      start.recoveryBehindSeconds === undefined ? "-" : start.recoveryBehindSeconds.toFixed(1),
      String(start.recoveryWindows),
      start.recoveryActors === undefined ? "-" : String(start.recoveryActors),
      seconds(start.recoveryListedSeconds),
      seconds(start.recoveryDoneSeconds),
      String(start.acknowledged),
      seconds(start.livedSeconds),
    ]),
  );
  const books = result.books;
  console.log(
    books.agree
      ? `\nbooks: agree (${books.entries} entries, ${result.acknowledgedDuringLoad} acknowledged during the load, ${books.resent} sent again after it; journal ${books.journalEntries} account entries = opens + entries, each account's summing exactly to what was sent to it; stream ${books.streamEvents} account events = the journal's ${books.journalEvents}, none twice; the stream had them all and the position directory showed every ledger exactly ${books.directoryExactAfterSeconds?.toFixed(0)} s into the check, as recovery republished what the killed engines had not)`
      : `\nbooks: DISAGREE\n  ${books.problems.join("\n  ")}`,
  );
  console.log("\nrecovery targets, on the final start (reported, not enforced):");
  printTable(
    ["target", "achieved", ""],
    result.verdicts.map((verdict) => [
      verdict.target,
      verdict.achieved,
      verdict.met === undefined ? "" : verdict.met ? "met" : "NOT met",
    ]),
  );
}

function seconds(value: StartRecord["servingSeconds"]): string {
  return value === undefined ? "-" : value.toFixed(2);
}
