import { Counter, Gauge, type Registry } from "prom-client";

/** Ingestion metrics (ADR 004): outcomes, the age of the last entry handled, the consumer's backlog. */
export interface IngestionMetrics {
  handled(outcome: "applied" | "duplicate" | "dead_lettered" | "retried", publishedAtMs: number): void;
  pending(messages: number): void;
}

export function prometheusIngestionMetrics(registry: Registry): IngestionMetrics {
  const entries = new Counter({
    name: "liq_ingested_entries_total",
    help: "Upstream entries handled, by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const lag = new Gauge({
    name: "liq_ingestion_lag_seconds",
    help: "Seconds between the publication of the last entry handled and its handling",
    registers: [registry],
  });
  const backlog = new Gauge({
    name: "liq_ingestion_pending",
    help: "Entries in the stream not yet acknowledged by the engine",
    registers: [registry],
  });
  // Every outcome from the start: a series born at its first entry hides that entry from increase() (ADR 008 §5).
  for (const outcome of ["applied", "duplicate", "dead_lettered", "retried"]) entries.inc({ outcome }, 0);
  return {
    handled(outcome, publishedAtMs) {
      entries.inc({ outcome });
      lag.set(Math.max(0, (Date.now() - publishedAtMs) / 1_000));
    },
    pending(messages) {
      backlog.set(messages);
    },
  };
}
