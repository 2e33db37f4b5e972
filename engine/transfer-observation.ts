import { SpanKind } from "@opentelemetry/api";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Registry } from "prom-client";
import type { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { JetStreamAlertPublisher, type AlertPublisher } from "../adapters/nats/jetstream-alerts.js";
import { JetStreamChannelHealthFeed } from "../adapters/nats/jetstream-channel-health-feed.js";
import { JetStreamEventObserver, type ObservedEvent } from "../adapters/nats/jetstream-event-observer.js";
import { TransferMetrics } from "../adapters/prometheus/transfer-metrics.js";
import { isJsonObject, type JsonObject } from "../runtime/json.js";
import type { Logger } from "../runtime/ports.js";
import { inSpan } from "../runtime/spans.js";
import { childSpan, traceLogFields } from "../runtime/trace-context.js";

/** Alerts are kept this long in their stream: long enough for a weekend without anyone reading them. */
const alertMaxAgeMs = 30 * 24 * 3_600_000;
/** A relay redelivered within this window publishes no duplicate alert. */
const alertDuplicateWindowMs = 10 * 60_000;
const observerConcurrency = 256;
const observerAckWaitMs = 30_000;

/** The alerts stream's publisher (created, or checked, on the server). */
export function createAlertPublisher(
  nc: NatsConnection,
  prefix: string,
  replicas: number | undefined,
): Promise<JetStreamAlertPublisher> {
  return JetStreamAlertPublisher.create(nc, {
    prefix,
    maxAgeMs: alertMaxAgeMs,
    duplicateWindowMs: alertDuplicateWindowMs,
    replicas: replicas ?? 1,
  });
}

/** `<kind>:<actorId>:<eventSeq>`: the same event relayed twice is the same alert. */
function alertIdOf(observed: ObservedEvent): string {
  return `${observed.kind}:${observed.actorId}:${observed.eventSeq}`;
}

/**
 * What the transfer observer does with one transfer event (ADR 006 §5): an `alertRaised` is relayed to
 * `<prefix>.alerts.<severity>` and logged; then the event is counted in the metrics. Metrics come after the relay
 * so that an event redelivered because the relay failed is counted once.
 */
export function transferEventHandler(
  metrics: TransferMetrics,
  alerts: AlertPublisher | undefined,
  logger: Logger,
): (observed: ObservedEvent) => Promise<void> {
  return async (observed) => {
    const event = observed.event;
    if (event["type"] === "alertRaised") {
      const severity = String(event["severity"] ?? "warning");
      const alertId = alertIdOf(observed);
      const alert: JsonObject = {
        alertId,
        source: { kind: observed.kind, id: observed.actorId, eventSeq: observed.eventSeq },
        ...withoutType(event),
      };
      // The alert's line and message carry the trace of the decision that raised it (ADR 009 §4), in the relay's span.
      logger.error("alert", { ...traceLogFields(observed.trace), ...alert });
      const relay = async () => alerts?.publish(alertId, severity, alert, observed.trace);
      if (!observed.trace) await relay();
      else
        await inSpan(
          "alert relay",
          observed.trace,
          {
            kind: SpanKind.PRODUCER,
            attributes: { "liquidity.alert.id": alertId, "liquidity.alert.severity": severity },
          },
          relay,
        );
    }
    metrics.observeTransfer(event);
  };
}

function withoutType(event: JsonObject): JsonObject {
  const { type: _type, ...rest } = event;
  return rest;
}

/**
 * Starts the transfer observer and the channel health feed: over JetStream when the engine has NATS (a durable
 * consumer, so alerts survive restarts), else on the embedded bus (log and metrics only). Returns the closer.
 */
export async function startTransferObservation(
  source: { readonly nc: NatsConnection; readonly streamReplicas?: number } | { readonly bus: MemoryEventBus },
  prefix: string,
  registry: Registry,
  logger: Logger,
): Promise<() => Promise<void>> {
  const metrics = new TransferMetrics(registry);
  if ("bus" in source) {
    const handle = transferEventHandler(metrics, undefined, logger);
    const unsubscribe = source.bus.subscribe((published) => {
      if (!isJsonObject(published.event)) return;
      if (published.kind === "transfer") {
        const trace = published.trace && childSpan(published.trace);
        handle({
          kind: published.kind,
          actorId: published.actorId,
          eventSeq: published.eventSeq,
          event: published.event,
          ...(trace && { trace }),
        }).catch((error: unknown) =>
          logger.error("transfer observer failed on an event", {
            ...traceLogFields(trace),
            transferId: published.actorId,
            eventSeq: published.eventSeq,
            error,
          }),
        );
      }
      if (published.kind === "channel") metrics.observeChannel(published.actorId, published.event, true);
    });
    return async () => void unsubscribe();
  }
  const alerts = await createAlertPublisher(source.nc, prefix, source.streamReplicas);
  const observer = await JetStreamEventObserver.start(
    source.nc,
    {
      prefix,
      durableName: "transfer-observer",
      kind: "transfer",
      concurrency: observerConcurrency,
      ackWaitMs: observerAckWaitMs,
    },
    transferEventHandler(metrics, alerts, logger),
    logger,
  );
  const health = new JetStreamChannelHealthFeed(
    source.nc,
    prefix,
    (channel, event, fresh) => metrics.observeChannel(channel, event, fresh),
    logger,
  );
  await health.start();
  return async () => {
    await health.stop();
    await observer.stop();
  };
}
