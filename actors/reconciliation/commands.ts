import type { Decimal } from "decimal.js";
import type { StepName } from "../transfer/commands.js";
import type { BookingAction, DifferenceClass, MatchRule, ResolutionAction } from "./classes.js";

/** One difference a run found, as the reconciler sends it (reconciliation/model.ts `FoundDifference` on the wire). */
export type ReportedDifference = {
  readonly class: DifferenceClass;
  /** Line numbers of the run's statement version, ascending and distinct. */
  readonly lines: readonly number[];
  /** Record ids (`entry:<id>`, `transfer:<id>:<step>`...), distinct, in the reconciler's order. */
  readonly records: readonly string[];
  /** Signed effect on the engine's ledger that would close it: statement minus engine. */
  readonly amount: Decimal;
  readonly detail: string;
  /**
   * Signed effect of its lines on the bank's book (a credit adds), null when it names no line. What a transfer is
   * told of the line (direction, amount) when a person settles the transfer with this difference.
   */
  readonly lineEffect: Decimal | null;
};

/** What one matching run of the account and day read and found (ADR 014 §3, §4). */
export type RunReport = {
  /** SHA-256 of the statement version matched (its canonical form). */
  readonly statementVersion: string;
  readonly statementId: string;
  /** SHA-256 of everything the run read besides the statement (the records, the tolerances). */
  readonly inputsDigest: string;
  /** The statement's currency: the adjustment entries are booked in it. */
  readonly currency: string;
  /** Matches made, by the rule that made them. */
  readonly matched: Readonly<Record<MatchRule, number>>;
  readonly pendingLines: number;
  readonly lineCount: number;
  readonly recordCount: number;
  readonly differences: readonly ReportedDifference[];
};

/** For `settleTransfer`: the transfer step the statement line is the bank's answer for. */
export type TransferStepRef = {
  readonly transferId: string;
  readonly step: StepName;
  /** The line's bank reference, when the person resolving names it. */
  readonly bankReference: string | null;
};

/** How a person asks to close a difference. */
export type ResolutionRequest = {
  readonly action: ResolutionAction;
  readonly reason: string;
  /** Set exactly when `action` is `settleTransfer`. */
  readonly transfer: TransferStepRef | null;
};

/**
 * Commands of the reconciliation actor. `record` comes from the reconciler, `redeliver` from a booking's guard
 * reminder, and `adjustmentBooked`, `evidenceDelivered` and `bookingFailed` from the effect that books a resolution:
 * all from the engine itself (`system:*`). The others come from people.
 */
export type ReconciliationCommand =
  | ({ readonly type: "record" } & RunReport)
  | { readonly type: "explain"; readonly differenceId: string; readonly note: string; readonly evidence: string }
  | ({
      readonly type: "resolve";
      readonly differenceId: string;
      /**
       * The amount above which a second person must confirm, put in by the service layer from its configuration
       * (LIQ_RECON_APPROVAL_ABOVE); absent, the resolution needs no checker.
       */
      readonly approvalAbove: Decimal | null;
    } & ResolutionRequest)
  | { readonly type: "confirmResolution"; readonly differenceId: string; readonly comment: string }
  | { readonly type: "rejectResolution"; readonly differenceId: string; readonly reason: string }
  | { readonly type: "redeliver"; readonly differenceId: string }
  | { readonly type: "adjustmentBooked"; readonly differenceId: string }
  | { readonly type: "evidenceDelivered"; readonly differenceId: string }
  | {
      readonly type: "bookingFailed";
      readonly differenceId: string;
      readonly action: BookingAction;
      readonly reason: string;
    }
  | { readonly type: "get" };

export type ReconciliationCommandType = ReconciliationCommand["type"];
