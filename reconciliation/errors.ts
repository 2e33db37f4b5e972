/** Why a run of the reconciler did not finish; the request was fine. */
export type RunFailureCode =
  /** An actor the run reads or writes answered with an error (journal unavailable, mailbox full, refused). */
  | "actor_unavailable"
  /** The statement's lines are not (all) in the line store. */
  | "statement_lines_unavailable"
  /** The records read model did not catch up with the account in time. */
  | "records_behind"
  /** More differences than the reconciliation actor takes in one run; the report is kept all the same. */
  | "too_many_differences";

/** A run that did not finish: nothing was recorded for the day (a rerun may be). `retryable`: later may work. */
export class ReconciliationRunFailed extends Error {
  override readonly name = "ReconciliationRunFailed";

  constructor(
    readonly code: RunFailureCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request the reconciler refuses before reading anything: `place` names the field at fault. */
export class ReconcileRequestInvalid extends Error {
  override readonly name = "ReconcileRequestInvalid";

  constructor(
    readonly place: string,
    readonly reason: string,
  ) {
    super(`${place}: ${reason}`);
  }
}
