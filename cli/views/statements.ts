import type { ImportStatementResponse__Output } from "../../protos/generated/liquidity/v1/ImportStatementResponse.js";
import type { ListStatementsResponse__Output } from "../../protos/generated/liquidity/v1/ListStatementsResponse.js";
import type { StatedBalance__Output } from "../../protos/generated/liquidity/v1/StatedBalance.js";
import { table, time } from "../output.js";

/** A digest cut to what a person compares by eye; `--json` has it whole. */
function shortDigest(digest: string): string {
  return digest.slice(0, 12);
}

function balanceText(balance: StatedBalance__Output | null): string {
  return balance ? `${balance.amount} (${balance.date})` : "-";
}

/** What an import did: one row per statement of the file. */
export function importText(answer: ImportStatementResponse__Output): string {
  const rows = answer.statements.map((statement) => [
    statement.account_id,
    statement.statement_id,
    String(statement.version),
    statement.already_imported
      ? "already imported"
      : statement.supersedes
        ? `imported, corrects ${shortDigest(statement.supersedes)}`
        : "imported",
    statement.line_count,
    shortDigest(statement.digest),
  ]);
  return table(["account", "statement", "version", "outcome", "lines", "digest"], rows, [
    "left",
    "left",
    "right",
    "left",
    "right",
    "left",
  ]);
}

/** An account's statement versions, oldest first. */
export function statementsText(answer: ListStatementsResponse__Output): string {
  const rows = answer.versions.map((version) => [
    version.statement_id,
    String(version.version),
    version.from_date === version.to_date ? version.from_date : `${version.from_date}..${version.to_date}`,
    version.line_count,
    balanceText(version.opening),
    balanceText(version.closing),
    `${version.source} by ${version.principal}`,
    time(version.imported_at_ms),
    shortDigest(version.digest),
  ]);
  return table(["statement", "version", "days", "lines", "opening", "closing", "from", "imported", "digest"], rows, [
    "left",
    "right",
    "left",
    "right",
    "right",
    "right",
    "left",
    "left",
    "left",
  ]);
}
