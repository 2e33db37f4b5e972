import type { Decimal } from "decimal.js";
import type { MatchSummary } from "./matching/index.js";
import type {
  FoundDifference,
  InternalRecord,
  Match,
  ParsedStatement,
  StatementFormat,
  StatementLine,
} from "./model.js";

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

/** A run's report is named by the account, the day and the inputs the run read (its `inputsDigest`). */
export interface ReportKey {
  readonly accountId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** SHA-256 (hex) of everything the run read: the reconciliation actor's run names it. */
  readonly inputsDigest: string;
}

/** A balance the statement states for the day beside the engine's ledger of the same day (undefined: not known). */
export interface ComparedBalance {
  /** Signed, as the statement states it. */
  readonly stated: Decimal;
  /** YYYY-MM-DD the statement dates it. */
  readonly date: string;
  readonly ledger: Decimal | undefined;
}

/** What a run read and how much it found, without its lists: a report's first page and its summary. */
export interface ReportHeader extends ReportKey {
  /** The statement version's digest (as the reconciliation actor names it), its number and format. */
  readonly statementVersion: string;
  readonly statementVersionNo: number;
  readonly statementFormat: StatementFormat;
  readonly statementId: string;
  readonly currency: string;
  /** Epoch milliseconds the run was made. */
  readonly createdAt: number;
  /** The day's statement lines (booked and pending) and the records of the date window. */
  readonly lineCount: number;
  readonly recordCount: number;
  /** The opening balance when the day is the statement's first, the closing when it is its last; else null. */
  readonly opening: ComparedBalance | null;
  readonly closing: ComparedBalance | null;
  /** Matching's counts; `differencesByClass` counts the differences recorded, balance differences included. */
  readonly summary: MatchSummary;
  readonly matchCount: number;
  readonly differenceCount: number;
  readonly pendingCount: number;
}

/** The lists of a report, each in matching's order. */
export interface ReportSections {
  readonly matches: readonly Match[];
  /** Those the run recorded in the reconciliation actor, balance differences included. */
  readonly differences: readonly FoundDifference[];
  /** The day's pending lines, whole: listed, never matched. */
  readonly pending: readonly StatementLine[];
}

export type ReportSection = keyof ReportSections;

/** A whole report, as the reconciler writes it. */
export interface RunReportDocument extends ReportSections {
  readonly header: ReportHeader;
}

/**
 * Where the full result of a run is kept (ADR 014 Consequences): a day of 100,000 lines has 100,000 matches, far more
 * than an actor's state may hold. Each list is kept in chunks; the header is written last, so that a report is
 * visible only once whole, and a rewrite after a crash writes the same documents.
 */
export interface ReportStore {
  /** Idempotent: writing a key's report again changes nothing. */
  putReport(report: RunReportDocument): Promise<void>;
  /** The header of a whole report; undefined when none is kept under the key. */
  header(key: ReportKey): Promise<ReportHeader | undefined>;
  /** Items `offset` to `offset + count - 1` of one list of a whole report (fewer at its end). */
  section<S extends ReportSection>(
    key: ReportKey,
    section: S,
    offset: number,
    count: number,
  ): Promise<ReportSections[S][number][]>;
}
