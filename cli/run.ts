import { CommanderError } from "@commander-js/extra-typings";
import { addAccountCommands } from "./commands/accounts.js";
import { addChannelCommands } from "./commands/channels.js";
import { addDifferenceCommands } from "./commands/differences.js";
import { addJobCommands } from "./commands/jobs.js";
import { addReconcileCommands } from "./commands/reconcile.js";
import { addRuleCommands } from "./commands/rules.js";
import { addStatementCommands } from "./commands/statements.js";
import { addSuggestionCommands } from "./commands/suggestions.js";
import { addEntryCommands } from "./commands/entries.js";
import { addTokenCommands } from "./commands/tokens.js";
import { addTransferCommands } from "./commands/transfers.js";
import { CliContext } from "./context.js";
import { CliFailure, exitCode, oneLine, type ExitCode } from "./failures.js";
import type { Io } from "./output.js";
import { rootCommand } from "./root.js";

/**
 * Runs `liq` with `argv` (the words after the program's name) and resolves with its exit code (docs/cli.md "Exit
 * codes"). Every failure is one line on stderr; nothing is thrown.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<ExitCode> {
  const root = rootCommand(io);
  const context = new CliContext(io, () => root.opts());
  addAccountCommands(root, context);
  addTransferCommands(root, context);
  addChannelCommands(root, context);
  addRuleCommands(root, context);
  addJobCommands(root, context);
  addSuggestionCommands(root, context);
  addDifferenceCommands(root, context);
  addStatementCommands(root, context);
  addReconcileCommands(root, context);
  addEntryCommands(root, context);
  addTokenCommands(root, context);
  try {
    await root.parseAsync([...argv], { from: "user" });
    return exitCode.done;
  } catch (error) {
    return reported(error, io);
  } finally {
    await context.close();
  }
}

/** The exit code of a failure, after its one line on stderr (commander has written its own already). */
function reported(error: unknown, io: Io): ExitCode {
  if (error instanceof CommanderError) {
    return error.code === "commander.helpDisplayed" || error.code === "commander.version"
      ? exitCode.done
      : exitCode.usage;
  }
  if (error instanceof CliFailure) {
    io.err(`error: ${error.message}\n`);
    return error.exitCode;
  }
  // Not foreseen: still one line, never a stack.
  io.err(`error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
  return exitCode.refused;
}
