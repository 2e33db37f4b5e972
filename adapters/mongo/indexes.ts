import { MongoServerError, type Db, type IndexDescription } from "mongodb";

const namespaceNotFound = 26;

/**
 * Creates only the indexes not there yet. MongoDB treats a repeated createIndexes as a no-op, but FerretDB 1.24
 * (SQLite) drops the connection on it (a server-side panic), so a second engine connecting would fail.
 */
export async function createMissingIndexes(db: Db, collection: string, indexes: IndexDescription[]): Promise<void> {
  const existing = new Set<string>();
  try {
    for (const index of await db.collection(collection).listIndexes().toArray()) existing.add(String(index["name"]));
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === namespaceNotFound)) throw error;
  }
  const missing = indexes.filter((index) => !existing.has(index.name ?? ""));
  if (missing.length > 0) await db.collection(collection).createIndexes(missing);
}
