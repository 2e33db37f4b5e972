import { status } from "@grpc/grpc-js";
import { decodeAccountView } from "../../actors/account/view.js";
import { decodeStatementsView, statementFormats, type StatementFormatName } from "../../actors/statements/index.js";
import {
  StatementImportRefused,
  StatementRefused,
  StatementActorRefused,
  type ImportedStatement,
  type ImportRequest,
} from "../../reconciliation/import.js";
import { givenAccountId } from "../../reconciliation/import-accounts.js";
import type { ImportRefusalCode } from "../../reconciliation/import-errors.js";
import { parseCsvMapping, type CsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { CsvMappingInvalid } from "../../reconciliation/statements/errors.js";
import { statementText } from "../../reconciliation/statements/file-text.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { ImportStatementRequest__Output } from "../../protos/generated/liquidity/v1/ImportStatementRequest.js";
import type { ImportStatementResponse } from "../../protos/generated/liquidity/v1/ImportStatementResponse.js";
import type { ListStatementsRequest__Output } from "../../protos/generated/liquidity/v1/ListStatementsRequest.js";
import type { ListStatementsResponse } from "../../protos/generated/liquidity/v1/ListStatementsResponse.js";
import { getView } from "./actor-get.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { importedStatementOf, statementVersionOf } from "./statement-messages.js";

/** The one import of the engine (reconciliation/import.ts), with its parts already bound. */
export type StatementImporter = (request: ImportRequest) => Promise<ImportedStatement[]>;

/** Each import refusal's status: the account's own codes as the account answers them, the rest the caller's to fix. */
const refusalStatus: Readonly<Record<ImportRefusalCode, status>> = {
  account_required: status.INVALID_ARGUMENT,
  invalid_account: status.INVALID_ARGUMENT,
  invalid_statement: status.INVALID_ARGUMENT,
  account_not_open: status.NOT_FOUND,
  currency_mismatch: status.FAILED_PRECONDITION,
};

/**
 * The Statements service (ADR 014 §1): ImportStatement runs the engine's one import on a file sent whole;
 * ListStatements reads the account's statements actor.
 */
export class StatementsService {
  constructor(
    private readonly system: ActorSystem,
    private readonly importer: StatementImporter,
  ) {}

  async importStatement(request: ImportStatementRequest__Output, caller: Caller): Promise<ImportStatementResponse> {
    try {
      const imported = await this.importer({
        text: statementText(request.content),
        format: formatOf(request.format),
        csv: mappingOf(request.csv_mapping_json),
        account: request.account_id === "" ? undefined : request.account_id,
        source: "upload",
        principal: caller.principal,
      });
      return { statements: imported.map(importedStatementOf) };
    } catch (error) {
      throw apiErrorOf(error);
    }
  }

  async listStatements(request: ListStatementsRequest__Output, caller: Caller): Promise<ListStatementsResponse> {
    let accountId: string;
    try {
      accountId = givenAccountId(request.account_id);
    } catch (error) {
      throw apiErrorOf(error);
    }
    const account = await getView(this.system, "account", accountId, caller, decodeAccountView);
    if (account.status === "new")
      throw new ApiError(status.NOT_FOUND, `account ${accountId} has not been opened`, "account_not_open");
    const view = await getView(this.system, "statements", accountId, caller, decodeStatementsView);
    return { account_id: accountId, versions: view.versions.map(statementVersionOf) };
  }
}

function formatOf(format: string): StatementFormatName | undefined {
  if (format === "") return undefined;
  if ((statementFormats as readonly string[]).includes(format)) return format as StatementFormatName;
  throw new ApiError(
    status.INVALID_ARGUMENT,
    `format must be ${statementFormats.join(", ")} or empty (from the text), not ${JSON.stringify(format.slice(0, 20))}`,
    "invalid_argument",
  );
}

function mappingOf(json: string): CsvMapping | undefined {
  return json === "" ? undefined : parseCsvMapping(json, "csv_mapping_json");
}

/** A refusal of the import as the call's status; anything else is the server's fault (INTERNAL, logged). */
function apiErrorOf(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof StatementRefused)
    return new ApiError(status.INVALID_ARGUMENT, error.message, "statement_refused");
  if (error instanceof CsvMappingInvalid)
    return new ApiError(status.INVALID_ARGUMENT, error.message, "csv_mapping_invalid");
  if (error instanceof StatementImportRefused)
    return new ApiError(refusalStatus[error.code], error.message, error.code);
  if (error instanceof StatementActorRefused) return ApiError.fromBody(error.error);
  return error;
}
