import type { JsonObject } from "../../runtime/json.js";
import type { PullOutcome, StatedBalanceJson, StatementFormatName, StatementSource } from "./commands.js";

/** One statement version registered: everything its `register` said, its version and when. Absent fields are null. */
export type StatementRegisteredEvent = {
  type: "statementRegistered";
  statementId: string;
  version: number;
  digest: string;
  /** The digest of the version this one corrects (the newest before it of the same statement id); null for version 1. */
  supersedes: string | null;
  format: StatementFormatName;
  sequence: string | null;
  fromDate: string;
  toDate: string;
  currency: string;
  opening: StatedBalanceJson | null;
  closing: StatedBalanceJson | null;
  lineCount: number;
  createdAt: string | null;
  source: StatementSource;
  principal: string;
  importedAt: number;
  header: JsonObject;
};

/** How a pull ended: its effect's outcome, or `unanswered` once every attempt went without an answer. */
export type PullEnd = PullOutcome | "unanswered";

/** The account's journal: statement versions, and the pulls from its bank. */
export type StatementsEvent =
  | StatementRegisteredEvent
  | { type: "statementPullStarted"; pull: number; date: string; principal: string; at: number }
  | { type: "statementPullRetried"; pull: number; attempt: number; at: number }
  | { type: "statementPullEnded"; pull: number; date: string; outcome: PullEnd; message: string; at: number };

export type StatementsEventType = StatementsEvent["type"];
