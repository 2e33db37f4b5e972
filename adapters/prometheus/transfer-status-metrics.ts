import { Gauge, type Registry } from "prom-client";
import { transferStatuses } from "../../actors/transfer/read-model.js";
import type { TransferIndex } from "../../actors/transfer/read-model.js";
import type { Logger } from "../../runtime/ports.js";

export interface TransferStatusMetricsSettings {
  /** Counts younger than this are served without asking the read model. */
  readonly cacheMs: number;
  /** Longest a scrape waits for fresh counts; then it shows the last ones (ADR 007 §6). */
  readonly scrapeWaitMsMax: number;
}

/**
 * `liq_transfers{status}`: transfers per status, counted by the read model at scrape time (a `$group`, a scan on
 * FerretDB), so the engine keeps no per-transfer state for it. One count runs at a time; counts are cached briefly.
 */
export function registerTransferStatusMetrics(
  registry: Registry,
  index: TransferIndex,
  logger: Logger,
  settings: TransferStatusMetricsSettings = { cacheMs: 5_000, scrapeWaitMsMax: 1_000 },
  now: () => number = Date.now,
): void {
  let counts: Map<string, number> | undefined;
  let countedAt = -Infinity;
  let counting: Promise<void> | undefined;
  const refresh = (): Promise<void> =>
    (counting ??= index.countByStatus().then(
      (fresh) => {
        counts = fresh;
        countedAt = now();
      },
      (error: unknown) => logger.warn("liq_transfers: the read model could not count transfers; showing the last counts", { error }),
    ).finally(() => (counting = undefined)));
  new Gauge({
    name: "liq_transfers",
    help: "Transfers per status, from the transfer read model (eventually consistent; cached a few seconds)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      if (now() - countedAt >= settings.cacheMs) {
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, settings.scrapeWaitMsMax)));
        await Promise.race([refresh(), waited]);
        clearTimeout(timer);
      }
      // Never counted yet (the read model is unreachable): no samples rather than zeros that would be false.
      if (!counts) return;
      for (const status of transferStatuses) this.set({ status }, counts.get(status) ?? 0);
    },
  });
}
