import { Money } from "../actors/shared/amount.js";
import { JsonReader } from "../actors/shared/json-reader.js";
import type { Json } from "../runtime/json.js";
import type { StatedBalance, StatementFormat } from "./model.js";

/** One registered statement version, as the statements actor (`statements:<accountId>`) answers `get`. */
export interface StatementVersionInfo {
  readonly statementId: string;
  /** 1 for the first version of the statement id, 2 for a corrected re-issue, ... */
  readonly version: number;
  /** SHA-256 of its canonical form: names its lines in the line store. */
  readonly digest: string;
  readonly format: StatementFormat;
  /** YYYY-MM-DD: the first and last booking day it covers. */
  readonly fromDate: string;
  readonly toDate: string;
  readonly currency: string;
  readonly lineCount: number;
  readonly opening: StatedBalance | undefined;
  readonly closing: StatedBalance | undefined;
  readonly importedAt: number;
}

const formats: readonly StatementFormat[] = ["camt053", "camt052", "mt940", "csv"];

/** The versions of a statements actor's `get` reply; `source` names the reply in the error of a malformed one. */
export function decodeStatementVersions(reply: Json, source: string): StatementVersionInfo[] {
  return JsonReader.of(source, reply)
    .objects("versions")
    .map((v) => ({
      statementId: v.text("statementId"),
      version: v.integer("version"),
      digest: v.text("digest"),
      format: v.oneOf("format", formats),
      fromDate: v.text("fromDate"),
      toDate: v.text("toDate"),
      currency: v.text("currency"),
      lineCount: v.integer("lineCount"),
      opening: balanceOf(v.objectOrNull("opening")),
      closing: balanceOf(v.objectOrNull("closing")),
      importedAt: v.integer("importedAt"),
    }));
}

function balanceOf(r: JsonReader | null): StatedBalance | undefined {
  return r === null ? undefined : { amount: new Money(r.text("amount")), date: r.text("date") };
}

/**
 * The statement a day is reconciled against: of the newest version of each statement id, one that covers the day
 * (fromDate ≤ day ≤ toDate). An end-of-day statement (camt.053, MT940, CSV) wins over an intraday report (camt.052),
 * which may miss the day's last bookings; then the narrowest (a daily statement over a weekly one that repeats its
 * lines); then the latest imported; then the statement id, so that the choice never depends on the reply's order.
 * Undefined when none covers the day.
 */
export function statementForDay(
  versions: readonly StatementVersionInfo[],
  date: string,
): StatementVersionInfo | undefined {
  const newest = new Map<string, StatementVersionInfo>();
  for (const v of versions) {
    const known = newest.get(v.statementId);
    if (!known || v.version > known.version) newest.set(v.statementId, v);
  }
  const covering = [...newest.values()].filter((v) => v.fromDate <= date && date <= v.toDate);
  return covering.sort(preferred)[0];
}

function preferred(a: StatementVersionInfo, b: StatementVersionInfo): number {
  const intraday = Number(a.format === "camt052") - Number(b.format === "camt052");
  if (intraday !== 0) return intraday;
  const span = spanDays(a) - spanDays(b);
  if (span !== 0) return span;
  if (a.importedAt !== b.importedAt) return b.importedAt - a.importedAt;
  return a.statementId < b.statementId ? -1 : a.statementId > b.statementId ? 1 : 0;
}

function spanDays(v: StatementVersionInfo): number {
  return (Date.parse(`${v.toDate}T00:00:00Z`) - Date.parse(`${v.fromDate}T00:00:00Z`)) / 86_400_000;
}
