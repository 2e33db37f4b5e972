import type { ComparedBalance__Output } from "../../protos/generated/liquidity/v1/ComparedBalance.js";
import type { GetReportResponse__Output } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { ReconcileNowResponse__Output } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import type { ReconciliationSummary__Output } from "../../protos/generated/liquidity/v1/ReconciliationSummary.js";
import { record, table, time } from "../output.js";

function countsText(counts: ReadonlyArray<{ readonly count: number }>, name: (item: never) => string): string {
  const listed = counts.filter((item) => item.count > 0).map((item) => `${name(item as never)} ${item.count}`);
  return listed.length > 0 ? listed.join(", ") : "none";
}

function balanceText(balance: ComparedBalance__Output | null): string {
  if (!balance) return "-";
  if (balance.ledger === "") return `${balance.stated} on ${balance.date}; the engine's ledger of that day is not kept`;
  return `${balance.stated} on ${balance.date}, engine ${balance.ledger}, difference ${balance.difference}`;
}

/** A run's summary: the statement, what matched by which rule, the differences by class, the balances. */
export function summaryText(summary: ReconciliationSummary__Output | null): string {
  if (!summary) return "-\n";
  if (summary.outcome === "no_statement")
    return record([
      ["account", summary.account_id],
      ["date", summary.date],
      ["outcome", "no statement covers the day: nothing recorded"],
    ]);
  return record([
    ["account", summary.account_id],
    ["date", summary.date],
    ["outcome", `${summary.outcome} (run ${summary.run_no}, ${time(summary.created_at_ms)})`],
    [
      "statement",
      `${summary.statement_id} version ${summary.statement_version} (${summary.statement_format}, ${summary.statement_digest.slice(0, 12)})`,
    ],
    ["lines", `${summary.lines} of the day: ${summary.lines_matched} matched, ${summary.pending_lines} pending`],
    ["records", `${summary.records} in the date window: ${summary.records_matched} matched`],
    ["matched", countsText(summary.matched, (item: { rule: string }) => item.rule)],
    ["differences", countsText(summary.differences, (item: { class: string }) => item.class)],
    [
      "changes",
      `${summary.found} found, ${summary.updated} updated, ${summary.reopened} reopened, ${summary.cleared} cleared`,
    ],
    ["opening", balanceText(summary.opening)],
    ["closing", balanceText(summary.closing)],
    [
      "evidence",
      `${summary.evidence} line(s) matched to transfer steps not booked yet${summary.sum_search_cut ? "; the sum search was cut short" : ""}`,
    ],
  ]);
}

/** ReconcileNow's answer: the summary, then what each piece of evidence did. */
export function reconcileText(answer: ReconcileNowResponse__Output): string {
  const evidence = answer.evidence.map((item) => [
    item.transfer_id,
    item.step,
    String(item.line),
    item.outcome,
    item.code ? `${item.code}: ${item.message}` : "",
  ]);
  const sent = evidence.length > 0 ? table(["transfer", "step", "line", "outcome", "why"], evidence) : "";
  return summaryText(answer.summary) + sent;
}

/** GetReport's answer: the summary and one page of differences, matches and pending lines. */
export function reportText(answer: GetReportResponse__Output): string {
  const parts = [summaryText(answer.summary)];
  if (answer.differences.length > 0)
    parts.push(
      table(
        ["difference", "status", "lines", "records", "amount", "detail"],
        answer.differences.map((d) => [
          d.difference_id,
          d.status,
          d.lines.join(" ") || "-",
          d.records.join(" ") || "-",
          d.amount,
          d.detail,
        ]),
        ["left", "left", "left", "left", "right", "left"],
      ),
    );
  if (answer.matches.length > 0)
    parts.push(
      table(
        ["rule", "lines", "records", "days apart"],
        answer.matches.map((m) => [m.rule, m.lines.join(" "), m.records.join(" "), String(m.day_shift)]),
      ),
    );
  if (answer.pending.length > 0)
    parts.push(
      table(
        ["pending line", "direction", "amount", "booking", "value", "bank reference"],
        answer.pending.map((p) => [
          String(p.line),
          p.direction,
          p.amount,
          p.booking_date,
          p.value_date,
          p.bank_reference || "-",
        ]),
        ["right", "left", "right", "left", "left", "left"],
      ),
    );
  parts.push(`page ${answer.page} of ${answer.pages}\n`);
  return parts.join("");
}
