import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Registry } from "prom-client";
import { loadConfig } from "../../engine/config.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { jsonLogger } from "../../runtime/logger.js";
import type { JsonObject } from "../../runtime/json.js";
import { TestSuggestionsClient } from "../support/grpc-suggestions-client.js";
import { driveClosedLoop, median } from "./closed-loop.js";
import { cpuPerThousand, sampleCpu } from "./cpu.js";
import { driveOpenLoop, type OpenLoopResult } from "./open-loop.js";
import { profileWhile } from "./cpu-profile.js";
import {
  accountIdOf,
  bankCode,
  benchBanksFile,
  currency,
  dipAmount,
  funding,
  poolNames,
  poolOf,
  poolRule,
  smallEntry,
  type PlannerWorkload,
} from "./planner-workload.js";
import { PlanWatch } from "./plan-watch.js";

export interface PlannerBenchOptions extends PlannerWorkload {
  /** Position updates per second the load generator aims at (open loop). */
  readonly ratePerSecond: number;
  /** Percent of the updates that are dips (an account taken below its low warning). */
  readonly dipPercent: number;
  readonly seconds: number;
  readonly rounds: number;
  /** No more updates in flight than this: beyond it the generator skips sends (counted), it never queues. */
  readonly inFlightMax: number;
  /** Write a .cpuprofile of each measured window there (Chrome DevTools, or `node --cpu-prof` without the set-up). */
  readonly cpuProfileDir?: string;
}

export const plannerVariants = ["planner off", "planner on (SUGGEST)"] as const;
export type PlannerVariant = (typeof plannerVariants)[number];

export interface PlannerRun extends OpenLoopResult {
  readonly variant: PlannerVariant;
  readonly dips: number;
  /** Dips whose suggestion was seen, and the latency from the dip's acknowledged entry to it. */
  readonly planned: number;
  readonly planP50Ms: number;
  readonly planP99Ms: number;
  /** Dips no suggestion followed within the run (the pool had nothing to give, or the run ended first). */
  readonly unplanned: number;
  readonly evaluations: number;
  /** Rule decisions of the run by outcome (suggested, shortfall, none...): why dips went unplanned. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly evaluationMsMean: number;
  /** CPU of the bench process (engine, load generator, watch client), per 1,000 updates and as a share of a core. */
  readonly cpuMsPer1000: number;
  readonly cpuCorePercent: number;
  readonly profile?: string;
}

export interface PlannerBenchRow {
  readonly variant: PlannerVariant;
  readonly rounds: readonly PlannerRun[];
  readonly perSecond: number;
  readonly updateP50Ms: number;
  readonly updateP99Ms: number;
  readonly planP50Ms: number;
  readonly planP99Ms: number;
  readonly evaluationsPerSecond: number;
  readonly evaluationMsMean: number;
  readonly cpuMsPer1000: number;
  readonly cpuCorePercent: number;
  readonly failures: number;
  readonly skipped: number;
  readonly unplanned: number;
}

const principal = "bench:treasurer";

/**
 * The decision engine under position updates: the embedded engine (in-memory journal and bus, in this process) with
 * N accounts in P pools and a SUGGEST pool rule each, run with the planner off and on, round by round in alternating
 * order, each run from a fresh engine. Embedded, so that the planner's cost is not hidden behind the storage's: the
 * ratio is the planner's share of an engine that does nothing else.
 */
export async function runPlannerBench(options: PlannerBenchOptions): Promise<PlannerBenchRow[]> {
  const directory = await mkdtemp(join(tmpdir(), "planner-bench-"));
  const banksFile = join(directory, "banks.json");
  await writeFile(banksFile, JSON.stringify(benchBanksFile()));
  try {
    const runs: PlannerRun[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? plannerVariants : [...plannerVariants].reverse();
      for (const variant of order) {
        const run = await runOnce(options, variant, banksFile, round);
        runs.push(run);
        process.stderr.write(
          `round ${round + 1}/${options.rounds} ${variant}: ${run.perSecond.toFixed(0)} updates/s (skipped ${run.skipped}), ` +
            `update p99 ${run.p99Ms.toFixed(1)} ms, plans ${run.planned}/${run.dips} p50 ${run.planP50Ms.toFixed(0)} ms ` +
            `p99 ${run.planP99Ms.toFixed(0)} ms, ${run.evaluations} evaluations, CPU ${run.cpuCorePercent.toFixed(0)}% of a core, ` +
            `decisions ${JSON.stringify(run.outcomes)}\n`,
        );
      }
    }
    return plannerVariants.map((variant) =>
      summarize(
        variant,
        runs.filter((run) => run.variant === variant),
      ),
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function summarize(variant: PlannerVariant, rounds: readonly PlannerRun[]): PlannerBenchRow {
  const of = (pick: (run: PlannerRun) => number) => median(rounds.map(pick));
  return {
    variant,
    rounds,
    perSecond: of((r) => r.perSecond),
    updateP50Ms: of((r) => r.p50Ms),
    updateP99Ms: of((r) => r.p99Ms),
    planP50Ms: of((r) => r.planP50Ms),
    planP99Ms: of((r) => r.planP99Ms),
    evaluationsPerSecond: of((r) => r.evaluations / r.seconds),
    evaluationMsMean: of((r) => r.evaluationMsMean),
    cpuMsPer1000: of((r) => r.cpuMsPer1000),
    cpuCorePercent: of((r) => r.cpuCorePercent),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    skipped: rounds.reduce((sum, r) => sum + r.skipped, 0),
    unplanned: rounds.reduce((sum, r) => sum + r.unplanned, 0),
  };
}

async function runOnce(
  options: PlannerBenchOptions,
  variant: PlannerVariant,
  banksFile: string,
  round: number,
): Promise<PlannerRun> {
  const engine = await startBenchEngine(banksFile, variant !== "planner off");
  const watcher = new TestSuggestionsClient(`127.0.0.1:${engine.grpcPort}`, engine.developmentToken);
  try {
    await prepare(engine, options, variant);
    const watch = new PlanWatch(watcher.watch({}));
    const evaluationsBefore = await evaluationTotals(engine.registry);
    const outcomesBefore = await decisionOutcomes(engine.registry);
    const cpuBefore = sampleCpu();
    const measured = () =>
      driveOpenLoop({
        ratePerSecond: options.ratePerSecond,
        seconds: options.seconds,
        inFlightMax: options.inFlightMax,
        send: sender(engine, options, watch),
      });
    const { result, profile } = await profileWhile(
      options.cpuProfileDir,
      `planner-${variant.replace(/[^a-z]+/g, "-")}-round${round + 1}`,
      measured,
    );
    const cpuAfter = sampleCpu();
    const evaluationsAfter = await evaluationTotals(engine.registry);
    const outcomes = outcomesBetween(outcomesBefore, await decisionOutcomes(engine.registry));
    const cpuMs = cpuPerThousand(cpuBefore, cpuAfter, 1000)["bench process (engine, load, clients)"] ?? Number.NaN;
    const evaluations = evaluationsAfter.count - evaluationsBefore.count;
    const latencies = watch.latencies();
    watch.close();
    return {
      ...result,
      variant,
      dips: watch.dips,
      planned: latencies.length,
      planP50Ms: percentile(latencies, 0.5),
      planP99Ms: percentile(latencies, 0.99),
      unplanned: watch.dips - latencies.length,
      evaluations,
      outcomes,
      evaluationMsMean: evaluations > 0 ? ((evaluationsAfter.sum - evaluationsBefore.sum) / evaluations) * 1000 : 0,
      cpuMsPer1000: (cpuMs / result.acknowledged) * 1000,
      cpuCorePercent: (cpuMs / (result.seconds * 1000)) * 100,
      ...(profile ? { profile } : {}),
    };
  } finally {
    watcher.close();
    await engine.stop();
  }
}

/** Opens and funds every account, then puts the pool rules and waits for the evaluations they trigger. */
async function prepare(engine: RunningEngine, options: PlannerBenchOptions, variant: PlannerVariant): Promise<void> {
  const step = async (what: string, count: number, send: (index: number) => Promise<JsonObject | undefined>) => {
    const done = await driveClosedLoop(count, 64, async (index) => {
      const reply = await send(index);
      return reply === undefined ? undefined : JSON.stringify(reply);
    });
    if (done.failures > 0) throw new Error(`${what} failed: ${done.failureSamples.join("; ")}`);
  };
  const command = async (kind: string, actorId: string, commandId: string, type: string, payload: JsonObject) => {
    const reply = await engine.system.dispatch({ kind, actorId, commandId, type, payload, principal });
    return reply.ok ? undefined : (reply.error as unknown as JsonObject);
  };
  await step("opening the accounts", options.accounts, (index) =>
    command("account", accountIdOf(index), "open", "open", {
      bankCode,
      accountNumber: String(index),
      currency,
      pool: poolOf(options, index),
    }),
  );
  await step("funding the accounts", options.accounts, (index) =>
    command("account", accountIdOf(index), "fund", "recordEntry", {
      entryId: `fund-${index}`,
      direction: "credit",
      amount: funding,
      currency,
    }),
  );
  const before = await evaluationTotals(engine.registry);
  const pools = poolNames(options);
  await step("putting the rules", pools.length, (index) =>
    command("rule", `bench-${pools[index]}`, "put", "put", {
      expectedVersion: 0,
      reason: "planner benchmark",
      rule: poolRule(pools[index]!, "SUGGEST"),
    }),
  );
  if (variant === "planner off") return;
  // Each new rule has its pool evaluated once (nothing to plan): not part of the measured window.
  const deadline = Date.now() + 120_000;
  while ((await evaluationTotals(engine.registry)).count - before.count < pools.length) {
    if (Date.now() > deadline) throw new Error("the rules' first evaluations did not all end within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Update `index`: a restore first when one is due (a dipped account, planned or given up on, credited back), else
 * a dip at the dip rate, else a small entry on an account the planner is not busy with.
 */
function sender(engine: RunningEngine, options: PlannerBenchOptions, watch: PlanWatch) {
  const dipEvery = Math.max(1, Math.round(100 / options.dipPercent));
  let cursor = 0;
  const nextAccount = (): number => {
    for (let tries = 0; tries < options.accounts; tries++) {
      const index = (cursor = (cursor + 7_919) % options.accounts);
      if (!watch.busy(accountIdOf(index))) return index;
    }
    return cursor;
  };
  return async (index: number): Promise<string | undefined> => {
    const restore = watch.takeRestore();
    const dip = restore === undefined && index % dipEvery === dipEvery - 1;
    const account = restore ?? accountIdOf(nextAccount());
    const entry = restore
      ? { direction: "credit" as const, amount: dipAmount }
      : dip
        ? { direction: "debit" as const, amount: dipAmount }
        : smallEntry(index);
    if (dip) watch.dipping(account);
    const reply = await engine.system.dispatch({
      kind: "account",
      actorId: account,
      commandId: `entry-${index}`,
      type: "recordEntry",
      payload: { entryId: `u-${index}`, ...entry, currency },
      principal,
    });
    if (!reply.ok) {
      if (dip) watch.dipFailed(account);
      return `${reply.error.code}: ${reply.error.message}`;
    }
    if (dip) watch.dipped(account, performance.now());
    if (restore) watch.restored(account);
    return undefined;
  };
}

interface HistogramTotals {
  readonly count: number;
  readonly sum: number;
}

/** `liq_planner_decisions_total` by outcome, all rules and modes: why dips went unplanned. */
async function decisionOutcomes(registry: Registry): Promise<Record<string, number>> {
  const values = (await registry.getSingleMetric("liq_planner_decisions_total")?.get())?.values ?? [];
  const byOutcome: Record<string, number> = {};
  for (const { labels, value } of values) {
    const outcome = String(labels["outcome"]);
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + value;
  }
  return byOutcome;
}

function outcomesBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([outcome, count]) => [outcome, count - (before[outcome] ?? 0)]));
}

/** `liq_planner_evaluation_seconds`, all pools and outcomes. */
async function evaluationTotals(registry: Registry): Promise<HistogramTotals> {
  const name = "liq_planner_evaluation_seconds";
  const values = (await registry.getSingleMetric(name)?.get())?.values ?? [];
  const add = (suffix: string) =>
    values
      .filter((value) => (value as { metricName?: string }).metricName === `${name}${suffix}`)
      .reduce((sum, value) => sum + value.value, 0);
  return { count: add("_count"), sum: add("_sum") };
}

function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function startBenchEngine(banksFile: string, plannerEnabled: boolean): Promise<RunningEngine> {
  const config = loadConfig({
    LIQ_ADMIN_PORT: "0",
    LIQ_GRPC_PORT: "0",
    LIQ_BANKS_FILE: banksFile,
    LIQ_CHANNEL_PROBE_INTERVAL_MS: "0",
    LIQ_PLANNER_ENABLED: String(plannerEnabled),
    LIQ_RATE_LIMIT_PER_SECOND: "1000000",
    LIQ_RATE_LIMIT_BURST: "1000000",
    LIQ_MAILBOX_CAPACITY: "10000",
    LIQ_PASSIVATE_AFTER_IDLE_MS: "600000",
  });
  return startEngine(config, jsonLogger({ service: "planner-bench" }, undefined, "warn"));
}
