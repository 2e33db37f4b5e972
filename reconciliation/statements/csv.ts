import type { Decimal } from "decimal.js";
import type { StatedBalance, StatementLine } from "../model.js";
import { coveredDates, displayAmount, type LocatedStatement } from "./checks.js";
import { csvAmount, csvDate, csvRows, wordOf, type CsvRow } from "./csv-cells.js";
import type { CsvColumns, CsvMapping } from "./csv-mapping.js";
import { StatementRefused } from "./errors.js";
import { positive, quoted } from "./values.js";

/**
 * A bank's CSV export, read through its column mapping: a header row naming the columns, then one row per line,
 * oldest first. A CSV names neither the account nor the currency, so they come with the file at import.
 */

export interface CsvStatementOptions {
  readonly mapping: CsvMapping;
  readonly accountNumber: string;
  readonly currency: string;
  /** Default: `<accountNumber>/<first day>/<last day>`. */
  readonly statementId?: string | undefined;
}

type Field = keyof CsvColumns;

/** The header's column name of each mapped field. */
function mappedColumns(columns: CsvColumns): [Field, string][] {
  return (Object.entries(columns) as [Field, CsvColumns[Field]][]).flatMap(([field, column]) =>
    column === undefined ? [] : [[field, typeof column === "string" ? column : column.column] as [Field, string]],
  );
}

/** The cells of one row by mapped field, each with its place for messages. */
class RowCells {
  constructor(
    private readonly row: CsvRow,
    private readonly indexes: ReadonlyMap<Field, { index: number; name: string }>,
  ) {}

  place(field: Field): string {
    return `line ${this.row.lineNo} column ${quoted(this.indexes.get(field)!.name)}`;
  }

  /** The trimmed cell, or undefined when the field is not mapped or the cell is empty. */
  optional(field: Field): string | undefined {
    const column = this.indexes.get(field);
    const text = column === undefined ? "" : this.row.cells[column.index]!.trim();
    return text === "" ? undefined : text;
  }

  required(field: Field): string {
    const text = this.optional(field);
    if (text === undefined) throw new StatementRefused(this.place(field), "empty");
    return text;
  }
}

function headerIndexes(header: CsvRow, columns: CsvColumns): Map<Field, { index: number; name: string }> {
  const names = header.cells.map((cell) => cell.trim());
  const indexes = new Map<Field, { index: number; name: string }>();
  for (const [field, name] of mappedColumns(columns)) {
    const index = names.indexOf(name);
    if (index < 0)
      throw new StatementRefused(
        `line ${header.lineNo}`,
        `the mapping's ${field} column ${quoted(name)} is not in the header (${names.map((n) => quoted(n)).join(", ")})`,
      );
    if (names.lastIndexOf(name) !== index)
      throw new StatementRefused(`line ${header.lineNo}`, `the column ${quoted(name)} appears twice in the header`);
    indexes.set(field, { index, name });
  }
  return indexes;
}

interface ReadRow {
  readonly line: StatementLine;
  readonly balanceAfter: { amount: Decimal; place: string } | undefined;
}

function signed(line: StatementLine): Decimal {
  return line.direction === "credit" ? line.amount : line.amount.negated();
}

function readRow(cells: RowCells, mapping: CsvMapping, currency: string, lineNo: number, place: string): ReadRow {
  const { columns, decimalSeparator, dateFormat } = mapping;
  const amountText = cells.required("amount");
  const amount = csvAmount(amountText, decimalSeparator, cells.place("amount"));
  if (columns.direction !== undefined && amount.isNegative())
    throw new StatementRefused(
      cells.place("amount"),
      `${quoted(amountText)} is signed, but the direction column gives the direction`,
    );
  const direction =
    columns.direction === undefined
      ? amount.isNegative()
        ? "debit"
        : "credit"
      : wordOf(cells.required("direction"), columns.direction, ["credit", "debit"], cells.place("direction"));
  const status =
    columns.status === undefined
      ? "booked"
      : wordOf(cells.required("status"), columns.status, ["booked", "pending"], cells.place("status"));
  const rowCurrency = cells.optional("currency");
  if (columns.currency !== undefined && rowCurrency !== currency)
    throw new StatementRefused(
      cells.place("currency"),
      `currency ${quoted(rowCurrency ?? "")} is not the statement's ${currency}`,
    );
  const bookingDate = csvDate(cells.required("bookingDate"), dateFormat, cells.place("bookingDate"));
  const valueText = cells.optional("valueDate");
  const endToEndId = cells.optional("endToEndId");
  const bankReference = cells.optional("bankReference");
  const remittance = cells.optional("remittance");
  const balanceText =
    columns.balanceAfter === undefined || status !== "booked" ? undefined : cells.required("balanceAfter");
  return {
    line: {
      lineNo,
      direction,
      amount: positive(amount.abs(), amountText, cells.place("amount")),
      status,
      bookingDate,
      valueDate: valueText === undefined ? bookingDate : csvDate(valueText, dateFormat, cells.place("valueDate")),
      bankReference,
      endToEndId,
      code: cells.optional("code"),
      details: remittance === undefined ? [] : [{ amount: undefined, endToEndId, bankReference, remittance }],
      place,
    },
    balanceAfter:
      balanceText === undefined
        ? undefined
        : {
            amount: csvAmount(balanceText, decimalSeparator, cells.place("balanceAfter")),
            place: cells.place("balanceAfter"),
          },
  };
}

/**
 * The balances a balance column gives: the opening is the first booked row's balance less its amount, the closing
 * the last booked row's balance, and every booked row's balance must be the one before plus its own amount.
 */
function balancesOf(rows: readonly ReadRow[]): { opening: Decimal; closing: Decimal } | undefined {
  const booked = rows.filter((row) => row.line.status === "booked" && row.balanceAfter !== undefined);
  const first = booked[0];
  if (first === undefined) return undefined;
  const opening = first.balanceAfter!.amount.minus(signed(first.line));
  let running = opening;
  for (const { line, balanceAfter } of booked) {
    const expected = running.plus(signed(line));
    if (!expected.equals(balanceAfter!.amount))
      throw new StatementRefused(
        balanceAfter!.place,
        `balance ${displayAmount(balanceAfter!.amount)} ≠ ${displayAmount(running)} before + ${displayAmount(signed(line))} on this row`,
      );
    running = expected;
  }
  return { opening, closing: running };
}

export function parseCsv(text: string, options: CsvStatementOptions): LocatedStatement[] {
  const { mapping, accountNumber, currency } = options;
  const [header, ...rows] = csvRows(text, mapping.delimiter);
  if (header === undefined) throw new StatementRefused("line 1", "no header row");
  if (rows.length === 0) throw new StatementRefused(`line ${header.lineNo}`, "no rows after the header");
  const indexes = headerIndexes(header, mapping.columns);
  const read = rows.map((row, index) => {
    if (row.cells.length !== header.cells.length)
      throw new StatementRefused(
        `line ${row.lineNo}`,
        `${row.cells.length} fields where the header has ${header.cells.length}`,
      );
    return readRow(new RowCells(row, indexes), mapping, currency, index + 1, `line ${row.lineNo}`);
  });
  const lines = read.map((row) => row.line);
  const { fromDate, toDate } = coveredDates(lines, undefined)!;
  const balances = balancesOf(read);
  const stated = (amount: Decimal, date: string): StatedBalance => ({ amount, date });
  const statementId = options.statementId ?? `${accountNumber}/${fromDate}/${toDate}`;
  return [
    {
      place: "the file",
      statement: {
        format: "csv",
        statementId,
        sequence: undefined,
        accountNumber,
        bankCode: undefined,
        currency,
        createdAt: undefined,
        fromDate,
        toDate,
        opening: balances && stated(balances.opening, fromDate),
        closing: balances && stated(balances.closing, toDate),
        lines,
      },
    },
  ];
}
