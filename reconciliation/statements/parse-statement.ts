import type { ParsedStatement, StatementFormat } from "../model.js";
import { parseCamt } from "./camt.js";
import { checkStatement, type LocatedStatement } from "./checks.js";
import { parseCsv, type CsvStatementOptions } from "./csv.js";
import { StatementRefused } from "./errors.js";
import { parseMt940 } from "./mt940.js";

/**
 * The one entry to the statement parsers (ADR 014 §1): a file's text in, every statement in it out, or a
 * `StatementRefused` naming the place at fault and nothing else (a file is refused whole).
 */

export { StatementRefused } from "./errors.js";

export interface ParseStatementOptions {
  /** Undefined: sniffed from the text (XML is camt, a `:20:` field MT940, anything else CSV). */
  readonly format?: StatementFormat | undefined;
  /** Needed for CSV, which names neither its columns' meaning nor the account. */
  readonly csv?: CsvStatementOptions | undefined;
}

/** Large enough for a 100,000-line camt.053; a larger file is refused before it is parsed. */
export const statementFileCharactersMax = 256 * 1024 * 1024;

/** What the text looks like: XML, MT940 or (by elimination) CSV. */
export function sniffFormat(text: string): "camt" | "mt940" | "csv" {
  const start = text.trimStart();
  if (start.startsWith("<")) return "camt";
  if (/^\{1:/.test(start) || /(^|\r\n|\n|\r):20:/.test(start)) return "mt940";
  return "csv";
}

function parseAs(text: string, format: StatementFormat | "camt", options: ParseStatementOptions): LocatedStatement[] {
  switch (format) {
    case "camt":
      return parseCamt(text);
    case "camt053":
    case "camt052":
      return parseCamt(text, format);
    case "mt940":
      return parseMt940(text);
    case "csv":
      if (options.csv === undefined)
        throw new StatementRefused(
          "the file",
          options.format === "csv"
            ? "no CSV column mapping was given"
            : "neither camt XML nor MT940, and no CSV column mapping was given",
        );
      return parseCsv(text, options.csv);
  }
}

export function parseStatementFile(text: string, options: ParseStatementOptions = {}): ParsedStatement[] {
  if (text.length > statementFileCharactersMax)
    throw new StatementRefused("the file", `larger than ${statementFileCharactersMax} characters`);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") throw new StatementRefused("the file", "empty");
  const located = parseAs(body, options.format ?? sniffFormat(body), options);
  for (const statement of located) checkStatement(statement);
  return located.map(({ statement }) => statement);
}
