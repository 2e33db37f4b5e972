import { randomBytes } from "node:crypto";
import type { Subscription } from "@nats-io/transport-node";
import { Decimal } from "decimal.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import { collectionWrites, type StoreWriteCounts } from "./collection-writes.js";
import { engineNodeOptionsEnv } from "./cpu-profile.js";
import { waitUntilReady } from "./engine-ready.js";
import { cpuOfProcessTrees, rssOf } from "./cpu.js";
import { exposedSamples, fetchMetrics } from "../support/metrics.js";
import { eventually } from "../support/tally.js";
import { TransferWorld, type WorldAccount } from "../support/transfer-world.js";

/**
 * The transfer benchmark: an engine process and a bank simulator process (every call answered after
 * `bankLatencyMs`, no other fault), a closed loop keeping `inFlight` transfers in flight for `seconds`. A transfer's
 * latency runs from its create being sent to its SUCCESS event seen on `<prefix>.evt.transfer.<id>` (one core NATS
 * subscription, no polling). The engine's memory is sampled from /proc and its /metrics. At the end the books are
 * checked: the banks' and the engine's balances against the sum of the transfers that succeeded.
 */
export interface TransfersBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  /** What serves `mongoUrl`, for the report. */
  readonly storeKind: string;
  /** Server processes whose CPU time to count, by name (their children with them). */
  readonly serverPids: Readonly<Record<string, number>>;
  readonly inFlight: number;
  readonly seconds: number;
  readonly bankLatencyMs: number;
  readonly sampleEveryMs: number;
  /** Accounts per bank (two banks): transfers go both ways between account k at one bank and account k at the other. */
  readonly accountsPerBank: number;
  /** Channels per bank the debits are spread over (a channel takes at most 10,000 debits per local day). */
  readonly lanesPerBank: number;
  /** A transfer not finished after this long stops holding its slot (it is still counted at the end). */
  readonly transferTimeoutMs: number;
  /** NODE_OPTIONS of the engine process, e.g. `--max-old-space-size=2048`. */
  readonly engineNodeOptions?: string;
  /** Write a CPU profile of the engine process (`engine-<pid>.cpuprofile`, for Chrome DevTools) into this directory. */
  readonly engineCpuProfileDir?: string;
  /** The engine's database (a preloaded one); a fresh one when absent. */
  readonly database?: string;
  /** The PostgreSQL under the store, if any: the documents each collection wrote are read from its statistics. */
  readonly postgresUrl?: string;
}

export interface StoreWrites extends StoreWriteCounts {
  /** Transfers that reached SUCCESS or FAILED in the run: what the counts are divided by. */
  readonly finishedTransfers: number;
}

export interface MemorySample {
  readonly atSeconds: number;
  readonly succeeded: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** CPU milliseconds since the previous sample, by process. */
  readonly cpuMs: Readonly<Record<string, number>>;
  /** A few engine metrics at this moment (cumulative counters, current gauges). */
  readonly engine: Readonly<Record<string, number>>;
}

export interface LinearFit {
  /** Per minute, or per 1,000 succeeded transfers. */
  readonly slope: number;
  readonly intercept: number;
  readonly samples: number;
}

export interface TransfersBenchResult {
  readonly run: string;
  readonly store: string;
  readonly options: Omit<TransfersBenchOptions, "natsUrl" | "mongoUrl" | "serverPids">;
  readonly measuredSeconds: number;
  readonly created: number;
  readonly createRefusals: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** SUCCESS seen within the measured window, per second of it. */
  readonly succeededPerSecond: number;
  /** The same over the second half of the window (after start-up effects). */
  readonly succeededPerSecondSecondHalf: number;
  /** SUCCESS seen in each 10 s of the window, in order (a last, partial interval included). */
  readonly succeededPer10s: readonly number[];
  /** The engine process, whose CPU profile (if asked for) is `engine-<pid>.cpuprofile`. */
  readonly enginePid: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly count: number };
  /** Transfers that had no final status when their slot gave up on them, and when the run ended. */
  readonly timedOut: number;
  readonly unfinishedAtEnd: number;
  readonly samples: readonly MemorySample[];
  readonly warmUpSeconds: number;
  readonly heapFit: { readonly perMinuteMiB: LinearFit; readonly perThousandTransfersKiB: LinearFit } | undefined;
  readonly rssFit: { readonly perMinuteMiB: LinearFit; readonly perThousandTransfersKiB: LinearFit } | undefined;
  /** CPU milliseconds per succeeded transfer over the measured window, by process. */
  readonly cpuMsPerTransfer: Readonly<Record<string, number>>;
  readonly books: BooksCheck;
  /** Documents the store wrote during the run (transfers that finished after the window included), by collection. */
  readonly storeWrites?: StoreWrites;
  readonly verdicts: readonly Verdict[];
}

export interface BooksCheck {
  readonly agree: boolean;
  readonly problems: readonly string[];
  readonly totals: { readonly funded: string; readonly atBanks: string; readonly inFlight: string };
}

export interface Verdict {
  readonly target: string;
  readonly achieved: string;
  readonly met: boolean | undefined;
}

const finalStatuses = new Set(["SUCCESS", "FAILED", "CANCELLED", "COMPENSATED", "CLOSED", "MANUAL_INTERVENTION"]);
const statusPattern = /"status":"([A-Z_]+)"/;
const funding = "1000000000.0000";

interface Tracked {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly sentAt: number;
  status: string | undefined;
  finishedAt: number | undefined;
  wake: (() => void) | undefined;
}

export async function runTransfersBench(options: TransfersBenchOptions): Promise<TransfersBenchResult> {
  const accounts: WorldAccount[] = ["BANKA", "BANKB"].flatMap((bankCode) =>
    Array.from({ length: options.accountsPerBank }, (_, index) => ({
      bankCode,
      account: `${bankCode.slice(-1)}${index + 1}`,
      funding,
    })),
  );
  const world = await TransferWorld.start({
    servers: { natsUrl: options.natsUrl, mongoUrl: withPoolSize(options.mongoUrl, enginePoolSize) },
    accounts,
    lanesPerBank: options.lanesPerBank,
    dailyLimit: "999999999999",
    env: {
      // Production timings (the world's defaults are the integration tests' short ones).
      LIQ_BANK_CALL_TIMEOUT_MS: "5000",
      LIQ_TRANSFER_EFFECT_GUARD_MS: "15000",
      LIQ_TRANSFER_RETRY_DELAY_MS_MIN: "500",
      LIQ_TRANSFER_RETRY_DELAY_MS_MAX: "60000",
      LIQ_REMINDER_POLL_INTERVAL_MS: "1000",
      // Every transfer of the loop asks the same few account and channel actors: room for all of them at once.
      LIQ_MAILBOX_CAPACITY: String(Math.max(1_000, options.inFlight * 4)),
      ...engineNodeOptionsEnv({ nodeOptions: options.engineNodeOptions, cpuProfileDir: options.engineCpuProfileDir }),
      ...(options.database ? { LIQ_MONGO_DB: options.database } : {}),
    },
  });
  try {
    const adminPort = Number(world.engine!.lines.find((line) => line["event"] === "ready")?.["adminPort"]);
    await waitUntilReady(adminPort);
    for (const bank of ["BANKA", "BANKB"]) await world.simulator.setFaults(bank, { latencyMs: options.bankLatencyMs });
    return await drive(world, accounts, options);
  } finally {
    // SIGTERM first: the engine exits through its shutdown path, which writes a CPU profile if one was asked for.
    await world.engine?.stop();
    await world.stop();
  }
}

async function drive(
  world: TransferWorld,
  accounts: readonly WorldAccount[],
  options: TransfersBenchOptions,
): Promise<TransfersBenchResult> {
  const run = `b${randomBytes(3).toString("hex")}`;
  const tracked = new Map<string, Tracked>();
  const subscription = followStatuses(world, tracked);
  const client = new NatsActorClient(world.nc, world.prefix, defaultLimits.partitionCount, { token: world.token });
  const enginePid = world.engine!.child.pid!;
  const adminPort = Number(world.engine!.lines.find((line) => line["event"] === "ready")?.["adminPort"]);
  const pids: Record<string, number> = {
    engine: enginePid,
    "bank simulator": world.simulator.child.pid!,
    ...options.serverPids,
  };

  let sequence = 0;
  let createRefusals = 0;
  let timedOut = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1_000;
  const perBank = accounts.length / 2;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const index = sequence++;
      const pair = index % perBank;
      const forward = Math.floor(index / perBank) % 2 === 0;
      const [a, b] = [accounts[pair]!, accounts[perBank + pair]!];
      const [source, target] = forward ? [a, b] : [b, a];
      const lane = `lane${(index % options.lanesPerBank) + 1}`;
      const transfer: Tracked = {
        id: `${run}-${index}`,
        from: `${source.bankCode}:${source.account}`,
        to: `${target.bankCode}:${target.account}`,
        amount: amountOf(index),
        sentAt: performance.now(),
        status: undefined,
        finishedAt: undefined,
        wake: undefined,
      };
      tracked.set(transfer.id, transfer);
      const done = new Promise<void>((resolve) => (transfer.wake = resolve));
      const reply = await client
        .send(
          {
            kind: "transfer",
            actorId: transfer.id,
            commandId: `create-${transfer.id}`,
            type: "create",
            payload: {
              from: transfer.from,
              to: transfer.to,
              amount: transfer.amount,
              currency: "CNY",
              speed: "normal",
              debitChannel: `${source.bankCode}-${lane}`,
              creditChannel: `${target.bankCode}-${lane}`,
            },
          },
          60_000,
        )
        .catch(() => undefined);
      if (reply && !reply.ok) {
        createRefusals++;
        transfer.status = `refused:${reply.error.code}`;
        continue;
      }
      // Without a reply the create may still have been applied: its events decide.
      const gaveUp = await Promise.race([done.then(() => false), sleep(options.transferTimeoutMs).then(() => true)]);
      if (gaveUp && transfer.status === undefined) timedOut++;
    }
  };

  const samples: MemorySample[] = [];
  let lastCpu = cpuOfProcessTrees(pids);
  const sampler = setInterval(() => {
    void (async () => {
      const cpu = cpuOfProcessTrees(pids);
      const delta = Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, ms - (lastCpu[name] ?? 0)]));
      lastCpu = cpu;
      const metrics = await scrape(adminPort);
      const succeeded = count(tracked, "SUCCESS");
      samples.push({
        atSeconds: (performance.now() - started) / 1_000,
        succeeded,
        rssBytes: rssOf(enginePid),
        heapUsedBytes: metrics["nodejs_heap_size_used_bytes"] ?? Number.NaN,
        cpuMs: delta,
        engine: metrics,
      });
      const last = samples.at(-2);
      const rate = last
        ? (succeeded - last.succeeded) / (samples.at(-1)!.atSeconds - last.atSeconds)
        : succeeded / samples.at(-1)!.atSeconds;
      process.stderr.write(
        `transfers t=${samples.at(-1)!.atSeconds.toFixed(0)}s succeeded=${succeeded} (${rate.toFixed(0)}/s) rss=${mib(rssOf(enginePid))} heap=${mib(metrics["nodejs_heap_size_used_bytes"] ?? Number.NaN)} ` +
          `cpu%=${Object.entries(delta)
            .map(([name, ms]) => `${name}:${((ms / options.sampleEveryMs) * 100).toFixed(0)}`)
            .join(",")}\n`,
      );
    })();
  }, options.sampleEveryMs);
  const cpuAtStart = cpuOfProcessTrees(pids);
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  const measuredSeconds = (performance.now() - started) / 1_000;
  const cpuAtEnd = cpuOfProcessTrees(pids);
  clearInterval(sampler);

  // The window is over; whatever is still running finishes (or is reported unfinished), then the books are read.
  const settleMs = 120_000;
  await eventually(
    "every transfer final",
    () => [...tracked.values()].every((transfer) => transfer.status !== undefined && finalOrRefused(transfer.status)),
    settleMs,
    200,
  ).catch(() => undefined);
  const unfinishedAtEnd = [...tracked.values()].filter(
    (transfer) => transfer.status === undefined || !finalOrRefused(transfer.status),
  ).length;
  const books = await checkBooks(world, accounts, tracked);
  await subscription.drain();
  const finished = [...tracked.values()].filter(
    (transfer) => transfer.status === "SUCCESS" || transfer.status === "FAILED",
  );
  const storeWrites = options.postgresUrl
    ? await storeWritesOf(options.postgresUrl, world.env["LIQ_MONGO_DB"]!, finished.length)
    : undefined;

  const windowEnd = started + options.seconds * 1_000;
  const successes = [...tracked.values()].filter(
    (transfer) => transfer.status === "SUCCESS" && transfer.finishedAt !== undefined,
  );
  const inWindow = successes.filter((transfer) => transfer.finishedAt! <= windowEnd);
  const halfway = started + (options.seconds * 1_000) / 2;
  const latencies = inWindow.map((transfer) => transfer.finishedAt! - transfer.sentAt).sort((x, y) => x - y);
  const succeededPerSecond = inWindow.length / options.seconds;
  const secondHalf = inWindow.filter((transfer) => transfer.finishedAt! > halfway).length / (options.seconds / 2);
  const succeededPer10s = Array.from({ length: Math.ceil(options.seconds / 10) }, () => 0);
  for (const transfer of inWindow) {
    const bucket = Math.min(succeededPer10s.length - 1, Math.floor((transfer.finishedAt! - started) / 10_000));
    succeededPer10s[bucket]!++;
  }
  const warmUpSeconds = Math.min(120, options.seconds / 3);
  const steady = samples.filter((sample) => sample.atSeconds >= warmUpSeconds && Number.isFinite(sample.heapUsedBytes));
  const fits = (value: (sample: MemorySample) => number) =>
    steady.length < 3
      ? undefined
      : {
          perMinuteMiB: fit(steady.map((sample) => [sample.atSeconds / 60, value(sample) / 2 ** 20])),
          perThousandTransfersKiB: fit(steady.map((sample) => [sample.succeeded / 1_000, value(sample) / 2 ** 10])),
        };
  const heapFit = fits((sample) => sample.heapUsedBytes);
  const rssFit = fits((sample) => sample.rssBytes);
  const cpuMsPerTransfer = Object.fromEntries(
    Object.entries(cpuAtEnd).map(([name, ms]) => [name, (ms - (cpuAtStart[name] ?? 0)) / Math.max(1, inWindow.length)]),
  );
  const byStatus: Record<string, number> = {};
  for (const transfer of tracked.values())
    byStatus[transfer.status ?? "unfinished"] = (byStatus[transfer.status ?? "unfinished"] ?? 0) + 1;
  const latencyMs = {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    count: latencies.length,
  };

  const { natsUrl: _nats, mongoUrl: _mongo, serverPids: _pids, postgresUrl: _pg, ...reported } = options;
  return {
    run,
    store: options.storeKind,
    options: reported,
    measuredSeconds,
    created: tracked.size - createRefusals,
    createRefusals,
    byStatus,
    succeededPerSecond,
    succeededPerSecondSecondHalf: secondHalf,
    succeededPer10s,
    enginePid,
    latencyMs,
    timedOut,
    unfinishedAtEnd,
    samples,
    warmUpSeconds,
    heapFit,
    rssFit,
    cpuMsPerTransfer,
    books,
    ...(storeWrites && { storeWrites }),
    verdicts: verdictsOf(succeededPerSecond, succeededPer10s, cpuMsPerTransfer, heapFit, steady, options),
  };
}

/**
 * The engine's MongoDB connections per client (it has two: the store and the transfer index). FerretDB 1.24 runs an
 * update on two backend connections at once (a query, then a transaction) and deadlocks when concurrent updates reach
 * its backend pool (100 connections on SQLite): the driver's default of 100 per client can get there under this load.
 */
const enginePoolSize = 40;

function withPoolSize(url: string, size: number): string {
  if (/[?&]maxPoolSize=/.test(url)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}maxPoolSize=${size}`;
}

/** One core subscription to every transfer event: the first final status of each transfer is its outcome. */
function followStatuses(world: TransferWorld, tracked: Map<string, Tracked>): Subscription {
  const decoder = new TextDecoder();
  const prefix = `${world.prefix}.evt.transfer.`;
  return world.nc.subscribe(`${prefix}>`, {
    callback: (error, message) => {
      if (error) return;
      const transfer = tracked.get(message.subject.slice(prefix.length));
      if (!transfer || transfer.status !== undefined) return;
      const status = statusPattern.exec(decoder.decode(message.data))?.[1];
      if (status === undefined || !finalStatuses.has(status)) return;
      transfer.status = status;
      transfer.finishedAt = performance.now();
      transfer.wake?.();
    },
  });
}

function finalOrRefused(status: string): boolean {
  return finalStatuses.has(status) || status.startsWith("refused:");
}

/** 0.01 to 99.99 with two places, and every seventh one with four: exact decimals, never a JS number on the wire. */
function amountOf(index: number): string {
  const cents = new Decimal((index * 7_919) % 9_999).plus(1).div(100);
  return (index % 7 === 0 ? cents.plus(new Decimal(index % 100).div(10_000)) : cents).toFixed(4);
}

/**
 * The banks' totals (what was funded is at the banks or in flight), and for every account: the bank's balance and
 * the engine's ledger both equal to funding plus the transfers that succeeded, nothing left in transit.
 */
async function checkBooks(
  world: TransferWorld,
  accounts: readonly WorldAccount[],
  tracked: ReadonlyMap<string, Tracked>,
): Promise<BooksCheck> {
  const expected = new Map(
    accounts.map((account) => [`${account.bankCode}:${account.account}`, new Decimal(account.funding ?? 0)]),
  );
  const unsettled = [...tracked.values()].filter(
    (transfer) =>
      transfer.status !== "SUCCESS" && transfer.status !== "FAILED" && !transfer.status?.startsWith("refused:"),
  );
  for (const transfer of tracked.values()) {
    if (transfer.status !== "SUCCESS") continue;
    expected.set(transfer.from, expected.get(transfer.from)!.minus(transfer.amount));
    expected.set(transfer.to, expected.get(transfer.to)!.plus(transfer.amount));
  }
  const problems: string[] = unsettled
    .slice(0, 10)
    .map((transfer) => `${transfer.id}: ${transfer.status ?? "no final status"}`);
  if (unsettled.length > 10) problems.push(`... ${unsettled.length - 10} more transfers neither SUCCESS nor FAILED`);
  const read = async () => {
    const found: string[] = [];
    for (const { bankCode, account } of accounts) {
      const id = `${bankCode}:${account}`;
      const bank = new Decimal((await world.simulator.account(bankCode, account)).balance).toFixed(4);
      const position = await world.position(id).catch(() => ({}) as Record<string, string>);
      const want = expected.get(id)!.toFixed(4);
      if (bank !== want) found.push(`${id}: bank balance ${bank}, expected ${want}`);
      if (position["ledger"] !== want) found.push(`${id}: engine ledger ${position["ledger"]}, expected ${want}`);
      if (position["inTransitDebit"] !== "0.0000" || position["inTransitCredit"] !== "0.0000")
        found.push(`${id}: in transit ${position["inTransitDebit"]} / ${position["inTransitCredit"]}`);
    }
    return found;
  };
  // Settling positions trails the SUCCESS event by one account command: wait for it, never for a fixed time.
  let accountProblems: string[] = [];
  await eventually(
    "the engine's positions settled",
    async () => (accountProblems = await read()).length === 0,
    60_000,
    500,
  ).catch(() => undefined);
  const totals = (await world.simulator.totals()).currencies["CNY"]!;
  if (totals.total !== totals.funded)
    problems.push(`the banks hold ${totals.total} with what is in flight, but ${totals.funded} was funded`);
  problems.push(...accountProblems);
  return {
    agree: problems.length === 0,
    problems,
    totals: { funded: totals.funded, atBanks: totals.accounts, inFlight: totals.inFlight },
  };
}

/** Processes whose CPU is not the system's: the bench itself, and whatever else the machine ran. */
const notTheSystem = new Set(["load generator", "rest of the machine"]);

/** CPU ms per succeeded transfer of every process of the system under test: engine, simulator, servers. */
export function systemCpuMsPerTransfer(cpuMsPerTransfer: Readonly<Record<string, number>>): number {
  return Object.entries(cpuMsPerTransfer).reduce((sum, [name, ms]) => (notTheSystem.has(name) ? sum : sum + ms), 0);
}

/** Transfers per second over whole minutes of the window (`minute` from 0), from its 10-second counts. */
export function minuteRate(per10s: readonly number[], minute: number): number | undefined {
  const slice = per10s.slice(minute * 6, minute * 6 + 6);
  return slice.length === 6 ? slice.reduce((sum, n) => sum + n, 0) / 60 : undefined;
}

function verdictsOf(
  perSecond: number,
  per10s: readonly number[],
  cpuMsPerTransfer: Readonly<Record<string, number>>,
  heapFit: TransfersBenchResult["heapFit"],
  steady: readonly MemorySample[],
  options: TransfersBenchOptions,
): Verdict[] {
  const minutes = Math.floor(per10s.length / 6);
  const [second, last] = [minuteRate(per10s, 1), minuteRate(per10s, minutes - 1)];
  const cpuMs = systemCpuMsPerTransfer(cpuMsPerTransfer);
  const verdicts: Verdict[] = [
    {
      target: `at least 200 succeeded transfers/s sustained (${options.inFlight} in flight, ${options.seconds} s)`,
      achieved: `${perSecond.toFixed(1)}/s (${(perSecond / 200).toFixed(2)}x the target)`,
      met: perSecond >= 200,
    },
    minutes < 3 || second === undefined || last === undefined
      ? {
          target: "last minute within 10% of the second",
          achieved: `not judged: ${minutes} whole minute(s) (needs 3)`,
          met: undefined,
        }
      : {
          target: "last minute within 10% of the second",
          achieved: `${(last / second).toFixed(2)}x (${last.toFixed(1)}/s in minute ${minutes} vs ${second.toFixed(1)}/s in minute 2)`,
          met: second > 0 && last / second >= 0.9,
        },
    {
      target: "CPU per succeeded transfer, all processes of the system (engine, simulator, servers) <= 10 ms",
      achieved: Number.isFinite(cpuMs)
        ? `${cpuMs.toFixed(1)} ms (${(cpuMs / 10).toFixed(2)}x the limit)`
        : "no transfer succeeded",
      met: Number.isFinite(cpuMs) && perSecond > 0 ? cpuMs <= 10 : undefined,
    },
  ];
  // "Flat": the fitted growth of the heap over the window after warm-up stays under 5% of its mean.
  const spanMinutes = steady.length > 1 ? (steady.at(-1)!.atSeconds - steady[0]!.atSeconds) / 60 : 0;
  const completedAfterWarmUp = steady.length > 1 ? steady.at(-1)!.succeeded - steady[0]!.succeeded : 0;
  if (!heapFit || spanMinutes < 3 || completedAfterWarmUp < 5_000) {
    const why =
      spanMinutes < 3
        ? `${spanMinutes.toFixed(1)} min after warm-up (needs 3; BENCH_TRANSFER_SECONDS=${options.seconds})`
        : `${completedAfterWarmUp} transfers completed after warm-up (needs 5,000)`;
    verdicts.push({
      target: "memory flat (no growth with completed transfers)",
      achieved: `not judged: ${why}`,
      met: undefined,
    });
  } else {
    const meanMiB = steady.reduce((sum, sample) => sum + sample.heapUsedBytes, 0) / steady.length / 2 ** 20;
    const growthMiB = heapFit.perMinuteMiB.slope * spanMinutes;
    verdicts.push({
      target: "memory flat (no growth with completed transfers)",
      achieved: `heap ${heapFit.perMinuteMiB.slope >= 0 ? "+" : ""}${heapFit.perMinuteMiB.slope.toFixed(2)} MiB/min (${heapFit.perThousandTransfersKiB.slope.toFixed(1)} KiB per 1,000 transfers), ${growthMiB.toFixed(1)} MiB over ${spanMinutes.toFixed(1)} min on a mean of ${meanMiB.toFixed(0)} MiB`,
      met: growthMiB < 0.05 * meanMiB,
    });
  }
  return verdicts;
}

/** Least squares y = slope * x + intercept. */
function fit(points: ReadonlyArray<readonly [number, number]>): LinearFit {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, samples: n };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function count(tracked: ReadonlyMap<string, Tracked>, status: string): number {
  let n = 0;
  for (const transfer of tracked.values()) if (transfer.status === status) n++;
  return n;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)}MiB`;
}

const scraped = [
  "nodejs_heap_size_used_bytes",
  "process_resident_memory_bytes",
  "liq_journal_write_duration_seconds_sum",
  "liq_journal_write_duration_seconds_count",
  "liq_journal_write_entries_sum",
];
const scrapedByKind = [
  "liq_actor_turn_duration_seconds_sum",
  "liq_actor_turn_duration_seconds_count",
  "liq_actor_activations_total",
  "liq_actor_passivations_total",
];

/** A few of the engine's metrics (Prometheus text), summed over labels; per kind for the actor metrics. */
async function scrape(adminPort: number): Promise<Record<string, number>> {
  const values: Record<string, number> = {};
  try {
    for (const { name, labels, value } of exposedSamples(await fetchMetrics(adminPort))) {
      const kind = labels["kind"];
      const key = scrapedByKind.includes(name) && kind ? `${name}{${kind}}` : scraped.includes(name) ? name : undefined;
      if (key) values[key] = (values[key] ?? 0) + value;
    }
  } catch {
    // A missed scrape is a gap in the series, not a failure of the run.
  }
  return values;
}

async function storeWritesOf(
  postgresUrl: string,
  database: string,
  finishedTransfers: number,
): Promise<StoreWrites | undefined> {
  const counts = await collectionWrites(postgresUrl, database).catch((error: unknown) => {
    process.stderr.write(`transfers: the store's write counts were not read: ${String(error)}\n`);
    return undefined;
  });
  return counts && { ...counts, finishedTransfers };
}
