import { randomBytes } from "node:crypto";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { loadConfig } from "../../bin/config.js";
import { startEngine, type RunningEngine } from "../../bin/start-engine.js";
import { jsonLogger } from "../../runtime/logger.js";
import { TestPositionsClient } from "../support/grpc-client.js";
import { driveClosedLoop, summarizeRounds, type LoadResult } from "./closed-loop.js";
import { baselineNames, PostgresBaseline } from "./postgres-baselines.js";
import { accountIds, balanceMismatches, expectedBalances, plannedUpdate, positionWorkloads, type PositionWorkload } from "./position-workload.js";

export interface PositionsBenchOptions {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  readonly pgUrl: string;
  readonly requestsPerRun: number;
  readonly rounds: number;
  readonly concurrencies: readonly number[];
  readonly only?: string;
}

export interface PositionsBenchRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly variant: string;
  readonly rounds: ReadonlyArray<LoadResult & { readonly retries: number; readonly balanceMismatches: readonly string[] }>;
  readonly medianPerSecond: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  readonly failures: number;
  readonly retries: number;
  readonly balanceMismatches: number;
}

export const engineVariants = ["engine via NATS", "engine via gRPC"] as const;
const variants: readonly string[] = [...engineVariants, ...baselineNames];

/**
 * Position updates (account entries) through the engine's public entry points, persistence on, against the same
 * updates through PostgreSQL in the conventional designs. Variants interleave round by round; each run starts from
 * fresh state; after each run every balance is checked exactly against the sum of the amounts sent.
 */
export async function runPositionsBench(options: PositionsBenchOptions): Promise<PositionsBenchRow[]> {
  const clients = await Promise.all(Array.from({ length: 4 }, () => connect({ servers: options.natsUrl })));
  try {
    const results = new Map<string, Array<PositionsBenchRow["rounds"][number]>>();
    for (let round = 0; round < options.rounds; round++) {
      for (const workload of positionWorkloads) {
        for (const concurrency of options.concurrencies) {
          for (const variant of variants) {
            if (options.only && !`${workload.name}/${variant}`.includes(options.only)) continue;
            const result = await runOnce(options, clients, variant, workload, concurrency);
            const key = JSON.stringify([workload.name, concurrency, variant]);
            results.set(key, [...(results.get(key) ?? []), result]);
            const mismatch = result.balanceMismatches.length > 0 ? ` BALANCES WRONG: ${result.balanceMismatches[0]}` : "";
            process.stderr.write(`round ${round + 1}/${options.rounds} ${workload.name} c=${concurrency} ${variant}: ${Math.round(result.perSecond)}/s p99 ${result.p99Ms.toFixed(1)} ms failures ${result.failures}${mismatch}\n`);
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
        retries: rounds.reduce((sum, r) => sum + r.retries, 0),
        balanceMismatches: rounds.reduce((sum, r) => sum + r.balanceMismatches.length, 0),
      };
    });
  } finally {
    await Promise.all(clients.map((nc) => nc.close()));
  }
}

async function runOnce(options: PositionsBenchOptions, clients: NatsConnection[], variant: string, workload: PositionWorkload, concurrency: number) {
  const run = randomBytes(4).toString("hex");
  const expected = expectedBalances(workload, run, options.requestsPerRun);
  if (variant.startsWith("pg ")) {
    // As many connections as requests in flight, up to 64: beyond that PostgreSQL only contends harder.
    const baseline = await PostgresBaseline.prepare(options.pgUrl, variant as (typeof baselineNames)[number], accountIds(workload), Math.min(concurrency, 64));
    try {
      const result = await driveClosedLoop(options.requestsPerRun, concurrency, (index) => baseline.apply(plannedUpdate(workload, run, index)));
      return { ...result, retries: baseline.retries, balanceMismatches: balanceMismatches(expected, await baseline.balances()) };
    } finally {
      await baseline.close();
    }
  }
  const engine = await startBenchEngine(options, run, concurrency);
  try {
    const nats = clients.map((nc) => new NatsActorClient(nc, `bench${run}`, engine.system.limits.partitionCount, "bench"));
    const grpc = Array.from({ length: 4 }, () => new TestPositionsClient(`127.0.0.1:${engine.grpcPort}`, engine.developmentToken));
    try {
      // Warm-up, not measured: every account opened (its actor active), as PostgreSQL's rows exist before its runs.
      await driveClosedLoop(workload.accounts, Math.min(concurrency, 64), async (index) => {
        const [bankCode, accountNumber] = accountIds(workload)[index]!.split(":") as [string, string];
        const reply = await nats[index % nats.length]!.send({ kind: "account", actorId: `${bankCode}:${accountNumber}`, commandId: "open", type: "open", payload: { bankCode, accountNumber, currency: "EUR", pool: "bench" } }, 30_000);
        return reply.ok ? undefined : reply.error.message;
      });
      const send = variant === "engine via NATS" ? sendThroughNats(nats, workload, run) : sendThroughGrpc(grpc, workload, run);
      const result = await driveClosedLoop(options.requestsPerRun, concurrency, send);
      return { ...result, retries: 0, balanceMismatches: balanceMismatches(expected, await engineBalances(nats[0]!, workload)) };
    } finally {
      for (const client of grpc) client.close();
    }
  } finally {
    await engine.stop();
  }
}

function sendThroughNats(nats: readonly NatsActorClient[], workload: PositionWorkload, run: string) {
  return async (index: number): Promise<string | undefined> => {
    const update = plannedUpdate(workload, run, index);
    const payload = { entryId: update.entryId, direction: update.direction, amount: update.amount, currency: "EUR" };
    const reply = await nats[index % nats.length]!.send({ kind: "account", actorId: update.accountId, commandId: `entry:${update.entryId}`, type: "recordEntry", payload }, 30_000);
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

async function engineBalances(nats: NatsActorClient, workload: PositionWorkload): Promise<Map<string, string>> {
  const balances = new Map<string, string>();
  for (const accountId of accountIds(workload)) {
    const reply = await nats.send({ kind: "account", actorId: accountId, commandId: `check-${randomBytes(4).toString("hex")}`, type: "get" }, 30_000);
    if (reply.ok) balances.set(accountId, (reply.result as { position: { ledger: string } }).position.ledger);
  }
  return balances;
}

function startBenchEngine(options: PositionsBenchOptions, run: string, concurrency: number): Promise<RunningEngine> {
  const config = loadConfig({
    LIQ_NATS_URL: options.natsUrl,
    LIQ_MONGO_URL: options.mongoUrl,
    LIQ_MONGO_DB: `bench_${run}`,
    LIQ_SUBJECT_PREFIX: `bench${run}`,
    LIQ_ADMIN_PORT: "0",
    LIQ_GRPC_PORT: "0",
    LIQ_DEV_ACCESS: "true",
    LIQ_RATE_LIMIT_PER_SECOND: "1000000",
    LIQ_RATE_LIMIT_BURST: "1000000",
    LIQ_MAILBOX_CAPACITY: String(Math.max(1_000, concurrency * 2)),
  });
  // Warnings and errors explain an outlier run; info is noise.
  return startEngine(config, { ...jsonLogger({ service: "bench-engine" }), info: () => {} });
}
