import { Gauge, type Registry } from "prom-client";
import type { PositionDirectory } from "../../read-models/position-directory.js";

/** Prometheus `field` label -> position property, in the order the gauges are written. */
export const positionFieldLabels = [
  ["ledger", "ledger"],
  ["frozen", "frozen"],
  ["in_transit_debit", "inTransitDebit"],
  ["in_transit_credit", "inTransitCredit"],
  ["available", "available"],
] as const;

/**
 * Per-account position gauges, read from the directory at scrape time. Prometheus holds floats: these are for
 * dashboards and alerts, never for money decisions. Capped at `accountsMax` accounts to bound label cardinality.
 */
export function registerPositionMetrics(registry: Registry, directory: PositionDirectory, accountsMax: number): void {
  new Gauge({
    name: "liq_account_position",
    help: "An account's position by field (ledger, frozen, in_transit_debit, in_transit_credit, available), from the position directory",
    labelNames: ["account", "currency", "pool", "field"],
    registers: [registry],
    collect() {
      this.reset();
      let count = 0;
      for (const entry of directory.all()) {
        if (count++ >= accountsMax) break;
        for (const [label, key] of positionFieldLabels) {
          this.set(
            { account: entry.accountId, currency: entry.currency, pool: entry.pool, field: label },
            Number(entry.position[key]),
          );
        }
      }
    },
  });
  new Gauge({
    name: "liq_position_directory_accounts",
    help: "Accounts in the position directory",
    registers: [registry],
    collect() {
      this.set(directory.size);
    },
  });
  new Gauge({
    name: "liq_position_watchers",
    help: "Open WatchPositions streams",
    registers: [registry],
    collect() {
      this.set(directory.watcherCount);
    },
  });
}
