import { randomUUID } from "node:crypto";
import { decodeRegisterReply, decodeStatementsView, type StatementSource } from "../actors/statements/index.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { JsonObject } from "../runtime/json.js";
import { givenAccountId, ImportAccounts, namedAccountId, statementLabel } from "./import-accounts.js";
import { StatementImportRefused, StatementActorRefused } from "./import-errors.js";
import { registrationPayload } from "./import-registration.js";
import type { ParsedStatement, StatementFormat } from "./model.js";
import type { StatementLineStore } from "./ports.js";
import { statementDigest } from "./statements/canonical.js";
import type { CsvMapping } from "./statements/csv-mapping.js";
import { parseStatementFile, sniffFormat, type ParseStatementOptions } from "./statements/parse-statement.js";

/**
 * The one import every door ends in (ADR 014 §1 "Three doors"): a file's text in, each statement in it registered as
 * a version on its account's statements actor, its lines written first. A file is refused whole, before anything is
 * written: a parse refusal (`StatementRefused`), or an account or currency that does not fit
 * (`StatementImportRefused`), whichever statement of the file it is found in.
 */

/** What the import needs of the engine: the actors (reads beside the mailbox, the registration), the line store. */
export interface ImportParts {
  readonly system: Pick<ActorSystem, "query" | "dispatch">;
  readonly lines: StatementLineStore;
}

export interface ImportRequest {
  readonly text: string;
  /** Undefined: sniffed from the text. */
  readonly format?: StatementFormat | undefined;
  /** A CSV's column mapping; the account number and currency come from the account. */
  readonly csv?: CsvMapping | undefined;
  /** The account every statement of the file is imported to; needed when the file does not name the bank. */
  readonly account?: string | undefined;
  readonly source: StatementSource;
  /** Who sent the file, as its door names them: journaled with each version. */
  readonly principal: string;
}

/** What became of one statement of the file. */
export interface ImportedStatement {
  readonly accountId: string;
  readonly statementId: string;
  readonly digest: string;
  readonly version: number;
  /** True when this version was held already: nothing was written or registered. */
  readonly alreadyImported: boolean;
  readonly lineCount: number;
  /** The digest of the version this one corrects, for a new version 2 or later. */
  readonly supersedes?: string;
}

/** The engine's own principal for registrations (the view keeps the door's). */
const importPrincipal = "system:statements-import";

interface Planned {
  readonly statement: ParsedStatement;
  readonly accountId: string;
  readonly digest: string;
  readonly registration: JsonObject;
}

export async function importStatementFile(parts: ImportParts, request: ImportRequest): Promise<ImportedStatement[]> {
  const accounts = new ImportAccounts(parts.system, importPrincipal);
  const override = request.account === undefined ? undefined : givenAccountId(request.account);
  const statements = parseStatementFile(request.text, await parseOptions(request, override, accounts));
  // Every statement is checked before the first is written: a refusal leaves nothing behind.
  const planned: Planned[] = [];
  for (const [index, statement] of statements.entries()) {
    const label = statementLabel(statement, index);
    const accountId = override ?? namedAccountId(statement, index);
    const account = await accounts.opened(accountId, label);
    if (account.currency !== statement.currency)
      throw new StatementImportRefused(
        "currency_mismatch",
        `${label}: its currency ${statement.currency} is not that of account ${accountId} (${account.currency})`,
      );
    const digest = statementDigest(statement);
    planned.push({
      statement,
      accountId,
      digest,
      registration: registrationPayload(statement, digest, request, label),
    });
  }
  const imported: ImportedStatement[] = [];
  for (const plan of planned) imported.push(await importOne(parts, plan));
  return imported;
}

/** A CSV names no account: its account number and currency are the given account's. */
async function parseOptions(
  request: ImportRequest,
  override: string | undefined,
  accounts: ImportAccounts,
): Promise<ParseStatementOptions> {
  const isCsv = (request.format ?? sniffFormat(request.text)) === "csv";
  if (!isCsv || request.csv === undefined) return { format: request.format };
  if (override === undefined)
    throw new StatementImportRefused("account_required", "a CSV file does not name its account: give the account");
  const account = await accounts.opened(override, "the CSV file");
  return {
    format: request.format,
    csv: { mapping: request.csv, accountNumber: account.accountNumber, currency: account.currency },
  };
}

/** Lines first, then the registration: a version is visible only once registered, and then its lines are whole. */
async function importOne(parts: ImportParts, plan: Planned): Promise<ImportedStatement> {
  const base = {
    accountId: plan.accountId,
    statementId: plan.statement.statementId,
    digest: plan.digest,
    lineCount: plan.statement.lines.length,
  };
  const held = await heldVersion(parts, plan.accountId, plan.digest);
  if (held !== undefined) return { ...base, version: held, alreadyImported: true };
  await parts.lines.putLines(plan.digest, plan.statement.lines);
  const reply = await parts.system.dispatch({
    kind: "statements",
    actorId: plan.accountId,
    // A new id each time: a second door's registration of the same version is decided (and answered
    // alreadyImported), not answered with the first one's stored reply.
    commandId: `register:${randomUUID()}`,
    type: "register",
    payload: plan.registration,
    principal: importPrincipal,
  });
  if (!reply.ok) throw new StatementActorRefused(`statements of ${plan.accountId}: register`, reply.error);
  const registered = decodeRegisterReply(reply.result, `the reply of statements ${plan.accountId} to register`);
  return {
    ...base,
    version: registered.version,
    alreadyImported: registered.alreadyImported,
    ...(!registered.alreadyImported && registered.supersedes !== undefined && { supersedes: registered.supersedes }),
  };
}

/** The version number of `digest` when the account holds it already (a repeat needs no line written). */
async function heldVersion(parts: ImportParts, accountId: string, digest: string): Promise<number | undefined> {
  const reply = await parts.system.query("statements", accountId, "get", {}, importPrincipal);
  if (!reply.ok) throw new StatementActorRefused(`statements of ${accountId}: get`, reply.error);
  const view = decodeStatementsView(reply.result, `the reply of statements ${accountId} to get`);
  return view.versions.find((version) => version.digest === digest)?.version;
}

export { StatementImportRefused, StatementActorRefused } from "./import-errors.js";
export { StatementRefused } from "./statements/parse-statement.js";
