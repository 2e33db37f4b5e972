import { Gauge, type Registry } from "prom-client";
import { transferStatuses, type StatusSummary, type TransferIndex } from "../../read-models/transfer-read-model.js";
import { terminalStatuses } from "../../actors/transfer/state.js";
import type { Logger } from "../../runtime/ports.js";
import { settledWithin } from "./scrape-wait.js";

export interface TransferStatusMetricsSettings {
  /** Counts younger than this are served without asking the read model. */
  readonly cacheMs: number;
  /** Longest a scrape waits for fresh counts; then it shows the last ones (ADR 007 §6). */
  readonly scrapeWaitMsMax: number;
}

/**
 * `liq_transfers{status}`: transfers per status, counted by the read model at scrape time (a `$group`, a scan on
 * FerretDB), so the engine keeps no per-transfer state for it. One count runs at a time; counts are cached briefly.
 * The same query gives `liq_transfer_status_oldest_seconds{status}` for the statuses a transfer passes through: how
 * long the one longest in it has been there (ADR 008 §3), what "stuck" alerts read.
 */
export function registerTransferStatusMetrics(
  registry: Registry,
  index: TransferIndex,
  logger: Logger,
  settings: TransferStatusMetricsSettings = { cacheMs: 5_000, scrapeWaitMsMax: 1_000 },
  now: () => number = Date.now,
): void {
  let counts: Map<string, StatusSummary> | undefined;
  let countedAt = -Infinity;
  let counting: Promise<void> | undefined;
  const refresh = (): Promise<void> =>
    (counting ??= index
      .statusSummary()
      .then(
        (fresh) => {
          counts = fresh;
          countedAt = now();
        },
        (error: unknown) =>
          logger.warn("liq_transfers: the read model could not count transfers; showing the last counts", { error }),
      )
      .finally(() => (counting = undefined)));
  /** Refreshes the cached summary unless it is fresh; waits at most `scrapeWaitMsMax` for it. */
  const fresh = async (): Promise<Map<string, StatusSummary> | undefined> => {
    if (now() - countedAt >= settings.cacheMs) await settledWithin(refresh(), settings.scrapeWaitMsMax);
    return counts;
  };
  new Gauge({
    name: "liq_transfers",
    help: "Transfers per status, from the transfer read model (eventually consistent; cached a few seconds)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const summaries = await fresh();
      // Never counted yet (the read model is unreachable): no samples rather than zeros that would be false.
      if (!summaries) return;
      for (const status of transferStatuses) this.set({ status }, summaries.get(status)?.count ?? 0);
    },
  });
  new Gauge({
    name: "liq_transfer_status_oldest_seconds",
    help: "Seconds since the transfer longest in this status entered it (statuses a transfer passes through; 0 when none is in it)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const summaries = await fresh();
      if (!summaries) return;
      const at = now();
      for (const status of transferStatuses) {
        if (terminalStatuses.has(status)) continue;
        const summary = summaries.get(status);
        this.set(
          { status },
          summary?.oldestUpdatedAt !== undefined ? Math.max(0, (at - summary.oldestUpdatedAt) / 1_000) : 0,
        );
      }
    },
  });
}
