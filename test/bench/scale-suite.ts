import { writeFile } from "node:fs/promises";
import { serverPidsOf } from "./cpu.js";
import { positiveInt } from "./env.js";
import { chooseStore } from "./ferretdb-postgres.js";
import { formatProfileSummary, summarizeProfiles, type ProfileSummary } from "./profile-summary.js";
import { runScaleBench, type ScaleBenchResult } from "./scale-bench.js";
import { printTable, printVerdicts, times, type Verdict } from "./table.js";

const rssLimitBytes = 1.5 * 2 ** 30;
const probeP99LimitMs = 50;

/**
 * `npm run bench -- scale` (scale-bench.ts). Options (environment): BENCH_SCALE_ACCOUNTS (1000000),
 * BENCH_SCALE_ACTIVE_MAX (the engine's activeActorsMax, 100000), BENCH_SCALE_CONCURRENCY (opens in flight, 64),
 * BENCH_SCALE_PROBES (commands to passivated accounts, 2000), BENCH_SCALE_PROBE_CONCURRENCY (16),
 * BENCH_SCALE_SAMPLE_SECONDS (5), BENCH_SCALE_STORE (`ferretdb-postgresql`, the default, or `rig`),
 * BENCH_ENGINE_NODE_OPTIONS (the engine process's NODE_OPTIONS), BENCH_ENGINE_CPU_PROFILE_DIR,
 * BENCH_SCALE_CPU_PROFILE_PHASE (`run`, the default: the profile covers the whole run; `probe`: only the commands to
 * passivated accounts), BENCH_SCALE_HEAP_SNAPSHOT_DIR (a heap snapshot of the engine once every account is opened).
 */
export async function runScaleSuite(
  servers: { natsUrl: string; mongoUrl: string; mongoKind: string },
  machine: object,
  stamp: string,
): Promise<void> {
  const store = await chooseStore("BENCH_SCALE_STORE", "ferretdb-postgresql", {
    url: servers.mongoUrl,
    kind: servers.mongoKind,
  });
  try {
    const cpuProfileDir = process.env["BENCH_ENGINE_CPU_PROFILE_DIR"];
    const heapSnapshotDir = process.env["BENCH_SCALE_HEAP_SNAPSHOT_DIR"];
    const profilePhase = process.env["BENCH_SCALE_CPU_PROFILE_PHASE"] ?? "run";
    if (profilePhase !== "run" && profilePhase !== "probe")
      throw new Error("BENCH_SCALE_CPU_PROFILE_PHASE must be run or probe");
    const options = {
      accounts: positiveInt("BENCH_SCALE_ACCOUNTS", 1_000_000),
      activeActorsMax: positiveInt("BENCH_SCALE_ACTIVE_MAX", 100_000),
      openConcurrency: positiveInt("BENCH_SCALE_CONCURRENCY", 64),
      probes: positiveInt("BENCH_SCALE_PROBES", 2_000),
      probeConcurrency: positiveInt("BENCH_SCALE_PROBE_CONCURRENCY", 16),
      sampleEveryMs: positiveInt("BENCH_SCALE_SAMPLE_SECONDS", 5) * 1000,
      ...(process.env["BENCH_ENGINE_NODE_OPTIONS"]
        ? { engineNodeOptions: process.env["BENCH_ENGINE_NODE_OPTIONS"] }
        : {}),
      ...(cpuProfileDir
        ? { engineCpuProfileDir: cpuProfileDir, engineCpuProfileProbesOnly: profilePhase === "probe" }
        : {}),
      ...(heapSnapshotDir ? { engineHeapSnapshotDir: heapSnapshotDir } : {}),
    };
    const result = await runScaleBench({
      natsUrl: servers.natsUrl,
      mongoUrl: store.url,
      storeKind: store.kind,
      serverPids: serverPidsOf(store),
      ...options,
    });
    const verdicts = printScale(result, options);
    let profileSummary: ProfileSummary | undefined;
    if (result.engineProfile) {
      profileSummary = await summarizeProfiles([result.engineProfile], 12);
      const covered = options.engineCpuProfileProbesOnly ? "the probes only" : "whole run (opens and probes)";
      console.log(formatProfileSummary(`the engine, ${covered}`, profileSummary));
    }
    const file = `results/scale-${stamp}.json`;
    await writeFile(
      file,
      `${JSON.stringify({ benchmark: "scale: many accounts, a cap on actors in memory", at: new Date().toISOString(), servers: { nats: "nats-server", mongo: result.store }, machine, options, targets: verdicts, ...result, profileSummary }, null, 2)}\n`,
    );
    console.log(`\nresults written to ${file}`);
  } finally {
    await store.stop();
  }
}

function printScale(
  result: ScaleBenchResult,
  options: { accounts: number; activeActorsMax: number; openConcurrency: number; probeConcurrency: number },
): Verdict[] {
  console.log(
    `\nscale: ${options.accounts.toLocaleString("en")} accounts opened (${options.openConcurrency} in flight), activeActorsMax ${options.activeActorsMax.toLocaleString("en")}, store ${result.store}`,
  );
  printTable(
    ["phase", "commands", "per s", "p50 ms", "p99 ms", "max ms", "failures", "first failure"],
    [
      ["open", result.opens],
      ["to passivated accounts", result.probes],
    ].map(([name, load]) => {
      const run = load as ScaleBenchResult["opens"];
      return [
        name as string,
        String(run.requests),
        run.perSecond.toFixed(0),
        run.p50Ms.toFixed(1),
        run.p99Ms.toFixed(1),
        run.maxMs.toFixed(1),
        String(run.failures),
        run.failureSamples[0] ?? "",
      ];
    }),
  );
  const heapMaxBytes = Math.max(...result.samples.map((sample) => sample.heapUsedBytes).filter(Number.isFinite));
  console.log(
    `engine RSS: at most ${mib(result.rssMaxBytes)} MiB, ${mib(result.rssEndBytes)} MiB at the end (V8 heap in use at most ${mib(heapMaxBytes)} MiB); ${result.probeActivations} activations during the ${result.probes.requests} commands to passivated accounts (${options.probeConcurrency} in flight)`,
  );
  for (const stage of result.probeStages)
    console.log(
      `  ${stage.stage} during those commands: ${stage.count} observed, p50 at most ${stage.p50AtMostMs} ms, p99 at most ${stage.p99AtMostMs} ms (histogram bounds)`,
    );
  const verdicts: Verdict[] = [
    {
      target: `engine RSS under 1.5 GiB with ${options.accounts.toLocaleString("en")} accounts, activeActorsMax ${options.activeActorsMax.toLocaleString("en")}`,
      achieved: `${mib(result.rssMaxBytes)} MiB at most (${times(result.rssMaxBytes / rssLimitBytes)} the limit; ${result.opens.requests - result.opens.failures} accounts opened)`,
      met: result.opens.failures === 0 ? result.rssMaxBytes < rssLimitBytes : undefined,
    },
    {
      target: "a command to a passivated account: p99 <= 50 ms",
      achieved: `${result.probes.p99Ms.toFixed(1)} ms (${times(result.probes.p99Ms / probeP99LimitMs)} the limit; ${result.probeActivations} activations for ${result.probes.requests} commands)`,
      met: result.probes.failures === 0 ? result.probes.p99Ms <= probeP99LimitMs : false,
    },
  ];
  printVerdicts("scale targets", verdicts);
  return verdicts;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
