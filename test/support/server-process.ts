import { rmSync } from "node:fs";
import { spawnServer, waitUntil, type SpawnedServer } from "../rig/servers.js";

/**
 * A server binary as a child process in a throwaway directory: started, then polled on its readiness URL until it
 * answers 200 (or it exits, or 30 s pass: then what it printed last is in the error); `stop` SIGKILLs it and
 * removes the directory.
 */
export class ServerProcess {
  private constructor(
    private readonly server: SpawnedServer,
    private readonly dir: string,
  ) {}

  static async start(
    name: string,
    binary: string,
    args: readonly string[],
    readyUrl: string,
    dir: string,
  ): Promise<ServerProcess> {
    const server = new ServerProcess(spawnServer(binary, args), dir);
    const answers = async () =>
      (await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.ok === true;
    await waitUntil(name, server.server, answers, 30_000).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return server;
  }

  async stop(): Promise<void> {
    const child = this.server.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
