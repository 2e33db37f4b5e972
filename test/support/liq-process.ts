import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { eventually } from "./tally.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The real executable, as `npx liq` runs it in the repository (TypeScript through tsx). */
const bin = "bin/liq.js";

/** What one run of `liq` left: its exit code and everything it wrote. */
export interface LiqRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/liq.js <args>` with only `env` (and PATH, HOME), to its exit. */
export function runLiq(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<LiqRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: root,
        env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
        timeout: timeoutMs,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A `liq` that keeps running (a watch): its stdout lines as they come, and a way to interrupt it. */
export class LiqWatch {
  readonly lines: string[] = [];
  private stderrText = "";
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on("line", (line) => this.lines.push(line));
    child.stderr!.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    live.add(child);
  }

  static start(args: readonly string[], env: Record<string, string>): LiqWatch {
    return new LiqWatch(
      spawn(process.execPath, [bin, ...args], {
        cwd: root,
        env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** The lines parsed as JSON (the watch runs with --json). */
  documents<T>(): T[] {
    return this.lines.map((line) => JSON.parse(line) as T);
  }

  /** Waits (polling, with a deadline) until some printed document satisfies `match`. */
  async waitFor<T>(what: string, match: (document: T) => boolean, timeoutMs = 30_000): Promise<T> {
    await eventually(what, () => this.documents<T>().some(match), timeoutMs, 50).catch((error: Error) => {
      throw new Error(`${error.message}; printed:\n${this.lines.join("\n")}\nstderr: ${this.stderrText}`);
    });
    return this.documents<T>().find(match)!;
  }

  /** SIGINT, as Ctrl-C: resolves with the exit code. */
  async interrupt(): Promise<number | null> {
    this.child.kill("SIGINT");
    const code = await this.exited;
    live.delete(this.child);
    return code;
  }
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});
