import type { JsonObject } from "../../runtime/json.js";

/** The statement formats the parsers read (reconciliation/model.ts `StatementFormat`, repeated: actors stand below it). */
export const statementFormats = ["camt053", "camt052", "mt940", "csv"] as const;
export type StatementFormatName = (typeof statementFormats)[number];

/** Which door a statement came in by (ADR 014 §1): `ImportStatement`/`liq statements import`, the inbox, a pull. */
export const statementSources = ["upload", "inbox", "pull"] as const;
export type StatementSource = (typeof statementSources)[number];

/** A booked balance as a statement states it: signed amount (a decimal string, 4 places), YYYY-MM-DD. */
export type StatedBalanceJson = {
  readonly amount: string;
  readonly date: string;
};

/** What the engine's import registers of one statement version: its header, digest and line count. */
export interface StatementRegistration {
  readonly statementId: string;
  /** SHA-256 (hex) of the statement's canonical form (reconciliation/statements/canonical.ts). */
  readonly digest: string;
  readonly format: StatementFormatName;
  readonly sequence: string | undefined;
  readonly fromDate: string;
  readonly toDate: string;
  readonly currency: string;
  readonly opening: StatedBalanceJson | undefined;
  readonly closing: StatedBalanceJson | undefined;
  readonly lineCount: number;
  readonly createdAt: string | undefined;
  readonly source: StatementSource;
  /** Who sent the file, as its door names them (`grpc:olivia`, `system:inbox`); the command itself is the engine's. */
  readonly principal: string;
  /** The parsed statement without its lines, as JSON, for the journal (account number, bank code...). */
  readonly header: JsonObject;
}

/** How a pull ended, as its effect answers: imported now, held already, or refused for good. */
export const pullOutcomes = ["imported", "alreadyImported", "refused"] as const;
export type PullOutcome = (typeof pullOutcomes)[number];

/** Commands after parsing (parse.ts). */
export type StatementsCommand =
  | ({ readonly type: "register" } & StatementRegistration)
  | { readonly type: "get" }
  /** Fetch the account's statement of a day from its bank and import it (a job's target; the day or "yesterday"). */
  | { readonly type: "pull"; readonly date: string }
  /** A pull's guard reminder: no answer came in time. */
  | { readonly type: "pullDue"; readonly pull: number }
  /** A pull's effect answers. */
  | {
      readonly type: "pulled";
      readonly pull: number;
      readonly attempt: number;
      readonly outcome: PullOutcome;
      readonly message: string;
    };

export type StatementsCommandType = StatementsCommand["type"];
