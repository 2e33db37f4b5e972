import { diag, DiagLogLevel, trace } from "@opentelemetry/api";
import type { Sampler } from "@opentelemetry/sdk-trace-node";
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

type SamplerName = "parentbased_always_on" | "always_on" | "always_off" | "traceidratio" | "parentbased_traceidratio";
const samplerNames: readonly SamplerName[] = [
  "parentbased_always_on",
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_traceidratio",
];

/** What the OTEL_ variables ask of the engine, checked. */
export interface TracingSettings {
  readonly endpoint: string;
  readonly sampler: SamplerName;
  /** OTEL_TRACES_SAMPLER_ARG, for the ratio samplers. */
  readonly ratio: number;
}

/**
 * Whether to export spans, from the standard variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_EXPORTER_OTLP_ENDPOINT set, OTEL_SDK_DISABLED not `true`, OTEL_TRACES_EXPORTER unset or `otlp`; undefined
 * when not. Throws a `ConfigError` for a setting the engine cannot honour rather than ignoring it.
 */
export function tracingSettings(env: Env): TracingSettings | undefined {
  const endpoint = nonEmpty(env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) ?? nonEmpty(env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
  const exporter = nonEmpty(env["OTEL_TRACES_EXPORTER"]) ?? "otlp";
  if (exporter !== "otlp" && exporter !== "none")
    throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none, got ${exporter}`);
  if (endpoint === undefined || exporter === "none" || nonEmpty(env["OTEL_SDK_DISABLED"])?.toLowerCase() === "true")
    return undefined;
  const protocol =
    nonEmpty(env["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]) ??
    nonEmpty(env["OTEL_EXPORTER_OTLP_PROTOCOL"]) ??
    "http/protobuf";
  if (protocol !== "http/protobuf") {
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf (a collector's port 4318), got ${protocol}`,
    );
  }
  const sampler = nonEmpty(env["OTEL_TRACES_SAMPLER"]) ?? "parentbased_always_on";
  if (!samplerNames.includes(sampler as SamplerName))
    throw new ConfigError(`OTEL_TRACES_SAMPLER must be ${samplerNames.join(", ")}, got ${sampler}`);
  const ratioText = nonEmpty(env["OTEL_TRACES_SAMPLER_ARG"]);
  const ratio = ratioText === undefined ? 1 : Number(ratioText);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1)
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got ${ratioText}`);
  return { endpoint, sampler: sampler as SamplerName, ratio };
}

/**
 * Exports the engine's spans (ADR 009 §7) over OTLP/HTTP with protobuf when the standard variables ask for it
 * (`tracingSettings`). Otherwise it loads and installs nothing and resolves undefined: the runtime's spans stay the
 * API's no-ops. The exporter reads its own variables (headers, timeout, compression); the batch processor reads
 * OTEL_BSP_*. Rejects with a `ConfigError` for a setting the engine cannot honour.
 */
export async function startTracing(logger: Logger, env: Env = process.env): Promise<Tracing | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return undefined;
  // Loaded only when exporting: an engine that exports nothing does not pay for the SDK at start.
  const [sdk, { OTLPTraceExporter }, resources] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-proto"),
    import("@opentelemetry/resources"),
  ]);
  const provider = new sdk.NodeTracerProvider({
    resource: resources
      .defaultResource()
      .merge(resources.resourceFromAttributes({ "service.name": defaultServiceName }))
      .merge(resources.detectResources({ detectors: [resources.envDetector] })),
    sampler: samplerOf(sdk, settings),
    // The runtime chooses every span's ids (runtime/spans.ts): the SDK must take them.
    idGenerator: engineIdGenerator,
    spanProcessors: [new sdk.BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Only the tracer provider: the engine passes parents explicitly, so it needs no context manager (async hooks).
  trace.setGlobalTracerProvider(provider);
  // Export failures (a collector down) are the SDK's diagnostics: they become the engine's warnings.
  const warn = (message: string, ...details: unknown[]) =>
    logger.warn(`OpenTelemetry: ${message}`, { details: details.map(describe) });
  diag.setLogger({ error: warn, warn, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  return {
    endpoint: withoutCredentials(settings.endpoint),
    shutdown: async () => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs).unref());
      await Promise.race([
        provider.shutdown().catch((error: unknown) => logger.warn("spans not flushed at shutdown", { error })),
        timeout,
      ]);
    },
  };
}

/**
 * The samplers whose decision is the same for every span of a trace. The engine marks its own roots sampled before
 * their span starts, so a span's parent flag does not carry a root's ratio decision: `parentbased_traceidratio`
 * applies the ratio to sampled parents too, which decides by the trace id, as the root did (a caller's sampled
 * trace is then kept with that ratio as well).
 */
function samplerOf(sdk: typeof import("@opentelemetry/sdk-trace-node"), settings: TracingSettings): Sampler {
  switch (settings.sampler) {
    case "parentbased_always_on":
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case "always_on":
      return new sdk.AlwaysOnSampler();
    case "always_off":
      return new sdk.AlwaysOffSampler();
    case "traceidratio":
      return new sdk.TraceIdRatioBasedSampler(settings.ratio);
    case "parentbased_traceidratio": {
      const ratio = new sdk.TraceIdRatioBasedSampler(settings.ratio);
      return new sdk.ParentBasedSampler({ root: ratio, remoteParentSampled: ratio, localParentSampled: ratio });
    }
  }
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
