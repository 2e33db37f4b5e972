import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";
import { ferretdbBinary, mongoAnswers, spawnServer, waitUntil } from "../rig/servers.js";
import { childPidsNamed } from "./cpu.js";
import { startPostgres } from "./postgres-cluster.js";

/** Connections from FerretDB to PostgreSQL. */
const backendPoolSize = 240;

/** A MongoDB-wire server for a benchmark, with the processes whose CPU time it costs. */
export interface BenchStore {
  readonly url: string;
  readonly kind: string;
  /** Process ids of the server (FerretDB, the postmaster); their children are counted with them. */
  readonly pids: readonly number[];
  /** The PostgreSQL under FerretDB, when there is one: its statistics count the rows each collection wrote. */
  readonly postgresUrl?: string;
  stop(): Promise<void>;
}

/**
 * FerretDB 1.24 over PostgreSQL (a throwaway cluster, or PG_URL): the same FerretDB as the test rig, on the backend
 * that serves a filter on an indexed field from the index. On its SQLite backend only `_id` equality is pushed down,
 * so activating an actor (the journal tail by `actor` and `seq`) and each reminder-index write scan their collection
 * (ADR 001, consequences): a transfer workload, which activates a new actor per transfer, slows down as the journal
 * grows. Real MongoDB serves those reads from the `(actor, seq)` index, as this backend does.
 */
export async function startFerretDbOnPostgres(): Promise<BenchStore> {
  const postgres = await startPostgres();
  // FerretDB runs an update as a query, whose rows hold one pooled connection, then a transaction on a second one:
  // with as many concurrent updates as pool connections, each waits for a second connection forever (seen at the
  // pgx default of a handful). A pool twice the clients' connections (engine: 2 x 40, see transfers-bench.ts) cannot
  // deadlock; the throwaway cluster allows 300.
  const backendUrl = `${postgres.url}${postgres.url.includes("?") ? "&" : "?"}pool_max_conns=${backendPoolSize}`;
  const [port, dir] = [await freePort(), await mkdtemp(join(tmpdir(), "liq-ferretdb-pg-"))];
  const server = spawnServer(await ferretdbBinary(), [
    "--handler=postgresql",
    `--postgresql-url=${backendUrl}`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dir}`,
    "--debug-addr=-",
    "--telemetry=disable",
    "--log-level=error",
  ]);
  const { child } = server;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
    await postgres.stop();
  };
  const url = `mongodb://127.0.0.1:${port}/`;
  await waitUntil("FerretDB on PostgreSQL", server, () => mongoAnswers(url), 30_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url,
    kind: `FerretDB 1.24 on PostgreSQL (${postgres.kind})`,
    pids: [child.pid, postgres.pid].filter((pid): pid is number => pid !== undefined),
    postgresUrl: postgres.url,
    stop,
  };
}

export type StoreChoice = "rig" | "ferretdb-postgresql";

/**
 * The store a suite runs on, named by the environment variable `variable`: `rig` (the MongoDB-wire server run.ts
 * started, or MONGO_URL; stopped by run.ts) or `ferretdb-postgresql` (started here, stopped with the result).
 */
export async function chooseStore(
  variable: string,
  fallback: StoreChoice,
  rig: { readonly url: string; readonly kind: string },
): Promise<BenchStore> {
  const choice = process.env[variable] ?? (process.env["MONGO_URL"] ? "rig" : fallback);
  if (choice === "ferretdb-postgresql") return startFerretDbOnPostgres();
  if (choice !== "rig") throw new Error(`${variable} must be rig or ferretdb-postgresql`);
  return { url: rig.url, kind: rig.kind, pids: childPidsNamed("ferretdb"), stop: async () => {} };
}
