import { diag, DiagLogLevel, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler,
} from "@opentelemetry/sdk-trace-node";
import type { Logger } from "../runtime/ports.js";
import { engineIdGenerator } from "../runtime/spans.js";
import { ConfigError } from "./config.js";

/** The service name spans are exported under unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names another. */
export const defaultServiceName = "liquidity-engine";

/** How long stopping waits for the last spans to reach the collector. */
const flushTimeoutMs = 5_000;

export interface Tracing {
  /** Where spans go: the configured OTLP endpoint without any user name or password in it, for the log. */
  readonly endpoint: string;
  /** Exports what is buffered and stops exporting; bounded by a few seconds, never rejects. */
  shutdown(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Exports the engine's spans (ADR 009 §7) over OTLP/HTTP with protobuf when the standard variables ask for it:
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT set, OTEL_SDK_DISABLED not `true`,
 * OTEL_TRACES_EXPORTER unset, `otlp` or `none`. Otherwise it installs nothing and returns undefined: the runtime's
 * spans stay the API's no-ops. The exporter reads its own variables (headers, timeout, compression); the batch
 * processor reads OTEL_BSP_*. Throws a `ConfigError` for a setting the engine cannot honour.
 */
export function startTracing(logger: Logger, env: Env = process.env): Tracing | undefined {
  const endpoint = nonEmpty(env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) ?? nonEmpty(env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
  const exporter = nonEmpty(env["OTEL_TRACES_EXPORTER"]) ?? "otlp";
  if (exporter !== "otlp" && exporter !== "none") throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none, got ${exporter}`);
  if (endpoint === undefined || exporter === "none" || nonEmpty(env["OTEL_SDK_DISABLED"])?.toLowerCase() === "true") return undefined;
  const protocol = nonEmpty(env["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]) ?? nonEmpty(env["OTEL_EXPORTER_OTLP_PROTOCOL"]) ?? "http/protobuf";
  if (protocol !== "http/protobuf") {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf (a collector's port 4318), got ${protocol}`);
  }
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ "service.name": defaultServiceName })).merge(detectResources({ detectors: [envDetector] })),
    sampler: samplerOf(env),
    // The runtime chooses every span's ids (runtime/spans.ts): the SDK must take them.
    idGenerator: engineIdGenerator,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Only the tracer provider: the engine passes parents explicitly, so it needs no context manager (async hooks).
  trace.setGlobalTracerProvider(provider);
  // Export failures (a collector down) are the SDK's diagnostics: they become the engine's warnings.
  diag.setLogger({
    error: (message, ...details) => logger.warn(`OpenTelemetry: ${message}`, { details: details.map(describe) }),
    warn: (message, ...details) => logger.warn(`OpenTelemetry: ${message}`, { details: details.map(describe) }),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  }, DiagLogLevel.WARN);
  return {
    endpoint: withoutCredentials(endpoint),
    shutdown: async () => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs).unref());
      await Promise.race([provider.shutdown().catch((error: unknown) => logger.warn("spans not flushed at shutdown", { error })), timeout]);
    },
  };
}

/**
 * OTEL_TRACES_SAMPLER, limited to the samplers whose decision is the same for every span of a trace. The engine
 * marks its own roots sampled before their span starts, so a span's parent flag does not carry a root's ratio
 * decision: `parentbased_traceidratio` applies the ratio to sampled parents too, which decides by the trace id,
 * as the root did (a caller's sampled trace is then kept with that ratio as well).
 */
function samplerOf(env: Env): Sampler {
  const name = nonEmpty(env["OTEL_TRACES_SAMPLER"]) ?? "parentbased_always_on";
  switch (name) {
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratioOf(env));
    case "parentbased_traceidratio": {
      const ratio = new TraceIdRatioBasedSampler(ratioOf(env));
      return new ParentBasedSampler({ root: ratio, remoteParentSampled: ratio, localParentSampled: ratio });
    }
    default:
      throw new ConfigError(`OTEL_TRACES_SAMPLER must be parentbased_always_on, always_on, always_off, traceidratio or parentbased_traceidratio, got ${name}`);
  }
}

function ratioOf(env: Env): number {
  const text = nonEmpty(env["OTEL_TRACES_SAMPLER_ARG"]);
  if (text === undefined) return 1;
  const ratio = Number(text);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got ${text}`);
  return ratio;
}

function withoutCredentials(endpoint: string): string {
  if (!URL.canParse(endpoint)) return endpoint;
  const url = new URL(endpoint);
  if (url.username === "" && url.password === "") return endpoint;
  url.username = "";
  url.password = "";
  return url.toString();
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
