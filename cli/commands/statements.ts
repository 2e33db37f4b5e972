import { readFileSync } from "node:fs";
import { Option } from "@commander-js/extra-typings";
import { statementFormats } from "../../actors/statements/index.js";
import { parseCsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { CsvMappingInvalid } from "../../reconciliation/statements/errors.js";
import type { ImportStatementResponse__Output } from "../../protos/generated/liquidity/v1/ImportStatementResponse.js";
import type { ListStatementsResponse__Output } from "../../protos/generated/liquidity/v1/ListStatementsResponse.js";
import { accountArgument } from "../arguments.js";
import type { CliContext } from "../context.js";
import { usageFailure } from "../failures.js";
import type { RootCommand } from "../root.js";
import { importText, statementsText } from "../views/statements.js";

/** gRPC's own limit on a request: a larger file goes through the engine's inbox folder. */
const requestBytesMax = 4 * 1024 * 1024;
/** Room for the request's other fields (mapping, account) under that limit. */
const fileBytesMax = requestBytesMax - 64 * 1024;

/** `BANK:NUMBER`, checked by the engine's rule, sent as written. */
function accountIdArgument(value: string): string {
  accountArgument(value);
  return value;
}

/** A file's bytes; a file that cannot be read is a usage error naming it (exit 2, nothing sent). */
function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw usageFailure(
      `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The mapping of `--mapping`, checked with the engine's own rules (a bad field is exit 2) and sent as written. */
function mappingOfFile(file: string): string {
  const text = readBytes(file, "mapping file").toString("utf8");
  try {
    parseCsvMapping(text, file);
  } catch (error) {
    if (error instanceof CsvMappingInvalid) throw usageFailure(error.message);
    throw error;
  }
  return text;
}

/** `liq statements ...`: the Statements service (bank statements in, ADR 014 §1). */
export function addStatementCommands(root: RootCommand, context: CliContext): void {
  const statements = root
    .command("statements")
    .description("bank statements: import a file, list an account's versions (gRPC liquidity.v1.Statements)");

  statements
    .command("import")
    .description(
      "import a camt.053, camt.052, MT940 or CSV file, every statement in it or none; a file held already changes nothing (role operator)",
    )
    .argument("<file>", "the statement file (at most 4 MiB; larger ones through the engine's inbox folder)")
    .addOption(new Option("--format <format>", "the file's format (default: from the text)").choices(statementFormats))
    .option("--mapping <file>", "a CSV's column mapping, JSON (docs/reconciliation.md); a CSV needs --account too")
    .option(
      "--account <id>",
      "import every statement to this account, BANK:NUMBER (default: the one the file names)",
      accountIdArgument,
    )
    .action((file, options) => {
      if (options.format === "csv" && (options.mapping === undefined || options.account === undefined))
        throw usageFailure(
          "a CSV file needs --mapping <file> and --account <BANK:NUMBER>: it names neither its columns nor its account",
        );
      const content = readBytes(file, "statement file");
      if (content.length > fileBytesMax)
        throw usageFailure(
          `${file} is ${content.length} bytes; ImportStatement takes at most ${fileBytesMax}: put it in the engine's inbox folder (LIQ_STATEMENT_INBOX)`,
        );
      return context.show<ImportStatementResponse__Output, "Statements">(
        "Statements",
        "ImportStatement",
        {
          content,
          format: options.format ?? "",
          csv_mapping_json: options.mapping === undefined ? "" : mappingOfFile(options.mapping),
          account_id: options.account ?? "",
        },
        importText,
      );
    });

  statements
    .command("list")
    .description(
      "an account's statement versions, oldest first: the newest of a statement id is its last (role viewer)",
    )
    .argument("<account>", "BANK:NUMBER", accountIdArgument)
    .action((accountId) =>
      context.show<ListStatementsResponse__Output, "Statements">(
        "Statements",
        "ListStatements",
        { account_id: accountId },
        statementsText,
      ),
    );
}
