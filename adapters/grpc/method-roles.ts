import type { ChannelsHandlers } from "../../protos/generated/liquidity/v1/Channels.js";
import type { DifferencesHandlers } from "../../protos/generated/liquidity/v1/Differences.js";
import type { PositionsHandlers } from "../../protos/generated/liquidity/v1/Positions.js";
import type { ReconciliationHandlers } from "../../protos/generated/liquidity/v1/Reconciliation.js";
import type { JobsHandlers } from "../../protos/generated/liquidity/v1/Jobs.js";
import type { RulesHandlers } from "../../protos/generated/liquidity/v1/Rules.js";
import type { StatementsHandlers } from "../../protos/generated/liquidity/v1/Statements.js";
import type { SuggestionsHandlers } from "../../protos/generated/liquidity/v1/Suggestions.js";
import type { TransfersHandlers } from "../../protos/generated/liquidity/v1/Transfers.js";
import type { Role } from "./access.js";

/** The methods a generated handler interface names, without the index signature it inherits from grpc-js. */
type MethodOf<Handlers> = keyof { [K in keyof Handlers as string extends K ? never : K]: Handlers[K] };

/** Every method of the engine's services (health and reflection are not the engine's). */
export type MethodName =
  | MethodOf<PositionsHandlers>
  | MethodOf<TransfersHandlers>
  | MethodOf<ChannelsHandlers>
  | MethodOf<RulesHandlers>
  | MethodOf<JobsHandlers>
  | MethodOf<SuggestionsHandlers>
  | MethodOf<DifferencesHandlers>
  | MethodOf<StatementsHandlers>
  | MethodOf<ReconciliationHandlers>;

/**
 * Method name -> the role it needs (ADR 005 §5); a method the protos add does not compile without one. The NATS
 * command door takes its roles from here too (adapters/nats/command-access.ts), so both doors ask the same. Names are
 * the methods' own, without their service: `ConfirmResolution` of Transfers and of Differences share one entry, the
 * checker's role for both.
 */
export const requiredRole: Readonly<Record<MethodName, Role>> = {
  OpenAccount: "operator",
  GetPosition: "viewer",
  GetLedgerAsOf: "viewer",
  ListPositions: "viewer",
  WatchPositions: "viewer",
  RecordEntry: "operator",
  Freeze: "operator",
  Unfreeze: "operator",
  SyncStatement: "operator",
  CloseAccount: "operator",
  GetAccountHistory: "viewer",
  CreateTransfer: "operator",
  GetTransfer: "viewer",
  ListTransfers: "viewer",
  WatchTransfers: "viewer",
  ApproveTransfer: "approver",
  CancelTransfer: "operator",
  RetryTransfer: "operator",
  ResolveTransfer: "operator",
  ConfirmResolution: "approver",
  ListChannels: "viewer",
  GetChannel: "viewer",
  PutRule: "operator",
  GetRule: "viewer",
  DeleteRule: "operator",
  GetRuleHistory: "viewer",
  ListRules: "viewer",
  DryRun: "viewer",
  PutJob: "operator",
  GetJob: "viewer",
  ListJobs: "viewer",
  PauseJob: "operator",
  ResumeJob: "operator",
  DeleteJob: "operator",
  ListSuggestions: "viewer",
  GetSuggestion: "viewer",
  WatchSuggestions: "viewer",
  ApproveSuggestion: "approver",
  RejectSuggestion: "approver",
  ListDifferences: "viewer",
  GetDifference: "viewer",
  WatchDifferences: "viewer",
  // The role that may record entries: an adjustment is one.
  ExplainDifference: "operator",
  ResolveDifference: "operator",
  RejectResolution: "approver",
  // An import changes what the engine holds, like recording an entry or syncing a statement: operator.
  ImportStatement: "operator",
  ListStatements: "viewer",
  ReconcileNow: "operator",
  GetReport: "viewer",
};

export function isMethodName(method: string): method is MethodName {
  return Object.hasOwn(requiredRole, method);
}
