import { Command, Option } from "@commander-js/extra-typings";
import { countArgument } from "./arguments.js";
import { oneLine } from "./failures.js";
import type { Io } from "./output.js";
import { defaultServer, defaultTimeoutSeconds } from "./settings.js";

const settingsHelp = `
Settings (flags win over the environment):
  --server, LIQ_SERVER          the engine's gRPC address (default ${defaultServer})
  --token-file, LIQ_TOKEN_FILE  a file holding the bearer token; or the token in
                                LIQ_TOKEN (never a flag: it would land in history)
  --ca-file, LIQ_CA_FILE        TLS trusting this CA; without it: PLAINTEXT
  entries (NATS)                LIQ_NATS_URL (default nats://127.0.0.1:4222),
                                LIQ_NATS_USER, LIQ_NATS_PASSWORD, LIQ_NATS_TOKEN,
                                LIQ_NATS_CREDS, LIQ_NATS_TLS_CA,
                                LIQ_SUBJECT_PREFIX (default liq)

Accounts are BANK:NUMBER (HSBC:001); amounts exact decimals ("1500.25", not 1e3).
Reference: docs/cli.md`;

const exitCodesHelp = `
Exit codes: 0 done; 1 refused by the engine (its sentence and code), an entry
dead-lettered, or a waited-for transfer that did not end in SUCCESS; 2 usage
(nothing was sent); 3 engine or NATS unreachable or timed out. Errors are one
line on stderr.`;

/**
 * `liq` without its commands: the global options, help texts, and the output and exit behaviour that subcommands
 * inherit (commander copies them to every command made with `.command()`).
 */
export function rootCommand(io: Io) {
  return new Command("liq")
    .description(
      "The liquidity engine's command-line client: accounts, transfers, channels, rules, jobs, suggestions, statements and reconciliation over gRPC, entries over NATS JetStream",
    )
    .addOption(
      new Option("--server <host:port>", `the engine's gRPC address (env LIQ_SERVER; default ${defaultServer})`),
    )
    .addOption(
      new Option(
        "--token-file <file>",
        "a file holding the bearer token (env LIQ_TOKEN_FILE; or the token in LIQ_TOKEN)",
      ),
    )
    .addOption(
      new Option(
        "--ca-file <file>",
        "TLS: trust this CA for the engine's certificate (env LIQ_CA_FILE); without it: PLAINTEXT",
      ),
    )
    .addOption(
      new Option("--timeout <seconds>", `deadline of each call (default ${defaultTimeoutSeconds})`).argParser(
        countArgument(3_600),
      ),
    )
    .option("--json", "one JSON document per answer (one per line for watches), amounts as the engine's strings")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: (text, write) => write(`${oneLine(text)}\n`),
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .addHelpText("after", settingsHelp)
    .addHelpText("afterAll", exitCodesHelp);
}

export type RootCommand = ReturnType<typeof rootCommand>;

/** A group of commands under the root (`liq accounts`): the root's options are its global options. */
export type CommandGroup = Command<[], {}, ReturnType<RootCommand["opts"]>>;
