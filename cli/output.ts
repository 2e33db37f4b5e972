import Table from "cli-table3";

/** Where `liq` reads its environment and writes: the process, or a test's buffers. */
export interface Io {
  readonly env: NodeJS.ProcessEnv;
  /** stdout: answers (tables, or one JSON document per answer). */
  out(text: string): void;
  /** stderr: the one line of a failure. */
  err(text: string): void;
}

export function processIo(): Io {
  return {
    env: process.env,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
}

type Align = "left" | "right";

/** A table with a header row; no colours, so that what a terminal shows is what a pipe gets. */
export function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: readonly Align[] = [],
): string {
  const rendered = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, index) => align[index] ?? "left"),
  });
  for (const row of rows) rendered.push([...row]);
  return `${rendered.toString()}\n`;
}

/** One record as a two-column table of field and value. */
export function record(pairs: ReadonlyArray<readonly [string, string]>): string {
  const rendered = new Table({ style: { head: [], border: [], compact: true } });
  for (const [name, value] of pairs) rendered.push({ [name]: value });
  return `${rendered.toString()}\n`;
}

/** One JSON document on one line: `--json` output, one per answer (one per update for watches). */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** Epoch milliseconds (a uint64 string or number) as UTC time to the second; "-" for 0 or nothing. */
export function time(ms: string | number | undefined): string {
  const value = Number(ms ?? 0);
  if (!Number.isFinite(value) || value <= 0) return "-";
  return `${new Date(value).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** `BANK:NUMBER` of an account key, or "-". */
export function accountText(key: { bank_code: string; account_number: string } | null | undefined): string {
  return key ? `${key.bank_code}:${key.account_number}` : "-";
}

export function orDash(value: string | undefined | null): string {
  return value === undefined || value === null || value === "" ? "-" : value;
}
