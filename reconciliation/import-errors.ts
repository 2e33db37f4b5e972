import type { ErrorBody } from "../runtime/errors.js";

/** Why an import refuses a file that parses: each a sentence naming the statement or account at fault. */
export type ImportRefusalCode =
  /** The file does not name the bank (or, CSV, the account): the account must be given. */
  | "account_required"
  /** The account given, or the one the file names, is not an account id. */
  | "invalid_account"
  /** The account has never been opened in the engine. */
  | "account_not_open"
  /** The statement's currency is not the account's. */
  | "currency_mismatch"
  /** The statement breaks a bound of the registration (an id too long for one). */
  | "invalid_statement";

/**
 * A file that parses but cannot be imported as it comes: refused whole before anything is written, like a
 * `StatementRefused` (ADR 014 §1). Terminal: the same file and options are refused again.
 */
export class StatementImportRefused extends Error {
  override readonly name = "StatementImportRefused";
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An actor the import reads or registers with (the account, the statements actor, or the runtime in front of them)
 * did not answer as asked. Lines may have been written, which is harmless (a later import writes the same
 * documents). `error.retryable` says whether sending the file again can help (a full mailbox, a journal write in
 * doubt); a refusal that is not (`statement_versions_full`) will come again.
 */
export class StatementActorRefused extends Error {
  override readonly name = "StatementActorRefused";
  constructor(
    /** What was asked: "statements of BANKA:A1: register", "account BANKA:A1: get". */
    readonly what: string,
    readonly error: ErrorBody,
  ) {
    super(`${what}: ${error.message} (${error.code})`);
  }
}
