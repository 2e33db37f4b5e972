import type { ActorKind } from "../../runtime/actor-kind.js";
import type { StatementsCommand } from "./commands.js";
import { decideStatements } from "./decide.js";
import type { StatementsEvent } from "./events.js";
import { evolveStatements } from "./evolve.js";
import { parseStatementsCommand } from "./parse.js";
import type { StatementsRejectionCode } from "./rejections.js";
import { decodeStatementsState, encodeStatementsState, initialStatementsState, type StatementsState } from "./state.js";

/**
 * One account's bank statements (ADR 014 §1): kind `statements`, actor id the account's (`<bankCode>:<accountNumber>`).
 * Every import registers here, so two doors importing the same file at once serialize and the second is told
 * `alreadyImported`; a corrected re-issue is a new version beside the earlier ones. It also pulls statements from
 * the account's bank when asked (a job's target), guarded by a reminder.
 */
export const statementsKind: ActorKind<StatementsState, StatementsCommand, StatementsEvent, StatementsRejectionCode> = {
  name: "statements",
  logField: "account",
  initialState: initialStatementsState,
  parseCommand: parseStatementsCommand,
  decide: decideStatements,
  evolve: evolveStatements,
  encodeState: encodeStatementsState,
  decodeState: decodeStatementsState,
};

export {
  pullOutcomes,
  statementFormats,
  statementSources,
  type PullOutcome,
  type StatedBalanceJson,
  type StatementFormatName,
  type StatementRegistration,
  type StatementSource,
} from "./commands.js";
export { pendingPullsMax, pullAttemptsMax, pullGuardMs, pullReminderKey, statementVersionsMax } from "./decide.js";
export { decodeStatementPullEffect, pullPrincipal, statementPullEffect, type StatementPullEffect } from "./effects.js";
export type { StatementVersion } from "./state.js";
export {
  decodePullReply,
  decodeRegisterReply,
  decodeStatementsView,
  type PullReply,
  type RegisterReply,
  type StatementsView,
} from "./view.js";
export type { StatementsCommand, StatementsEvent, StatementsRejectionCode, StatementsState };
