import { Gauge, type Registry } from "prom-client";
import type { DirectoryEntry, PositionDirectory } from "../../read-models/position-directory.js";
import { escapeHelp, escapeLabelValue, registerTextSection, sampleValue } from "./text-sections.js";

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
 * `liq_account_position` is written as text (text-sections.ts): through prom-client its 50,000 series (10,000
 * accounts) took about 0.3 s of the event loop at every scrape; an account's lines are now made once per change of
 * its entry and reused by later scrapes.
 */
export function registerPositionMetrics(registry: Registry, directory: PositionDirectory, accountsMax: number): void {
  const lines = new WeakMap<DirectoryEntry, string>();
  registerTextSection(registry, () => {
    const parts = [accountPositionHeader];
    let count = 0;
    for (const entry of directory.all()) {
      if (count++ >= accountsMax) break;
      let text = lines.get(entry);
      if (text === undefined) lines.set(entry, (text = accountPositionLines(entry)));
      parts.push(text);
    }
    return parts.join("");
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

const accountPositionHeader = [
  `# HELP liq_account_position ${escapeHelp(
    "An account's position by field (ledger, frozen, in_transit_debit, in_transit_credit, available), from the position directory",
  )}`,
  "# TYPE liq_account_position gauge",
  "",
].join("\n");

/** An entry's five samples, one line each. */
function accountPositionLines(entry: DirectoryEntry): string {
  const position = entry.position;
  const labels = `account="${escapeLabelValue(entry.accountId)}",currency="${escapeLabelValue(entry.currency)}",pool="${escapeLabelValue(entry.pool)}"`;
  return positionFieldLabels
    .map(([label, key]) => `liq_account_position{${labels},field="${label}"} ${sampleValue(Number(position[key]))}\n`)
    .join("");
}
