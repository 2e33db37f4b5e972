import pg from "pg";
import { Exact, type PlannedUpdate, type StoredBalance } from "./position-workload.js";

/**
 * The conventional design of the design article (`fund_position`, one row per bank account, DECIMAL(20,4) columns,
 * an optimistic `version`), updated under a row lock, with the optimistic version and retries, or with an atomic
 * UPDATE. Every update also inserts its `fund_entry` row (entry id unique) in the same transaction, as the engine
 * journals every entry idempotently: the comparison is like for like. An entry moves the ledger and the available
 * balance alike (available = ledger - frozen - in transit debit + in transit credit), in the database as in the
 * account actor. Amounts travel as decimal strings and are added with decimal.js or in NUMERIC: never a JS number.
 */
export type BaselineName = "pg FOR UPDATE" | "pg optimistic version" | "pg atomic UPDATE";
export const baselineNames: readonly BaselineName[] = ["pg FOR UPDATE", "pg optimistic version", "pg atomic UPDATE"];

const schema = `
  DROP TABLE IF EXISTS fund_entry; DROP TABLE IF EXISTS fund_position;
  CREATE TABLE fund_position (
    id bigserial PRIMARY KEY,
    account_no varchar(64) NOT NULL,
    bank_code varchar(32) NOT NULL,
    currency char(3) NOT NULL,
    ledger_balance numeric(20,4) NOT NULL DEFAULT 0,
    available_balance numeric(20,4) NOT NULL DEFAULT 0,
    frozen_amount numeric(20,4) NOT NULL DEFAULT 0,
    intransit_debit numeric(20,4) NOT NULL DEFAULT 0,
    intransit_credit numeric(20,4) NOT NULL DEFAULT 0,
    version bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_no, bank_code));
  CREATE TABLE fund_entry (
    entry_id varchar(120) PRIMARY KEY,
    position_id bigint NOT NULL REFERENCES fund_position,
    direction varchar(6) NOT NULL,
    amount numeric(20,4) NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now());`;

const insertEntry = "INSERT INTO fund_entry (entry_id, position_id, direction, amount) VALUES ($1, $2, $3, $4)";

/** WAL flushes PostgreSQL did (pg_stat_wal, whole cluster): how many commits shared one fsync. */
export interface WalCounters {
  readonly walSyncs: number;
  readonly walSyncMs: number;
}

export class PostgresBaseline {
  /** Optimistic-version conflicts retried in the current run. */
  retries = 0;

  private constructor(
    readonly name: BaselineName,
    private readonly pool: pg.Pool,
  ) {}

  /** A fresh schema with a zero position per account id (`<bankCode>:<accountNumber>`); a pool of `connections`. */
  static async prepare(
    url: string,
    name: BaselineName,
    accounts: readonly string[],
    connections: number,
  ): Promise<PostgresBaseline> {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(schema);
      for (let start = 0; start < accounts.length; start += 500) {
        const keys = accounts.slice(start, start + 500).map(split);
        await setup.query(
          "INSERT INTO fund_position (bank_code, account_no, currency) SELECT unnest($1::text[]), unnest($2::text[]), 'EUR'",
          [keys.map((k) => k.bankCode), keys.map((k) => k.accountNo)],
        );
      }
      await setup.query("VACUUM ANALYZE fund_position");
    } finally {
      await setup.end();
    }
    const pool = new pg.Pool({ connectionString: url, max: connections });
    // Open every connection before the measured run, as the engine's warm-up activates every actor.
    await Promise.all(Array.from({ length: connections }, () => pool.query("SELECT 1")));
    return new PostgresBaseline(name, pool);
  }

  /** One update; resolves to undefined or a failure description. */
  async apply(update: PlannedUpdate): Promise<string | undefined> {
    const { bankCode, accountNo } = split(update.accountId);
    const delta = update.signedAmount.toFixed(4);
    switch (this.name) {
      case "pg FOR UPDATE":
        // Pessimistic: lock the row, compute the new position, write it with the entry, commit (5 round trips).
        return this.inTransaction(async (client) => {
          const { rows } = await client.query<Row>(
            "SELECT id, ledger_balance, available_balance FROM fund_position WHERE account_no = $1 AND bank_code = $2 FOR UPDATE",
            [accountNo, bankCode],
          );
          if (!rows[0]) throw new Error(`no fund_position row for ${update.accountId}`);
          const [ledger, available] = moved(rows[0], update);
          await client.query(insertEntry, [update.entryId, rows[0].id, update.direction, update.amount]);
          await client.query(
            "UPDATE fund_position SET ledger_balance = $2, available_balance = $3, version = version + 1, updated_at = now() WHERE id = $1",
            [rows[0].id, ledger, available],
          );
        });
      case "pg optimistic version":
        // Read without a lock, then write only if the version is still the one read; on a conflict, read again and
        // retry at once (no limit, no backoff), so no update fails: the cost shows as retries and latency.
        for (;;) {
          const { rows } = await this.pool.query<Row & { version: string }>(
            "SELECT id, ledger_balance, available_balance, version FROM fund_position WHERE account_no = $1 AND bank_code = $2",
            [accountNo, bankCode],
          );
          if (!rows[0]) return `no fund_position row for ${update.accountId}`;
          const row = rows[0];
          const [ledger, available] = moved(row, update);
          let conflicted = false;
          const failure = await this.inTransaction(async (client) => {
            await client.query(insertEntry, [update.entryId, row.id, update.direction, update.amount]);
            const result = await client.query(
              "UPDATE fund_position SET ledger_balance = $3, available_balance = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2",
              [row.id, row.version, ledger, available],
            );
            if (result.rowCount === 0) throw new Conflict();
          }).catch((error: unknown) => {
            if (!(error instanceof Conflict)) throw error;
            conflicted = true;
            return undefined;
          });
          if (!conflicted) return failure;
          this.retries++;
        }
      case "pg atomic UPDATE":
        // One statement, one round trip, autocommit: the strongest form of the conventional design.
        try {
          const result = await this.pool.query(
            `WITH position AS (
               UPDATE fund_position SET ledger_balance = ledger_balance + $5, available_balance = available_balance + $5,
                 version = version + 1, updated_at = now()
               WHERE account_no = $2 AND bank_code = $1 RETURNING id)
             INSERT INTO fund_entry (entry_id, position_id, direction, amount) SELECT $3, id, $4, $6 FROM position`,
            [bankCode, accountNo, update.entryId, update.direction, delta, update.amount],
          );
          return result.rowCount === 1 ? undefined : `no fund_position row for ${update.accountId}`;
        } catch (error) {
          return String(error);
        }
    }
  }

  /** Ledger and available balance by account id, as PostgreSQL's exact NUMERIC text. */
  async balances(): Promise<Map<string, StoredBalance>> {
    const { rows } = await this.pool.query<{
      bank_code: string;
      account_no: string;
      ledger_balance: string;
      available_balance: string;
    }>("SELECT bank_code, account_no, ledger_balance, available_balance FROM fund_position");
    return new Map(
      rows.map((row) => [
        `${row.bank_code}:${row.account_no}`,
        { ledger: row.ledger_balance, available: row.available_balance },
      ]),
    );
  }

  /** `fund_entry` rows: one per update acknowledged, none for a conflict rolled back. */
  async entryCount(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM fund_entry");
    return Number(rows[0]!.n);
  }

  /**
   * The cluster's WAL counters. A backend reports its counts when it ends (or idles), so call this after the
   * connections of interest were closed: it waits a moment for them to exit, then reads on a connection of its own.
   */
  static async walCounters(url: string): Promise<WalCounters> {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ wal_sync: string; wal_sync_time: number }>(
        "SELECT wal_sync, wal_sync_time FROM pg_stat_wal",
      );
      return {
        walSyncs: Number(rows[0]?.wal_sync ?? Number.NaN),
        walSyncMs: Number(rows[0]?.wal_sync_time ?? Number.NaN),
      };
    } finally {
      await client.end();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<string | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await work(client);
      await client.query("COMMIT");
      return undefined;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if (error instanceof Conflict) throw error;
      return String(error);
    } finally {
      client.release();
    }
  }
}

interface Row {
  readonly id: string;
  readonly ledger_balance: string;
  readonly available_balance: string;
}

/** The position after an entry, computed in the application as the conventional design does (decimal.js). */
function moved(row: Row, update: PlannedUpdate): [string, string] {
  return [
    new Exact(row.ledger_balance).plus(update.signedAmount).toFixed(4),
    new Exact(row.available_balance).plus(update.signedAmount).toFixed(4),
  ];
}

class Conflict extends Error {}

function split(accountId: string): { bankCode: string; accountNo: string } {
  const colon = accountId.indexOf(":");
  return { bankCode: accountId.slice(0, colon), accountNo: accountId.slice(colon + 1) };
}
