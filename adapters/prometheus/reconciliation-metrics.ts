import { Gauge, type Registry } from "prom-client";
import { differenceClasses, differenceStatuses } from "../../actors/reconciliation/index.js";
import { Money } from "../../actors/shared/amount.js";
import type { DifferenceDirectory, DifferenceEntry } from "../../read-models/difference-directory.js";
import type { StatementDirectory } from "../../read-models/statement-directory.js";

/** What the reconciliation metrics read: the two directories, whether they caught up, and the per-account cap. */
export interface ReconciliationMetricSources {
  readonly differences: DifferenceDirectory;
  readonly statements: StatementDirectory;
  readonly ready: () => boolean;
  /** Per-account series are exported for at most this many accounts (label cardinality; LIQ_ACCOUNT_GAUGES_MAX). */
  readonly accountsMax: number;
  readonly now?: () => number;
}

const dayMs = 86_400_000;

function unresolved(d: DifferenceEntry): boolean {
  return d.status !== "resolved";
}

function isBalanceClass(d: DifferenceEntry): boolean {
  return d.class === "openingBalanceDiffers" || d.class === "closingBalanceDiffers";
}

/**
 * The balance difference an account shows now: its unresolved balance difference of the latest statement day, the
 * closing one before the opening one of the same day. Signed (statement minus engine). Accounts in id order.
 */
export function openBalanceDifferences(directory: DifferenceDirectory): Map<string, DifferenceEntry> {
  const latest = new Map<string, DifferenceEntry>();
  for (const d of directory.all()) {
    if (!unresolved(d) || !isBalanceClass(d)) continue;
    const known = latest.get(d.accountId);
    const later = !known || d.date > known.date || (d.date === known.date && d.class === "closingBalanceDiffers");
    if (later) latest.set(d.accountId, d);
  }
  return latest;
}

/**
 * Reconciliation as the difference and statement directories hold it, computed at scrape time (ADR 014 §4): how many
 * differences per class and status, how long the oldest unresolved one of each class has waited, the unresolved
 * amount per currency, each account's open balance difference, and how old each account's newest statement is.
 * Prometheus holds floats: these are for dashboards and alerts, never for money decisions. Nothing is exported
 * before the directories have caught up.
 */
export function registerReconciliationMetrics(registry: Registry, sources: ReconciliationMetricSources): void {
  const { differences, statements, ready, accountsMax } = sources;
  const now = sources.now ?? Date.now;
  const registers = [registry];
  new Gauge({
    name: "liq_reconciliation_differences",
    help: "Reconciliation differences per class and status (open, explained, proposed, resolved)",
    labelNames: ["class", "status"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      const counts = new Map<string, number>();
      for (const c of differenceClasses) for (const s of differenceStatuses) counts.set(`${c}/${s}`, 0);
      for (const d of differences.all())
        counts.set(`${d.class}/${d.status}`, counts.get(`${d.class}/${d.status}`)! + 1);
      for (const [key, count] of counts) {
        const [differenceClass, status] = key.split("/") as [string, string];
        this.set({ class: differenceClass, status }, count);
      }
    },
  });
  new Gauge({
    name: "liq_reconciliation_difference_oldest_open_seconds",
    help: "How long the oldest difference not yet resolved (open, explained or proposed) has waited since it was found, per class",
    labelNames: ["class"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      const oldest = new Map<string, number>();
      for (const d of differences.all())
        if (unresolved(d)) oldest.set(d.class, Math.min(oldest.get(d.class) ?? d.foundAt, d.foundAt));
      for (const [differenceClass, foundAt] of oldest)
        this.set({ class: differenceClass }, Math.max(0, now() - foundAt) / 1000);
    },
  });
  new Gauge({
    name: "liq_reconciliation_open_amount",
    help: "The amounts of the differences not yet resolved, in absolute value, summed per currency",
    labelNames: ["currency"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      const sums = new Map<string, InstanceType<typeof Money>>();
      for (const d of differences.all()) {
        if (!unresolved(d) || d.currency === null) continue;
        sums.set(d.currency, (sums.get(d.currency) ?? new Money(0)).plus(new Money(d.amount).abs()));
      }
      for (const [currency, sum] of sums) this.set({ currency }, sum.toNumber());
    },
  });
  new Gauge({
    name: "liq_reconciliation_balance_difference",
    help: "An account's unresolved balance difference of its latest statement day (statement minus engine)",
    labelNames: ["account", "currency"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      let count = 0;
      for (const [account, d] of openBalanceDifferences(differences)) {
        if (count++ >= accountsMax) break;
        this.set({ account, currency: d.currency ?? "" }, new Money(d.amount).toNumber());
      }
    },
  });
  new Gauge({
    name: "liq_reconciliation_statement_age_seconds",
    help: "Time since the end of the last day any imported statement of the account covers",
    labelNames: ["account"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      let count = 0;
      for (const imports of statements.all()) {
        if (count++ >= accountsMax) break;
        const coveredUntil = Date.parse(`${imports.coveredTo}T00:00:00Z`) + dayMs;
        this.set({ account: imports.accountId }, Math.max(0, now() - coveredUntil) / 1000);
      }
    },
  });
  new Gauge({
    name: "liq_statement_last_imported_timestamp_seconds",
    help: "When the newest statement version of the account was imported (Unix time)",
    labelNames: ["account"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      let count = 0;
      for (const imports of statements.all()) {
        if (count++ >= accountsMax) break;
        this.set({ account: imports.accountId }, imports.lastImportedAt / 1000);
      }
    },
  });
}
