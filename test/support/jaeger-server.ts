import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../rig/free-port.js";
import { jaegerBinary } from "../rig/servers.js";
import { ServerProcess } from "./server-process.js";

/** A span as Jaeger's query API answers it. */
export interface JaegerSpan {
  readonly traceID: string;
  readonly spanID: string;
  readonly operationName: string;
  readonly references: ReadonlyArray<{ readonly refType: string; readonly traceID: string; readonly spanID: string }>;
  readonly tags: ReadonlyArray<{ readonly key: string; readonly type: string; readonly value: unknown }>;
  readonly processID: string;
}

export interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<Record<string, { readonly serviceName: string }>>;
}

/**
 * A real Jaeger (v1.75 all-in-one, in-memory storage) in a throwaway directory. It is an OpenTelemetry Collector
 * distribution, so its ports come from a `--config` file: OTLP over HTTP and the query API (HTTP and gRPC) on free
 * loopback ports, and nothing else (no health check, metrics or zpages listeners on their fixed ports).
 */
export class JaegerServer {
  private constructor(
    private readonly process: ServerProcess,
    readonly otlpEndpoint: string,
    readonly queryUrl: string,
  ) {}

  static async start(): Promise<JaegerServer> {
    const binary = await jaegerBinary();
    const dir = mkdtempSync(join(tmpdir(), "liq-jaeger-"));
    const [otlpPort, queryPort, queryGrpcPort] = [await freePort(), await freePort(), await freePort()];
    const config = {
      service: {
        extensions: ["jaeger_storage", "jaeger_query"],
        pipelines: { traces: { receivers: ["otlp"], processors: [], exporters: ["jaeger_storage_exporter"] } },
        telemetry: { metrics: { level: "none" }, logs: { level: "warn" } },
      },
      extensions: {
        jaeger_storage: { backends: { memory_store: { memory: { max_traces: 10_000 } } } },
        jaeger_query: {
          storage: { traces: "memory_store" },
          http: { endpoint: `127.0.0.1:${queryPort}` },
          grpc: { endpoint: `127.0.0.1:${queryGrpcPort}` },
        },
      },
      receivers: { otlp: { protocols: { http: { endpoint: `127.0.0.1:${otlpPort}` } } } },
      exporters: { jaeger_storage_exporter: { trace_storage: "memory_store" } },
    };
    // JSON is YAML: no serializer needed.
    writeFileSync(join(dir, "jaeger.yaml"), JSON.stringify(config));
    const queryUrl = `http://127.0.0.1:${queryPort}`;
    const process = await ServerProcess.start(
      "jaeger",
      binary,
      [`--config=${join(dir, "jaeger.yaml")}`],
      `${queryUrl}/api/services`,
      dir,
    );
    return new JaegerServer(process, `http://127.0.0.1:${otlpPort}`, queryUrl);
  }

  /** The traces of `service` that have a span named `operation` (the query API's search), whole. */
  async traces(service: string, operation: string): Promise<JaegerTrace[]> {
    const query = new URLSearchParams({ service, operation, limit: "100", lookback: "1h" });
    const response = await fetch(`${this.queryUrl}/api/traces?${query.toString()}`);
    if (response.status === 404) return [];
    const body = (await response.json()) as { data: JaegerTrace[] | null; errors: unknown };
    if (!response.ok) throw new Error(`Jaeger query failed: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
    return body.data ?? [];
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }
}
