import { readFileSync } from "node:fs";
import { Option, type Command, type OptionValues } from "@commander-js/extra-typings";
import { jetstreamManager } from "@nats-io/jetstream";
import { parseAccountKey } from "../../actors/account/account-key.js";
import { entryMessage, type EntryBody } from "../../adapters/nats/entry-publication.js";
import {
  accountArgument,
  bookingDateOption,
  countArgument,
  entryAmountOption,
  entryFields,
  sequenceArgument,
} from "../arguments.js";
import type { CliContext } from "../context.js";
import { DeadLetterStream, type DeadLetter } from "../dead-letters.js";
import { parseEntry, publishEntry, type PublishAnswer } from "../entry-publisher.js";
import { CliFailure, exitCode, refused, usageFailure } from "../failures.js";
import { natsFailure } from "../nats.js";
import { jsonLine } from "../output.js";
import type { CommandGroup, RootCommand } from "../root.js";
import { deadLetterText, deadLettersText, outcomeText, publishedText } from "../views/entries.js";

const defaultWaitSeconds = 60;
const defaultPublisher = "liq";

interface DeliveryOptions {
  readonly publisher: string;
  readonly check: boolean;
  readonly wait?: true;
  readonly waitTimeout?: number;
}

/**
 * Publishes and reports: the stream's answer, then with `--wait` the engine's verdict. A dead letter exits 1; a
 * wait that times out exits 3 after the publication is on record (with `--json`, its document without outcome).
 */
async function deliver(
  context: CliContext,
  target: { bankCode: string; accountNumber: string },
  entry: EntryBody,
  options: DeliveryOptions,
  msgId?: string,
): Promise<void> {
  const prefix = context.natsSettings().prefix;
  const engine = context.engine();
  const nc = await context.nats();
  let published: PublishAnswer | undefined;
  try {
    const answer = await publishEntry(
      nc,
      {
        prefix,
        ...target,
        entry,
        publisher: options.publisher,
        check: options.check,
        ...(engine.hasToken && { engine }),
        ...(options.wait && { waitMs: (options.waitTimeout ?? defaultWaitSeconds) * 1_000 }),
        ...(msgId !== undefined && { msgId }),
      },
      (early) => {
        published = early;
        if (!context.json) context.io.out(publishedText(early));
      },
    );
    context.print(answer, () => (answer.outcome ? outcomeText(answer.outcome) : publishedText(answer)));
    if (answer.outcome?.status === "dead_lettered") {
      const letter = answer.outcome.dead_letter;
      throw refused(
        `entry ${entry.entryId} was dead-lettered (dead letter ${letter.seq}): ${letter.reason}`,
        letter.code,
      );
    }
  } catch (error) {
    if (published && context.json && error instanceof CliFailure && error.exitCode === exitCode.unreachable)
      context.io.out(jsonLine(published));
    throw error;
  }
}

/** A dead letter's original subject `<prefix>.entries.<bankCode>.<accountNumber>`, if it names an account. */
function accountOfSubject(prefix: string, subject: string): { bankCode: string; accountNumber: string } | undefined {
  if (!subject.startsWith(`${prefix}.entries.`)) return undefined;
  const tokens = subject.slice(prefix.length + ".entries.".length).split(".");
  if (tokens.length !== 2) return undefined;
  return parseAccountKey(tokens[0], tokens[1]).ok ? { bankCode: tokens[0]!, accountNumber: tokens[1]! } : undefined;
}

/** The entry to republish: the corrected file's, else the dead letter's own body; checked like a new publish. */
function republishedEntry(bodyFile: string | undefined, letterBody: string, seq: number): EntryBody {
  const source = bodyFile === undefined ? `dead letter ${seq}'s body` : `the body file ${bodyFile}`;
  let text = letterBody;
  if (bodyFile !== undefined) {
    try {
      text = readFileSync(bodyFile, "utf8");
    } catch (error) {
      throw usageFailure(
        `cannot read the body file ${bodyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  const fix = bodyFile === undefined ? "; give a corrected one with --body-file <file>" : "";
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw usageFailure(`${source} is not JSON${fix}`);
  }
  const parsed = parseEntry(payload);
  if (!parsed.ok) throw usageFailure(`${source} is not a valid entry: ${parsed.message}${fix}`);
  return parsed.entry;
}

/** The options of both publishing commands, after their own. */
function withDeliveryOptions<Args extends unknown[], Options extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Options, Globals>,
) {
  return command
    .addOption(
      new Option("--publisher <name>", `recorded in the journal as ingest:<name> (default ${defaultPublisher})`),
    )
    .addOption(
      new Option(
        "--no-check",
        "do not ask the engine first whether the account is open in this currency (asked when a token is set)",
      ),
    )
    .addOption(
      new Option(
        "--wait",
        "wait until the engine applied the entry or dead-lettered it, and say which (exit 1 if dead-lettered)",
      ),
    )
    .addOption(
      new Option("--wait-timeout <seconds>", `how long --wait waits (default ${defaultWaitSeconds})`).argParser(
        countArgument(3_600),
      ),
    );
}

/** The dead-letter stream of the configured subject prefix. */
async function deadLetterStream(context: CliContext): Promise<DeadLetterStream> {
  return new DeadLetterStream(await jetstreamManager(await context.nats()), context.natsSettings().prefix);
}

/** One dead letter, or the refusal `dead_letter_not_found`. */
async function readLetter(context: CliContext, seq: number): Promise<DeadLetter> {
  const letters = await deadLetterStream(context);
  const letter = await letters
    .get(seq)
    .catch((error: unknown) => Promise.reject(natsFailure(error, `cannot read ${letters.name}`)));
  if (!letter) throw refused(`${letters.name} holds no dead letter ${seq}`, "dead_letter_not_found");
  return letter;
}

/** `liq entries publish`: one booked entry to the entries stream, checked with the engine's own rules first. */
function addPublish(entries: CommandGroup, context: CliContext): void {
  const publish = entries
    .command("publish")
    .description(
      "publish one booked entry to <prefix>.entries.<bank>.<account>; checked with the engine's own rules first",
    )
    .argument("<account>", "the account, BANK:NUMBER (e.g. HSBC:001)", accountArgument)
    .option(
      "--entry <id>",
      "the entry's id upstream, 1-120 printable characters: applied once per account (default: a new one, shown)",
    )
    .addOption(entryAmountOption.credit())
    .addOption(entryAmountOption.debit())
    .requiredOption("--currency <code>", "ISO 4217; must be the account's")
    .option("--description <text>", "at most 256 characters")
    .addOption(bookingDateOption());
  withDeliveryOptions(publish).action(async (account, options) => {
    const parsed = parseEntry(entryFields(options));
    if (!parsed.ok) throw usageFailure(parsed.message);
    await deliver(context, { bankCode: account.bank_code, accountNumber: account.account_number }, parsed.entry, {
      ...options,
      publisher: options.publisher ?? defaultPublisher,
    });
  });
}

/** `liq entries dead-letters list`: the latest dead letters, or from a sequence number on. */
function addDeadLetterList(deadLetters: CommandGroup, context: CliContext): void {
  deadLetters
    .command("list")
    .description("dead letters, oldest first: the latest ones, or from a sequence number on")
    .option("--from <seq>", "from this dead-letter sequence number on (default: the latest --limit)", sequenceArgument)
    .option("--limit <n>", "at most this many, up to 1000 (default 100)", countArgument(1_000))
    .option("--code <code>", "only this code, e.g. account_not_open")
    .action(async (options) => {
      const letters = await deadLetterStream(context);
      const listed = await letters
        .list({
          limit: options.limit ?? 100,
          ...(options.from !== undefined && { fromSeq: options.from }),
          ...(options.code !== undefined && { code: options.code }),
        })
        .catch((error: unknown) => Promise.reject(natsFailure(error, `cannot read ${letters.name}`)));
      context.print({ stream: letters.name, dead_letters: listed }, () => deadLettersText(listed));
    });
}

/** `liq entries dead-letters show`: one dead letter in full. */
function addDeadLetterShow(deadLetters: CommandGroup, context: CliContext): void {
  deadLetters
    .command("show")
    .description("one dead letter in full, with the body as it was published")
    .argument("<seq>", "its sequence number in the dead-letter stream", sequenceArgument)
    .action(async (seq) => {
      const letter = await readLetter(context, seq);
      context.print(letter, () => deadLetterText(letter));
    });
}

/** `liq entries dead-letters republish`: a dead letter published again to its original subject. */
function addDeadLetterRepublish(deadLetters: CommandGroup, context: CliContext): void {
  const republish = deadLetters
    .command("republish")
    .description(
      "publish a dead letter again to its original subject, as it was or corrected from a file, once its cause is fixed",
    )
    .argument("<seq>", "its sequence number in the dead-letter stream", sequenceArgument)
    .option("--body-file <file>", "a corrected body: a JSON entry, checked like a new publish");
  withDeliveryOptions(republish).action(async (seq, options) => {
    const letter = await readLetter(context, seq);
    const prefix = context.natsSettings().prefix;
    const target = accountOfSubject(prefix, letter.original_subject);
    if (!target)
      throw refused(
        `dead letter ${seq} came from ${letter.original_subject}, which names no account; publish a corrected entry with liq entries publish`,
        "invalid_subject",
      );
    const entry = republishedEntry(options.bodyFile, letter.body, seq);
    // Not the entry's own message id: a publish of the same body may still be inside the stream's duplicate window.
    const msgId = `${entryMessage(prefix, target.bankCode, target.accountNumber, entry).msgId}:republish-${seq}`;
    await deliver(context, target, entry, { ...options, publisher: options.publisher ?? defaultPublisher }, msgId);
  });
}

/** `liq entries ...`: upstream entries over NATS JetStream, as payment systems publish them (ADR 004). */
export function addEntryCommands(root: RootCommand, context: CliContext): void {
  const entries = root
    .command("entries")
    .description("publish accounting entries to JetStream as upstream systems do, and handle dead letters (ADR 004)");
  addPublish(entries, context);
  const deadLetters = entries
    .command("dead-letters")
    .description("entries the engine could not apply: <PREFIX>_DEAD_LETTERS (code, reason, original subject and seq)");
  addDeadLetterList(deadLetters, context);
  addDeadLetterShow(deadLetters, context);
  addDeadLetterRepublish(deadLetters, context);
}
