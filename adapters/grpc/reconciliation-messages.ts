import { differenceClasses, matchRules, type RunSummary } from "../../actors/reconciliation/index.js";
import { formatAmount } from "../../actors/shared/amount.js";
import type { EvidenceOutcome } from "../../reconciliation/evidence.js";
import type { FoundDifference, Match, StatementLine } from "../../reconciliation/model.js";
import type { ComparedBalance, ReportHeader } from "../../reconciliation/ports.js";
import type { DayResult } from "../../reconciliation/reconciler.js";
import type { ComparedBalance as BalanceMessage } from "../../protos/generated/liquidity/v1/ComparedBalance.js";
import type { EvidenceSent } from "../../protos/generated/liquidity/v1/EvidenceSent.js";
import type { PendingLine } from "../../protos/generated/liquidity/v1/PendingLine.js";
import type { ReconciliationSummary } from "../../protos/generated/liquidity/v1/ReconciliationSummary.js";
import type { ReportDifference } from "../../protos/generated/liquidity/v1/ReportDifference.js";
import type { ReportMatch } from "../../protos/generated/liquidity/v1/ReportMatch.js";

/** What the run changed in the reconciliation actor, counted. */
export interface RunChanges {
  readonly found: number;
  readonly updated: number;
  readonly reopened: number;
  readonly cleared: number;
}

/** The summary of a day's result (ReconcileNow). */
export function summaryOfResult(result: DayResult): ReconciliationSummary {
  if (result.outcome === "no_statement")
    return { account_id: result.accountId, date: result.date, outcome: result.outcome, message: result.message };
  return summaryOfReport(result.report, result.run, result.changes, result.outcome);
}

/** The summary of a kept report and the actor's run that recorded it; `changes` as that run made them. */
export function summaryOfReport(
  report: ReportHeader,
  run: RunSummary,
  changes: RunChanges,
  outcome: "recorded" | "unchanged",
): ReconciliationSummary {
  const { summary } = report;
  return {
    account_id: report.accountId,
    date: report.date,
    outcome,
    message: "",
    statement_id: report.statementId,
    statement_version: report.statementVersionNo,
    statement_digest: report.statementVersion,
    statement_format: report.statementFormat,
    currency: report.currency,
    inputs_digest: report.inputsDigest,
    run_no: run.runNo,
    lines: report.lineCount,
    records: report.recordCount,
    lines_matched: summary.linesMatched,
    records_matched: summary.recordsMatched,
    pending_lines: summary.pending,
    matched: matchRules.map((rule) => ({ rule, count: summary.matchesByRule[rule] })),
    differences: differenceClasses.map((c) => ({ class: c, count: summary.differencesByClass[c] })),
    evidence: summary.evidence,
    opening: balanceOf(report.opening),
    closing: balanceOf(report.closing),
    found: changes.found,
    updated: changes.updated,
    reopened: changes.reopened,
    cleared: changes.cleared,
    sum_search_cut: summary.sumSearchCut,
    created_at_ms: report.createdAt,
  };
}

function balanceOf(balance: ComparedBalance | null): BalanceMessage | null {
  if (balance === null) return null;
  const { stated, ledger } = balance;
  return {
    stated: formatAmount(stated),
    date: balance.date,
    ledger: ledger === undefined ? "" : formatAmount(ledger),
    difference: ledger === undefined ? "" : formatAmount(stated.minus(ledger)),
  };
}

export function evidenceOf(outcome: EvidenceOutcome): EvidenceSent {
  return {
    transfer_id: outcome.transferId,
    step: outcome.step,
    line: outcome.line,
    outcome: outcome.outcome,
    code: outcome.code ?? "",
    message: outcome.message ?? "",
  };
}

export function matchOf(match: Match): ReportMatch {
  return { rule: match.rule, lines: [...match.lines], records: [...match.records], day_shift: match.dayShift };
}

export function differenceOf(d: FoundDifference, differenceId: string, status: string): ReportDifference {
  return {
    difference_id: differenceId,
    class: d.class,
    lines: [...d.lines],
    records: [...d.records],
    amount: formatAmount(d.amount),
    detail: d.detail,
    status,
  };
}

export function pendingOf(line: StatementLine): PendingLine {
  return {
    line: line.lineNo,
    direction: line.direction,
    amount: formatAmount(line.amount),
    booking_date: line.bookingDate,
    value_date: line.valueDate,
    bank_reference: line.bankReference ?? "",
    end_to_end_id: line.endToEndId ?? "",
  };
}
