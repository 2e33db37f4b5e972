import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Decimal } from "decimal.js";
import { MongoClient } from "mongodb";
import { streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { freePort } from "../rig/free-port.js";
import { EngineProcess } from "../support/engine-process.js";
import { fetchMetrics } from "../support/metrics.js";
import { accessFile } from "../support/access-file.js";
import { standardClients, TestPositionsClient, type HealthClient } from "../support/grpc-client.js";
import type { ListPositionsResponse__Output } from "../../protos/generated/liquidity/v1/ListPositionsResponse.js";
import { driveClosedLoop } from "./closed-loop.js";
import { Exact } from "./position-workload.js";

/**
 * The recovery benchmark: an engine process against NATS and a MongoDB-wire store, a closed loop of account entries
 * over many accounts, and a SIGKILL every `killEverySeconds` for `crashLoopSeconds` (each kill is followed at once by
 * a new process). On each start it measures, from the moment the process is spawned: its ready line, the first
 * write acknowledged (an entry the load sent), gRPC health SERVING, and when recovery (ADR 002 §4, §7) listed and
 * finished its actors (the engine's log lines). After the final start the load runs until recovery is done (at most
 * `observeSeconds`), then every entry not acknowledged is sent again with its command id until it is, and the books
 * are checked: the journal holds each entry once and each account's entries sum exactly to what was sent to it, the
 * events stream holds each journaled event once, and the position directory (what ListPositions answers, folded
 * from the stream) shows every account's ledger at that exact sum once recovery has republished what it owed.
 */
export interface RecoveryBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  /** What serves `mongoUrl`, for the report. */
  readonly storeKind: string;
  readonly accounts: number;
  readonly inFlight: number;
  readonly crashLoopSeconds: number;
  readonly killEverySeconds: number;
  /** After the final start: how long the load goes on at most while recovery finishes. */
  readonly observeSeconds: number;
  /** The engine's LIQ_RECOVERY_ACTIVATIONS_IN_FLIGHT_MAX; its default when absent. */
  readonly recoveryActivationsInFlightMax?: number;
  /** The engine's LIQ_RECOVERY_SEARCH_WINDOW_MS and LIQ_RECOVERY_SEARCH_WINDOW_ACTORS; their defaults when absent. */
  readonly recoverySearchWindowMs?: number;
  readonly recoverySearchWindowActors?: number;
  /** Another checkout whose engine to run (an earlier version, for a side-by-side comparison); this one by default. */
  readonly engineRoot?: string;
  /** Where each start's log lines go (`start-<n>.jsonl`, the newest lines the test support keeps); none when absent. */
  readonly logDir?: string;
}

/** One start of the engine: seconds from its spawn to each milestone (absent: not reached before it was killed). */
export interface StartRecord {
  readonly start: number;
  readonly final: boolean;
  readyLineSeconds?: number;
  firstWriteSeconds?: number;
  servingSeconds?: number;
  /** The checkpoint recovery started from (log line `publication recovery started`). */
  recoverySince?: number;
  /** Seconds from that checkpoint to the spawn: what this start had to search. */
  recoveryBehindSeconds?: number;
  /** The actors the search listed so far (the windows' `publication recovery window listed` lines). */
  recoveryActors?: number;
  /** The windows searched, and how far they reached (the upper bound of the last one with a bound). */
  recoveryWindows: number;
  recoverySearchedUntil?: number;
  /** When the search for the actors to recover answered its last, open-ended window. */
  recoveryListedSeconds?: number;
  recoveryDoneSeconds?: number;
  /** Entries acknowledged by this process. */
  acknowledged: number;
  /** Seconds the process lived (until the kill, or until the load stopped for the final one). */
  livedSeconds?: number;
}

export interface RecoveryBooks {
  readonly agree: boolean;
  readonly problems: readonly string[];
  readonly entries: number;
  readonly resent: number;
  readonly journalEntries: number;
  readonly journalEvents: number;
  readonly streamEvents: number;
  /**
   * Seconds from the start of the check (the load stopped, every entry acknowledged) until the stream held every
   * journaled event and the directory showed every ledger exactly (undefined: not within 10 minutes).
   */
  readonly directoryExactAfterSeconds: number | undefined;
}

export interface Verdict {
  readonly target: string;
  readonly achieved: string;
  readonly met: boolean | undefined;
}

export interface RecoveryBenchResult {
  readonly run: string;
  readonly store: string;
  readonly options: Omit<RecoveryBenchOptions, "natsUrl" | "mongoUrl">;
  readonly openSeconds: number;
  readonly starts: readonly StartRecord[];
  readonly acknowledgedDuringLoad: number;
  readonly books: RecoveryBooks;
  readonly verdicts: readonly Verdict[];
}

const currency = "EUR";
const probeIntervalMs = 50;
/**
 * A send unanswered this long is sent again (same command id). Short: a request in flight when the engine is killed
 * gets no answer, and the load must be back at the door before the next process is up (about 3 s), or its first
 * write would be measured late.
 */
const sendTimeoutMs = 2_000;

/** Entry `index`: a credit of 0.0001 to 99.9999 on account `index mod accounts` (exact decimals, 4 places). */
function entryOf(run: string, accounts: number, index: number) {
  const amount = new Exact((index * 7_919) % 999_999).plus(1).div(10_000);
  return { accountId: `RCV:${index % accounts}`, entryId: `${run}-${index}`, amount: amount.toFixed(4) };
}

export async function runRecoveryBench(options: RecoveryBenchOptions): Promise<RecoveryBenchResult> {
  const run = randomBytes(3).toString("hex");
  const env = await engineEnv(options, run);
  const nc = await connect({ servers: options.natsUrl, noAsyncTraces: true });
  const token = env["BENCH_TOKEN"]!;
  delete env["BENCH_TOKEN"];
  const client = new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, { token });
  const positions = new TestPositionsClient(`127.0.0.1:${env["LIQ_GRPC_PORT"]}`, token);
  // The engine restarts every few seconds: reconnect at once rather than after grpc-js's growing backoff.
  const { health, reflection } = standardClients(`127.0.0.1:${env["LIQ_GRPC_PORT"]}`, {
    "grpc.initial_reconnect_backoff_ms": probeIntervalMs,
    "grpc.max_reconnect_backoff_ms": probeIntervalMs * 2,
  });
  reflection.close();
  const mongo = await MongoClient.connect(options.mongoUrl);
  const load = new EntryLoad(client, run, options.accounts);
  const starts: StartRecord[] = [];
  let engine: EngineProcess | undefined;
  try {
    // Start 0, on an empty database: the accounts are opened before the load (not measured as a restart).
    engine = EngineProcess.spawn({ env, ...(options.engineRoot !== undefined && { root: options.engineRoot }) });
    let life = watchStart(engine, health, load, starts.length, false);
    starts.push(life.record);
    await engine.waitForLine((line) => line["event"] === "ready", 60_000);
    const openSeconds = await openAccounts(client, options);
    process.stderr.write(`recovery: ${options.accounts} accounts opened in ${openSeconds.toFixed(1)} s\n`);

    const loadDone = load.drive(options.inFlight);
    const crashLoopEnd = performance.now() + options.crashLoopSeconds * 1_000;
    while (performance.now() + options.killEverySeconds * 1_000 <= crashLoopEnd) {
      await sleep(options.killEverySeconds * 1_000);
      const metrics = await metricsBeforeKill(options.logDir, env);
      await engine.kill();
      life.end();
      report(life.record);
      await saveLogs(options.logDir, life.record, engine, metrics);
      engine = EngineProcess.spawn({ env, ...(options.engineRoot !== undefined && { root: options.engineRoot }) });
      life = watchStart(
        engine,
        health,
        load,
        starts.length,
        performance.now() + options.killEverySeconds * 1_000 > crashLoopEnd,
      );
      starts.push(life.record);
    }
    // The last start is the measured one: the load goes on until its recovery is done (or observeSeconds pass).
    const final = life;
    await Promise.race([final.recoveryDone, sleep(options.observeSeconds * 1_000)]);
    await load.stop();
    await loadDone;
    report(final.record);
    const acknowledgedDuringLoad = load.acknowledgedCount;
    const resent = await load.resendUnacknowledged();
    const books = await checkBooks(positions, mongo, nc, env, options, load, resent);
    const finalMetrics = await metricsBeforeKill(options.logDir, env);
    final.end();
    report(final.record);
    await saveLogs(options.logDir, final.record, engine, finalMetrics);
    return {
      run,
      store: options.storeKind,
      options: reported(options),
      openSeconds,
      starts,
      acknowledgedDuringLoad,
      books,
      verdicts: verdictsOf(final.record, options.killEverySeconds),
    };
  } finally {
    await load.stop();
    await engine?.stop().catch(() => undefined);
    health.close();
    positions.close();
    await mongo
      .db(env["LIQ_MONGO_DB"]!)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
    await nc.close();
  }
}

/**
 * The engine's metrics just before it is killed, when a log directory was asked for: what a life did (activations,
 * journal writes, refusals by code) when its log lines say nothing. Undefined when the engine did not answer.
 */
async function metricsBeforeKill(dir: string | undefined, env: Record<string, string>): Promise<string | undefined> {
  if (dir === undefined) return undefined;
  return fetchMetrics(env["LIQ_ADMIN_PORT"]!, 2_000).catch(() => undefined);
}

/** One start's log lines, as JSON lines, and its last metrics, when a log directory was asked for. */
async function saveLogs(
  dir: string | undefined,
  record: StartRecord,
  engine: EngineProcess,
  metrics: string | undefined,
): Promise<void> {
  if (dir === undefined) return;
  await mkdir(dir, { recursive: true });
  const lines = engine.logs.map((line) => JSON.stringify(line)).join("\n");
  await writeFile(join(dir, `start-${record.start}.jsonl`), `${lines}\n`);
  if (metrics !== undefined) await writeFile(join(dir, `start-${record.start}.metrics.txt`), metrics);
}

function reported(options: RecoveryBenchOptions): RecoveryBenchResult["options"] {
  const { natsUrl: _nats, mongoUrl: _mongo, logDir: _logs, ...rest } = options;
  return rest;
}

async function engineEnv(options: RecoveryBenchOptions, run: string): Promise<Record<string, string>> {
  // One admin token for NATS and gRPC (ListPositions needs one).
  const access = accessFile({ bench: ["admin"] });
  return {
    BENCH_TOKEN: access.tokens["bench"]!,
    LIQ_ACCESS_FILE: access.file,
    LIQ_NATS_URL: options.natsUrl,
    LIQ_MONGO_URL: withPoolSize(options.mongoUrl, 40),
    LIQ_MONGO_DB: `bench_recovery_${run}`,
    LIQ_SUBJECT_PREFIX: `brcv${run}`,
    // Fixed ports, the same for every start: health is polled from the moment a process is spawned.
    LIQ_ADMIN_PORT: String(await freePort()),
    LIQ_GRPC_PORT: String(await freePort()),
    LIQ_RATE_LIMIT_PER_SECOND: "1000000",
    LIQ_RATE_LIMIT_BURST: "1000000",
    ...(options.recoveryActivationsInFlightMax !== undefined && {
      LIQ_RECOVERY_ACTIVATIONS_IN_FLIGHT_MAX: String(options.recoveryActivationsInFlightMax),
    }),
    ...(options.recoverySearchWindowMs !== undefined && {
      LIQ_RECOVERY_SEARCH_WINDOW_MS: String(options.recoverySearchWindowMs),
    }),
    ...(options.recoverySearchWindowActors !== undefined && {
      LIQ_RECOVERY_SEARCH_WINDOW_ACTORS: String(options.recoverySearchWindowActors),
    }),
  };
}

/**
 * The engine's MongoDB connections per client: FerretDB 1.24 runs an update on two backend connections at once and
 * deadlocks when concurrent updates exhaust its backend pool (transfers-bench.ts).
 */
function withPoolSize(url: string, size: number): string {
  if (/[?&]maxPoolSize=/.test(url)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}maxPoolSize=${size}`;
}

async function openAccounts(client: NatsActorClient, options: RecoveryBenchOptions): Promise<number> {
  const started = performance.now();
  const opened = await driveClosedLoop(options.accounts, Math.min(64, options.inFlight), async (index) => {
    const reply = await client.send(
      {
        kind: "account",
        actorId: `RCV:${index}`,
        commandId: "open",
        type: "open",
        payload: { bankCode: "RCV", accountNumber: String(index), currency, pool: "recovery" },
      },
      60_000,
    );
    return reply.ok ? undefined : `${reply.error.code}: ${reply.error.message}`;
  });
  if (opened.failures > 0) throw new Error(`opening the accounts failed: ${opened.failureSamples.join("; ")}`);
  return (performance.now() - started) / 1_000;
}

/**
 * The load: `inFlight` callers, each sending the next entry, or first an entry whose earlier send got no answer
 * (the engine was down or killed with it) again with the same command id, as a client does.
 */
class EntryLoad {
  private next = 0;
  private readonly unanswered: number[] = [];
  private readonly acknowledged = new Set<number>();
  private stopped = false;
  private listeners: Array<(at: number) => void> = [];

  constructor(
    private readonly client: NatsActorClient,
    private readonly runId: string,
    private readonly accounts: number,
  ) {}

  get acknowledgedCount(): number {
    return this.acknowledged.size;
  }

  /** Every entry sent: indices 0 .. sent - 1. */
  get sent(): number {
    return this.next;
  }

  /** Calls `listener` with the time of each acknowledgement until it returns. */
  onAcknowledged(listener: (at: number) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((known) => known !== listener);
    };
  }

  async drive(inFlight: number): Promise<void> {
    const caller = async (): Promise<void> => {
      while (!this.stopped) {
        const index = this.unanswered.shift() ?? this.next++;
        if (!(await this.send(index))) {
          this.unanswered.push(index);
          // No engine answering (killed, starting): do not spin.
          await sleep(probeIntervalMs);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, caller));
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  /** Sends every entry not acknowledged again, with its command id, until each is; returns how many there were. */
  async resendUnacknowledged(): Promise<number> {
    const missing = Array.from({ length: this.next }, (_, index) => index).filter(
      (index) => !this.acknowledged.has(index),
    );
    const deadline = performance.now() + 300_000;
    const left = [...missing];
    const caller = async (): Promise<void> => {
      for (let index = left.shift(); index !== undefined; index = left.shift()) {
        if (await this.send(index)) continue;
        if (performance.now() > deadline) throw new Error(`entry ${index} never acknowledged after the load`);
        left.push(index);
        await sleep(probeIntervalMs);
      }
    };
    await Promise.all(Array.from({ length: 32 }, caller));
    return missing.length;
  }

  /** Account id and amount of every entry sent. */
  entries(): Array<{ accountId: string; amount: string }> {
    return Array.from({ length: this.next }, (_, index) => entryOf(this.runId, this.accounts, index));
  }

  /** True when acknowledged (first time or as a repeat); false when it must be sent again. */
  private async send(index: number): Promise<boolean> {
    const entry = entryOf(this.runId, this.accounts, index);
    let reply: Reply;
    try {
      reply = await this.client.send(
        {
          kind: "account",
          actorId: entry.accountId,
          commandId: `entry:${entry.entryId}`,
          type: "recordEntry",
          payload: { entryId: entry.entryId, direction: "credit", amount: entry.amount, currency },
        },
        sendTimeoutMs,
      );
    } catch {
      return false;
    }
    if (reply.ok) {
      this.acknowledged.add(index);
      const at = performance.now();
      for (const listener of this.listeners) listener(at);
      return true;
    }
    if (reply.error.retryable) return false;
    throw new Error(`entry ${entry.entryId} refused: ${reply.error.code} ${reply.error.message}`);
  }
}

interface StartWatch {
  readonly record: StartRecord;
  readonly recoveryDone: Promise<void>;
  end(): void;
}

/**
 * Follows one start: the first acknowledgement after the spawn, gRPC health until SERVING, the ready line and the
 * recovery log lines. `end` stops the probes (the process was killed, or the run is over).
 */
function watchStart(
  engine: EngineProcess,
  health: HealthClient,
  load: EntryLoad,
  start: number,
  final: boolean,
): StartWatch {
  const spawnedAt = performance.now();
  const spawnedWall = Date.now();
  const seconds = (at: number) => Math.round(at - spawnedAt) / 1_000;
  const record: StartRecord = { start, final, acknowledged: 0, recoveryWindows: 0 };
  let ended = false;
  const stopListening = load.onAcknowledged((at) => {
    record.acknowledged++;
    record.firstWriteSeconds ??= seconds(at);
  });
  void engine
    .waitForLine((line) => line["event"] === "ready", 600_000)
    .then(() => (record.readyLineSeconds = seconds(performance.now())))
    .catch(() => undefined);
  let resolveDone: () => void = () => {};
  const recoveryDone = new Promise<void>((resolve) => (resolveDone = resolve));
  let scanned = 0;
  const probe = setInterval(() => {
    if (ended) return;
    // Only the lines not seen yet (the list drops its oldest lines beyond its bound: then start over).
    if (engine.logs.length < scanned) scanned = 0;
    const fresh = engine.logs.slice(scanned);
    scanned = engine.logs.length;
    for (const line of fresh) {
      const at = () => Math.round(Date.parse(String(line["time"])) - spawnedWall) / 1_000;
      if (line["msg"] === "publication recovery started" && record.recoverySince === undefined) {
        record.recoverySince = Number(line["since"]);
        // 0: no checkpoint stored yet (an empty store).
        if (record.recoverySince > 0)
          record.recoveryBehindSeconds = Math.round(spawnedWall - record.recoverySince) / 1_000;
        // An engine from before the windowed search lists every actor on this line.
        if (line["actors"] !== undefined) {
          record.recoveryActors = Number(line["actors"]);
          record.recoveryListedSeconds = at();
        }
      }
      if (line["msg"] === "publication recovery window listed") {
        record.recoveryActors = (record.recoveryActors ?? 0) + Number(line["actors"]);
        record.recoveryWindows++;
        if (line["before"] === undefined) record.recoveryListedSeconds = at();
        else record.recoverySearchedUntil = Number(line["before"]);
      }
      if (line["msg"] === "publication recovery done" && record.recoveryDoneSeconds === undefined) {
        record.recoveryDoneSeconds = Math.round(Date.parse(String(line["time"])) - spawnedWall) / 1_000;
        resolveDone();
      }
    }
    if (record.servingSeconds !== undefined) return;
    health.Check({ service: "" }, (error, response) => {
      if (!error && response?.status === "SERVING" && !ended) record.servingSeconds ??= seconds(performance.now());
    });
  }, probeIntervalMs);
  return {
    record,
    recoveryDone,
    end: () => {
      ended = true;
      clearInterval(probe);
      stopListening();
      record.livedSeconds = seconds(performance.now());
    },
  };
}

function report(record: StartRecord): void {
  const cell = (value: number | undefined) => (value === undefined ? "-" : `${value.toFixed(1)}s`);
  process.stderr.write(
    `recovery: start ${record.start}${record.final ? " (final)" : ""}: ready line ${cell(record.readyLineSeconds)}, first write ${cell(record.firstWriteSeconds)}, SERVING ${cell(record.servingSeconds)}, recovery of ${record.recoveryActors ?? "?"} actors done ${cell(record.recoveryDoneSeconds)}, ${record.acknowledged} entries acknowledged, lived ${cell(record.livedSeconds)}\n`,
  );
}

/**
 * The journal (one document per open and per entry; each account's entries summing exactly to what was sent to it),
 * the stream (as many account events as the journal holds), and the position directory (every ledger at that sum;
 * waited for: recovery may still be republishing when the load stops).
 */
async function checkBooks(
  positions: TestPositionsClient,
  mongo: MongoClient,
  nc: NatsConnection,
  env: Record<string, string>,
  options: RecoveryBenchOptions,
  load: EntryLoad,
  resent: number,
): Promise<RecoveryBooks> {
  const started = performance.now();
  const expected = new Map<string, Decimal>();
  for (const { accountId, amount } of load.entries())
    expected.set(accountId, (expected.get(accountId) ?? new Exact(0)).plus(amount));
  const problems: string[] = [];
  const journal = await readJournal(mongo, env["LIQ_MONGO_DB"]!);
  const wantEntries = options.accounts + load.sent;
  if (journal.entries !== wantEntries)
    problems.push(`the journal holds ${journal.entries} account entries, expected ${wantEntries} (opens + entries)`);
  problems.push(...ledgerProblems(options.accounts, expected, journal.credited, "journal"));
  // Recovery may still be republishing what the killed engines never published: wait for the stream and the
  // directory to have everything (never more: a stream holding more events than the journal has a duplicate).
  let streamEvents = 0;
  let directoryProblems: string[] = [];
  let directoryExactAfterSeconds: number | undefined;
  const deadline = performance.now() + 600_000;
  while (performance.now() < deadline) {
    streamEvents = await accountEventsOnStream(nc, env["LIQ_SUBJECT_PREFIX"]!);
    if (streamEvents > journal.events) break;
    directoryProblems = ledgerProblems(options.accounts, expected, await listLedgers(positions), "directory");
    if (directoryProblems.length === 0 && streamEvents === journal.events) {
      directoryExactAfterSeconds = (performance.now() - started) / 1_000;
      break;
    }
    await sleep(1_000);
  }
  if (streamEvents !== journal.events)
    problems.push(`the stream holds ${streamEvents} account events, the journal ${journal.events}`);
  problems.push(...directoryProblems);
  return {
    agree: problems.length === 0,
    problems: problems.slice(0, 20),
    entries: load.sent,
    resent,
    journalEntries: journal.entries,
    journalEvents: journal.events,
    streamEvents,
    directoryExactAfterSeconds,
  };
}

/** The account documents of the journal: how many, their events, and each account's credits summed exactly. */
async function readJournal(
  mongo: MongoClient,
  database: string,
): Promise<{ entries: number; events: number; credited: Map<string, Decimal> }> {
  const credited = new Map<string, Decimal>();
  let entries = 0;
  let events = 0;
  const cursor = mongo
    .db(database)
    .collection("journal")
    .find({ kind: "account" }, { projection: { _id: 0, actorId: 1, events: 1 } });
  for await (const document of cursor) {
    entries++;
    const accountId = String(document["actorId"]);
    credited.set(accountId, credited.get(accountId) ?? new Exact(0));
    for (const event of document["events"] as Array<Record<string, unknown>>) {
      events++;
      if (event["type"] !== "entryRecorded") continue;
      credited.set(accountId, (credited.get(accountId) ?? new Exact(0)).plus(String(event["amount"])));
    }
  }
  return { entries, events, credited };
}

/** Every account's ledger as the position directory holds it (ListPositions, every page). */
async function listLedgers(positions: TestPositionsClient): Promise<Map<string, Decimal>> {
  const ledgers = new Map<string, Decimal>();
  let pageToken = "";
  do {
    const page = await positions.must<ListPositionsResponse__Output>("ListPositions", {
      page_size: 1_000,
      page_token: pageToken,
    });
    for (const summary of page.positions)
      if (summary.position?.ledger) ledgers.set(summary.account_id, new Exact(summary.position.ledger));
    pageToken = page.next_page_token;
  } while (pageToken !== "");
  return ledgers;
}

function ledgerProblems(
  accounts: number,
  expected: ReadonlyMap<string, Decimal>,
  actual: ReadonlyMap<string, Decimal>,
  where: string,
): string[] {
  const problems: string[] = [];
  for (let index = 0; index < accounts; index++) {
    const accountId = `RCV:${index}`;
    const want = (expected.get(accountId) ?? new Exact(0)).toFixed(4);
    const got = actual.get(accountId)?.toFixed(4);
    if (got !== want) problems.push(`${where}: ${accountId} ledger ${got ?? "absent"}, expected ${want}`);
  }
  return problems;
}

async function accountEventsOnStream(nc: NatsConnection, prefix: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(streamNameFor(prefix), { subjects_filter: `${prefix}.evt.account.>` });
  return Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
}

function verdictsOf(final: StartRecord, killEverySeconds: number): Verdict[] {
  const target = (name: string, value: number | undefined, limitSeconds: number): Verdict => ({
    target: `${name} <= ${limitSeconds} s after the process starts`,
    achieved:
      value === undefined ? "never" : `${value.toFixed(2)} s (${(value / limitSeconds).toFixed(2)}x the target)`,
    met: value === undefined ? false : value <= limitSeconds,
  });
  return [
    target("first acknowledged write", final.firstWriteSeconds, 5),
    target("gRPC health SERVING", final.servingSeconds, 10),
    convergence(final, killEverySeconds),
  ];
}

/**
 * A crash loop converges when each life keeps what it recovered: the checkpoint the final start reads is then no
 * further behind than the last lives' own work. Two lives' worth is the bound: the last life's entries, and what it
 * had left of the one before.
 */
function convergence(final: StartRecord, killEverySeconds: number): Verdict {
  const limit = 2 * killEverySeconds;
  const behind = final.recoveryBehindSeconds;
  return {
    target: `crash loop converges: the final start's checkpoint <= ${limit} s (two lives) behind its spawn`,
    achieved: behind === undefined ? "not read" : `${behind.toFixed(1)} s (${(behind / limit).toFixed(2)}x)`,
    met: behind === undefined ? false : behind <= limit,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
