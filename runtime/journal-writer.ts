import type { RuntimeLimits } from "./limits.js";
import type { AppendOutcome, JournalEntry, JournalStore, Logger, RuntimeMetrics } from "./ports.js";

interface PendingAppend {
  readonly entries: readonly JournalEntry[];
  readonly resolve: (outcome: Exclude<AppendOutcome, "skipped">) => void;
}

/**
 * Turns each actor's group commit into store writes. With coalescing on, appends of many actors that arrive
 * while writes are in flight share the next ordered bulk write (ADR 001 §4); each actor learns its own outcome.
 * An actor has at most one append in flight, so per-actor order is kept.
 */
export class JournalWriter {
  private queue: PendingAppend[] = [];
  private writesInFlight = 0;
  private flushScheduled = false;

  constructor(
    private readonly store: JournalStore,
    private readonly limits: RuntimeLimits,
    private readonly metrics: RuntimeMetrics,
    private readonly logger: Logger,
  ) {}

  append(entries: readonly JournalEntry[]): Promise<Exclude<AppendOutcome, "skipped">> {
    return new Promise((resolve) => {
      this.queue.push({ entries, resolve });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A microtask later, so that appends issued in the same tick by other actors join this write.
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.writesInFlight < this.limits.journalWritesInFlightMax) {
      const group = this.takeGroup();
      this.writesInFlight++;
      void this.write(group).finally(() => {
        this.writesInFlight--;
        if (this.queue.length > 0) this.scheduleFlush();
      });
    }
  }

  private takeGroup(): PendingAppend[] {
    if (!this.limits.journalCoalesce) return this.queue.splice(0, 1);
    let entryCount = 0;
    let taken = 0;
    for (const pending of this.queue) {
      if (taken > 0 && entryCount + pending.entries.length > this.limits.journalWriteEntriesMax) break;
      entryCount += pending.entries.length;
      taken++;
    }
    return this.queue.splice(0, taken);
  }

  private async write(group: PendingAppend[]): Promise<void> {
    const started = performance.now();
    const entryCount = group.reduce((sum, pending) => sum + pending.entries.length, 0);
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.store.append(group.map((pending) => ({ entries: pending.entries })));
    } catch (error) {
      this.logger.warn("journal write failed", { error, entries: entryCount });
      this.metrics.journalWrite((performance.now() - started) / 1000, entryCount, "error");
      for (const pending of group) pending.resolve("uncertain");
      return;
    }
    const anyUncertain = outcomes.some((outcome) => outcome !== "written");
    this.metrics.journalWrite((performance.now() - started) / 1000, entryCount, anyUncertain ? "uncertain" : "written");
    const resubmit: PendingAppend[] = [];
    group.forEach((pending, index) => {
      const outcome = outcomes[index] ?? "uncertain";
      if (outcome === "skipped") resubmit.push(pending);
      else pending.resolve(outcome);
    });
    if (resubmit.length > 0) {
      // Not attempted because an earlier batch in the same ordered write failed: first in line for the next one.
      this.queue.unshift(...resubmit);
    }
  }
}
