import pg from "pg";

/** Rows PostgreSQL counted for one collection of FerretDB: each document inserted, updated or deleted is one. */
export interface CollectionWrites {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

/**
 * PostgreSQL flushes a backend's table statistics when it goes idle, at most every 10 s while it stays busy
 * (PGSTAT_IDLE_INTERVAL): FerretDB's pooled connections are read after that.
 */
const statisticsFlushMs = 11_000;

/** What a run wrote: documents per collection, and the journal's entries per actor kind and command type. */
export interface StoreWriteCounts {
  readonly byCollection: Readonly<Record<string, CollectionWrites>>;
  /** `<kind> <commandType>` -> entries. */
  readonly journalEntries: Readonly<Record<string, number>>;
}

/**
 * The documents each collection of a FerretDB database wrote, from the statistics of the PostgreSQL under it (a
 * collection is a table of the database's schema; FerretDB's metadata table names it). Counts every writer: the
 * engine's actors, read models and checkpoints alike. Undefined when the database is not there.
 */
export async function collectionWrites(postgresUrl: string, database: string): Promise<StoreWriteCounts | undefined> {
  await new Promise((resolve) => setTimeout(resolve, statisticsFlushMs));
  const client = new pg.Client(postgresUrl);
  await client.connect();
  try {
    const schema = await client.query<{ found: boolean }>(
      "select exists (select 1 from pg_namespace where nspname = $1) as found",
      [database],
    );
    if (!schema.rows[0]?.found) return undefined;
    const tables = await client.query<{ collection: string; table: string }>(
      `select _jsonb->>'_id' as collection, _jsonb->>'table' as table from ${pg.escapeIdentifier(database)}._ferretdb_database_metadata`,
    );
    const stats = await client.query<{ relname: string; n_tup_ins: string; n_tup_upd: string; n_tup_del: string }>(
      "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables where schemaname = $1",
      [database],
    );
    const byTable = new Map(stats.rows.map((row) => [row.relname, row]));
    const byCollection: Record<string, CollectionWrites> = {};
    for (const { collection, table } of tables.rows.sort((x, y) => x.collection.localeCompare(y.collection))) {
      const row = byTable.get(table);
      if (row)
        byCollection[collection] = {
          inserted: Number(row.n_tup_ins),
          updated: Number(row.n_tup_upd),
          deleted: Number(row.n_tup_del),
        };
    }
    const journalTable = tables.rows.find((row) => row.collection === "journal")?.table;
    const journalEntries: Record<string, number> = {};
    if (journalTable) {
      // Counted in PostgreSQL: an aggregation through FerretDB would ship every document to it.
      const mix = await client.query<{ kind: string; type: string; entries: string }>(
        `select _jsonb->>'kind' as kind, _jsonb->>'commandType' as type, count(*) as entries from ${pg.escapeIdentifier(database)}.${pg.escapeIdentifier(journalTable)} group by 1, 2 order by 3 desc`,
      );
      for (const { kind, type, entries } of mix.rows) journalEntries[`${kind} ${type}`] = Number(entries);
    }
    return { byCollection, journalEntries };
  } finally {
    await client.end();
  }
}
