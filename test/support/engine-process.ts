import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface EngineProcessOptions {
  readonly env: Record<string, string>;
  /** The checkout whose bin/engine.ts runs; this one by default (a benchmark may compare another). */
  readonly root?: string;
}

/** The engine's log lines kept by `EngineProcess.logs` (the newest): enough for any one test's transfers. */
const logLinesMax = 20_000;

/**
 * The engine as a real child process (`node --import tsx bin/engine.ts`), so crash tests can SIGKILL it.
 * Lines it prints on stdout (JSON) are collected; `waitForLine` resolves on the first matching one. Its JSON log
 * lines (stderr) are collected in `logs`.
 */
export class EngineProcess {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly logs: Array<Record<string, unknown>> = [];
  private readonly waiters: Array<{
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }> = [];
  private stderrTail = "";
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on("line", (text) => this.onLine(text));
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-8_000);
    });
    createInterface({ input: child.stderr! }).on("line", (text) => this.onLogLine(text));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /** What the engine logged last (JSON lines on stderr), for failure messages. */
  get logTail(): string {
    return this.stderrTail;
  }

  static async start(options: EngineProcessOptions): Promise<EngineProcess> {
    const engine = EngineProcess.spawn(options);
    await engine.waitForLine((line) => line["event"] === "ready", 30_000);
    return engine;
  }

  /** The engine process, started but not waited for (a benchmark measures its start from outside). */
  static spawn(options: EngineProcessOptions): EngineProcess {
    const engine = new EngineProcess(spawnEngine(options.env, [], options.root));
    liveEngines.add(engine);
    return engine;
  }

  /**
   * An engine expected not to start (or a `--help` run): waits until it exits and returns its exit code and all it
   * printed. One that prints its ready line instead, or outlives `timeoutMs`, is killed: `code` is then null.
   */
  static async runToExit(
    options: EngineProcessOptions & { readonly args?: readonly string[]; readonly timeoutMs?: number },
  ): Promise<EngineExit> {
    const child = spawnEngine(options.env, options.args);
    const output = { stdout: "", stderr: "" };
    child.stdout!.on("data", (chunk: Buffer) => {
      output.stdout += chunk.toString();
      if (/"event":"ready"/.test(output.stdout)) child.kill("SIGKILL");
    });
    child.stderr!.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    return { code, ...output };
  }

  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`engine did not print the expected line; stderr tail:\n${this.stderrTail}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`engine exited (${String(code)}) before the expected line; stderr tail:\n${this.stderrTail}`));
      });
    });
  }

  /** SIGKILL: no shutdown hooks, no flushing. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
    liveEngines.delete(this);
  }

  async stop(): Promise<void> {
    this.child.kill("SIGTERM");
    await this.exited;
    liveEngines.delete(this);
  }

  private onLogLine(text: string): void {
    if (!text.startsWith("{")) return;
    try {
      this.logs.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      return;
    }
    if (this.logs.length > logLinesMax * 1.25) this.logs.splice(0, this.logs.length - logLinesMax);
  }

  private onLine(text: string): void {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    this.lines.push(line);
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.match(line)) waiter.resolve(line);
      else this.waiters.push(waiter);
    }
  }
}

/** How a run of the engine ended (`EngineProcess.runToExit`). */
export interface EngineExit {
  /** Null when it had to be killed: it started, or hung. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node --import tsx bin/engine.ts` with only PATH, HOME, free ports and `env` in its environment. */
function spawnEngine(env: Record<string, string>, args: readonly string[] = [], cwd = root): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "bin/engine.ts", ...args], {
    cwd,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      LIQ_ADMIN_PORT: "0",
      LIQ_GRPC_PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const liveEngines = new Set<EngineProcess>();
process.on("exit", () => {
  for (const engine of liveEngines) engine.child.kill("SIGKILL");
});
