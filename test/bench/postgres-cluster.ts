import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";

export interface PostgresServer {
  readonly url: string;
  /** "PG_URL" or "throwaway cluster <version>". */
  readonly kind: string;
  /** The postmaster's process id (a throwaway cluster only), to count its CPU time. */
  readonly pid?: number;
  stop(): Promise<void>;
}

/**
 * PostgreSQL for the baselines: `PG_URL` if set, else a throwaway cluster (initdb in a temporary directory, a free
 * port, fsync and synchronous_commit on, as in production), stopped and deleted afterwards. initdb refuses to run
 * as root, so as root the cluster runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const fromEnv = process.env["PG_URL"];
  if (fromEnv) return { url: fromEnv, kind: "PG_URL", stop: async () => {} };
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "liq-pg-"));
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    chmodSync(dir, 0o700);
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"]).toString().trim())) as [
      number,
      number,
    ];
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]]
      : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "bench", "--no-sync"]);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=on",
    "-c synchronous_commit=on",
    "-c full_page_writes=on",
    "-c max_connections=300",
    "-c shared_buffers=256MB",
    "-c track_wal_io_timing=on",
  ].join(" ");
  run("pg_ctl", ["-D", join(dir, "data"), "-o", settings, "-l", join(dir, "log"), "-w", "start"]);
  // pg_ctl daemonizes the server: if this process ends without stop() (an error, Ctrl-C), stop it on the way out.
  let stopped = false;
  const stopNow = (mode: "fast" | "immediate") => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    try {
      run("pg_ctl", ["-D", join(dir, "data"), "-m", mode, "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const onExit = () => stopNow("immediate");
  process.on("exit", onExit);
  const pid = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: `postgres://bench@127.0.0.1:${port}/postgres`,
    ...(Number.isInteger(pid) && pid > 0 ? { pid } : {}),
    kind: `throwaway cluster (PostgreSQL ${bin.split("/").at(-2) ?? "?"}), fsync, synchronous_commit and full_page_writes on`,
    stop: async () => stopNow("fast"),
  };
}

function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, "bin")).find((bin) => existsSync(join(bin, "initdb")));
  if (!found)
    throw new Error(
      "no PostgreSQL server binaries under /usr/lib/postgresql: install the postgresql package or set PG_URL",
    );
  return found;
}
