import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";
import { alertmanagerServer } from "./promtool.js";
import { eventually } from "./tally.js";

/** An alert as Alertmanager's API v2 lists it. */
export interface ListedAlert {
  readonly labels: Record<string, string>;
  readonly receivers: ReadonlyArray<{ name: string }>;
  readonly status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
}

/** A real Alertmanager (Debian's package) with a given configuration file, on a free port, without clustering. */
export class AlertmanagerServer {
  private stderrTail = "";
  private constructor(private readonly child: ChildProcess, private readonly dir: string, readonly address: string) {
    child.stderr!.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4_000);
    });
  }

  get url(): string {
    return `http://${this.address}`;
  }

  static async start(configFile: string): Promise<AlertmanagerServer> {
    const dir = mkdtempSync(join(tmpdir(), "liq-alertmanager-"));
    const address = `127.0.0.1:${await freePort()}`;
    const child = spawn(alertmanagerServer(), [
      `--config.file=${configFile}`, `--storage.path=${dir}`, `--web.listen-address=${address}`,
      // No gossip: a single instance, and no second port to collide with.
      "--cluster.listen-address=",
    ], { stdio: ["ignore", "ignore", "pipe"] });
    const server = new AlertmanagerServer(child, dir, address);
    let exited = false;
    child.once("exit", () => (exited = true));
    await eventually("alertmanager ready", async () => {
      if (exited) throw new Error("alertmanager exited");
      return (await fetch(`${server.url}/-/ready`).catch(() => undefined))?.ok === true;
    }, 30_000, 100).catch((error: Error) => {
      child.kill("SIGKILL");
      throw new Error(`${error.message}; stderr tail:\n${server.stderrTail}`);
    });
    return server;
  }

  /** Posts alerts as Prometheus does (API v2). */
  async post(alerts: ReadonlyArray<{ labels: Record<string, string>; annotations?: Record<string, string> }>): Promise<void> {
    const response = await fetch(`${this.url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(alerts) });
    if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`);
  }

  /** Every alert it holds, inhibited and silenced ones included. */
  async alerts(): Promise<ListedAlert[]> {
    return (await (await fetch(`${this.url}/api/v2/alerts`)).json()) as ListedAlert[];
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGKILL");
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
