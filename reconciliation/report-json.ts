import { differenceClasses, matchRules } from "../actors/reconciliation/classes.js";
import { Money } from "../actors/shared/amount.js";
import { JsonReader } from "../actors/shared/json-reader.js";
import { unreachable } from "../runtime/assert.js";
import type { JsonObject } from "../runtime/json.js";
import type { DifferenceClass, FoundDifference, LineDetail, Match, MatchRule, StatementLine } from "./model.js";
import type { MatchSummary } from "./matching/index.js";
import type { ComparedBalance, ReportHeader, ReportSection, ReportSections } from "./ports.js";

/**
 * A report in JSON for a store that keeps documents (adapters/mongo/mongo-report-store.ts): amounts as exact decimal
 * strings (no Decimal128 on FerretDB, no binary floats anywhere), absent fields as null. Decoding is strict: a
 * document out of shape is corruption, reported with the field at fault.
 */

// The actor's lists, the same as the model's (a unit test holds them equal).
const rules: readonly MatchRule[] = matchRules;
const classes: readonly DifferenceClass[] = differenceClasses;

export function encodeHeader(header: ReportHeader): JsonObject {
  return {
    ...header,
    opening: encodeBalance(header.opening),
    closing: encodeBalance(header.closing),
    summary: {
      ...header.summary,
      matchesByRule: { ...header.summary.matchesByRule },
      differencesByClass: { ...header.summary.differencesByClass },
    },
  };
}

export function decodeHeader(json: JsonObject, source: string): ReportHeader {
  const r = JsonReader.of(source, json);
  return {
    accountId: r.text("accountId"),
    date: r.text("date"),
    inputsDigest: r.text("inputsDigest"),
    statementVersion: r.text("statementVersion"),
    statementVersionNo: r.integer("statementVersionNo"),
    statementFormat: r.oneOf("statementFormat", ["camt053", "camt052", "mt940", "csv"] as const),
    statementId: r.text("statementId"),
    currency: r.text("currency"),
    createdAt: r.integer("createdAt"),
    lineCount: r.integer("lineCount"),
    recordCount: r.integer("recordCount"),
    opening: decodeBalance(r.objectOrNull("opening")),
    closing: decodeBalance(r.objectOrNull("closing")),
    summary: decodeSummary(r.object("summary")),
    matchCount: r.integer("matchCount"),
    differenceCount: r.integer("differenceCount"),
    pendingCount: r.integer("pendingCount"),
  };
}

function decodeSummary(r: JsonReader): MatchSummary {
  const byRule = r.object("matchesByRule");
  const byClass = r.object("differencesByClass");
  return {
    matchesByRule: Object.fromEntries(rules.map((rule) => [rule, byRule.integer(rule)])) as Record<MatchRule, number>,
    differencesByClass: Object.fromEntries(classes.map((c) => [c, byClass.integer(c)])) as Record<
      DifferenceClass,
      number
    >,
    linesMatched: r.integer("linesMatched"),
    recordsMatched: r.integer("recordsMatched"),
    pending: r.integer("pending"),
    evidence: r.integer("evidence"),
    sumSearchCut: r.boolean("sumSearchCut"),
  };
}

function encodeBalance(balance: ComparedBalance | null): JsonObject | null {
  return balance && { stated: balance.stated.toFixed(), date: balance.date, ledger: balance.ledger?.toFixed() ?? null };
}

function decodeBalance(r: JsonReader | null): ComparedBalance | null {
  if (r === null) return null;
  const ledger = r.textOrNull("ledger");
  return {
    stated: new Money(r.text("stated")),
    date: r.text("date"),
    ledger: ledger === null ? undefined : new Money(ledger),
  };
}

/** One item of a report's list as JSON. */
export function encodeItem<S extends ReportSection>(section: S, item: ReportSections[S][number]): JsonObject {
  switch (section) {
    case "matches": {
      const match = item as Match;
      return { rule: match.rule, lines: [...match.lines], records: [...match.records], dayShift: match.dayShift };
    }
    case "differences": {
      const d = item as FoundDifference;
      return {
        class: d.class,
        lines: [...d.lines],
        records: [...d.records],
        amount: d.amount.toFixed(),
        detail: d.detail,
      };
    }
    case "pending":
      return encodeLine(item as StatementLine);
    default:
      return unreachable(section as never);
  }
}

export function decodeItem<S extends ReportSection>(
  section: S,
  json: JsonObject,
  source: string,
): ReportSections[S][number] {
  const r = JsonReader.of(source, json);
  switch (section) {
    case "matches":
      return {
        rule: r.oneOf("rule", rules),
        lines: r.integers("lines"),
        records: r.texts("records"),
        dayShift: r.integer("dayShift"),
      } satisfies Match as ReportSections[S][number];
    case "differences":
      return {
        class: r.oneOf("class", classes),
        lines: r.integers("lines"),
        records: r.texts("records"),
        amount: new Money(r.text("amount")),
        detail: r.text("detail"),
      } satisfies FoundDifference as ReportSections[S][number];
    case "pending":
      return decodeLine(r) as ReportSections[S][number];
    default:
      return unreachable(section as never);
  }
}

function encodeLine(line: StatementLine): JsonObject {
  return {
    lineNo: line.lineNo,
    direction: line.direction,
    amount: line.amount.toFixed(),
    status: line.status,
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    bankReference: line.bankReference ?? null,
    endToEndId: line.endToEndId ?? null,
    code: line.code ?? null,
    details: line.details.map((detail) => ({
      amount: detail.amount?.toFixed() ?? null,
      endToEndId: detail.endToEndId ?? null,
      bankReference: detail.bankReference ?? null,
      remittance: detail.remittance ?? null,
    })),
    place: line.place,
  };
}

function decodeLine(r: JsonReader): StatementLine {
  const optional = (reader: JsonReader, name: string) => reader.textOrNull(name) ?? undefined;
  return {
    lineNo: r.integer("lineNo"),
    direction: r.oneOf("direction", ["credit", "debit"] as const),
    amount: new Money(r.text("amount")),
    status: r.oneOf("status", ["booked", "pending"] as const),
    bookingDate: r.text("bookingDate"),
    valueDate: r.text("valueDate"),
    bankReference: optional(r, "bankReference"),
    endToEndId: optional(r, "endToEndId"),
    code: optional(r, "code"),
    details: r.objects("details").map((d): LineDetail => ({
      amount: d.isNull("amount") ? undefined : new Money(d.text("amount")),
      endToEndId: optional(d, "endToEndId"),
      bankReference: optional(d, "bankReference"),
      remittance: optional(d, "remittance"),
    })),
    place: r.text("place"),
  };
}
