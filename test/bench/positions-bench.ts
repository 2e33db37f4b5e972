import { randomBytes } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { MongoClient } from "mongodb";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import type { Registry } from "prom-client";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { loadConfig } from "../../engine/config.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { jsonLogger } from "../../runtime/logger.js";
import { TestPositionsClient } from "../support/grpc-client.js";
import { driveClosedLoop, median, summarizeRounds, type LoadResult } from "./closed-loop.js";
import { cpuPerThousand, sampleCpu } from "./cpu.js";
import { profileWhile } from "./cpu-profile.js";
import { preloadDatabase, spreadHistory, type DatabasePreload } from "./history-preload.js";
import { baselineNames, PostgresBaseline, type WalCounters } from "./postgres-baselines.js";
import {
  accountIds,
  balanceMismatches,
  expectedBalances,
  plannedUpdate,
  positionWorkloads,
  type PositionWorkload,
  type StoredBalance,
} from "./position-workload.js";
import { loadConnections } from "./load-connections.js";

export interface PositionsBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  readonly pgUrl: string;
  readonly requestsPerRun: number;
  readonly rounds: number;
  readonly concurrencies: readonly number[];
  /** No new request starts after this long in one run (the optimistic baseline on a hot row can take minutes). */
  readonly runTimeLimitMs: number;
  /** The throwaway PostgreSQL cluster's postmaster, whose CPU time is counted. */
  readonly postmasterPid?: number;
  readonly only?: string;
  /** Also run the engine (NATS) on a journal preloaded with this much history, beside the empty one. */
  readonly history?: { readonly entries: number; readonly actors: number };
  /** Write a CPU profile of each engine run's measured window (the bench process: engine, load, clients) here. */
  readonly cpuProfileDir?: string;
}

/** The positions suite's rows, the history preload (when asked) and the CPU profiles written. */
export interface PositionsBenchResult {
  readonly rows: PositionsBenchRow[];
  readonly preload?: DatabasePreload;
  readonly profiles: readonly string[];
}

/** What the storage did in one run, to explain the figures. */
export interface StorageCounters {
  /** Engine: journal writes (one insertMany each), the entries they carried and their mean latency. */
  readonly journalWrites?: number;
  readonly entriesPerWrite?: number;
  readonly writeMsMean?: number;
  /** Engine: commands decided per group commit of an actor. */
  readonly commandsPerBatch?: number;
  /** PostgreSQL: WAL flushes (fsync) during the run and the commits per flush (its group commit). */
  readonly walSyncs?: number;
  readonly commitsPerWalSync?: number;
  readonly walSyncMsMean?: number;
}

export type PositionsRun = LoadResult & {
  readonly retries: number;
  /** Accounts whose final ledger or available balance is not the exact sum of the acknowledged amounts, and journals
   * whose row count is not one per acknowledged update: each one is a failure of the run. */
  readonly balanceMismatches: readonly string[];
  readonly storage: StorageCounters;
  /** CPU milliseconds per 1,000 updates during the measured run, by process and for the whole machine. */
  readonly cpuMsPer1000: Readonly<Record<string, number>>;
};

export interface PositionsBenchRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly variant: string;
  readonly rounds: readonly PositionsRun[];
  readonly medianPerSecond: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  readonly failures: number;
  readonly retries: number;
  readonly balanceMismatches: number;
  /** Rounds stopped by the time limit before all their requests were sent. */
  readonly roundsCutShort: number;
  /** Medians over rounds. */
  readonly storage: StorageCounters;
  readonly cpuMsPer1000: Readonly<Record<string, number>>;
}

export const engineVariants = ["engine via NATS", "engine via gRPC"] as const;
/** The engine via NATS on the preloaded journal: its ratio to "engine via NATS" is the flat-with-history target. */
export const historyVariant = "engine via NATS, history";

/**
 * Position updates (account entries) through the engine's public entry points, persistence on, against the same
 * updates through PostgreSQL in the conventional designs. Variants interleave round by round; each run starts from
 * fresh state; after each run every balance is checked exactly against the sum of the amounts sent.
 */
export async function runPositionsBench(options: PositionsBenchOptions): Promise<PositionsBenchResult> {
  const clients = await loadConnections(options.natsUrl);
  const mongo = await MongoClient.connect(options.mongoUrl);
  const variants = [
    engineVariants[0],
    ...(options.history ? [historyVariant] : []),
    engineVariants[1],
    ...baselineNames,
  ];
  const wanted = (workload: PositionWorkload, variant: string) =>
    !options.only || `${workload.name}/${variant}`.includes(options.only);
  const needsHistory = positionWorkloads.some((workload) => wanted(workload, historyVariant));
  const profiles: string[] = [];
  let preload: DatabasePreload | undefined;
  try {
    // One journal of history for every history run of the suite (preloading is slow on FerretDB), with accounts
    // `HIST:<n>`; each history run books accounts of its own on it.
    if (options.history && needsHistory)
      preload = await preloadDatabase(
        options.mongoUrl,
        `bench_history_${randomBytes(4).toString("hex")}`,
        spreadHistory("HIST", options.history.entries, options.history.actors),
        "positions",
      );
    const results = new Map<string, PositionsRun[]>();
    for (let round = 0; round < options.rounds; round++) {
      for (const workload of positionWorkloads) {
        for (const concurrency of options.concurrencies) {
          for (const variant of variants) {
            if (!wanted(workload, variant)) continue;
            const slug = `${workload.name}-${variant}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
            const profileName = `positions-${slug}-c${concurrency}-r${round + 1}`;
            const result = await runOnce(options, clients, mongo, variant, workload, concurrency, {
              database: variant === historyVariant ? preload?.database : undefined,
              profileName,
            });
            if (result.profile) profiles.push(result.profile);
            const key = JSON.stringify([workload.name, concurrency, variant]);
            results.set(key, [...(results.get(key) ?? []), result]);
            const notes = [
              result.cutShort
                ? ` CUT SHORT at ${options.runTimeLimitMs / 1000} s after ${result.requests} updates`
                : "",
              result.retries > 0 ? ` retries ${result.retries}` : "",
              result.failureSamples.length > 0 ? ` first failure: ${result.failureSamples[0]}` : "",
              result.balanceMismatches.length > 0
                ? ` BALANCES WRONG (${result.balanceMismatches.length}): ${result.balanceMismatches[0]}`
                : "",
            ].join("");
            process.stderr.write(
              `round ${round + 1}/${options.rounds} ${workload.name} c=${concurrency} ${variant}: ${Math.round(result.perSecond)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms failures ${result.failures}${notes}\n`,
            );
          }
        }
      }
    }
    const rows = [...results.entries()].map(([key, rounds]) => {
      const [workload, concurrency, variant] = JSON.parse(key) as [string, number, string];
      return {
        workload,
        concurrency,
        variant,
        rounds,
        ...summarizeRounds(rounds),
        retries: rounds.reduce((sum, r) => sum + r.retries, 0),
        balanceMismatches: rounds.reduce((sum, r) => sum + r.balanceMismatches.length, 0),
        roundsCutShort: rounds.filter((r) => r.cutShort).length,
        storage: medianCounters(rounds.map((r) => r.storage)),
        cpuMsPer1000: medianCounters(rounds.map((r) => r.cpuMsPer1000)),
      };
    });
    return { rows, ...(preload ? { preload } : {}), profiles };
  } finally {
    if (preload)
      await mongo
        .db(preload.database)
        .dropDatabase()
        .catch(() => undefined);
    await Promise.all([...clients.map((nc) => nc.close()), mongo.close()]);
  }
}

/** Medians, key by key, of per-run counters (a key missing in a run counts as NaN there). */
function medianCounters<T extends object>(runs: readonly T[]): T {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  return Object.fromEntries(
    keys.map((key) => [key, median(runs.map((run) => (run as Record<string, number | undefined>)[key] ?? Number.NaN))]),
  ) as T;
}

async function runOnce(
  options: PositionsBenchOptions,
  clients: NatsConnection[],
  mongo: MongoClient,
  variant: string,
  baseWorkload: PositionWorkload,
  concurrency: number,
  place: { readonly database: string | undefined; readonly profileName: string },
): Promise<PositionsRun & { profile?: string }> {
  const run = randomBytes(4).toString("hex");
  // On the shared history journal every run opens accounts of its own.
  const workload = place.database ? { ...baseWorkload, bankCode: `H${run}` } : baseWorkload;
  const database = place.database ?? `bench_${run}`;
  // The updates acknowledged as done: the final balances must be exactly their sum.
  const applied: number[] = [];
  const tracked = (send: (index: number) => Promise<string | undefined>) => async (index: number) => {
    const failure = await send(index);
    if (failure === undefined) applied.push(index);
    return failure;
  };
  if (variant.startsWith("pg ")) {
    // As many connections as requests in flight, up to 64: beyond that PostgreSQL only contends harder.
    const baseline = await PostgresBaseline.prepare(
      options.pgUrl,
      variant as (typeof baselineNames)[number],
      accountIds(workload),
      Math.min(concurrency, 64),
    );
    let outcome: Omit<PositionsRun, "storage">;
    const walBefore = await PostgresBaseline.walCounters(options.pgUrl);
    try {
      const cpuBefore = sampleCpu(options.postmasterPid);
      const result = await driveClosedLoop(
        options.requestsPerRun,
        concurrency,
        tracked((index) => baseline.apply(plannedUpdate(workload, run, index))),
        options.runTimeLimitMs,
      );
      const cpuMsPer1000 = cpuPerThousand(cpuBefore, sampleCpu(options.postmasterPid), result.requests);
      const mismatches = balanceMismatches(expectedBalances(workload, run, applied), await baseline.balances());
      const entries = await baseline.entryCount();
      if (entries !== applied.length)
        mismatches.push(`fund_entry holds ${entries} rows for ${applied.length} acknowledged updates`);
      outcome = { ...result, retries: baseline.retries, balanceMismatches: mismatches, cpuMsPer1000 };
    } finally {
      await baseline.close();
    }
    return {
      ...outcome,
      storage: walStorage(walBefore, await PostgresBaseline.walCounters(options.pgUrl), applied.length),
    };
  }
  const engine = await startBenchEngine(options, run, database, concurrency);
  try {
    const nats = clients.map(
      (nc) => new NatsActorClient(nc, `bench${run}`, engine.system.limits.partitionCount, "bench"),
    );
    const grpc = Array.from(
      { length: 4 },
      () => new TestPositionsClient(`127.0.0.1:${engine.grpcPort}`, engine.developmentToken),
    );
    try {
      // Recovery after start (ADR 002) scans the journal for actors recorded since the checkpoint: on FerretDB a
      // scan of the whole history. It is start-up work, not the steady state measured: wait for it to end.
      await recovered(engine);
      // Warm-up, not measured: every account opened (its actor active), as PostgreSQL's rows exist before its runs.
      const opened = await driveClosedLoop(workload.accounts, Math.min(concurrency, 64), async (index) => {
        const [bankCode, accountNumber] = accountIds(workload)[index]!.split(":") as [string, string];
        const reply = await nats[index % nats.length]!.send(
          {
            kind: "account",
            actorId: `${bankCode}:${accountNumber}`,
            commandId: "open",
            type: "open",
            payload: { bankCode, accountNumber, currency: "EUR", pool: "bench" },
          },
          30_000,
        );
        return reply.ok ? undefined : reply.error.message;
      });
      if (opened.failures > 0) throw new Error(`opening the accounts failed: ${opened.failureSamples.join("; ")}`);
      const send =
        variant === "engine via gRPC" ? sendThroughGrpc(grpc, workload, run) : sendThroughNats(nats, workload, run);
      const before = await engineCounters(engine.registry);
      const cpuBefore = sampleCpu();
      const { result, profile } = await profileWhile(options.cpuProfileDir, place.profileName, () =>
        driveClosedLoop(options.requestsPerRun, concurrency, tracked(send), options.runTimeLimitMs),
      );
      const cpuMsPer1000 = cpuPerThousand(cpuBefore, sampleCpu(), result.requests);
      const after = await engineCounters(engine.registry);
      const mismatches = balanceMismatches(
        expectedBalances(workload, run, applied),
        await engineBalances(nats[0]!, workload),
      );
      // One journal document per accepted command: the opens and the acknowledged entries, nothing twice. Not
      // counted on the history journal: counting its millions of documents takes minutes on FerretDB.
      if (!place.database) {
        const journaled = await mongo.db(database).collection("journal").countDocuments({});
        if (journaled !== workload.accounts + applied.length)
          mismatches.push(
            `the journal holds ${journaled} entries for ${workload.accounts} opens and ${applied.length} acknowledged updates`,
          );
      }
      return {
        ...result,
        retries: 0,
        balanceMismatches: mismatches,
        storage: engineStorage(before, after),
        cpuMsPer1000,
        ...(profile ? { profile } : {}),
      };
    } finally {
      for (const client of grpc) client.close();
    }
  } finally {
    await engine.stop();
    if (place.database) await checkpointPastEverything(options.mongoUrl, place.database, engine);
    else
      await mongo
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
  }
}

/**
 * After a run on the shared history journal: its entries are on that run's bus (its own subject prefix), so the
 * publication checkpoint moves past them. Else the next run's engine would recover the last seconds' actors and
 * republish their entries on its own bus while it is measured.
 */
async function checkpointPastEverything(url: string, database: string, engine: RunningEngine): Promise<void> {
  const store = await MongoActorStore.connect({ url, database, appName: "bench-history" });
  try {
    const partitions = Array.from({ length: engine.system.limits.partitionCount }, (_, index) => index);
    await store.savePublicationCheckpoints(partitions, Date.now());
  } finally {
    await store.close();
  }
}

async function recovered(engine: RunningEngine): Promise<void> {
  const deadline = performance.now() + 600_000;
  while (!engine.system.recovered) {
    if (performance.now() > deadline) throw new Error("the engine did not finish its recovery within 10 minutes");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface HistogramTotals {
  readonly count: number;
  readonly sum: number;
}

/** Sum and count of the engine's histograms (all label values), read from its registry. */
async function engineCounters(
  registry: Registry,
): Promise<Record<"writeSeconds" | "writeEntries" | "batchCommands", HistogramTotals>> {
  const totals = async (name: string): Promise<HistogramTotals> => {
    const values = (await registry.getSingleMetric(name)?.get())?.values ?? [];
    const add = (suffix: string) =>
      values
        .filter((value) => (value as { metricName?: string }).metricName === `${name}${suffix}`)
        .reduce((sum, value) => sum + value.value, 0);
    return { count: add("_count"), sum: add("_sum") };
  };
  return {
    writeSeconds: await totals("liq_journal_write_duration_seconds"),
    writeEntries: await totals("liq_journal_write_entries"),
    batchCommands: await totals("liq_actor_batch_commands"),
  };
}

function engineStorage(
  before: Awaited<ReturnType<typeof engineCounters>>,
  after: Awaited<ReturnType<typeof engineCounters>>,
): StorageCounters {
  const delta = (key: keyof typeof before) => ({
    count: after[key].count - before[key].count,
    sum: after[key].sum - before[key].sum,
  });
  const [seconds, entries, batches] = [delta("writeSeconds"), delta("writeEntries"), delta("batchCommands")];
  if (seconds.count === 0) return {};
  return {
    journalWrites: seconds.count,
    entriesPerWrite: entries.sum / entries.count,
    writeMsMean: (seconds.sum / seconds.count) * 1000,
    commandsPerBatch: batches.sum / batches.count,
  };
}

/** WAL flushes during a run (whole cluster: with PG_URL, other users' commits count too). */
function walStorage(before: WalCounters, after: WalCounters, commits: number): StorageCounters {
  const syncs = after.walSyncs - before.walSyncs;
  if (!(syncs > 0)) return {};
  return {
    walSyncs: syncs,
    commitsPerWalSync: commits / syncs,
    walSyncMsMean: (after.walSyncMs - before.walSyncMs) / syncs,
  };
}

function sendThroughNats(nats: readonly NatsActorClient[], workload: PositionWorkload, run: string) {
  return async (index: number): Promise<string | undefined> => {
    const update = plannedUpdate(workload, run, index);
    const payload = { entryId: update.entryId, direction: update.direction, amount: update.amount, currency: "EUR" };
    const reply = await nats[index % nats.length]!.send(
      {
        kind: "account",
        actorId: update.accountId,
        commandId: `entry:${update.entryId}`,
        type: "recordEntry",
        payload,
      },
      30_000,
    );
    return reply.ok ? undefined : `${reply.error.code}: ${reply.error.message}`;
  };
}

function sendThroughGrpc(grpc: readonly TestPositionsClient[], workload: PositionWorkload, run: string) {
  return async (index: number): Promise<string | undefined> => {
    const update = plannedUpdate(workload, run, index);
    const [bankCode, accountNumber] = update.accountId.split(":") as [string, string];
    const outcome = await grpc[index % grpc.length]!.call("RecordEntry", {
      account: { bank_code: bankCode, account_number: accountNumber },
      entry_id: update.entryId,
      direction: update.direction,
      amount: update.amount,
      currency: "EUR",
    });
    return outcome.ok ? undefined : `${outcome.code}: ${outcome.details}`;
  };
}

/** Every account's position as its actor holds it (a `get` command through NATS, like any client). */
async function engineBalances(nats: NatsActorClient, workload: PositionWorkload): Promise<Map<string, StoredBalance>> {
  const balances = new Map<string, StoredBalance>();
  for (const accountId of accountIds(workload)) {
    const reply = await nats.send(
      { kind: "account", actorId: accountId, commandId: `check-${randomBytes(4).toString("hex")}`, type: "get" },
      30_000,
    );
    if (reply.ok) balances.set(accountId, (reply.result as unknown as { position: StoredBalance }).position);
  }
  return balances;
}

function startBenchEngine(
  options: PositionsBenchOptions,
  run: string,
  database: string,
  concurrency: number,
): Promise<RunningEngine> {
  const config = loadConfig({
    LIQ_NATS_URL: options.natsUrl,
    LIQ_MONGO_URL: options.mongoUrl,
    LIQ_MONGO_DB: database,
    LIQ_SUBJECT_PREFIX: `bench${run}`,
    LIQ_ADMIN_PORT: "0",
    LIQ_GRPC_PORT: "0",
    LIQ_DEV_ACCESS: "true",
    LIQ_RATE_LIMIT_PER_SECOND: "1000000",
    LIQ_RATE_LIMIT_BURST: "1000000",
    LIQ_MAILBOX_CAPACITY: String(Math.max(1_000, concurrency * 2)),
    // No passivation during a run: on FerretDB 1.24 a reactivation scans the whole journal (ADR 001,
    // consequences), which would measure FerretDB's missing index use rather than the engine.
    LIQ_PASSIVATE_AFTER_IDLE_MS: "600000",
  });
  // Warnings and errors explain an outlier run; info is noise.
  return startEngine(config, jsonLogger({ service: "bench-engine" }, undefined, "warn"));
}
