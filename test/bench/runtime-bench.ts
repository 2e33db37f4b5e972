import { randomBytes } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { loadConfig } from "../../engine/config.js";
import { startEngine } from "../../engine/start-engine.js";
import { jsonLogger } from "../../runtime/logger.js";
import { driveClosedLoop, summarizeRounds, type LoadResult } from "./closed-loop.js";
import { loadConnections } from "./load-connections.js";

export interface RuntimeBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  readonly requestsPerRun: number;
  readonly rounds: number;
  readonly concurrencies: readonly number[];
  /** Only the runs whose "workload/variant" contains this text. */
  readonly only?: string;
}

export interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
}

export interface Workload {
  readonly name: string;
  readonly actors: number;
}

export interface RuntimeBenchRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly variant: string;
  readonly rounds: readonly LoadResult[];
  readonly medianPerSecond: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  readonly failures: number;
}

/** Coalesced journal writes (the default) against one write per actor's group commit (ADR 001 §4). */
export const coalescingVariants: readonly Variant[] = [
  { name: "coalesce off", env: { LIQ_JOURNAL_COALESCE: "false" } },
  { name: "coalesce on", env: { LIQ_JOURNAL_COALESCE: "true" } },
];

export const runtimeWorkloads: readonly Workload[] = [
  { name: "1 hot actor", actors: 1 },
  { name: "1,000 actors", actors: 1_000 },
];

/**
 * Drives `tally add` commands through the engine's public entry point (NATS request/reply) with persistence on
 * (MongoDB-wire journal, JetStream events). Variants run interleaved, round by round, each on a fresh engine and
 * database, so machine noise hits them alike; results are medians over rounds.
 */
export async function runRuntimeBench(
  options: RuntimeBenchOptions,
  variants = coalescingVariants,
  workloads = runtimeWorkloads,
): Promise<RuntimeBenchRow[]> {
  const clients = await loadConnections(options.natsUrl);
  try {
    const results = new Map<string, LoadResult[]>();
    for (let round = 0; round < options.rounds; round++) {
      for (const workload of workloads) {
        for (const concurrency of options.concurrencies) {
          for (const variant of variants) {
            if (options.only && !`${workload.name}/${variant.name}`.includes(options.only)) continue;
            const result = await runOnce(options, clients, variant, workload, concurrency);
            const key = JSON.stringify([workload.name, concurrency, variant.name]);
            results.set(key, [...(results.get(key) ?? []), result]);
            process.stderr.write(
              `round ${round + 1}/${options.rounds} ${workload.name} c=${concurrency} ${variant.name}: ${Math.round(result.perSecond)}/s p99 ${result.p99Ms.toFixed(1)} ms max ${result.maxMs.toFixed(0)} ms\n`,
            );
          }
        }
      }
    }
    return [...results.entries()].map(([key, rounds]) => {
      const [workload, concurrency, variant] = JSON.parse(key) as [string, number, string];
      return {
        workload,
        concurrency,
        variant,
        rounds,
        ...summarizeRounds(rounds),
      };
    });
  } finally {
    await Promise.all(clients.map((nc) => nc.close()));
  }
}

async function runOnce(
  options: RuntimeBenchOptions,
  clients: NatsConnection[],
  variant: Variant,
  workload: Workload,
  concurrency: number,
): Promise<LoadResult> {
  const run = randomBytes(4).toString("hex");
  const prefix = `bench${run}`;
  const config = loadConfig({
    LIQ_NATS_URL: options.natsUrl,
    LIQ_MONGO_URL: options.mongoUrl,
    LIQ_MONGO_DB: `bench_${run}`,
    LIQ_SUBJECT_PREFIX: prefix,
    LIQ_ADMIN_PORT: "0",
    LIQ_GRPC_PORT: "0",
    LIQ_DEV_ACCESS: "true",
    LIQ_MAILBOX_CAPACITY: String(Math.max(1_000, concurrency * 2)),
    ...variant.env,
  });
  // The engine's warnings and errors (a failed write, a publication retry) explain an outlier run; info is noise.
  const engine = await startEngine(config, jsonLogger({ service: "bench-engine" }, undefined, "warn"));
  try {
    const senders = clients.map((nc) => new NatsActorClient(nc, prefix, config.limits.partitionCount, "bench"));
    const actorOf = (index: number) => `acct-${index % workload.actors}`;
    // Warm-up: every actor activated (its journal indexes touched) before the measured run.
    await driveClosedLoop(workload.actors, concurrency, (index) => send(senders, actorOf(index), `warm-${index}`));
    return await driveClosedLoop(options.requestsPerRun, concurrency, (index) =>
      send(senders, actorOf(index), `c-${index}`),
    );
  } finally {
    await engine.stop();
  }
}

async function send(
  senders: readonly NatsActorClient[],
  actorId: string,
  commandId: string,
): Promise<string | undefined> {
  const sender = senders[commandId.length % senders.length]!;
  const reply = await sender.send(
    { kind: "tally", actorId, commandId, type: "add", payload: { amount: "0.0001" } },
    30_000,
  );
  return reply.ok ? undefined : `${reply.error.code}: ${reply.error.message}`;
}
