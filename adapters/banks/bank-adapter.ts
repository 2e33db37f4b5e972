import type { TraceContext } from "../../runtime/trace-context.js";

/**
 * The port to one bank (ADR 006 §3). Every call that moves money carries a client serial number; the bank
 * deduplicates on it, so a retry of the same step is the same request. Amounts are decimal strings.
 */

/** Where a transaction stands at the bank. `accepted`: taken, final status to come by callback or query. */
export type BankTransactionStatus = "accepted" | "succeeded" | "rejected";

export interface BankAnswer {
  readonly status: BankTransactionStatus;
  /** The bank's own reference, once it has one. */
  readonly bankReference?: string;
  /** Why a rejection happened, in the bank's words (a code and a sentence). */
  readonly reason?: string;
}

/** A status query also knows "never heard of it". */
export type BankQueryAnswer = BankAnswer | { readonly status: "not_found" };

export interface DebitRequest {
  readonly serial: string;
  readonly account: string;
  readonly amount: string;
  readonly currency: string;
  readonly toBankCode: string;
  readonly toAccount: string;
  readonly speed: "normal" | "urgent";
  /** Where the bank posts the final status of an `accepted` transaction (absent: query only). */
  readonly callbackUrl?: string;
}

/** Books an incoming transfer (the debit `debitSerial` at `fromBankCode`) on our account at this bank. */
export interface CreditRequest {
  readonly serial: string;
  readonly account: string;
  readonly amount: string;
  readonly currency: string;
  readonly fromBankCode: string;
  readonly fromAccount: string;
  readonly debitSerial: string;
  readonly callbackUrl?: string;
}

/** 冲正: returns the money of a succeeded debit that was not credited to its source account. */
export interface ReversalRequest {
  readonly serial: string;
  readonly originalSerial: string;
  readonly account: string;
  readonly amount: string;
  readonly currency: string;
  readonly callbackUrl?: string;
}

export interface BankBalance {
  readonly account: string;
  readonly currency: string;
  readonly balance: string;
  readonly asOf: string;
}

export type StatementFormat = "camt053" | "csv";

/** What a call carries besides its request: the span of the effect that makes it, sent as `traceparent` (ADR 009 §4). */
export interface BankCallContext {
  readonly trace?: TraceContext;
}

export interface BankAdapter {
  readonly bankCode: string;
  debit(request: DebitRequest, context?: BankCallContext): Promise<BankAnswer>;
  credit(request: CreditRequest, context?: BankCallContext): Promise<BankAnswer>;
  reverse(request: ReversalRequest, context?: BankCallContext): Promise<BankAnswer>;
  queryStatus(serial: string, context?: BankCallContext): Promise<BankQueryAnswer>;
  balance(account: string): Promise<BankBalance>;
  /** The statement of one booking day (YYYY-MM-DD) as the bank exports it. */
  statement(account: string, date: string, format: StatementFormat): Promise<string>;
  /** A cheap call that proves the bank answers (health probe). */
  probe(): Promise<void>;
}

/**
 * The call may or may not have reached the bank (timeout, connection reset, 5xx): the outcome is unknown and must
 * be resolved by a status query with the same serial, never by assuming a failure.
 */
export class BankOutcomeUnknown extends Error {
  override readonly name = "BankOutcomeUnknown";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The bank refused the request as malformed or inconsistent (e.g. a serial reused with other fields): terminal. */
export class BankRequestInvalid extends Error {
  override readonly name = "BankRequestInvalid";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
