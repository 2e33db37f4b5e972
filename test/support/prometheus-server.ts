import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";
import { prometheusServer } from "./promtool.js";
import { ServerProcess } from "./server-process.js";

export interface PrometheusServerOptions {
  /** `job_name` -> `host:port` targets, scraped every second. */
  readonly jobs: Readonly<Record<string, readonly string[]>>;
  /** Rule files (globs allowed), evaluated every second. */
  readonly ruleFiles: readonly string[];
  /** `host:port` of Alertmanagers to send firing alerts to. */
  readonly alertmanagers?: readonly string[];
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** A real Prometheus server (Debian's package) in a throwaway directory, on a free port; killed by `stop`. */
export class PrometheusServer {
  private constructor(
    private readonly process: ServerProcess,
    readonly url: string,
  ) {}

  static async start(options: PrometheusServerOptions): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), "liq-prometheus-"));
    const config = {
      global: { scrape_interval: "1s", evaluation_interval: "1s", scrape_timeout: "900ms" },
      rule_files: options.ruleFiles,
      ...(options.alertmanagers && {
        alerting: { alertmanagers: [{ static_configs: [{ targets: options.alertmanagers }] }] },
      }),
      scrape_configs: Object.entries(options.jobs).map(([job, targets]) => ({
        job_name: job,
        static_configs: [{ targets }],
      })),
    };
    // JSON is YAML: no serializer needed.
    writeFileSync(join(dir, "prometheus.yml"), JSON.stringify(config));
    const url = `http://127.0.0.1:${await freePort()}`;
    const args = [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=${new URL(url).host}`,
    ];
    return new PrometheusServer(
      await ServerProcess.start("prometheus", prometheusServer(), args, `${url}/-/ready`, dir),
      url,
    );
  }

  /** An instant query; throws with Prometheus's error (a parse error, an unknown function) when it fails. */
  async query(expr: string): Promise<PromSample[]> {
    const response = await fetch(`${this.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== "success" || !body.data) throw new Error(`query failed: ${expr}: ${String(body.error)}`);
    if (body.data.resultType === "scalar") {
      const value = body.data.result as unknown as [number, string];
      return [{ metric: {}, value: Number(value[1]) }];
    }
    return body.data.result.map((sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }));
  }

  /** The value of a query that must give exactly one sample. */
  async single(expr: string): Promise<number> {
    const samples = await this.query(expr);
    if (samples.length !== 1)
      throw new Error(`${expr}: ${samples.length} samples, expected 1: ${JSON.stringify(samples)}`);
    return samples[0]!.value;
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}
