/** Commands of the transfer actor after parsing (parse.ts). Amounts are canonical decimal strings (4 places). */

export const speeds = ["normal", "urgent"] as const;
export type Speed = (typeof speeds)[number];
export const stepNames = ["debit", "credit", "reversal"] as const;
export type StepName = (typeof stepNames)[number];
export const failoverPolicies = ["failover", "wait"] as const;
export type FailoverPolicy = (typeof failoverPolicies)[number];
export const resolutionOutcomes = ["credited", "returned", "not_debited"] as const;
export type ResolutionOutcome = (typeof resolutionOutcomes)[number];

export type TransferRequest = {
  /** Account actor ids, `<bankCode>:<accountNumber>`. */
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly currency: string;
  readonly speed: Speed;
  /** Channel used for the debit and the reversal (the source bank's) and for the credit (the target bank's). */
  readonly debitChannel: string;
  readonly creditChannel: string;
  readonly approvalRequired: boolean;
  readonly failover: FailoverPolicy;
  readonly reference: string;
  /**
   * Future-dated: when the transfer starts (epoch ms). Until then it is SCHEDULED: nothing is reserved or sent.
   * Absent: it starts at once (and in every transfer created before future dating existed).
   */
  readonly executeAt?: number;
};

/** What the channel actor answered to `acquire` (delivered by the effect handler). */
export interface ChannelResult {
  readonly effectId: string;
  readonly allowed: boolean;
  readonly fee?: string;
  readonly code?: string;
  readonly message?: string;
  readonly retryAt?: number;
  readonly alternative?: string;
}

/** What a bank call came to. `unknown`: timeout or transport error; `invalid`: the bank refused the request's form. */
export type BankCallOutcome = "accepted" | "succeeded" | "rejected" | "not_found" | "unknown" | "invalid";

export interface BankResult {
  readonly effectId: string;
  readonly step: StepName;
  readonly outcome: BankCallOutcome;
  readonly bankReference?: string;
  readonly reason?: string;
}

/**
 * A statement line that shows a step's booking (ADR 014 §5): the bank's own book, taken as its answer for the step.
 * `accountId` is the account whose statement holds the line; `amount` a canonical decimal string (4 places).
 */
export type StatementEvidence = {
  readonly step: StepName;
  readonly accountId: string;
  readonly direction: "credit" | "debit";
  readonly amount: string;
  readonly bankReference?: string;
  /** The SHA-256 (hex) of the statement version the line is in. */
  readonly statementVersion: string;
  readonly statementId: string;
  /** 1-based position of the line in its statement. */
  readonly line: number;
  /** YYYY-MM-DD. */
  readonly bookingDate: string;
};

export type TransferCommand =
  | ({ readonly type: "create" } & TransferRequest)
  | { readonly type: "approve"; readonly comment: string }
  | { readonly type: "cancel"; readonly reason: string }
  | { readonly type: "retry"; readonly reason: string }
  /** Asks for a resolution (maker); nothing moves until an approver other than the asker confirms it. */
  | { readonly type: "resolve"; readonly outcome: ResolutionOutcome; readonly evidence: string }
  /** Confirms the pending resolution (checker), naming the outcome it confirms; only this applies it. */
  | { readonly type: "confirmResolution"; readonly outcome: ResolutionOutcome; readonly comment: string }
  | { readonly type: "get" }
  // From the runtime only (principal system:*): effect results, bank callbacks, reminders.
  // `attempt`: the delivery of the task this answers (absent from engines before it was added).
  | {
      readonly type: "positionResult";
      readonly taskId: string;
      readonly attempt?: number;
      readonly ok: boolean;
      readonly retryable: boolean;
      readonly code?: string;
      readonly message?: string;
    }
  | ({ readonly type: "channelResult" } & ChannelResult)
  | ({ readonly type: "bankResult" } & BankResult)
  /** `bankCode`: the bank that signed the callback; it must be the bank of the step. */
  | {
      readonly type: "bankNotice";
      readonly step: StepName;
      readonly status: "succeeded" | "rejected";
      readonly bankCode?: string;
      readonly bankReference?: string;
      readonly reason?: string;
    }
  | { readonly type: "wake"; readonly purpose: WakePurpose }
  /** From reconciliation (principal system:*), for a matched line or a person's `settleTransfer` resolution. */
  | ({ readonly type: "statementEvidence" } & StatementEvidence);

/** The reminder keys of a transfer: each guards one kind of outstanding work (ADR 006 §1); `start`: a future date. */
export const wakePurposes = ["step", "task", "approval", "start"] as const;
export type WakePurpose = (typeof wakePurposes)[number];

export type TransferCommandType = TransferCommand["type"];
