import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { engineProfileFile } from "./cpu-profile.js";
import { serverPidsOf } from "./cpu.js";
import { positiveInt } from "./env.js";
import { chooseStore } from "./ferretdb-postgres.js";
import { preloadDatabase, spreadHistory, type DatabasePreload, type PreloadReport } from "./history-preload.js";
import { formatProfileSummary, summarizeProfiles, type ProfileSummary } from "./profile-summary.js";
import { printTable, printVerdicts, times, type Verdict } from "./table.js";
import {
  runTransfersBench,
  systemCpuMsPerTransfer,
  type StoreWrites,
  type TransfersBenchResult,
} from "./transfers-bench.js";

/**
 * `BENCH_SUITE=transfers` (also in `all`): the transfer benchmark (transfers-bench.ts), as up to three runs
 * (BENCH_TRANSFER_RUNS, default `sustained,p99,history`), each on a fresh engine and database:
 * - sustained: BENCH_TRANSFER_IN_FLIGHT (1000) in flight for BENCH_TRANSFER_SECONDS (600);
 * - p99: BENCH_TRANSFER_P99_IN_FLIGHT (100) in flight for BENCH_TRANSFER_P99_SECONDS (120);
 * - history: as sustained, for BENCH_TRANSFER_HISTORY_SECONDS (as sustained), on a journal preloaded with
 *   BENCH_HISTORY_ENTRIES over BENCH_HISTORY_ACTORS accounts (2000000 over 100000), compared with the same first
 *   seconds of the sustained run.
 * Other options: BENCH_TRANSFER_BANK_LATENCY_MS (20), BENCH_TRANSFER_SAMPLE_SECONDS (10), BENCH_TRANSFER_ACCOUNTS
 * (accounts per bank, 4), BENCH_TRANSFER_LANES (channels per bank; default enough for 600 transfers/s),
 * BENCH_TRANSFER_TIMEOUT_SECONDS (120), BENCH_TRANSFER_STORE (`ferretdb-postgresql`, the default, or `rig`: the
 * MongoDB-wire server of the other suites), BENCH_ENGINE_NODE_OPTIONS (the engine process's NODE_OPTIONS),
 * BENCH_ENGINE_CPU_PROFILE_DIR (a CPU profile of each run's engine there, summarized).
 */
export async function runTransfersSuite(
  servers: { natsUrl: string; mongoUrl: string; mongoKind: string },
  machine: object,
  stamp: string,
): Promise<void> {
  const runs = (process.env["BENCH_TRANSFER_RUNS"] ?? "sustained,p99,history").split(",");
  if (runs.some((run) => !["sustained", "p99", "history"].includes(run)))
    throw new Error("BENCH_TRANSFER_RUNS must list sustained, p99 and history");
  const seconds = positiveInt("BENCH_TRANSFER_SECONDS", 600);
  const inFlight = positiveInt("BENCH_TRANSFER_IN_FLIGHT", 1_000);
  const store = await chooseStore("BENCH_TRANSFER_STORE", "ferretdb-postgresql", {
    url: servers.mongoUrl,
    kind: servers.mongoKind,
  });
  const cpuProfileDir = process.env["BENCH_ENGINE_CPU_PROFILE_DIR"];
  const results: Record<string, TransfersBenchResult> = {};
  const profileSummaries: Record<string, ProfileSummary> = {};
  let preload: DatabasePreload | undefined;
  try {
    const base = {
      natsUrl: servers.natsUrl,
      mongoUrl: store.url,
      storeKind: store.kind,
      serverPids: serverPidsOf(store),
      bankLatencyMs: positiveInt("BENCH_TRANSFER_BANK_LATENCY_MS", 20),
      sampleEveryMs: positiveInt("BENCH_TRANSFER_SAMPLE_SECONDS", 10) * 1_000,
      accountsPerBank: positiveInt("BENCH_TRANSFER_ACCOUNTS", 4),
      transferTimeoutMs: positiveInt("BENCH_TRANSFER_TIMEOUT_SECONDS", 120) * 1_000,
      ...(process.env["BENCH_ENGINE_NODE_OPTIONS"]
        ? { engineNodeOptions: process.env["BENCH_ENGINE_NODE_OPTIONS"] }
        : {}),
      ...(cpuProfileDir ? { engineCpuProfileDir: cpuProfileDir } : {}),
    };
    // Half the debits leave each bank; a lane takes 10,000 a local day: room for 600 transfers/s with a margin.
    const lanes = (runSeconds: number) =>
      positiveInt("BENCH_TRANSFER_LANES", Math.max(1, Math.ceil((600 * runSeconds) / 2 / 9_000)));
    const plans = {
      sustained: { inFlight, seconds },
      p99: {
        inFlight: positiveInt("BENCH_TRANSFER_P99_IN_FLIGHT", 100),
        seconds: positiveInt("BENCH_TRANSFER_P99_SECONDS", 120),
      },
      history: { inFlight, seconds: positiveInt("BENCH_TRANSFER_HISTORY_SECONDS", seconds) },
    };
    for (const run of runs as Array<keyof typeof plans>) {
      const plan = plans[run];
      if (run === "history") preload = await preloadTransfersHistory(store.url);
      process.stderr.write(`transfers: run "${run}", ${plan.inFlight} in flight for ${plan.seconds} s\n`);
      const result = await runTransfersBench({
        ...base,
        ...plan,
        lanesPerBank: lanes(plan.seconds),
        ...(run === "history" && preload ? { database: preload.database } : {}),
        ...(store.postgresUrl ? { postgresUrl: store.postgresUrl } : {}),
      });
      results[run] = result;
      console.log(`\n== transfers run "${run}"${run === "history" ? " (preloaded journal)" : ""}`);
      printTransfers(result);
      if (cpuProfileDir) {
        profileSummaries[run] = await summarizeProfiles([engineProfileFile(cpuProfileDir, result.enginePid)], 12);
        console.log(formatProfileSummary(`the engine, run "${run}"`, profileSummaries[run]));
      }
    }
    const verdicts = suiteVerdicts(results, preload);
    printVerdicts("transfer targets", verdicts);
    await mkdir("results", { recursive: true });
    const file = `results/transfers-${stamp}.json`;
    await writeFile(
      file,
      `${JSON.stringify({ benchmark: "transfers: closed loop against the bank simulator", at: new Date().toISOString(), servers: { nats: "nats-server", mongo: store.kind }, machine, targets: verdicts, preload, runs: results, profileSummaries }, null, 2)}\n`,
    );
    console.log(`\nresults written to ${file}`);
  } finally {
    await store.stop();
  }
}

/** The history journal of the history run, through the store's API (history-preload.ts). */
async function preloadTransfersHistory(url: string): Promise<DatabasePreload> {
  const accounts = spreadHistory(
    "HIST",
    positiveInt("BENCH_HISTORY_ENTRIES", 2_000_000),
    positiveInt("BENCH_HISTORY_ACTORS", 100_000),
  );
  const database = `bench_transfers_history_${randomBytes(3).toString("hex")}`;
  const preload = await preloadDatabase(url, database, accounts, "transfers");
  console.log(
    `\ntransfers: history of ${preload.entries.toLocaleString("en")} entries over ${preload.actors.toLocaleString("en")} accounts preloaded through the store in ${preload.seconds.toFixed(1)} s (${preload.entriesPerSecond.toFixed(0)} entries/s)`,
  );
  return preload;
}

/** The runs' own verdicts (sustained), the p99 run's, and the history run against the sustained one. */
function suiteVerdicts(
  results: Readonly<Record<string, TransfersBenchResult>>,
  preload: PreloadReport | undefined,
): Verdict[] {
  const verdicts: Verdict[] = [...(results["sustained"]?.verdicts ?? [])];
  const p99 = results["p99"];
  if (p99)
    verdicts.push({
      target: `end-to-end p99 under 1 s at ${p99.options.inFlight} in flight`,
      achieved: Number.isFinite(p99.latencyMs.p99)
        ? `${(p99.latencyMs.p99 / 1_000).toFixed(2)} s (${times(p99.latencyMs.p99 / 1_000)} the limit; ${p99.succeededPerSecond.toFixed(1)}/s)`
        : "no transfer completed",
      met: p99.latencyMs.p99 < 1_000,
    });
  const [sustained, history] = [results["sustained"], results["history"]];
  if (history) {
    // The same first seconds of both runs: the sustained run may be longer.
    const buckets = history.succeededPer10s.length;
    const rate = (result: TransfersBenchResult) =>
      result.succeededPer10s.slice(0, buckets).reduce((sum, n) => sum + n, 0) / (buckets * 10);
    const ratio =
      sustained && sustained.succeededPer10s.length >= buckets ? rate(history) / rate(sustained) : undefined;
    verdicts.push({
      target: `flat with history: ${preload?.entries.toLocaleString("en") ?? "?"} entries preloaded, succeeded/s within 10% of the empty journal's`,
      achieved:
        ratio === undefined
          ? "not measured (needs the sustained run, at least as long)"
          : `${times(ratio)} (${rate(history).toFixed(1)}/s vs ${rate(sustained!).toFixed(1)}/s over the first ${buckets * 10} s)`,
      met: ratio === undefined ? undefined : ratio >= 0.9,
    });
  }
  return verdicts;
}

function printTransfers(result: TransfersBenchResult): void {
  const { options, latencyMs } = result;
  console.log(
    `\ntransfers: ${options.inFlight} in flight for ${options.seconds} s, bank latency ${options.bankLatencyMs} ms, ${options.accountsPerBank * 2} accounts at 2 banks, ${options.lanesPerBank} channel(s) per bank; store ${result.store}`,
  );
  printTable(
    ["succeeded/s", "2nd half/s", "p50 ms", "p99 ms", "max ms", "succeeded", "created", "other outcomes", "books"],
    [
      [
        result.succeededPerSecond.toFixed(0),
        result.succeededPerSecondSecondHalf.toFixed(0),
        latencyMs.p50.toFixed(0),
        latencyMs.p99.toFixed(0),
        latencyMs.max.toFixed(0),
        String(latencyMs.count),
        String(result.created),
        Object.entries(result.byStatus)
          .filter(([status]) => status !== "SUCCESS")
          .map(([status, n]) => `${status} ${n}`)
          .join(", ") || "none",
        result.books.agree ? "agree" : "DISAGREE",
      ],
    ],
  );
  console.log(
    `\nengine memory every ${options.sampleEveryMs / 1_000} s (warm-up: first ${result.warmUpSeconds.toFixed(0)} s left out of the fits)`,
  );
  printTable(
    [
      "t s",
      "succeeded",
      "/s",
      "RSS MiB",
      "heap MiB",
      ...Object.keys(result.samples[0]?.cpuMs ?? {}).map((name) => `${name} CPU%`),
    ],
    result.samples.map((sample, index) => {
      const previous = result.samples[index - 1];
      const rate = previous
        ? (sample.succeeded - previous.succeeded) / (sample.atSeconds - previous.atSeconds)
        : sample.succeeded / sample.atSeconds;
      return [
        sample.atSeconds.toFixed(0),
        String(sample.succeeded),
        rate.toFixed(0),
        (sample.rssBytes / 2 ** 20).toFixed(0),
        (sample.heapUsedBytes / 2 ** 20).toFixed(0),
        ...Object.values(sample.cpuMs).map((ms) => ((ms / options.sampleEveryMs) * 100).toFixed(0)),
      ];
    }),
  );
  for (const [name, fitted] of [
    ["heap", result.heapFit],
    ["RSS", result.rssFit],
  ] as const) {
    if (fitted)
      console.log(
        `${name}: ${fitted.perMinuteMiB.slope.toFixed(2)} MiB/min, ${fitted.perThousandTransfersKiB.slope.toFixed(1)} KiB per 1,000 transfers (linear fit of ${fitted.perMinuteMiB.samples} samples)`,
      );
  }
  console.log(
    `\nCPU ms per succeeded transfer: ${Object.entries(result.cpuMsPerTransfer)
      .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
      .join(
        ", ",
      )}; the system (all but the load generator and the rest of the machine) ${systemCpuMsPerTransfer(result.cpuMsPerTransfer).toFixed(2)}`,
  );
  if (result.storeWrites) printStoreWrites(result.storeWrites);
  console.log(
    result.books.agree
      ? `books: agree (banks ${result.books.totals.atBanks} + in flight ${result.books.totals.inFlight} = funded ${result.books.totals.funded}; every account's bank balance and engine ledger = funding + its succeeded transfers, nothing in transit)`
      : `books: DISAGREE\n  ${result.books.problems.join("\n  ")}`,
  );
}

/** Documents written per finished transfer, by collection: a MongoDB-wire server's cost is per document. */
function printStoreWrites({ byCollection, journalEntries, finishedTransfers }: StoreWrites): void {
  const per = (n: number) => (n / Math.max(1, finishedTransfers)).toFixed(2);
  const rows = Object.entries(byCollection).filter(([, w]) => w.inserted + w.updated + w.deleted > 0);
  const total = rows.reduce((sum, [, w]) => sum + w.inserted + w.updated + w.deleted, 0);
  console.log(
    `\ndocuments the store wrote per finished transfer (${finishedTransfers.toLocaleString("en")} transfers; PostgreSQL's row counts under FerretDB): ${per(total)} in all`,
  );
  printTable(
    ["collection", "inserted", "updated", "deleted"],
    rows.map(([collection, w]) => [collection, per(w.inserted), per(w.updated), per(w.deleted)]),
  );
  console.log("\njournal entries per finished transfer, by actor kind and command");
  printTable(
    ["kind", "command", "entries"],
    Object.entries(journalEntries).map(([key, n]) => [...(key.split(" ") as [string, string]), per(n)]),
  );
}
