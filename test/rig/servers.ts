import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { MongoClient } from "mongodb";
import { freePort } from "./free-port.js";

/** A server the rig started (or was given), and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly kind: string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
// If the test process dies, its servers die with it.
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** nats-server with JetStream (unless `jetStream: false`) on a free loopback port and a fresh store directory. */
export async function startNats(options: { readonly jetStream?: boolean } = {}): Promise<RunningServer> {
  const binary = await natsServerBinary();
  const [port, dir] = [await freePort(), await mkdtemp(join(tmpdir(), "liq-nats-"))];
  const child = spawnServer(binary, [
    ...(options.jetStream === false ? [] : ["-js"]),
    "-a",
    "127.0.0.1",
    "-p",
    String(port),
    "-sd",
    dir,
  ]);
  await waitUntil(`nats-server on ${port}`, child, () => tcpAccepts(port), 15_000);
  return { url: `nats://127.0.0.1:${port}`, kind: "nats-server", stop: () => stopServer(child, dir) };
}

/** A MongoDB-wire server: MONGO_URL if set, else mongod on PATH, else FerretDB 1.24 (SQLite), built once. */
export async function startMongo(): Promise<RunningServer> {
  const given = process.env["MONGO_URL"];
  if (given) return { url: given, kind: "MONGO_URL", stop: async () => {} };
  const [port, dir] = [await freePort(), await mkdtemp(join(tmpdir(), "liq-mongo-"))];
  const url = `mongodb://127.0.0.1:${port}/`;
  const mongod = findBinary("mongod", []);
  const [kind, child] = mongod
    ? (["mongod", spawnServer(mongod, ["--port", String(port), "--bind_ip", "127.0.0.1", "--dbpath", dir])] as const)
    : ([
        "ferretdb",
        spawnServer(await ferretdbBinary(), [
          "--handler=sqlite",
          `--sqlite-url=file:${dir}/`,
          `--listen-addr=127.0.0.1:${port}`,
          `--state-dir=${dir}`,
          "--debug-addr=-",
          "--telemetry=disable",
          "--log-level=warn",
        ]),
      ] as const);
  await waitUntil(`${kind} on ${port}`, child, () => mongoAnswers(url), 30_000);
  return { url, kind, stop: () => stopServer(child, dir) };
}

/** nats-server v2.10.27, which the rig builds and caches: the deployment's 2.10 line (build-nats-server.sh says why). */
export function natsServerBinary(): Promise<string> {
  return builtTool("build-nats-server.sh");
}

/** The FerretDB binary the rig builds and caches. */
export function ferretdbBinary(): Promise<string> {
  return builtTool("build-ferretdb.sh");
}

/** grpcurl v1.9.3, which the rig builds and caches: a strict reflection client, as operators use. */
export function grpcurlBinary(): Promise<string> {
  return builtTool("build-grpcurl.sh");
}

/** Jaeger v1.75.0 (all-in-one, an OpenTelemetry Collector distribution), which the rig builds and caches. */
export function jaegerBinary(): Promise<string> {
  return builtTool("build-jaeger.sh");
}

/** Runs one of the rig's build scripts (instant once its binary is cached); the script prints the path last. */
async function builtTool(script: string): Promise<string> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const { stdout } = await promisify(execFile)("bash", [path], { maxBuffer: 1 << 20, timeout: 600_000 });
  return stdout.trim().split("\n").at(-1) ?? "";
}

/** A binary on PATH, else the first of `fallbacks` that exists; undefined when neither has it. */
export function findBinary(name: string, fallbacks: readonly string[] = []): string | undefined {
  for (const directory of (process.env["PATH"] ?? "").split(":")) {
    if (directory && existsSync(join(directory, name))) return join(directory, name);
  }
  return fallbacks.find((path) => existsSync(path));
}

/** A server binary the rig spawned, with what it printed. */
export interface SpawnedServer {
  readonly child: ChildProcess;
  /** The last few kilobytes the server printed: shown when it fails to start. */
  output: string;
  exited: boolean;
}

/** Spawns a server binary (with `env`, else this process's environment), killed if the test process dies. */
export function spawnServer(binary: string, args: readonly string[], env?: NodeJS.ProcessEnv): SpawnedServer {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], ...(env && { env }) });
  const server: SpawnedServer = { child, output: "", exited: false };
  const keep = (chunk: Buffer) => {
    server.output = (server.output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.once("exit", () => {
    server.exited = true;
    children.delete(child);
  });
  children.add(child);
  return server;
}

/** Polls `ready` (never a fixed sleep) until it holds, the server exits, or the deadline passes. */
export async function waitUntil(
  what: string,
  server: SpawnedServer,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exited) throw new Error(`${what} exited during start-up:\n${server.output}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      server.child.kill("SIGKILL");
      throw new Error(`${what} not ready after ${timeoutMs} ms:\n${server.output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function mongoAnswers(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  try {
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function stopServer(server: SpawnedServer, dir: string): Promise<void> {
  if (!server.exited) {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}
