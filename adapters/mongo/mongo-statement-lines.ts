import { MongoClient, type AnyBulkWriteOperation, type Collection, type WriteConcernSettings } from "mongodb";
import type { Json } from "../../runtime/json.js";
import type { StatementLine } from "../../reconciliation/model.js";
import type { StatementLineStore } from "../../reconciliation/ports.js";
import {
  chunkId,
  chunksOf,
  linesOfChunks,
  StatementLinesIncomplete,
} from "../../reconciliation/statements/line-chunks.js";
import { createMissingIndexes } from "./indexes.js";

export interface MongoStatementLineOptions {
  readonly url: string;
  readonly database: string;
  /** Lines are registered as durable once written: the journal's concern, by default majority. */
  readonly writeConcern?: WriteConcernSettings;
  readonly serverSelectionTimeoutMs?: number;
}

/** One chunk of a version's lines (ADR 014 §1): `_id` `<digest>:<chunk>`, lines as the line codec writes them. */
interface LineChunkDocument {
  _id: string;
  digest: string;
  chunk: number;
  lines: Json[];
}

export const statementLinesCollection = "statement_lines";
/** Chunks per bulk write: a chunk is up to 1,000 lines (a few hundred KB), and FerretDB 1.24 dislikes large bulks. */
const chunksPerWriteMax = 8;

/**
 * Statement lines on MongoDB (and FerretDB), outside every actor's snapshot so a 100,000-line statement is 100
 * documents rather than one too large. Writes are upserts by `_id`: writing a version again (after a crash, or from
 * a second door at once) writes the same documents, harmlessly.
 */
export class MongoStatementLineStore implements StatementLineStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly collection: Collection<LineChunkDocument>,
    private readonly writeConcern: WriteConcernSettings,
  ) {}

  static async connect(options: MongoStatementLineOptions): Promise<MongoStatementLineStore> {
    const client = await MongoClient.connect(options.url, {
      appName: "liquidity-engine-statement-lines",
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    try {
      const db = client.db(options.database);
      await createMissingIndexes(db, statementLinesCollection, [
        { key: { digest: 1, chunk: 1 }, name: "digest_chunk" },
      ]);
      return new MongoStatementLineStore(
        client,
        db.collection<LineChunkDocument>(statementLinesCollection),
        options.writeConcern ?? { w: "majority" },
      );
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async putLines(digest: string, lines: readonly StatementLine[]): Promise<void> {
    const operations: AnyBulkWriteOperation<LineChunkDocument>[] = chunksOf(lines).map((chunk) => ({
      replaceOne: {
        filter: { _id: chunkId(digest, chunk.chunk) },
        replacement: { _id: chunkId(digest, chunk.chunk), digest, chunk: chunk.chunk, lines: [...chunk.lines] },
        upsert: true,
      },
    }));
    for (let start = 0; start < operations.length; start += chunksPerWriteMax)
      await this.collection.bulkWrite(operations.slice(start, start + chunksPerWriteMax), {
        ordered: true,
        writeConcern: this.writeConcern,
      });
  }

  async lines(digest: string, lineCount: number): Promise<StatementLine[]> {
    const documents = await this.collection
      .find({ digest }, { projection: { _id: 0, chunk: 1, lines: 1 } })
      .sort({ chunk: 1 })
      .toArray();
    const stored = documents.map((document, index) => {
      if (!Number.isSafeInteger(document.chunk) || !Array.isArray(document.lines))
        throw new StatementLinesIncomplete(`statement version ${digest}: stored chunk ${index} is malformed`);
      return { chunk: document.chunk, lines: document.lines };
    });
    return linesOfChunks(digest, lineCount, stored);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
