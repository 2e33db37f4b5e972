import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

/** How to start a node script and know it is ready. */
export interface NodeProcessOptions {
  /** Names the process in errors. */
  readonly name: string;
  /** Node's arguments: `[script]`, or `["--import", "tsx", "bin/x.ts"]`. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment: PATH is added, nothing else is inherited. */
  readonly env: Record<string, string>;
  /** The JSON line on stdout that says the process is ready. */
  readonly ready: (line: Record<string, unknown>) => boolean;
  readonly timeoutMs?: number;
}

/** A node process that printed its ready line. */
export interface NodeProcess {
  readonly child: ChildProcess;
  /** The ready line. */
  readonly line: Record<string, unknown>;
  /** The last 8 kB it wrote on stderr, for failure messages. */
  stderr(): string;
  /** SIGTERM (or `signal`), and its exit code once gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const live = new Set<ChildProcess>();
// If the test process dies, the processes it started die with it.
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * Runs `node <args>` until it prints a JSON line on stdout that `ready` accepts (other lines, JSON or not, are
 * skipped). Rejects, with its stderr tail, when it exits first or `timeoutMs` passes (then it is killed).
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env["PATH"] ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let stderrTail = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-8_000)));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  const stop = async (signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} printed no ready line in ${timeoutMs} ms; stderr:\n${stderrTail}`));
    }, timeoutMs);
    lines.on("line", (text) => {
      const parsed = jsonObject(text);
      if (parsed === undefined || !options.ready(parsed)) return;
      clearTimeout(timer);
      resolve(parsed);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${String(code)}) before its ready line; stderr:\n${stderrTail}`));
    });
  });
  return { child, line, stderr: () => stderrTail, stop };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
