import { accountIdOf } from "../actors/account/id.js";
import { decodeAccountView, type OpenedAccountView } from "../actors/account/view.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import { actorIdPattern } from "../runtime/subjects.js";
import type { ParsedStatement } from "./model.js";
import { StatementActorRefused, StatementImportRefused } from "./import-errors.js";

/** `<bankCode>:<accountNumber>`, each part as an account's (actors/account/account-key.ts). */
const accountIdShape = /^[A-Za-z0-9]{1,32}:[A-Za-z0-9-]{1,64}$/;

/** Checks an account id given with a file (`--account`, `account_id`). */
export function givenAccountId(accountId: string): string {
  if (!accountIdShape.test(accountId))
    throw new StatementImportRefused(
      "invalid_account",
      `the account ${JSON.stringify(accountId.slice(0, 100))} is not BANK:NUMBER (e.g. BANKA:A1)`,
    );
  return accountId;
}

/** What a statement is called in messages: its place in the file and its id. */
export function statementLabel(statement: ParsedStatement, index: number): string {
  return `statement ${index + 1} (id ${JSON.stringify(statement.statementId.slice(0, 80))})`;
}

/** The account a statement names: `<bankCode>:<accountNumber>`, when the file names the bank. */
export function namedAccountId(statement: ParsedStatement, index: number): string {
  const label = statementLabel(statement, index);
  if (statement.bankCode === undefined)
    throw new StatementImportRefused(
      "account_required",
      `${label}: the file does not name the bank of account ${JSON.stringify(statement.accountNumber.slice(0, 70))}: give the account`,
    );
  const accountId = accountIdOf(statement.bankCode, statement.accountNumber);
  if (!accountIdShape.test(accountId) || !actorIdPattern.test(accountId))
    throw new StatementImportRefused(
      "account_required",
      `${label}: the file's account ${JSON.stringify(accountId.slice(0, 100))} is not an account id of the engine: give the account`,
    );
  return accountId;
}

/** Reads each account once per import (its `get`, beside its mailbox), refusing one never opened. */
export class ImportAccounts {
  private readonly views = new Map<string, OpenedAccountView>();

  constructor(
    private readonly system: Pick<ActorSystem, "query">,
    private readonly principal: string,
  ) {}

  async opened(accountId: string, what: string): Promise<OpenedAccountView> {
    const known = this.views.get(accountId);
    if (known) return known;
    const reply = await this.system.query("account", accountId, "get", {}, this.principal);
    if (!reply.ok) throw new StatementActorRefused(`account ${accountId}: get`, reply.error);
    const view = decodeAccountView(reply.result, `the reply of account ${accountId} to get`);
    if (view.status === "new")
      throw new StatementImportRefused("account_not_open", `${what}: account ${accountId} has not been opened`);
    this.views.set(accountId, view);
    return view;
  }
}
