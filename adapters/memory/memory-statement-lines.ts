import type { JsonObject } from "../../runtime/json.js";
import type { StatementLine } from "../../reconciliation/model.js";
import type { StatementLineStore } from "../../reconciliation/ports.js";
import { chunksOf, linesOfChunks } from "../../reconciliation/statements/line-chunks.js";

/**
 * Statement lines in memory (embedded mode and tests), chunked and encoded exactly as the MongoDB store keeps them,
 * so that the same checks run on both: a rewrite replaces a chunk with the same chunk; a read checks every chunk.
 */
export class MemoryStatementLineStore implements StatementLineStore {
  private readonly chunks = new Map<string, Map<number, readonly JsonObject[]>>();

  async putLines(digest: string, lines: readonly StatementLine[]): Promise<void> {
    const stored = this.chunks.get(digest) ?? new Map<number, readonly JsonObject[]>();
    for (const chunk of chunksOf(lines)) stored.set(chunk.chunk, chunk.lines);
    this.chunks.set(digest, stored);
  }

  async lines(digest: string, lineCount: number): Promise<StatementLine[]> {
    const stored = this.chunks.get(digest) ?? new Map<number, readonly JsonObject[]>();
    return linesOfChunks(
      digest,
      lineCount,
      [...stored].map(([chunk, lines]) => ({ chunk, lines })),
    );
  }

  /** Test support: forgets chunk `chunk` of a version, as a crash between two chunk writes would leave it. */
  dropChunk(digest: string, chunk: number): void {
    this.chunks.get(digest)?.delete(chunk);
  }
}
