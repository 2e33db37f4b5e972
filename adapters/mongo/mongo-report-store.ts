import {
  MongoBulkWriteError,
  MongoClient,
  type AnyBulkWriteOperation,
  type Collection,
  type WriteConcernSettings,
} from "mongodb";
import type { JsonObject } from "../../runtime/json.js";
import type {
  ReportHeader,
  ReportKey,
  ReportSection,
  ReportSections,
  ReportStore,
  RunReportDocument,
} from "../../reconciliation/ports.js";
import { decodeHeader, decodeItem, encodeHeader, encodeItem } from "../../reconciliation/report-json.js";
import { reportChunkItemsMax, reportsKeptPerDay } from "../../reconciliation/report-retention.js";
import { createMissingIndexes } from "./indexes.js";

export interface MongoReportStoreOptions {
  readonly url: string;
  readonly database: string;
  readonly writeConcern?: WriteConcernSettings;
  /** How long to wait for a reachable server, at connect and per operation; 10 s by default. */
  readonly serverSelectionTimeoutMs?: number;
}

/** A report's header, or one chunk of one of its lists; the key's fields at the top level to find a day's reports. */
interface ReportDocument {
  _id: string;
  kind: "header" | "chunk";
  accountId: string;
  date: string;
  inputsDigest: string;
  createdAt: number;
  header?: JsonObject;
  section?: ReportSection;
  chunk?: number;
  items?: JsonObject[];
}

export const reportCollection = "reconciliation_reports";
const sections: readonly ReportSection[] = ["matches", "differences", "pending"];
/** Writes per bulk command: FerretDB 1.24 holds a pooled connection per write of a command (mongo-transfer-index.ts). */
const writesPerCommandMax = 32;

/**
 * Reconciliation reports on MongoDB (and FerretDB), collection `reconciliation_reports`: each list in chunks of
 * `reportChunkItemsMax` items keyed by account, day, inputs digest, list and chunk number, then the header. Every
 * write replaces a document by its id, so a rewrite after a crash writes the same documents; a report is read only
 * once its header is there.
 */
export class MongoReportStore implements ReportStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly collection: Collection<ReportDocument>,
    private readonly writeConcern: WriteConcernSettings,
  ) {}

  static async connect(options: MongoReportStoreOptions): Promise<MongoReportStore> {
    const client = await MongoClient.connect(options.url, {
      appName: "liquidity-engine-reconciliation-reports",
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    });
    try {
      const db = client.db(options.database);
      await createMissingIndexes(db, reportCollection, [
        { key: { accountId: 1, date: 1, kind: 1, createdAt: -1 }, name: "day_kind_created" },
      ]);
      return new MongoReportStore(
        client,
        db.collection<ReportDocument>(reportCollection),
        options.writeConcern ?? { w: "majority" },
      );
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async putReport(report: RunReportDocument): Promise<void> {
    const { header } = report;
    if (await this.header(header)) return;
    const base = { accountId: header.accountId, date: header.date, inputsDigest: header.inputsDigest };
    const documents: ReportDocument[] = [];
    for (const section of sections) {
      const items = report[section] as readonly ReportSections[typeof section][number][];
      for (let chunk = 0; chunk * reportChunkItemsMax < items.length; chunk++) {
        const slice = items.slice(chunk * reportChunkItemsMax, (chunk + 1) * reportChunkItemsMax);
        documents.push({
          _id: chunkId(header, section, chunk),
          kind: "chunk",
          ...base,
          createdAt: header.createdAt,
          section,
          chunk,
          items: slice.map((item) => encodeItem(section, item)),
        });
      }
    }
    await this.replaceAll(documents);
    // Last: the report is visible once whole.
    await this.replaceAll([
      { _id: headerId(header), kind: "header", ...base, createdAt: header.createdAt, header: encodeHeader(header) },
    ]);
    await this.pruneDay(header.accountId, header.date);
  }

  async header(key: ReportKey): Promise<ReportHeader | undefined> {
    const document = await this.collection.findOne({ _id: headerId(key) });
    if (!document?.header) return undefined;
    return decodeHeader(document.header, `the report header ${document._id}`);
  }

  async section<S extends ReportSection>(
    key: ReportKey,
    section: S,
    offset: number,
    count: number,
  ): Promise<ReportSections[S][number][]> {
    if (count <= 0) return [];
    const first = Math.floor(offset / reportChunkItemsMax);
    const last = Math.floor((offset + count - 1) / reportChunkItemsMax);
    const ids = Array.from({ length: last - first + 1 }, (_, index) => chunkId(key, section, first + index));
    const chunks = await this.collection.find({ _id: { $in: ids } }).toArray();
    chunks.sort((a, b) => (a.chunk ?? 0) - (b.chunk ?? 0));
    const items = chunks.flatMap((chunk) =>
      (chunk.items ?? []).map((item, index) => decodeItem(section, item, `${chunk._id} item ${index}`)),
    );
    const skip = offset - first * reportChunkItemsMax;
    return items.slice(skip, skip + count);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Keeps the newest `reportsKeptPerDay` reports of the day; older ones go, chunks and all. */
  private async pruneDay(accountId: string, date: string): Promise<void> {
    const old = await this.collection
      .find({ accountId, date, kind: "header" }, { projection: { inputsDigest: 1 } })
      .sort({ createdAt: -1 })
      .skip(reportsKeptPerDay)
      .toArray();
    if (old.length === 0) return;
    await this.collection.deleteMany(
      { accountId, date, inputsDigest: { $in: old.map((document) => document.inputsDigest) } },
      { writeConcern: this.writeConcern },
    );
  }

  private async replaceAll(documents: readonly ReportDocument[]): Promise<void> {
    for (let start = 0; start < documents.length; start += writesPerCommandMax) {
      const batch = documents.slice(start, start + writesPerCommandMax);
      const operations: AnyBulkWriteOperation<ReportDocument>[] = batch.map((document) => ({
        replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
      }));
      try {
        await this.collection.bulkWrite(operations, { ordered: false, writeConcern: this.writeConcern });
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        // FerretDB stops an unordered bulk at its first error; every write is idempotent, so each goes again alone.
        for (const document of batch)
          await this.collection.replaceOne({ _id: document._id }, document, {
            upsert: true,
            writeConcern: this.writeConcern,
          });
      }
    }
  }
}

function headerId(key: ReportKey): string {
  return `${key.accountId}|${key.date}|${key.inputsDigest}`;
}

function chunkId(key: ReportKey, section: ReportSection, chunk: number): string {
  return `${headerId(key)}|${section}|${chunk}`;
}
