import type { Decimal } from "decimal.js";
import type { InternalRecord, ParsedStatement, StatementLine } from "./model.js";

/**
 * What reconciliation needs from storage (ADR 014), implemented in adapters/ (MongoDB, and in memory for the
 * embedded engine). Reconciliation itself decides nothing about where things are kept.
 */

/** A statement version as registered: its header (the statement without its lines) and where its lines are. */
export interface StoredStatement {
  readonly accountId: string;
  /** SHA-256 of the statement's canonical form (reconciliation/statements/canonical.ts). */
  readonly digest: string;
  /** 1 for the first version of this statement id on the account, 2 for a corrected re-issue, ... */
  readonly version: number;
  readonly statement: Omit<ParsedStatement, "lines">;
  readonly lineCount: number;
  /** How it came in: `upload`, `inbox`, `pull`; and who sent it. */
  readonly source: string;
  readonly principal: string;
  readonly importedAt: number;
}

/**
 * The lines of statement versions, written before the version is registered (chunks of 1,000 keyed by digest and
 * chunk number, so that a rewrite after a crash writes the same documents), and read back by digest.
 */
export interface StatementLineStore {
  /** Idempotent: writing the same digest's lines again changes nothing. */
  putLines(digest: string, lines: readonly StatementLine[]): Promise<void>;
  /** Every line of a version, in line order; throws when the version's lines are incomplete. */
  lines(digest: string, lineCount: number): Promise<StatementLine[]>;
}

/**
 * The engine's records of an account by booking day (ADR 014 §2): folded from the account events stream, with the
 * event sequence applied so far so that a reader can wait until it has caught up with the account.
 */
export interface RecordSource {
  /** Records with a booking date in [fromDate, toDate], in (bookingDate, recordId) order. */
  recordsOf(accountId: string, fromDate: string, toDate: string): Promise<InternalRecord[]>;
  /** The highest account event sequence folded into the records (0 when none). */
  appliedThrough(accountId: string): Promise<number>;
}

/** The ledger of an account at the end of a day, from the account itself; undefined when beyond its retention. */
export type LedgerAsOf = (accountId: string, date: string) => Promise<Decimal | undefined>;
