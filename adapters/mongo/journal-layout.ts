import { MongoBulkWriteError, MongoServerError, type Collection, type Db } from "mongodb";
import { createMissingIndexes } from "./indexes.js";
import { journalDocumentId, type JournalDocument } from "./documents.js";

const duplicateKey = 11000;
const namespaceNotFound = 26;
const indexNotFound = 27;
/** The unique key of the current layout; its presence means the journal needs no rewrite. */
const commandIndexName = "actor_command_unique";
/** The fencing key of the layout keyed by command id; dropped first, since old and new copies share (actor, seq). */
const previousSeqIndexName = "actor_seq_unique";
const rewriteBatchSize = 500;

/**
 * Brings the journal to the layout keyed by entry number (ADR 015) and makes its indexes. A journal written in the
 * layout keyed by command id is rewritten in place: each entry is inserted under its new `_id`, then its old
 * document deleted. Every step can be repeated, so a start that dies part-way is finished by the next one; the
 * idempotency index is made last, when no entry has two copies. Returns how many entries were rewritten.
 * Run with every engine node of the deployment stopped: an old node would keep writing the old layout.
 */
export async function prepareJournal(db: Db): Promise<number> {
  const journal = db.collection<JournalDocument>("journal");
  const indexes = await indexNames(db, "journal");
  let rewritten = 0;
  if (indexes !== undefined && !indexes.has(commandIndexName)) {
    if (indexes.has(previousSeqIndexName)) await dropIndex(journal, previousSeqIndexName);
    rewritten = await rewriteEntries(journal);
  }
  await createMissingIndexes(db, "journal", [
    { key: { actor: 1, commandId: 1 }, name: commandIndexName, unique: true },
    { key: { recordedAt: 1 }, name: "recorded_at" },
  ]);
  return rewritten;
}

/** Names of the collection's indexes; undefined when the collection does not exist yet. */
async function indexNames(db: Db, collection: string): Promise<Set<string> | undefined> {
  try {
    const indexes = await db.collection(collection).listIndexes().toArray();
    return new Set(indexes.map((index) => String(index["name"])));
  } catch (error) {
    if (error instanceof MongoServerError && error.code === namespaceNotFound) return undefined;
    throw error;
  }
}

async function dropIndex(journal: Collection<JournalDocument>, name: string): Promise<void> {
  try {
    await journal.dropIndex(name);
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === indexNotFound)) throw error;
  }
}

async function rewriteEntries(journal: Collection<JournalDocument>): Promise<number> {
  let rewritten = 0;
  let batch: JournalDocument[] = [];
  // Documents of the new layout, this run's or an earlier run's, come up in the scan too and are passed over.
  for await (const document of journal.find({})) {
    const _id = journalDocumentId(document.kind, document.actorId, document.seq);
    if (document._id === _id) continue;
    batch.push(document);
    if (batch.length >= rewriteBatchSize) {
      rewritten += await rewriteBatch(journal, batch);
      batch = [];
    }
  }
  if (batch.length > 0) rewritten += await rewriteBatch(journal, batch);
  return rewritten;
}

async function rewriteBatch(
  journal: Collection<JournalDocument>,
  documents: readonly JournalDocument[],
): Promise<number> {
  const copies = documents.map((document) => ({
    ...document,
    _id: journalDocumentId(document.kind, document.actorId, document.seq),
  }));
  try {
    await journal.insertMany(copies, { ordered: false });
  } catch (error) {
    // A copy already there was inserted by an earlier run that stopped before deleting the original.
    if (!onlyDuplicates(error)) throw error;
  }
  // One delete per _id: an `$in` filter is answered by a scan on FerretDB.
  await Promise.all(documents.map((document) => journal.deleteOne({ _id: document._id })));
  return documents.length;
}

function onlyDuplicates(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === duplicateKey);
}
