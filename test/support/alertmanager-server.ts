import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";
import { alertmanagerServer } from "./promtool.js";
import { ServerProcess } from "./server-process.js";

/** An alert as Alertmanager's API v2 lists it. */
export interface ListedAlert {
  readonly labels: Record<string, string>;
  readonly receivers: ReadonlyArray<{ name: string }>;
  readonly status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
}

/** A real Alertmanager (Debian's package) with a given configuration file, on a free port, without clustering. */
export class AlertmanagerServer {
  private constructor(
    private readonly process: ServerProcess,
    readonly address: string,
  ) {}

  get url(): string {
    return `http://${this.address}`;
  }

  static async start(configFile: string): Promise<AlertmanagerServer> {
    const dir = mkdtempSync(join(tmpdir(), "liq-alertmanager-"));
    const address = `127.0.0.1:${await freePort()}`;
    // No gossip (an empty cluster address): a single instance, and no second port to collide with.
    const args = [
      `--config.file=${configFile}`,
      `--storage.path=${dir}`,
      `--web.listen-address=${address}`,
      "--cluster.listen-address=",
    ];
    return new AlertmanagerServer(
      await ServerProcess.start("alertmanager", alertmanagerServer(), args, `http://${address}/-/ready`, dir),
      address,
    );
  }

  /** Posts alerts as Prometheus does (API v2). */
  async post(
    alerts: ReadonlyArray<{ labels: Record<string, string>; annotations?: Record<string, string> }>,
  ): Promise<void> {
    const response = await fetch(`${this.url}/api/v2/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(alerts),
    });
    if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${await response.text()}`);
  }

  /** Every alert it holds, inhibited and silenced ones included. */
  async alerts(): Promise<ListedAlert[]> {
    return (await (await fetch(`${this.url}/api/v2/alerts`)).json()) as ListedAlert[];
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}
