import { mkdir, writeFile } from "node:fs/promises";
import { startFerretDbOnPostgres, type BenchStore } from "./ferretdb-postgres.js";
import { runTransfersBench, type TransfersBenchResult } from "./transfers-bench.js";
import { processes } from "./cpu.js";
import { positiveInt } from "./env.js";

/**
 * `BENCH_SUITE=transfers` (also in `all`): the transfer benchmark (transfers-bench.ts). Options (environment):
 * BENCH_TRANSFER_SECONDS (600), BENCH_TRANSFER_IN_FLIGHT (1000), BENCH_TRANSFER_BANK_LATENCY_MS (20),
 * BENCH_TRANSFER_SAMPLE_SECONDS (10), BENCH_TRANSFER_ACCOUNTS (accounts per bank, 4), BENCH_TRANSFER_LANES (channels
 * per bank; default enough for 600 transfers/s), BENCH_TRANSFER_TIMEOUT_SECONDS (120), BENCH_TRANSFER_STORE
 * (`ferretdb-postgresql`, the default, or `rig`: the MongoDB-wire server of the other suites), BENCH_ENGINE_NODE_OPTIONS
 * (the engine process's NODE_OPTIONS), BENCH_ENGINE_CPU_PROFILE_DIR (write a CPU profile of the engine there).
 */
export async function runTransfersSuite(
  servers: { natsUrl: string; mongoUrl: string; mongoKind: string },
  machine: object,
  stamp: string,
): Promise<TransfersBenchResult> {
  const seconds = positiveInt("BENCH_TRANSFER_SECONDS", 600);
  const storeChoice = process.env["BENCH_TRANSFER_STORE"] ?? (process.env["MONGO_URL"] ? "rig" : "ferretdb-postgresql");
  if (!["rig", "ferretdb-postgresql"].includes(storeChoice))
    throw new Error("BENCH_TRANSFER_STORE must be rig or ferretdb-postgresql");
  const store: BenchStore | undefined = storeChoice === "rig" ? undefined : await startFerretDbOnPostgres();
  try {
    const storePids = store ? store.pids : childPidsNamed("ferretdb");
    const result = await runTransfersBench({
      natsUrl: servers.natsUrl,
      mongoUrl: store?.url ?? servers.mongoUrl,
      storeKind: store?.kind ?? servers.mongoKind,
      serverPids: {
        ...Object.fromEntries(childPidsNamed("nats-server").map((pid) => ["nats-server", pid])),
        ...Object.fromEntries(storePids.map((pid, index) => [index === 0 ? "MongoDB-wire server" : "PostgreSQL", pid])),
      },
      inFlight: positiveInt("BENCH_TRANSFER_IN_FLIGHT", 1_000),
      seconds,
      bankLatencyMs: positiveInt("BENCH_TRANSFER_BANK_LATENCY_MS", 20),
      sampleEveryMs: positiveInt("BENCH_TRANSFER_SAMPLE_SECONDS", 10) * 1_000,
      accountsPerBank: positiveInt("BENCH_TRANSFER_ACCOUNTS", 4),
      // Half the debits leave each bank; a lane takes 10,000 a local day: room for 600 transfers/s with a margin.
      lanesPerBank: positiveInt("BENCH_TRANSFER_LANES", Math.max(1, Math.ceil((600 * seconds) / 2 / 9_000))),
      transferTimeoutMs: positiveInt("BENCH_TRANSFER_TIMEOUT_SECONDS", 120) * 1_000,
      ...(process.env["BENCH_ENGINE_NODE_OPTIONS"]
        ? { engineNodeOptions: process.env["BENCH_ENGINE_NODE_OPTIONS"] }
        : {}),
      ...(process.env["BENCH_ENGINE_CPU_PROFILE_DIR"]
        ? { engineCpuProfileDir: process.env["BENCH_ENGINE_CPU_PROFILE_DIR"] }
        : {}),
    });
    printTransfers(result);
    await mkdir("results", { recursive: true });
    const file = `results/transfers-${stamp}.json`;
    await writeFile(
      file,
      `${JSON.stringify({ benchmark: "transfers: closed loop against the bank simulator", at: new Date().toISOString(), servers: { nats: "nats-server", mongo: result.store }, machine, ...result }, null, 2)}\n`,
    );
    console.log(`\nresults written to ${file}`);
    return result;
  } finally {
    await store?.stop();
  }
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
      .join(", ")}`,
  );
  console.log(
    result.books.agree
      ? `books: agree (banks ${result.books.totals.atBanks} + in flight ${result.books.totals.inFlight} = funded ${result.books.totals.funded}; every account's bank balance and engine ledger = funding + its succeeded transfers, nothing in transit)`
      : `books: DISAGREE\n  ${result.books.problems.join("\n  ")}`,
  );
  console.log("\ntransfer targets (reported, not enforced):");
  printTable(
    ["target", "achieved", ""],
    result.verdicts.map((verdict) => [
      verdict.target,
      verdict.achieved,
      verdict.met === undefined ? "" : verdict.met ? "met" : "NOT met",
    ]),
  );
}

function printTable(header: readonly string[], lines: readonly string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}

/** This process's children with that command name (the servers run.ts started). */
function childPidsNamed(name: string): number[] {
  return processes()
    .filter((stat) => stat.name === name && stat.ppid === process.pid)
    .map((stat) => stat.pid);
}
