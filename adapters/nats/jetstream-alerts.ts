import { jetstream, jetstreamManager, type JetStreamClient } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { JsonObject } from "../../runtime/json.js";
import type { TraceContext } from "../../runtime/trace-context.js";
import { ensureStream } from "./jetstream-setup.js";
import { traceHeaders } from "./trace-headers.js";

/** Where alerts go: `<prefix>.alerts.<severity>`, kept in a stream so that an alert raised while nobody listens is not lost. */
export interface AlertPublisher {
  /** Resolves once the alert is stored; `alertId` deduplicates a republished alert; `trace` goes in its `traceparent` header. */
  publish(alertId: string, severity: string, alert: JsonObject, trace?: TraceContext): Promise<void>;
}

export function alertsStreamNameFor(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, "_").toUpperCase()}_ALERTS`;
}

interface AlertStreamSettings {
  readonly prefix: string;
  /** Alerts older than this are discarded by the stream. */
  readonly maxAgeMs: number;
  /** A relay that redelivers within this window publishes no duplicate. */
  readonly duplicateWindowMs: number;
  /** Copies of the stream in a JetStream cluster (1 on a single server). */
  readonly replicas?: number;
}

/** Publishes alerts to JetStream with `Nats-Msg-Id` = alert id; plain NATS subscribers of the subject see them too. */
export class JetStreamAlertPublisher implements AlertPublisher {
  private readonly encoder = new TextEncoder();

  private constructor(
    private readonly js: JetStreamClient,
    private readonly prefix: string,
  ) {}

  static async create(nc: NatsConnection, settings: AlertStreamSettings): Promise<JetStreamAlertPublisher> {
    const jsm = await jetstreamManager(nc);
    const config = {
      name: alertsStreamNameFor(settings.prefix),
      subjects: [`${settings.prefix}.alerts.>`],
      max_age: settings.maxAgeMs * 1_000_000,
      duplicate_window: settings.duplicateWindowMs * 1_000_000,
      num_replicas: settings.replicas ?? 1,
    };
    await ensureStream(jsm, config);
    return new JetStreamAlertPublisher(jetstream(nc), settings.prefix);
  }

  async publish(alertId: string, severity: string, alert: JsonObject, trace?: TraceContext): Promise<void> {
    await this.js.publish(`${this.prefix}.alerts.${severity}`, this.encoder.encode(JSON.stringify(alert)), {
      msgID: alertId,
      ...(trace && { headers: traceHeaders(trace) }),
    });
  }
}
