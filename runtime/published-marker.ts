import type { EntryRef, JournalStore, Logger } from "./ports.js";

/**
 * Marks published entries in the store, many actors per write, off the hot path. A mark that is lost (crash,
 * store error) only means the entry is checked against the stream again by activation or the sweep.
 */
export class PublishedMarker {
  private pending: EntryRef[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: JournalStore,
    private readonly logger: Logger,
    private readonly refsPerWriteMax = 1_000,
  ) {}

  mark(refs: readonly EntryRef[]): void {
    // An empty mark must not start a drain: an async drain with nothing to do finishes (and clears `writing`)
    // before the assignment below, which would leave `writing` set forever and stall every later mark.
    if (refs.length === 0) return;
    this.pending.push(...refs);
    if (!this.writing) this.writing = this.drain();
  }

  /** Resolves once everything marked so far has been written (or failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Yield first, so `writing` is assigned before the finally block below can clear it.
    await Promise.resolve();
    try {
      while (this.pending.length > 0) {
        const refs = this.pending.splice(0, this.refsPerWriteMax);
        try {
          await this.store.markPublished(refs);
        } catch (error) {
          this.logger.warn("marking entries published failed; the sweep will repair", { error, entries: refs.length });
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
