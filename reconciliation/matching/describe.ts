import type { PreparedLine, PreparedRecord } from "./prepare.js";

/** How a difference's detail names a line: number, direction, amount and date, so it reads without the file. */
export function describeLine({ line }: PreparedLine): string {
  return `line ${line.lineNo} (${line.direction} ${line.amount.toFixed()} on ${line.bookingDate})`;
}

export function describeRecord({ record }: PreparedRecord): string {
  const state = record.booked ? "" : ", not booked yet";
  return `${record.recordId} (${record.direction} ${record.amount.toFixed()} on ${record.bookingDate}${state})`;
}

export function describeRecords(records: readonly PreparedRecord[]): string {
  return records.map(describeRecord).join(", ");
}
