import type { BankCallOutcome, ResolutionOutcome, StepName, TransferRequest } from "./commands.js";
import type { PositionTask, TransferStatus } from "./state.js";

/** What `decide` builds; evolve.ts applies it. */
export type TransferChange =
  | ({ type: "transferCreated"; createdBy: string; createdAt: number } & TransferRequest)
  | { type: "positionTaskQueued"; task: Omit<PositionTask, "attempt"> }
  | { type: "positionTaskIssued"; taskId: string; attempt: number; effectId: string }
  | { type: "positionTaskFinished"; taskId: string; applied: boolean; code: string; message: string }
  | { type: "approvalRequested"; expiresAt: number }
  | { type: "approved"; by: string; comment: string }
  | { type: "stepStarted"; step: StepName; channel: string }
  | { type: "channelAsked"; step: StepName; channel: string; effectId: string }
  | { type: "channelAllowed"; step: StepName; channel: string; fee: string }
  | { type: "channelRefused"; step: StepName; channel: string; code: string; message: string; nextChannel: string | null; waitUntil: number | null }
  | { type: "bankCalled"; step: StepName; call: "send" | "query"; channel: string; effectId: string; serial: string }
  | { type: "bankAnswered"; step: StepName; outcome: Exclude<BankCallOutcome, "succeeded" | "rejected">; reason: string }
  | { type: "stepSucceeded"; step: StepName; bankReference: string }
  | { type: "stepFailed"; step: StepName; code: string; reason: string }
  | { type: "transferFailed"; code: string; message: string }
  | { type: "transferCancelled"; by: string; reason: string }
  | { type: "manualInterventionRequired"; step: StepName | null; reason: string }
  | { type: "retried"; by: string; reason: string }
  | { type: "resolved"; by: string; outcome: ResolutionOutcome; evidence: string }
  | { type: "alertRaised"; severity: AlertSeverity; code: string; message: string };

export type AlertSeverity = "critical" | "high" | "warning";

/** Every event as journaled and published carries the transfer's status after it (like an account's position). */
export type TransferEvent = TransferChange & { status: TransferStatus; transferId: string; at: number };
