import type { DeadLetter } from "../dead-letters.js";
import type { EntryOutcome, PublishAnswer } from "../entry-publisher.js";
import { record, table, time } from "../output.js";

/** What was stored in the entries stream, or that the stream already held it. */
export function publishedText(answer: PublishAnswer): string {
  const entry = answer.body;
  const what = `entry ${entry.entryId} (${entry.direction} ${entry.amount} ${entry.currency})`;
  if (answer.duplicate)
    return `duplicate: the stream already holds ${what} as ${answer.stream} seq ${answer.seq}; nothing published now\n`;
  return `published ${what} to ${answer.subject}: ${answer.stream} seq ${answer.seq}, message id ${answer.msg_id}\n`;
}

/** The engine's verdict on a published entry. */
export function outcomeText(outcome: EntryOutcome): string {
  if (outcome.status === "dead_lettered") {
    const letter = outcome.dead_letter;
    return `dead-lettered: ${letter.code}: ${letter.reason} (dead letter ${letter.seq}; liq entries dead-letters show ${letter.seq})\n`;
  }
  const journal = outcome.journal;
  return journal
    ? `applied: journal entry ${journal.entry_seq} (${journal.command_id}, by ${journal.principal}, ${time(journal.recorded_at_ms)})\n`
    : "applied: the engine acknowledged the entry and dead-lettered nothing\n";
}

const reasonWidthMax = 72;

/** Dead letters, oldest first, reasons shortened (show prints one in full). */
export function deadLettersText(letters: readonly DeadLetter[]): string {
  const short = (text: string) => (text.length > reasonWidthMax ? `${text.slice(0, reasonWidthMax - 3)}...` : text);
  const rows = letters.map((letter) => [
    String(letter.seq),
    time(Date.parse(letter.time)),
    letter.code,
    letter.original_subject,
    String(letter.original_seq),
    short(letter.reason),
  ]);
  return table(["seq", "dead-lettered", "code", "original subject", "original seq", "reason"], rows, [
    "right",
    "left",
    "left",
    "left",
    "right",
  ]);
}

/** One dead letter in full, with its body as it was published. */
export function deadLetterText(letter: DeadLetter): string {
  return record([
    ["dead letter", String(letter.seq)],
    ["dead-lettered", time(Date.parse(letter.time))],
    ["code", letter.code],
    ["reason", letter.reason],
    ["original subject", letter.original_subject],
    ["original seq", String(letter.original_seq)],
    ["body", letter.body],
  ]);
}
