import type { Decimal } from "decimal.js";

/**
 * The shapes reconciliation works with (ADR 014). Parsers turn camt.053/052, MT940 and CSV into `ParsedStatement`s;
 * the engine's records of an account and day become `InternalRecord`s; matching pairs them and names what is left
 * over as `Difference`s. Amounts are exact decimals, always positive: the direction says which way money moved.
 */

export type BookingDirection = "credit" | "debit";

/** A statement's own status of a line: only booked lines move the bank's book; pending ones are reported, not matched. */
export type LineStatus = "booked" | "pending";

/** One transaction detail inside a line (a batch line carries several; a single payment carries one or none). */
export interface LineDetail {
  readonly amount: Decimal | undefined;
  readonly endToEndId: string | undefined;
  readonly bankReference: string | undefined;
  readonly remittance: string | undefined;
}

/** One line (camt `Ntry`, MT940 `:61:`+`:86:`, a CSV row) of a statement. */
export interface StatementLine {
  /** 1-based position in its statement: a line's identity inside one statement version. */
  readonly lineNo: number;
  readonly direction: BookingDirection;
  readonly amount: Decimal;
  readonly status: LineStatus;
  /** YYYY-MM-DD. */
  readonly bookingDate: string;
  /** YYYY-MM-DD. */
  readonly valueDate: string;
  /** The bank's own reference of the line (camt `AcctSvcrRef`, MT940 reference after `//`). */
  readonly bankReference: string | undefined;
  /** The ordering party's reference (camt `EndToEndId`, MT940 customer reference): our serial when we sent it. */
  readonly endToEndId: string | undefined;
  /** The bank's transaction code (camt `BkTxCd`, MT940 transaction type), as given. */
  readonly code: string | undefined;
  readonly details: readonly LineDetail[];
  /** Where in the file the line came from ("Stmt[2]/Ntry[14]", "line 37"), for messages. */
  readonly place: string;
}

/** A booked balance a statement states: opening (OPBD, MT940 :60F:/:60M:) or closing (CLBD, :62F:/:62M:). */
export interface StatedBalance {
  /** Signed: negative when the bank says debit. */
  readonly amount: Decimal;
  /** YYYY-MM-DD. */
  readonly date: string;
}

export type StatementFormat = "camt053" | "camt052" | "mt940" | "csv";

/** One statement of one account, as the bank sent it; a file may carry several. */
export interface ParsedStatement {
  readonly format: StatementFormat;
  /** The bank's id of the statement (camt `Stmt/Id`, MT940 :20: + :28C:); with the account, it names a statement. */
  readonly statementId: string;
  /** The bank's sequence or page (camt `ElctrncSeqNb`/`LglSeqNb`, MT940 :28C:), as given; undefined when absent. */
  readonly sequence: string | undefined;
  /** The account's number or IBAN as the bank writes it. */
  readonly accountNumber: string;
  /** The bank's identifier when the file names it (BIC or other id); undefined when the file does not. */
  readonly bankCode: string | undefined;
  readonly currency: string;
  /** ISO timestamp the bank made it, when stated. */
  readonly createdAt: string | undefined;
  /** YYYY-MM-DD of the first and last booking day the statement covers. */
  readonly fromDate: string;
  readonly toDate: string;
  readonly opening: StatedBalance | undefined;
  readonly closing: StatedBalance | undefined;
  readonly lines: readonly StatementLine[];
}

/** What kind of engine record an internal record is. */
export type RecordKind = "transferStep" | "entry" | "fee" | "adjustment";

/**
 * One movement the engine booked (or expects) on an account: a transfer's debit, credit or reversal, an upstream
 * accounting entry, a fee, an adjustment made by resolving a difference.
 */
export interface InternalRecord {
  /** Unique per account: `transfer:<id>:<step>`, `entry:<entryId>`. */
  readonly recordId: string;
  readonly kind: RecordKind;
  readonly direction: BookingDirection;
  readonly amount: Decimal;
  /** YYYY-MM-DD the engine booked it (or expects the bank to). */
  readonly bookingDate: string;
  /** The serial the engine sent the bank (transfer steps). */
  readonly serial: string | undefined;
  /** The reference the bank answered with (transfer steps), when known. */
  readonly bankReference: string | undefined;
  /** The upstream entry id or reference (entries). */
  readonly reference: string | undefined;
  /** Booked on the engine's ledger (true), or a step the engine awaits the outcome of (false: in transit, unknown). */
  readonly booked: boolean;
  readonly transferId: string | undefined;
}

/** The rule that made a match, in the order matching tries them. */
export type MatchRule =
  "serial" | "bankReference" | "entryReference" | "batchDetails" | "amountAndDate" | "batchSum" | "splitSum";

export interface Match {
  readonly rule: MatchRule;
  /** Line numbers (several for a split payment). */
  readonly lines: readonly number[];
  /** Record ids (several for a batch line). */
  readonly records: readonly string[];
  /** Days between the line's booking date and the record's (0 for exact). */
  readonly dayShift: number;
}

export type DifferenceClass =
  | "missingAtBank"
  | "missingInEngine"
  | "amountDiffers"
  | "duplicate"
  | "openingBalanceDiffers"
  | "closingBalanceDiffers";

/** A difference as matching finds it, before it has an id, an age or a status. */
export interface FoundDifference {
  readonly class: DifferenceClass;
  readonly lines: readonly number[];
  readonly records: readonly string[];
  /** Signed effect on the engine's ledger that would close it: statement minus engine. */
  readonly amount: Decimal;
  readonly detail: string;
}
