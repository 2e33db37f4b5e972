import type { StatementLine } from "../model.js";
import { coveredDates, type LocatedStatement } from "./checks.js";
import { StatementRefused } from "./errors.js";
import { fieldPlace, mt940Messages, type Mt940Field, type Mt940Message } from "./mt940-fields.js";
import { mt940Line } from "./mt940-line.js";
import { swiftBalance, type SwiftBalance } from "./mt940-values.js";
import { quoted } from "./values.js";

/**
 * SWIFT MT940 customer statements, a file of one or more messages. The fields of a message, in the order the
 * standard fixes: `:20:` reference, `:21:` related reference (optional), `:25:` account, `:28C:` statement number
 * and sequence, `:60F:`/`:60M:` opening balance, any number of `:61:` lines each optionally followed by its `:86:`,
 * `:62F:`/`:62M:` closing balance, `:64:` available balance and `:65:` forward balances (read, not kept), and a
 * last `:86:` about the whole statement (not kept). MT940 reports booked entries only: every line is booked.
 */

/** Reads the fields of one message in order. */
class FieldReader {
  private index = 0;
  constructor(private readonly message: Mt940Message) {}

  /** The next field if its tag is one of `tags`, taken; else undefined. */
  take(...tags: string[]): Mt940Field | undefined {
    const next = this.message.fields[this.index];
    if (next === undefined || !tags.includes(next.tag)) return undefined;
    this.index++;
    return next;
  }

  /** The next field, which must have one of `tags`; `what` says what it holds, for the refusal. */
  expect(what: string, ...tags: string[]): Mt940Field {
    const field = this.take(...tags);
    if (field !== undefined) return field;
    const wanted = tags.map((tag) => `:${tag}:`).join(" or ");
    const next = this.message.fields[this.index];
    if (next === undefined) throw new StatementRefused(messagePlace(this.message), `ends without ${wanted} (${what})`);
    throw new StatementRefused(fieldPlace(next), `expected ${wanted} (${what}) here`);
  }

  /** Refuses whatever is left: a field out of its place. */
  end(): void {
    const next = this.message.fields[this.index];
    if (next !== undefined) throw new StatementRefused(fieldPlace(next), `:${next.tag}: is not expected here`);
  }
}

function messagePlace(message: Mt940Message): string {
  return `message at line ${message.lineNo}`;
}

/** A field that must be one line of at most `max` characters matching `pattern`. */
function oneLine(field: Mt940Field, max: number, pattern: RegExp, what: string): string {
  const text = field.lines[0]!;
  if (field.lines.length > 1 || text.length > max || !pattern.test(text))
    throw new StatementRefused(fieldPlace(field), `${quoted(field.lines.join(" "))} is not ${what}`);
  return text;
}

/**
 * `:25:` as the bank writes it, split when it starts with the bank's identifier: a BIC or a national bank code of
 * digits, then `/` and the account (`DEUTDEFF/12345678`, `37040044/0532013000`).
 */
function account(field: Mt940Field): { accountNumber: string; bankCode: string | undefined } {
  const text = oneLine(field, 35, /^\S(.*\S)?$/, "an account identification (35 characters at most)");
  const split = /^([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?|\d{6,11})\/(.+)$/.exec(text);
  return split === null
    ? { accountNumber: text, bankCode: undefined }
    : { accountNumber: split[2]!, bankCode: split[1]! };
}

function checkCurrency(balance: SwiftBalance, field: Mt940Field, currency: string): void {
  if (balance.currency !== currency)
    throw new StatementRefused(fieldPlace(field), `currency ${balance.currency} is not the statement's ${currency}`);
}

function readLines(reader: FieldReader): StatementLine[] {
  const lines: StatementLine[] = [];
  for (let field = reader.take("61"); field !== undefined; field = reader.take("61"))
    lines.push(mt940Line(field, reader.take("86"), lines.length + 1));
  return lines;
}

function mt940Statement(message: Mt940Message): LocatedStatement {
  const reader = new FieldReader(message);
  const reference = oneLine(
    reader.expect("the transaction reference", "20"),
    16,
    /^\S.*$/,
    "a reference of 1 to 16 characters",
  );
  reader.take("21");
  const { accountNumber, bankCode } = account(reader.expect("the account", "25", "25P"));
  const number = oneLine(
    reader.expect("the statement number", "28C", "28"),
    11,
    /^\d{1,5}(\/\d{1,5})?$/,
    "a statement number (nnnnn[/nnnnn])",
  );
  const openingField = reader.expect("the opening balance", "60F", "60M");
  const opening = swiftBalance(openingField);
  reader.take("86");
  const lines = readLines(reader);
  const closingField = reader.expect("the closing balance", "62F", "62M");
  const closing = swiftBalance(closingField);
  checkCurrency(closing, closingField, opening.currency);
  reader.take("64");
  while (reader.take("65") !== undefined);
  reader.take("86");
  reader.end();
  const statementId = `${reference}/${number}`;
  return {
    place: messagePlace(message),
    statement: {
      format: "mt940",
      statementId,
      sequence: number,
      accountNumber,
      bankCode,
      currency: opening.currency,
      createdAt: undefined,
      ...coveredDates(lines, closing)!,
      opening: { amount: opening.amount, date: opening.date },
      closing: { amount: closing.amount, date: closing.date },
      lines,
    },
  };
}

export function parseMt940(text: string): LocatedStatement[] {
  const messages = mt940Messages(text).map((message) => ({
    ...message,
    fields: message.fields.filter((field) => field.tag !== "NS"),
  }));
  if (messages.length === 0) throw new StatementRefused("line 1", "no MT940 message (no :20: field) in the file");
  return messages.map(mt940Statement);
}
