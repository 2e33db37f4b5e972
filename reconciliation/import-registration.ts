import { statementsKind } from "../actors/statements/index.js";
import { formatAmount } from "../actors/shared/amount.js";
import type { StatementSource } from "../actors/statements/index.js";
import type { JsonObject } from "../runtime/json.js";
import type { ParsedStatement, StatedBalance } from "./model.js";
import { StatementImportRefused } from "./import-errors.js";

function balanceJson(balance: StatedBalance | undefined): JsonObject | undefined {
  return balance === undefined ? undefined : { amount: formatAmount(balance.amount), date: balance.date };
}

/** The statement without its lines, as JSON: what the journal keeps of the version besides its view. */
export function statementHeader(statement: ParsedStatement): JsonObject {
  const header: JsonObject = {
    format: statement.format,
    statementId: statement.statementId,
    accountNumber: statement.accountNumber,
    currency: statement.currency,
    fromDate: statement.fromDate,
    toDate: statement.toDate,
  };
  const optional: Record<string, string | JsonObject | undefined> = {
    sequence: statement.sequence,
    bankCode: statement.bankCode,
    createdAt: statement.createdAt,
    opening: balanceJson(statement.opening),
    closing: balanceJson(statement.closing),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) header[key] = value;
  return header;
}

/**
 * The `register` payload of one statement version, checked with the statements actor's own parser before anything
 * is written, so a statement the actor would refuse refuses the whole file instead of leaving it half imported.
 */
export function registrationPayload(
  statement: ParsedStatement,
  digest: string,
  origin: { readonly source: StatementSource; readonly principal: string },
  label: string,
): JsonObject {
  const header = statementHeader(statement);
  const { accountNumber: _accountNumber, bankCode: _bankCode, ...fields } = header;
  const payload: JsonObject = {
    ...fields,
    digest,
    lineCount: statement.lines.length,
    source: origin.source,
    principal: origin.principal,
    header,
  };
  const parsed = statementsKind.parseCommand("register", payload);
  if (!parsed.ok) throw new StatementImportRefused("invalid_statement", `${label}: ${parsed.message}`);
  return payload;
}
