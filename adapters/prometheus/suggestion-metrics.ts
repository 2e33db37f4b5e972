import { Gauge, type Registry } from "prom-client";
import { suggestionStatuses } from "../../actors/suggestion/state.js";
import type { SuggestionDirectory } from "../../read-models/suggestion-directory.js";

/**
 * Suggestions as the suggestion directory holds them (ADR 012 §5), computed at scrape time: how many per status, and
 * per pool and currency how many wait for approval and how long the oldest has waited, and how long the oldest
 * approved one has waited for its transfer. Nothing is exported before the directory has caught up.
 */
export function registerSuggestionMetrics(
  registry: Registry,
  directory: SuggestionDirectory,
  ready: () => boolean,
  now: () => number = Date.now,
): void {
  const registers = [registry];
  new Gauge({
    name: "liq_suggestions",
    help: "Suggestions per status (PENDING, APPROVED, TRANSFER_CREATED, CREATE_FAILED, REJECTED, EXPIRED)",
    labelNames: ["status"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      const counts = new Map<string, number>(suggestionStatuses.map((status) => [status, 0]));
      for (const { suggestion } of directory.all())
        counts.set(suggestion.status, (counts.get(suggestion.status) ?? 0) + 1);
      for (const [status, count] of counts) this.set({ status }, count);
    },
  });
  const oldest = (status: string) => {
    const ages = new Map<string, { pool: string; currency: string; count: number; oldestAt: number }>();
    for (const { suggestion } of directory.all()) {
      if (suggestion.status !== status) continue;
      const key = `${suggestion.pool}/${suggestion.transfer.currency}`;
      const since = status === "PENDING" ? suggestion.createdAt : suggestion.updatedAt;
      const known = ages.get(key);
      if (known) ages.set(key, { ...known, count: known.count + 1, oldestAt: Math.min(known.oldestAt, since) });
      else ages.set(key, { pool: suggestion.pool, currency: suggestion.transfer.currency, count: 1, oldestAt: since });
    }
    return [...ages.values()];
  };
  new Gauge({
    name: "liq_suggestions_pending",
    help: "Suggestions waiting for approval, per pool and currency",
    labelNames: ["pool", "currency"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      for (const group of oldest("PENDING")) this.set({ pool: group.pool, currency: group.currency }, group.count);
    },
  });
  new Gauge({
    name: "liq_suggestion_oldest_pending_seconds",
    help: "How long the oldest suggestion waiting for approval has waited, per pool and currency",
    labelNames: ["pool", "currency"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      for (const group of oldest("PENDING"))
        this.set({ pool: group.pool, currency: group.currency }, (now() - group.oldestAt) / 1000);
    },
  });
  new Gauge({
    name: "liq_suggestion_oldest_approved_seconds",
    help: "How long the oldest approved suggestion has waited for its transfer to be created, per pool and currency",
    labelNames: ["pool", "currency"],
    registers,
    collect() {
      this.reset();
      if (!ready()) return;
      for (const group of oldest("APPROVED"))
        this.set({ pool: group.pool, currency: group.currency }, (now() - group.oldestAt) / 1000);
    },
  });
}
