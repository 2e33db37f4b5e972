/**
 * Why a statement file is refused, and where. A file is refused whole (ADR 014 §1): the first fault found names the
 * element or line at fault, and nothing of the file is imported. Terminal: the same bytes are refused again.
 */
export class StatementRefused extends Error {
  override readonly name = "StatementRefused";
  constructor(
    /** The element path or line at fault: `Stmt[1]/Ntry[3]/Amt`, `line 14 (:61:)`, `line 7 column "Betrag"`. */
    readonly place: string,
    /** One sentence: what is wrong there. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${place}: ${reason}`, options);
  }
}

/** Why a CSV column mapping is refused when it is loaded; `where` names the mapping (its file) and the field. */
export class CsvMappingInvalid extends Error {
  override readonly name = "CsvMappingInvalid";
  constructor(
    readonly where: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${reason}`, options);
  }
}
