import { Decimal } from "decimal.js";
import pg from "pg";
import type { PlannedUpdate } from "./position-workload.js";

/**
 * The conventional design of the design article: a `fund_position` row per account, updated under a row lock, with
 * an optimistic version, or with an atomic UPDATE. Every update also inserts its `fund_entry` row (unique entry id)
 * in the same transaction, as the engine journals every entry idempotently: the comparison is like for like.
 */
export type BaselineName = "pg FOR UPDATE" | "pg optimistic version" | "pg atomic UPDATE";
export const baselineNames: readonly BaselineName[] = ["pg FOR UPDATE", "pg optimistic version", "pg atomic UPDATE"];

const schema = `
  DROP TABLE IF EXISTS fund_entry; DROP TABLE IF EXISTS fund_position;
  CREATE TABLE fund_position (
    account_id text PRIMARY KEY, currency char(3) NOT NULL, balance numeric(20,4) NOT NULL,
    version bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE fund_entry (
    entry_id text PRIMARY KEY, account_id text NOT NULL REFERENCES fund_position, direction text NOT NULL,
    amount numeric(20,4) NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now());`;

export class PostgresBaseline {
  /** Optimistic-version conflicts retried in the current run. */
  retries = 0;

  private constructor(
    readonly name: BaselineName,
    private readonly pool: pg.Pool,
  ) {}

  /** A fresh schema with `accounts` zero positions; a pool of `connections`. */
  static async prepare(url: string, name: BaselineName, accounts: readonly string[], connections: number): Promise<PostgresBaseline> {
    const pool = new pg.Pool({ connectionString: url, max: connections });
    await pool.query(schema);
    for (let start = 0; start < accounts.length; start += 500) {
      const chunk = accounts.slice(start, start + 500);
      await pool.query(`INSERT INTO fund_position (account_id, currency, balance) SELECT unnest($1::text[]), 'EUR', 0`, [chunk]);
    }
    // Open every connection before the measured run, as the engine's warm-up activates every actor.
    await Promise.all(Array.from({ length: connections }, () => pool.query("SELECT 1")));
    return new PostgresBaseline(name, pool);
  }

  /** One update; resolves to undefined or a failure description. */
  async apply(update: PlannedUpdate): Promise<string | undefined> {
    switch (this.name) {
      case "pg FOR UPDATE":
        return this.inTransaction(async (client) => {
          const { rows } = await client.query<{ balance: string }>("SELECT balance FROM fund_position WHERE account_id = $1 FOR UPDATE", [update.accountId]);
          const balance = new Decimal(rows[0]!.balance).plus(update.signedAmount);
          await client.query("INSERT INTO fund_entry (entry_id, account_id, direction, amount) VALUES ($1, $2, $3, $4)", [update.entryId, update.accountId, update.direction, update.amount]);
          await client.query("UPDATE fund_position SET balance = $2, version = version + 1, updated_at = now() WHERE account_id = $1", [update.accountId, balance.toFixed(4)]);
        });
      case "pg optimistic version":
        for (;;) {
          const { rows } = await this.pool.query<{ balance: string; version: string }>("SELECT balance, version FROM fund_position WHERE account_id = $1", [update.accountId]);
          const balance = new Decimal(rows[0]!.balance).plus(update.signedAmount);
          const failure = await this.inTransaction(async (client) => {
            await client.query("INSERT INTO fund_entry (entry_id, account_id, direction, amount) VALUES ($1, $2, $3, $4)", [update.entryId, update.accountId, update.direction, update.amount]);
            const result = await client.query("UPDATE fund_position SET balance = $2, version = version + 1, updated_at = now() WHERE account_id = $1 AND version = $3", [update.accountId, balance.toFixed(4), rows[0]!.version]);
            if (result.rowCount === 0) throw new Conflict();
          }).catch((error: unknown) => {
            if (error instanceof Conflict) return "conflict";
            throw error;
          });
          if (failure !== "conflict") return failure;
          this.retries++;
        }
      case "pg atomic UPDATE":
        // One statement, one round trip, autocommit: the strongest form of the conventional design.
        try {
          await this.pool.query(
            `WITH entry AS (INSERT INTO fund_entry (entry_id, account_id, direction, amount) VALUES ($1, $2, $3, $4))
             UPDATE fund_position SET balance = balance + $5, version = version + 1, updated_at = now() WHERE account_id = $2`,
            [update.entryId, update.accountId, update.direction, update.amount, update.signedAmount.toFixed(4)],
          );
          return undefined;
        } catch (error) {
          return String(error);
        }
    }
  }

  /** Balances by account id, exact. */
  async balances(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ account_id: string; balance: string }>("SELECT account_id, balance FROM fund_position");
    return new Map(rows.map((row) => [row.account_id, new Decimal(row.balance).toFixed(4)]));
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

class Conflict extends Error {}
