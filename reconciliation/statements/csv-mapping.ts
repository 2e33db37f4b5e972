import { CsvMappingInvalid } from "./errors.js";

/**
 * How a bank's CSV export maps to statement lines, configured per bank as a JSON file and checked when loaded,
 * so a wrong mapping is found before any statement is read with it. Column names are the header row's.
 */

export type CsvDateFormat = "YYYY-MM-DD" | "DD.MM.YYYY" | "MM/DD/YYYY" | "YYYYMMDD";
export const csvDateFormats: readonly CsvDateFormat[] = ["YYYY-MM-DD", "DD.MM.YYYY", "MM/DD/YYYY", "YYYYMMDD"];

/** A column whose cells are one of two sets of words (compared exactly, after trimming the cell). */
export type CsvWordColumn<First extends string, Second extends string> = { readonly column: string } & {
  readonly [Word in First | Second]: readonly string[];
};

export interface CsvColumns {
  readonly bookingDate: string;
  /** Absent: the booking date. */
  readonly valueDate: string | undefined;
  readonly amount: string;
  /** The credit and debit words of a direction column; absent: the amount is signed (negative is a debit). */
  readonly direction: CsvWordColumn<"credit", "debit"> | undefined;
  readonly bankReference: string | undefined;
  readonly endToEndId: string | undefined;
  /** The booked and pending words of a status column; absent: every row is booked. */
  readonly status: CsvWordColumn<"booked", "pending"> | undefined;
  /** When present, every row's currency must be the statement's. */
  readonly currency: string | undefined;
  /** The balance after each booked row: gives the opening and closing balances, and each row is checked by it. */
  readonly balanceAfter: string | undefined;
  /** The bank's transaction code or kind. */
  readonly code: string | undefined;
  readonly remittance: string | undefined;
}

/** One bank's CSV layout. */
export interface CsvMapping {
  /** One character. */
  readonly delimiter: string;
  readonly decimalSeparator: "." | ",";
  readonly dateFormat: CsvDateFormat;
  readonly columns: CsvColumns;
}

/** The bank simulator's CSV statement (simulator/statement.ts `renderCsv`). */
export const simulatorCsvMapping: CsvMapping = {
  delimiter: ",",
  decimalSeparator: ".",
  dateFormat: "YYYY-MM-DD",
  columns: {
    bookingDate: "booking_date",
    valueDate: undefined,
    amount: "amount",
    direction: { column: "direction", credit: ["CRDT"], debit: ["DBIT"] },
    bankReference: "bank_reference",
    endToEndId: "end_to_end_id",
    status: undefined,
    currency: "currency",
    balanceAfter: "balance_after",
    code: "kind",
    remittance: undefined,
  },
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Refuses fields the mapping does not know, which are typos more often than not. */
function onlyKnown(value: JsonObject, known: readonly string[], where: string, path: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw new CsvMappingInvalid(where, `${path}${unknown} is not a mapping field (known: ${known.join(", ")})`);
}

function columnName(value: unknown, where: string, path: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new CsvMappingInvalid(where, `${path} must be a column name (a non-empty string)`);
  return value.trim();
}

function optionalColumn(value: unknown, where: string, path: string): string | undefined {
  return value === undefined ? undefined : columnName(value, where, path);
}

function words(value: unknown, where: string, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((word) => typeof word === "string" && word.trim()))
    throw new CsvMappingInvalid(where, `${path} must be a non-empty list of non-empty words`);
  return value.map((word: string) => word.trim());
}

function wordColumn<First extends string, Second extends string>(
  value: unknown,
  [first, second]: readonly [First, Second],
  where: string,
  path: string,
): CsvWordColumn<First, Second> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value))
    throw new CsvMappingInvalid(where, `${path} must be an object with column, ${first}, ${second}`);
  onlyKnown(value, ["column", first, second], where, `${path}.`);
  const firstWords = words(value[first], where, `${path}.${first}`);
  const secondWords = words(value[second], where, `${path}.${second}`);
  const both = firstWords.find((word) => secondWords.includes(word));
  if (both !== undefined)
    throw new CsvMappingInvalid(where, `${path}: "${both}" is both a ${first} and a ${second} word`);
  const column = columnName(value.column, where, `${path}.column`);
  return { column, [first]: firstWords, [second]: secondWords } as CsvWordColumn<First, Second>;
}

const columnFields = [
  "bookingDate",
  "valueDate",
  "amount",
  "direction",
  "bankReference",
  "endToEndId",
  "status",
  "currency",
  "balanceAfter",
  "code",
  "remittance",
] as const;

function columnsOf(value: unknown, where: string): CsvColumns {
  if (!isObject(value)) throw new CsvMappingInvalid(where, "columns must be an object naming the header's columns");
  onlyKnown(value, columnFields, where, "columns.");
  return {
    bookingDate: columnName(value.bookingDate, where, "columns.bookingDate"),
    valueDate: optionalColumn(value.valueDate, where, "columns.valueDate"),
    amount: columnName(value.amount, where, "columns.amount"),
    direction: wordColumn(value.direction, ["credit", "debit"], where, "columns.direction"),
    bankReference: optionalColumn(value.bankReference, where, "columns.bankReference"),
    endToEndId: optionalColumn(value.endToEndId, where, "columns.endToEndId"),
    status: wordColumn(value.status, ["booked", "pending"], where, "columns.status"),
    currency: optionalColumn(value.currency, where, "columns.currency"),
    balanceAfter: optionalColumn(value.balanceAfter, where, "columns.balanceAfter"),
    code: optionalColumn(value.code, where, "columns.code"),
    remittance: optionalColumn(value.remittance, where, "columns.remittance"),
  };
}

/** A mapping from its JSON text (or the value already parsed); `where` names it in refusals (its file). */
export function parseCsvMapping(json: unknown, where: string): CsvMapping {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new CsvMappingInvalid(where, `not JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!isObject(value)) throw new CsvMappingInvalid(where, "a mapping is a JSON object");
  onlyKnown(value, ["delimiter", "decimalSeparator", "dateFormat", "columns"], where, "");
  const { delimiter, decimalSeparator, dateFormat } = value;
  if (typeof delimiter !== "string" || [...delimiter].length !== 1 || /["\r\n]/.test(delimiter))
    throw new CsvMappingInvalid(where, 'delimiter must be one character (not a quote or a line break), such as ";"');
  if (decimalSeparator !== "." && decimalSeparator !== ",")
    throw new CsvMappingInvalid(where, 'decimalSeparator must be "." or ","');
  if (!csvDateFormats.includes(dateFormat as CsvDateFormat))
    throw new CsvMappingInvalid(where, `dateFormat must be one of ${csvDateFormats.join(", ")}`);
  return {
    delimiter,
    decimalSeparator,
    dateFormat: dateFormat as CsvDateFormat,
    columns: columnsOf(value.columns, where),
  };
}
