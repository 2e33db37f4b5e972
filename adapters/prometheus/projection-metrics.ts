import { Counter, Gauge, type Registry } from "prom-client";
import type { Logger } from "../../runtime/ports.js";
import { settledWithin } from "./scrape-wait.js";

/** What the metrics need of the transfer projector (adapters/nats/jetstream-transfer-projector.ts). */
export interface ProjectionBacklog {
  pending(): Promise<number>;
}

/**
 * The transfer read model's lag (ADR 007, ADR 008 §3): events this node's projector wrote, and the shared consumer's
 * backlog, asked of JetStream at scrape time (at most `waitMsMax`; the series is absent when JetStream does not
 * answer, rather than a false zero).
 */
export function registerProjectionMetrics(
  registry: Registry,
  logger: Logger,
  waitMsMax = 1_000,
): { written: (events: number) => void; watch: (backlog: ProjectionBacklog) => void } {
  const written = new Counter({
    name: "liq_transfer_projection_events_total",
    help: "Transfer events this node wrote to the transfer read model",
    registers: [registry],
  });
  let backlog: ProjectionBacklog | undefined;
  new Gauge({
    name: "liq_transfer_projection_pending",
    help: "Transfer events in the stream not yet in the read model (the projector consumer's pending and unacknowledged messages)",
    registers: [registry],
    async collect() {
      this.reset();
      if (!backlog) return;
      const asked = backlog
        .pending()
        .catch(
          (error: unknown) => void logger.warn("liq_transfer_projection_pending: JetStream did not answer", { error }),
        );
      const pending = await settledWithin(asked, waitMsMax);
      if (pending !== undefined) this.set(pending);
    },
  });
  return { written: (events) => written.inc(events), watch: (source) => (backlog = source) };
}
