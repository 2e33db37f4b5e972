import { randomBytes } from "node:crypto";
import { MongoClient } from "mongodb";
import { accountKind } from "../../actors/account/index.js";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { EventPublisher } from "../../runtime/ports.js";
import { profileWhile } from "./cpu-profile.js";
import { preloadDatabase, spreadHistory, type HistoryAccount, type PreloadReport } from "./history-preload.js";
import { percentile } from "./table.js";

/**
 * Activation against the journal's size: the runtime (an `ActorSystem` with the account kind, in this process) on
 * the MongoDB-wire server, no NATS. A `get` to an actor not in memory is timed: it loads the actor (snapshot, then
 * the journal tail) and answers from its state. Measured on an empty journal and on one preloaded with history, a
 * heavy account of `heavyEvents` events (snapshots every `snapshotEveryEvents`, as the engine takes them) and a light
 * one of ten events and a short one of two among it: brand-new actors on both journals, and the heavy and light accounts passivated and
 * activated again `cycles` times.
 */
export interface ActivationBenchOptions {
  readonly mongoUrl: string;
  readonly historyEntries: number;
  readonly historyActors: number;
  readonly heavyEvents: number;
  /** Passivate-and-activate cycles of the heavy and the light account. */
  readonly cycles: number;
  /** Brand-new actors activated on each journal. */
  readonly newActors: number;
  readonly snapshotEveryEvents: number;
  readonly cpuProfileDir?: string;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface ActivationCase {
  readonly journal: "empty" | "history";
  readonly actor: string;
  /** The actor's events when it is activated. */
  readonly events: number;
  /** Activation and a `get`, the actor not in memory. */
  readonly cold: LatencySummary;
  /** A `get` to the same actor in memory: what the cold figure holds besides the activation. */
  readonly warm: LatencySummary;
}

export interface ActivationBenchResult {
  readonly preload: PreloadReport;
  readonly cases: readonly ActivationCase[];
  readonly profiles: readonly string[];
}

const lightEvents = 10;
/** An account opened and booked once: most accounts of a large node when they are activated again. */
const shortEvents = 2;
const nullPublisher: EventPublisher = {
  publish: async () => {},
  lastPublishedEventSeq: async () => 0,
  close: async () => {},
};

export async function runActivationBench(options: ActivationBenchOptions): Promise<ActivationBenchResult> {
  const run = randomBytes(3).toString("hex");
  const [emptyDatabase, historyDatabase] = [`bench_activation_empty_${run}`, `bench_activation_history_${run}`];
  const profiles: string[] = [];
  const admin = await MongoClient.connect(options.mongoUrl);
  try {
    const empty = await measure(options, emptyDatabase, "empty", [], profiles);
    const heavy: HistoryAccount = { bankCode: "HEAVY", accountNumber: "1", entries: options.heavyEvents };
    const light: HistoryAccount = { bankCode: "LIGHT", accountNumber: "1", entries: lightEvents };
    const short: HistoryAccount = { bankCode: "SHORT", accountNumber: "1", entries: shortEvents };
    const preload = await preloadDatabase(
      options.mongoUrl,
      historyDatabase,
      [heavy, light, short, ...spreadHistory("HIST", options.historyEntries, options.historyActors)],
      "activation",
      options.snapshotEveryEvents,
    );
    const loaded = await measure(options, historyDatabase, "history", [heavy, light, short], profiles);
    return { preload, cases: [...empty, ...loaded], profiles };
  } finally {
    for (const database of [emptyDatabase, historyDatabase])
      await admin
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
    await admin.close();
  }
}

/** Brand-new actors, then each of `accounts` passivated and activated `cycles` times, on a fresh runtime. */
async function measure(
  options: ActivationBenchOptions,
  database: string,
  journal: ActivationCase["journal"],
  accounts: readonly HistoryAccount[],
  profiles: string[],
): Promise<ActivationCase[]> {
  const store = await MongoActorStore.connect({ url: options.mongoUrl, database, appName: "bench-activation" });
  const system = new ActorSystem({
    kinds: [accountKind],
    store,
    publisher: nullPublisher,
    // Nothing passivates on its own: every activation measured is one this bench caused.
    limits: { snapshotEveryEvents: options.snapshotEveryEvents, passivateAfterIdleMs: 3_600_000 },
  });
  system.start();
  try {
    await until(() => system.recovered, 600_000, "recovery of the runtime");
    const { result, profile } = await profileWhile(options.cpuProfileDir, `activation-${journal}`, async () => {
      const cases: ActivationCase[] = [];
      const fresh = Array.from({ length: options.newActors }, (_, index) => `NEW${journal}:${index}`);
      cases.push(await coldAndWarm(system, journal, "brand-new account", 0, fresh, 1));
      for (const account of accounts) {
        const id = `${account.bankCode}:${account.accountNumber}`;
        const name =
          { HEAVY: "heavy account", LIGHT: "light account", SHORT: "short account" }[account.bankCode] ??
          account.bankCode;
        cases.push(await coldAndWarm(system, journal, name, account.entries, [id], options.cycles));
      }
      return cases;
    });
    if (profile) profiles.push(profile);
    for (const found of result)
      process.stderr.write(
        `activation: ${journal} journal, ${found.actor} (${found.events} events): cold p50 ${found.cold.p50Ms.toFixed(1)} ms p99 ${found.cold.p99Ms.toFixed(1)} ms, warm p50 ${found.warm.p50Ms.toFixed(1)} ms\n`,
      );
    return result;
  } finally {
    await system.stop();
    await store.close();
  }
}

/**
 * For each id, `cycles` times: a `get` with the actor out of memory (timed: cold), a second `get` (timed: warm),
 * then passivation. A first, untimed activation of each id with cycles > 1 warms the store's caches as a
 * long-running engine's would be.
 */
async function coldAndWarm(
  system: ActorSystem,
  journal: ActivationCase["journal"],
  actor: string,
  events: number,
  ids: readonly string[],
  cycles: number,
): Promise<ActivationCase> {
  const [cold, warm]: [number[], number[]] = [[], []];
  for (const id of ids) {
    if (cycles > 1) {
      await get(system, id);
      await passivate(system, id);
    }
    for (let cycle = 0; cycle < cycles; cycle++) {
      cold.push(await get(system, id));
      warm.push(await get(system, id));
      await passivate(system, id);
    }
  }
  return { journal, actor, events, cold: summarize(cold), warm: summarize(warm) };
}

let commands = 0;

/** A `get` to the account, its latency in ms; a refusal is a failure of the bench. */
async function get(system: ActorSystem, actorId: string): Promise<number> {
  const started = performance.now();
  const reply = await system.dispatch({
    kind: accountKind.name,
    actorId,
    commandId: `get-${commands++}`,
    type: "get",
    payload: {},
    principal: "bench",
  });
  const ms = performance.now() - started;
  if (!reply.ok) throw new Error(`get ${actorId} refused: ${reply.error.code} ${reply.error.message}`);
  return ms;
}

/** Passivates the actor once its turn has fully ended (its reply comes just before). */
async function passivate(system: ActorSystem, actorId: string): Promise<void> {
  await until(() => system.passivate({ kind: accountKind.name, actorId }), 10_000, `passivating ${actorId}`);
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
