import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import {
  statementFormats,
  statementSources,
  type StatedBalanceJson,
  type StatementFormatName,
  type StatementSource,
} from "./commands.js";

/** One registered version of a statement, as the account's view lists it. Absent balances are null. */
export interface StatementVersion {
  readonly statementId: string;
  /** 1 for the first of its statement id on the account, 2 for a corrected re-issue, ... */
  readonly version: number;
  readonly digest: string;
  readonly format: StatementFormatName;
  readonly fromDate: string;
  readonly toDate: string;
  readonly currency: string;
  readonly lineCount: number;
  readonly opening: StatedBalanceJson | null;
  readonly closing: StatedBalanceJson | null;
  readonly source: StatementSource;
  readonly principal: string;
  /** Epoch ms of the turn that registered it. */
  readonly importedAt: number;
}

/** A pull sent to the bank and not answered yet; `attempt` counts its effects from 1. */
export interface PendingPull {
  readonly pull: number;
  readonly date: string;
  readonly attempt: number;
}

/**
 * Every version of the account's statements, oldest first (all kept: one a day per account is about 150 KB a year
 * in the snapshot; `statementVersionsMax` bounds it), and the pulls awaiting their answer.
 */
export interface StatementsState {
  readonly versions: readonly StatementVersion[];
  readonly pulls: readonly PendingPull[];
  /** Pulls started so far: the next one's number is this plus one (effect ids are unique forever). */
  readonly pullsStarted: number;
}

export function initialStatementsState(): StatementsState {
  return { versions: [], pulls: [], pullsStarted: 0 };
}

export function balanceJson(balance: StatedBalanceJson | null): JsonObject | null {
  return balance === null ? null : { amount: balance.amount, date: balance.date };
}

export function versionJson(version: StatementVersion): JsonObject {
  return {
    statementId: version.statementId,
    version: version.version,
    digest: version.digest,
    format: version.format,
    fromDate: version.fromDate,
    toDate: version.toDate,
    currency: version.currency,
    lineCount: version.lineCount,
    opening: balanceJson(version.opening),
    closing: balanceJson(version.closing),
    source: version.source,
    principal: version.principal,
    importedAt: version.importedAt,
  };
}

export function encodeStatementsState(state: StatementsState): JsonObject {
  return {
    versions: state.versions.map(versionJson),
    pulls: state.pulls.map((pull) => ({ pull: pull.pull, date: pull.date, attempt: pull.attempt })),
    pullsStarted: state.pullsStarted,
  };
}

export function decodeStatementsState(encoded: JsonObject): StatementsState {
  const r = JsonReader.of("an encoded statements state", encoded);
  return {
    versions: r.objects("versions").map(decodeVersion),
    pulls: r.objects("pulls").map((pull) => ({
      pull: pull.integer("pull"),
      date: pull.text("date"),
      attempt: pull.integer("attempt"),
    })),
    pullsStarted: r.integer("pullsStarted"),
  };
}

/** A version as `versionJson` writes it (state, view). */
export function decodeVersion(r: JsonReader): StatementVersion {
  return {
    statementId: r.text("statementId"),
    version: r.integer("version"),
    digest: r.text("digest"),
    format: r.oneOf("format", statementFormats),
    fromDate: r.text("fromDate"),
    toDate: r.text("toDate"),
    currency: r.text("currency"),
    lineCount: r.integer("lineCount"),
    opening: decodeBalance(r.objectOrNull("opening")),
    closing: decodeBalance(r.objectOrNull("closing")),
    source: r.oneOf("source", statementSources),
    principal: r.text("principal"),
    importedAt: r.integer("importedAt"),
  };
}

function decodeBalance(r: JsonReader | null): StatedBalanceJson | null {
  return r === null ? null : { amount: r.text("amount"), date: r.text("date") };
}
