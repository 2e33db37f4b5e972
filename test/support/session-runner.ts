import { spawn, type ChildProcess } from "node:child_process";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { SessionBlock, SessionCommand } from "./readme-sessions.js";
import { eventually } from "./tally.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const commandTimeoutMs = 60_000;
const backgroundDeadlineMs = 20_000;
const engineStart = /\bnpm (start|run demo)\b/;

/** Placeholders of the docs and where a command's output gives their values. */
const placeholderSources: ReadonlyArray<readonly [string, RegExp]> = [
  ["<the token the engine printed>", /export LIQ_TOKEN=(\S+)/],
  ["<the checker token the demo printed>", /export CHECKER_TOKEN=(\S+)/],
  ["<the simulator address the demo printed>", /export SIMULATOR=(\S+)/],
  ["<the difference id liq printed>", /(missingAtBank-[0-9a-f]{16})/],
  ["<the token liq printed>", /shown once, stored nowhere:\s+(\S+)/],
  ["<the dead letter's number>", /dead letter (\d+)/],
];

/** A command running in the background (the engine, a watch): its output so far. */
interface Background {
  readonly command: SessionCommand;
  readonly child: ChildProcess;
  output: string;
}

export interface SessionRunnerSettings {
  /** The environment every command starts from (PATH with the test rig's tools, ports, ...). */
  readonly env: Record<string, string>;
  /** Literal text in the README and what it becomes here (addresses of the rig's servers, free ports). */
  readonly rewrites: ReadonlyArray<readonly [string, string]>;
}

/**
 * Runs README sessions (test/support/readme-sessions.ts) in bash from the repository root, as a user would type
 * them, and fails with the README line of the first command that did not do what the README says.
 */
export class SessionRunner {
  private readonly env: Record<string, string>;
  private readonly placeholders = new Map<string, string>();
  private readonly background: Background[] = [];

  constructor(private readonly settings: SessionRunnerSettings) {
    this.env = { ...settings.env };
  }

  async runBlock(block: SessionBlock): Promise<void> {
    const started = this.background.length;
    try {
      for (const command of block.commands) await this.run(command);
      for (const running of this.background.slice(started)) await this.expectEventually(running);
    } catch (error) {
      throw new Error(`${relative(root, block.file)} ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  /** Stops everything started in the background (the engine last), and waits for each to exit. */
  async stop(): Promise<void> {
    for (const running of this.background.splice(0).reverse()) {
      if (running.child.exitCode !== null || running.child.signalCode !== null) continue;
      const exited = new Promise((resolve) => running.child.once("exit", resolve));
      try {
        process.kill(-running.child.pid!, "SIGTERM");
      } catch {
        continue;
      }
      const timer = setTimeout(() => process.kill(-running.child.pid!, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  private async run(command: SessionCommand): Promise<void> {
    const text = this.expand(command);
    const exported = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(text);
    if (exported) {
      const value = await this.shell(`printf %s ${exported[2]!}`);
      if (value.code !== 0) throw new Error(`line ${command.line}: ${text} failed: ${value.output}`);
      this.env[exported[1]!] = value.stdout;
      return;
    }
    // The engine runs until stopped (the README shows it alone, to leave running in a terminal of its own), unless
    // the README says it exits (a refused configuration).
    const exitExpected = command.exitCode !== 0;
    if (command.background || (engineStart.test(text) && !exitExpected)) {
      await this.startBackground(command, text);
      return;
    }
    const result = await this.shell(text);
    this.learnPlaceholders(result.output);
    const where = `line ${command.line}: \`${text}\` exited ${String(result.code)}`;
    if (result.code !== command.exitCode)
      throw new Error(`${where}, expected ${command.exitCode}; output:\n${result.output}`);
    for (const expected of command.expectations) {
      if (!result.output.includes(expected))
        throw new Error(`${where}; its output lacks "${expected}":\n${result.output}`);
    }
  }

  private async startBackground(command: SessionCommand, text: string): Promise<void> {
    const child = spawn("bash", ["-c", text], {
      cwd: root,
      env: this.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const running: Background = { command, child, output: "" };
    const collect = (chunk: Buffer): void => {
      running.output += chunk.toString();
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    this.background.push(running);
    // A watch is live once it has printed its first line (the current state): the next command may change it.
    if (!engineStart.test(text)) {
      await this.until(running, () => running.output !== "", `the first output of line ${command.line}`);
      return;
    }
    // The engine: wait for its readiness line; keep the development token it prints for `<...>` placeholders.
    await this.until(
      running,
      () => running.output.includes('"event":"ready"'),
      `the engine started by line ${command.line} to be ready`,
    );
    this.learnPlaceholders(running.output);
  }

  private learnPlaceholders(output: string): void {
    for (const [placeholder, pattern] of placeholderSources) {
      const value = pattern.exec(output)?.[1];
      if (value !== undefined) this.placeholders.set(placeholder, value);
    }
  }

  private async expectEventually(running: Background): Promise<void> {
    for (const expected of running.command.expectations) {
      await this.until(
        running,
        () => running.output.includes(expected),
        `"${expected}" from line ${running.command.line}`,
      );
    }
  }

  private async until(running: Background, done: () => boolean, what: string): Promise<void> {
    await eventually(
      what,
      () => {
        if (running.child.exitCode !== null && !done())
          throw new Error(`${what}: it exited ${running.child.exitCode}; output:\n${running.output}`);
        return done();
      },
      backgroundDeadlineMs,
      50,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; output so far:\n${running.output}`);
    });
  }

  private expand(command: SessionCommand): string {
    let text = command.text;
    for (const [literal, replacement] of this.settings.rewrites) text = text.split(literal).join(replacement);
    for (const placeholder of text.match(/<[a-z][^<>]*>/g) ?? []) {
      const value = this.placeholders.get(placeholder);
      if (value !== undefined) text = text.split(placeholder).join(value);
    }
    return text;
  }

  private shell(text: string): Promise<{ code: number | null; stdout: string; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("bash", ["-c", text], { cwd: root, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        output += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`\`${text}\` did not finish within ${commandTimeoutMs} ms; output:\n${output}`));
      }, commandTimeoutMs);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, output });
      });
    });
  }
}
