import type { Decimal } from "decimal.js";
import { parse } from "csv-parse/sync";
import type { CsvDateFormat, CsvWordColumn } from "./csv-mapping.js";
import { StatementRefused } from "./errors.js";
import { calendarDate, quoted, signedAmount } from "./values.js";

/** Reading a CSV file into rows, and its cells in the notations a mapping names. */

export interface CsvRow {
  readonly cells: readonly string[];
  /** 1-based line of the file the row starts on. */
  readonly lineNo: number;
}

/** Every record of the file (header first), with its line; empty lines are skipped, a bad quote is refused. */
export function csvRows(text: string, delimiter: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes as { record, info }; the sync API's types do not say so.
    const options = { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    const place = typeof line === "number" ? `line ${line}` : "the file";
    throw new StatementRefused(place, `not readable as CSV: ${(error as Error).message}`, { cause: error });
  }
  return records.map(({ record, info }) => {
    // The parser counts lines up to the record's end; a quoted cell may hold line breaks.
    const breaks = record.reduce((sum, cell) => sum + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    return { cells: record, lineNo: info.lines - breaks };
  });
}

const datePatterns: Record<CsvDateFormat, { pattern: RegExp; order: [year: number, month: number, day: number] }> = {
  "YYYY-MM-DD": { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
  "DD.MM.YYYY": { pattern: /^(\d{2})\.(\d{2})\.(\d{4})$/, order: [3, 2, 1] },
  "MM/DD/YYYY": { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 1, 2] },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: [1, 2, 3] },
};

/** A date in the mapping's format, as YYYY-MM-DD of a real day. */
export function csvDate(text: string, format: CsvDateFormat, place: string): string {
  const { pattern, order } = datePatterns[format];
  const match = pattern.exec(text);
  const date = match && calendarDate(Number(match[order[0]]), Number(match[order[1]]), Number(match[order[2]]));
  if (!date) throw new StatementRefused(place, `${quoted(text)} is not a date (${format})`);
  return date;
}

/**
 * A signed amount with the mapping's decimal separator. With a decimal comma, a point is refused rather than read
 * as a thousands separator or a decimal point: "1.234" is not an amount there.
 */
export function csvAmount(text: string, decimalSeparator: "." | ",", place: string): Decimal {
  if (decimalSeparator === "," && text.includes("."))
    throw new StatementRefused(place, `${quoted(text)} is not an amount (the decimal separator is ",")`);
  return signedAmount(decimalSeparator === "," ? text.replace(",", ".") : text, place);
}

/** Which of a word column's two sets a cell is in. */
export function wordOf<First extends string, Second extends string>(
  text: string,
  column: CsvWordColumn<First, Second>,
  [first, second]: readonly [First, Second],
  place: string,
): First | Second {
  if (column[first].includes(text)) return first;
  if (column[second].includes(text)) return second;
  const list = (words: readonly string[]): string => words.map((word) => quoted(word)).join(", ");
  throw new StatementRefused(
    place,
    `${quoted(text)} is neither a ${first} word (${list(column[first])}) nor a ${second} word (${list(column[second])})`,
  );
}
