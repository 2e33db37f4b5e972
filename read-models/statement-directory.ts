import { isCalendarDate } from "../actors/reconciliation/id.js";
import { ViewDirectory, type PublishedEvent } from "./view-directory.js";

/** What the engine has imported of one account's statements: enough to tell when the next one is late. */
export interface StatementImports {
  readonly accountId: string;
  /** The latest last day (YYYY-MM-DD) any imported statement version covers. */
  readonly coveredTo: string;
  /** When the newest version was registered (epoch ms). */
  readonly lastImportedAt: number;
  readonly versions: number;
}

/**
 * The statements imported per account, folded from the `statements` actors' `statementRegistered` events (ADR 014
 * §1: one actor per account, its id the account's). Each registration carries the version's `toDate` and
 * `importedAt`; events of other types change nothing here. Fed from the stream's first statements event.
 */
export type StatementDirectory = ViewDirectory<StatementImports>;

export function newStatementDirectory(): StatementDirectory {
  return new ViewDirectory<StatementImports>(foldStatementImports);
}

export function foldStatementImports(
  published: PublishedEvent,
  previous: StatementImports | null | undefined,
): StatementImports | undefined {
  const { event } = published;
  if (event["type"] !== "statementRegistered") return previous ?? undefined;
  const { toDate, importedAt } = event;
  if (typeof toDate !== "string" || !isCalendarDate(toDate)) return undefined;
  if (typeof importedAt !== "number" || !Number.isSafeInteger(importedAt)) return undefined;
  if (!previous) return { accountId: published.actorId, coveredTo: toDate, lastImportedAt: importedAt, versions: 1 };
  return {
    accountId: published.actorId,
    coveredTo: toDate > previous.coveredTo ? toDate : previous.coveredTo,
    lastImportedAt: Math.max(importedAt, previous.lastImportedAt),
    versions: previous.versions + 1,
  };
}
