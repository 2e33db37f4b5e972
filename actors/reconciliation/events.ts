import type { JsonObject } from "../../runtime/json.js";
import type { BookingAction, DifferenceClass, ResolutionAction } from "./classes.js";

/** Who caused a change and when (epoch ms): every event carries them, and each difference's history shows them. */
type Stamp = { readonly by: string; readonly at: number };

/** What a run said of a difference it reported: evolve takes these as the difference's current finding. */
type Finding = {
  readonly differenceId: string;
  /** Signed, 4 places. */
  readonly amount: string;
  readonly detail: string;
  readonly statementVersion: string;
  readonly runNo: number;
  /** The bank's id of the statement version; absent in events of runs recorded before it was kept here. */
  readonly statementId?: string;
  /** Signed, 4 places: what the difference's lines booked; null when it names none; absent as `statementId`. */
  readonly lineEffect?: string | null;
};

/**
 * Events of the reconciliation actor (one per account and day). A run is `runRecorded` followed by one event per
 * difference it changed; the other events each change one difference. Amounts are decimal strings; nested objects
 * (a run, a transfer step) are in the form state.ts writes them.
 */
export type ReconciliationEvent =
  | ({ readonly type: "runRecorded"; readonly run: JsonObject } & Stamp)
  /** A difference no earlier run reported: open, its age counted from `at`. */
  | ({
      readonly type: "differenceFound";
      readonly class: DifferenceClass;
      readonly lines: number[];
      readonly records: string[];
    } & Finding &
      Stamp)
  /** A known unresolved difference reported with another amount, detail or statement version. */
  | ({ readonly type: "differenceUpdated"; readonly proposalWithdrawn: boolean } & Finding & Stamp)
  /** A difference a run had cleared, reported again: open once more, its age counted afresh. */
  | ({ readonly type: "differenceReopened" } & Finding & Stamp)
  /** An unresolved difference the run no longer found: resolved as `cleared`, the run as evidence. */
  | ({
      readonly type: "differenceCleared";
      readonly differenceId: string;
      readonly runNo: number;
      readonly statementVersion: string;
      readonly inputsDigest: string;
    } & Stamp)
  | ({
      readonly type: "differenceExplained";
      readonly differenceId: string;
      readonly note: string;
      readonly evidence: string;
    } & Stamp)
  /** A resolution whose amount is above the threshold: it waits for a second person. */
  | ({
      readonly type: "resolutionProposed";
      readonly differenceId: string;
      readonly action: ResolutionAction;
      readonly reason: string;
      readonly transfer: JsonObject | null;
      readonly approvalAbove: string;
    } & Stamp)
  /** The proposal withdrawn or refused: the difference goes back to open or explained. */
  | ({ readonly type: "resolutionRejected"; readonly differenceId: string; readonly reason: string } & Stamp)
  /**
   * Closed by a person (`by`; `confirmedBy` the checker, when one was needed). For `adjust` and `settleTransfer` the
   * same entry carries the booking's first send and its guard.
   */
  | ({
      readonly type: "differenceResolved";
      readonly differenceId: string;
      readonly action: ResolutionAction;
      readonly reason: string;
      readonly transfer: JsonObject | null;
      readonly confirmedBy: string | null;
    } & Stamp)
  /** No answer to the booking yet: the same request is sent again, as send number `send`. */
  | ({ readonly type: "bookingRedelivered"; readonly differenceId: string; readonly send: number } & Stamp)
  /** The account took the adjustment, or the transfer the evidence. `late`: after a failure had reopened it. */
  | ({
      readonly type: "resolutionBooked";
      readonly differenceId: string;
      readonly action: BookingAction;
      readonly late: boolean;
    } & Stamp)
  /** The account or the transfer refused: the difference goes back to open or explained, to be resolved otherwise. */
  | ({
      readonly type: "bookingFailed";
      readonly differenceId: string;
      readonly action: BookingAction;
      readonly reason: string;
    } & Stamp);

export type ReconciliationEventType = ReconciliationEvent["type"];
