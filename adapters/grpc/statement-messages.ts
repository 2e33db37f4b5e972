import type { StatedBalanceJson, StatementVersion as ActorStatementVersion } from "../../actors/statements/index.js";
import type { ImportedStatement as Imported } from "../../reconciliation/import.js";
import type { ImportedStatement } from "../../protos/generated/liquidity/v1/ImportedStatement.js";
import type { StatedBalance } from "../../protos/generated/liquidity/v1/StatedBalance.js";
import type { StatementVersion } from "../../protos/generated/liquidity/v1/StatementVersion.js";

/** The Statements service's messages from the import's results and the statements actor's view. */

export function importedStatementOf(imported: Imported): ImportedStatement {
  return {
    account_id: imported.accountId,
    statement_id: imported.statementId,
    digest: imported.digest,
    version: imported.version,
    already_imported: imported.alreadyImported,
    line_count: String(imported.lineCount),
    supersedes: imported.supersedes ?? "",
  };
}

function balanceOf(balance: StatedBalanceJson | null): StatedBalance | null {
  return balance === null ? null : { amount: balance.amount, date: balance.date };
}

export function statementVersionOf(version: ActorStatementVersion): StatementVersion {
  return {
    statement_id: version.statementId,
    version: version.version,
    digest: version.digest,
    format: version.format,
    from_date: version.fromDate,
    to_date: version.toDate,
    currency: version.currency,
    line_count: String(version.lineCount),
    opening: balanceOf(version.opening),
    closing: balanceOf(version.closing),
    source: version.source,
    principal: version.principal,
    imported_at_ms: String(version.importedAt),
  };
}
