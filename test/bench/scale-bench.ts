import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import { EngineProcess } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { exposedSamples, fetchMetrics } from "../support/metrics.js";
import { driveClosedLoop, type LoadResult } from "./closed-loop.js";
import { engineNodeOptionsEnv, engineProfileFile } from "./cpu-profile.js";
import { cpuOfProcessTrees, rssOf } from "./cpu.js";
import { waitUntilReady } from "./engine-ready.js";

/**
 * Many accounts on one engine: an engine process opens `accounts` accounts through NATS (a closed loop), with at
 * most `activeActorsMax` actors in memory and no passivation for idleness, so that the cap alone bounds them. Its
 * RSS is sampled from /proc through the run. Then commands (`recordEntry`) go to accounts opened first, passivated
 * since by the cap: each one activates its actor again.
 */
export interface ScaleBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  readonly storeKind: string;
  /** Server processes whose CPU time to count, by name. */
  readonly serverPids: Readonly<Record<string, number>>;
  readonly accounts: number;
  readonly activeActorsMax: number;
  /** Opens in flight. */
  readonly openConcurrency: number;
  /** Commands sent to passivated accounts, one each, and how many at once. */
  readonly probes: number;
  readonly probeConcurrency: number;
  readonly sampleEveryMs: number;
  readonly engineCpuProfileDir?: string;
  /** The CPU profile covers the probe phase only (started by SIGUSR2 as the probes begin). */
  readonly engineCpuProfileProbesOnly?: boolean;
  /** Where the engine writes a heap snapshot once every account is opened (Node's `--heapsnapshot-signal`). */
  readonly engineHeapSnapshotDir?: string;
  /** The engine process's NODE_OPTIONS (V8's heap flags, a GC log). */
  readonly engineNodeOptions?: string;
}

export interface ScaleSample {
  readonly atSeconds: number;
  readonly phase: "open" | "settle" | "probe";
  readonly opened: number;
  readonly rssBytes: number;
  /** V8's heap in use (the engine's `nodejs_heap_size_used_bytes`): what RSS holds that is live, garbage included. */
  readonly heapUsedBytes: number;
  /** The engine's longest event-loop delay since the previous sample. */
  readonly eventLoopLagMaxMs: number;
  readonly activeActors: number;
  readonly cpuMs: Readonly<Record<string, number>>;
}

/** One engine histogram over the probe phase: how many were observed, and the bucket bounds of p50 and p99. */
export interface StageLatency {
  readonly stage: string;
  readonly count: number;
  readonly p50AtMostMs: number;
  readonly p99AtMostMs: number;
}

/** The engine's histograms that split a command to a passivated account into stages. */
const stageHistograms = {
  "actor activation": ["liq_actor_activation_duration_seconds", { kind: "account" }],
  "journal write": ["liq_journal_write_duration_seconds", { outcome: "written" }],
} as const;

export interface ScaleBenchResult {
  readonly store: string;
  readonly opens: LoadResult;
  readonly probes: LoadResult;
  /** Activations the engine counted while the probes ran: one per probe when every target was passivated. */
  readonly probeActivations: number;
  /** Where the probes' time went, from the engine's histograms over the probe phase (bucket bounds, ms). */
  readonly probeStages: readonly StageLatency[];
  readonly rssMaxBytes: number;
  readonly rssEndBytes: number;
  readonly samples: readonly ScaleSample[];
  readonly engineProfile?: string;
  readonly engineHeapSnapshotDir?: string;
}

export async function runScaleBench(options: ScaleBenchOptions): Promise<ScaleBenchResult> {
  const env = await isolatedEngineEnv(
    {
      LIQ_ACTIVE_ACTORS_MAX: String(options.activeActorsMax),
      LIQ_PASSIVATE_AFTER_IDLE_MS: "86400000",
      LIQ_RATE_LIMIT_PER_SECOND: "1000000",
      LIQ_RATE_LIMIT_BURST: "1000000",
      ...engineNodeOptionsEnv({
        nodeOptions: options.engineNodeOptions,
        cpuProfileDir: options.engineCpuProfileDir,
        cpuProfileFrom: options.engineCpuProfileProbesOnly ? "SIGUSR2" : "start",
        heapSnapshotDir: options.engineHeapSnapshotDir,
      }),
    },
    { natsUrl: options.natsUrl, mongoUrl: options.mongoUrl },
  );
  const engine = await EngineProcess.start({ env });
  const pid = engine.child.pid!;
  const adminPort = Number(engine.lines.find((line) => line["event"] === "ready")?.["adminPort"]);
  const nc = await connect({ servers: options.natsUrl, noAsyncTraces: true });
  const client = new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, "bench");
  const pids = { engine: pid, ...options.serverPids };
  const bankCode = `S${randomBytes(3).toString("hex")}`;
  const samples: ScaleSample[] = [];
  const state = { phase: "open" as ScaleSample["phase"], opened: 0 };
  const started = performance.now();
  let lastCpu = cpuOfProcessTrees(pids);
  const sample = async () => {
    const cpu = cpuOfProcessTrees(pids);
    const cpuMs = Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms - (lastCpu[name] ?? 0)]));
    lastCpu = cpu;
    const metrics = await scrape(adminPort);
    samples.push({
      atSeconds: (performance.now() - started) / 1000,
      phase: state.phase,
      opened: state.opened,
      rssBytes: rssOf(pid),
      heapUsedBytes: metrics.heapUsed,
      eventLoopLagMaxMs: metrics.lagMaxMs,
      activeActors: metrics.active,
      cpuMs,
    });
    const last = samples.at(-1)!;
    process.stderr.write(
      `scale t=${last.atSeconds.toFixed(0)}s ${last.phase} opened=${last.opened} active=${last.activeActors} rss=${(last.rssBytes / 2 ** 20).toFixed(0)}MiB heap=${(last.heapUsedBytes / 2 ** 20).toFixed(0)}MiB lag<=${last.eventLoopLagMaxMs.toFixed(0)}ms\n`,
    );
  };
  const sampler = setInterval(() => void sample(), options.sampleEveryMs);
  try {
    await waitUntilReady(adminPort);
    const opens = await driveClosedLoop(options.accounts, options.openConcurrency, async (index) => {
      const reply = await client.send(
        {
          kind: "account",
          actorId: `${bankCode}:${index}`,
          commandId: "open",
          type: "open",
          payload: { bankCode, accountNumber: String(index), currency: "EUR", pool: "scale" },
        },
        60_000,
      );
      state.opened++;
      return reply.ok ? undefined : `${reply.error.code}: ${reply.error.message}`;
    });
    // The cap is applied by the engine's passivation sweep (every few seconds): wait until it holds.
    state.phase = "settle";
    await until(async () => (await scrape(adminPort)).active <= options.activeActorsMax, 120_000);
    if (options.engineHeapSnapshotDir) await heapSnapshot(pid, options.engineHeapSnapshotDir);
    state.phase = "probe";
    if (options.engineCpuProfileDir && options.engineCpuProfileProbesOnly) process.kill(pid, "SIGUSR2");
    const activationsBefore = (await scrape(adminPort)).activations;
    const stagesBefore = await scrapeStages(adminPort);
    // The first accounts opened are the least recently used: passivated whenever more than the cap were opened.
    const targets = Math.max(1, Math.min(options.probes, options.accounts - options.activeActorsMax));
    const probes = await driveClosedLoop(options.probes, options.probeConcurrency, async (index) => {
      const reply = await client.send(
        {
          kind: "account",
          actorId: `${bankCode}:${index % targets}`,
          commandId: `probe-${index}`,
          type: "recordEntry",
          payload: { entryId: `probe-${index}`, direction: "credit", amount: "1.0000", currency: "EUR" },
        },
        60_000,
      );
      return reply.ok ? undefined : `${reply.error.code}: ${reply.error.message}`;
    });
    const probeActivations = (await scrape(adminPort)).activations - activationsBefore;
    const probeStages = stagesOver(stagesBefore, await scrapeStages(adminPort));
    await sample();
    clearInterval(sampler);
    const rss = samples.map((found) => found.rssBytes).filter(Number.isFinite);
    return {
      store: options.storeKind,
      opens,
      probes,
      probeActivations,
      probeStages,
      rssMaxBytes: Math.max(...rss),
      rssEndBytes: rss.at(-1) ?? Number.NaN,
      samples,
      // Written when the engine exits, below.
      ...(options.engineCpuProfileDir ? { engineProfile: engineProfileFile(options.engineCpuProfileDir, pid) } : {}),
      ...(options.engineHeapSnapshotDir ? { engineHeapSnapshotDir: options.engineHeapSnapshotDir } : {}),
    };
  } finally {
    clearInterval(sampler);
    await nc.close();
    await engine.stop();
  }
}

/** Signals the engine to write a heap snapshot and waits until the file is complete (its size stops growing). */
async function heapSnapshot(pid: number, directory: string): Promise<void> {
  const before = new Set(readdirSync(directory));
  process.kill(pid, "SIGUSR2");
  let size = -1;
  await until(async () => {
    const file = readdirSync(directory).find((name) => !before.has(name) && name.endsWith(".heapsnapshot"));
    if (file === undefined) return false;
    const now = statSync(join(directory, file)).size;
    const settled = now > 0 && now === size;
    size = now;
    if (settled) process.stderr.write(`scale: heap snapshot ${join(directory, file)}\n`);
    return settled;
  }, 600_000);
}

async function scrape(
  adminPort: number,
): Promise<{ active: number; activations: number; heapUsed: number; lagMaxMs: number }> {
  const found = { active: Number.NaN, activations: 0, heapUsed: Number.NaN, lagMaxMs: Number.NaN };
  try {
    for (const { name, labels, value } of exposedSamples(await fetchMetrics(adminPort))) {
      if (name === "nodejs_heap_size_used_bytes") found.heapUsed = value;
      if (name === "nodejs_eventloop_lag_max_seconds") found.lagMaxMs = value * 1000;
      if (name === "liq_actors_active") found.active = (Number.isNaN(found.active) ? 0 : found.active) + value;
      if (name === "liq_actor_activations_total" && labels["kind"] === "account") found.activations += value;
    }
  } catch {
    // A missed scrape is a gap in the series.
  }
  return found;
}

/** Each stage histogram's cumulative bucket counts, by upper bound in seconds. */
async function scrapeStages(adminPort: number): Promise<Map<string, Map<number, number>>> {
  const stages = new Map<string, Map<number, number>>();
  const samples = exposedSamples(await fetchMetrics(adminPort));
  for (const [stage, [metric, wanted]] of Object.entries(stageHistograms)) {
    const buckets = new Map<number, number>();
    for (const { name, labels, value } of samples) {
      if (name !== `${metric}_bucket`) continue;
      if (!Object.entries(wanted).every(([label, expected]) => labels[label] === expected)) continue;
      buckets.set(Number(labels["le"]), value);
    }
    stages.set(stage, buckets);
  }
  return stages;
}

function stagesOver(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>): StageLatency[] {
  return [...after].map(([stage, buckets]) => {
    const bounds = [...buckets.keys()].sort((a, b) => a - b);
    const counts = bounds.map((bound) => buckets.get(bound)! - (before.get(stage)?.get(bound) ?? 0));
    const count = counts.at(-1) ?? 0;
    const atMost = (quantile: number) => {
      const index = counts.findIndex((cumulative) => cumulative >= quantile * count);
      return index < 0 || count === 0 ? Number.NaN : bounds[index]! * 1000;
    };
    return { stage, count, p50AtMostMs: atMost(0.5), p99AtMostMs: atMost(0.99) };
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition()) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
}
