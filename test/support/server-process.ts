import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { eventually } from "./tally.js";

/**
 * A server binary as a child process in a throwaway directory: started, then polled on its readiness URL until it
 * answers 200 (or it exits, or 30 s pass: then its stderr tail is in the error); `stop` SIGKILLs it and removes the
 * directory.
 */
export class ServerProcess {
  private stderrTail = "";
  private constructor(private readonly child: ChildProcess, private readonly dir: string) {
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4_000);
    });
  }

  static async start(name: string, binary: string, args: readonly string[], readyUrl: string, dir: string): Promise<ServerProcess> {
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    const server = new ServerProcess(child, dir);
    let exited = false;
    child.once("exit", () => (exited = true));
    await eventually(`${name} ready`, async () => {
      if (exited) throw new Error(`${name} exited`);
      return (await fetch(readyUrl).catch(() => undefined))?.ok === true;
    }, 30_000, 100).catch(async (error: Error) => {
      await server.stop();
      throw new Error(`${error.message}; stderr tail:\n${server.stderrTail}`);
    });
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGKILL");
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
