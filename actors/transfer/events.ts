import type { BankCallOutcome, ResolutionOutcome, StatementEvidence, StepName, TransferRequest } from "./commands.js";
import type { PositionTask, TransferStatus } from "./state.js";

/** What `decide` builds; evolve.ts applies it. */
export type TransferChange =
  /** With a future `executeAt` the transfer is SCHEDULED until `transferStarted`; otherwise it starts at once. */
  | ({ type: "transferCreated"; createdBy: string; createdAt: number } & TransferRequest)
  /** A future-dated transfer's time came (its `start` reminder): it proceeds as a transfer created now would. */
  | { type: "transferStarted" }
  | { type: "positionTaskQueued"; task: Omit<PositionTask, "attempt"> }
  | { type: "positionTaskIssued"; taskId: string; attempt: number; effectId: string }
  | { type: "positionTaskFinished"; taskId: string; applied: boolean; code: string; message: string }
  | { type: "approvalRequested"; expiresAt: number }
  | { type: "approved"; by: string; comment: string }
  | { type: "stepStarted"; step: StepName; channel: string }
  /**
   * `forStep: "credit"` on the debit step: the channel asked is the credit's, checked before the debit is sent
   * (absent: the running step's own channel, as in every event recorded before that check existed).
   */
  | { type: "channelAsked"; step: StepName; channel: string; effectId: string; forStep?: "credit" }
  | { type: "channelAllowed"; step: StepName; channel: string; fee: string }
  /** The credit channel allows the credit, asked before the debit is sent; its fee is quoted again by the credit step. */
  | { type: "creditChannelAllowed"; step: StepName; channel: string; fee: string }
  | {
      type: "channelRefused";
      step: StepName;
      channel: string;
      code: string;
      message: string;
      nextChannel: string | null;
      waitUntil: number | null;
      forStep?: "credit";
    }
  /** `attempt`: the step's sends or queries with this one (absent in events recorded before it existed). */
  | {
      type: "bankCalled";
      step: StepName;
      call: "send" | "query";
      channel: string;
      effectId: string;
      serial: string;
      attempt?: number;
    }
  | {
      type: "bankAnswered";
      step: StepName;
      outcome: Exclude<BankCallOutcome, "succeeded" | "rejected">;
      reason: string;
    }
  | { type: "stepSucceeded"; step: StepName; bankReference: string; stepMs?: number }
  | { type: "stepFailed"; step: StepName; code: string; reason: string; stepMs?: number }
  | { type: "transferFailed"; code: string; message: string }
  | { type: "transferCancelled"; by: string; reason: string }
  | { type: "manualInterventionRequired"; step: StepName | null; reason: string }
  | { type: "retried"; by: string; reason: string }
  /** An operator asks for a resolution; it replaces any pending one and waits for a checker's confirmation. */
  | { type: "resolutionRequested"; by: string; outcome: ResolutionOutcome; evidence: string }
  /**
   * The resolution applied: `by` asked for it (and proved the outcome), `confirmedBy` confirmed it. Events recorded
   * before confirmation existed have no `confirmedBy` (the resolution was applied on the asker's word alone).
   */
  | {
      type: "resolved";
      by: string;
      outcome: ResolutionOutcome;
      evidence: string;
      confirmedBy?: string;
      comment?: string;
    }
  /**
   * A statement line showed the booking of a step whose outcome was unknown (in flight, UNKNOWN, or halted in
   * MANUAL_INTERVENTION): the bank's own book is its answer, and the step succeeds with it (a `stepSucceeded` follows).
   */
  | ({ type: "stepEvidenced" } & EvidenceLine)
  /**
   * A statement line showed the booking of a step the engine knows failed (the bank rejected it, or a resolution
   * said it did not happen): recorded, and the transfer is halted for a person when it is not over. `reason` says why.
   */
  | ({ type: "evidenceContradicts"; reason: string } & EvidenceLine)
  | ({ type: "alertRaised"; severity: AlertSeverity; code: string; message: string } & Partial<AlertContext>);

/** The statement line of a step, as the transfer records it (the account, direction and amount were checked). */
export type EvidenceLine = Pick<
  StatementEvidence,
  "step" | "bankReference" | "statementVersion" | "statementId" | "line" | "bookingDate"
>;

/** What an alert says about its transfer, so that whoever receives it needs no lookup. */
export interface AlertContext {
  from: string;
  to: string;
  amount: string;
  currency: string;
}

export type AlertSeverity = "critical" | "high" | "warning";

/**
 * Every event as journaled and published carries the transfer's status after it (like an account's position), and
 * what an observer needs without state (adapters/prometheus/transfer-metrics.ts): the status before it when it
 * changed, and the transfer's age when it reached an end (terminal or MANUAL_INTERVENTION).
 */
export type TransferEvent = TransferChange & {
  status: TransferStatus;
  transferId: string;
  at: number;
  previousStatus?: TransferStatus | "NEW";
  ageMs?: number;
};
