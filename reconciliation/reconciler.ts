import type { Decimal } from "decimal.js";
import { accountNumberPattern, bankCodePattern } from "../actors/account/account-key.js";
import { decodeRecordReply, reconciliationIdOf, type RunSummary } from "../actors/reconciliation/index.js";
import { differencesPerRunMax } from "../actors/reconciliation/parse.js";
import { addDays, isBookingDay } from "../actors/shared/booking-day.js";
import { silentLogger } from "../runtime/logger.js";
import type { Logger } from "../runtime/ports.js";
import { reconcilerPrincipal, ReconcilerReads, type ReconcilerSystem } from "./actor-reads.js";
import { differencesOfDay, inputsDigestOf, linesOfDay, recordWindow } from "./day-inputs.js";
import { ReconcileRequestInvalid, ReconciliationRunFailed } from "./errors.js";
import { sendEvidence, type EvidenceContext, type EvidenceOutcome, type EvidenceOutcomeKind } from "./evidence.js";
import { compareBalances, matchStatement, summarize, type MatchEvidence, type MatchSummary } from "./matching/index.js";
import type { StatementLine } from "./model.js";
import type { ComparedBalance, RecordSource, ReportHeader, ReportStore, StatementLineStore } from "./ports.js";
import { waitForRecords } from "./records-caught-up.js";
import { runRecordPayload } from "./run-record.js";
import { statementForDay, type StatementVersionInfo } from "./statement-choice.js";
import { waitForSettlements } from "./settlements.js";

/** What the reconciler works with; the engine passes the real ones (engine/reconciliation.ts), tests fakes. */
export interface ReconcilerParts {
  /** The statements, account, transfer and reconciliation actors are read and sent commands through it. */
  readonly system: ReconcilerSystem;
  readonly lines: StatementLineStore;
  readonly records: RecordSource;
  readonly reports: ReportStore;
  /** LIQ_RECON_DATE_TOLERANCE_DAYS and LIQ_RECON_AMOUNT_TOLERANCE. */
  readonly tolerance: { readonly dateDays: number; readonly amount: Decimal };
  /** Epoch milliseconds: when a report is made. */
  readonly now: () => number;
  readonly metrics?: ReconcilerMetrics;
  readonly logger?: Logger;
  /** Longest wait for the records read model, and for evidenced transfers to book their steps (default 10 s). */
  readonly catchUpTimeoutMs?: number;
}

/**
 * How a day's run ended: `recorded` (the reconciliation actor recorded a run), `unchanged` (it read what the last
 * recorded run read), `no_statement` (no statement covers the day: nothing recorded), `failed` (thrown).
 */
export type RunOutcome = "recorded" | "unchanged" | "no_statement" | "failed";

/** Counts of the reconciler (adapters/prometheus/reconciliation-run-metrics.ts). */
export interface ReconcilerMetrics {
  run(outcome: RunOutcome, seconds: number): void;
  evidence(outcome: EvidenceOutcomeKind): void;
}

/** What one account and day's reconciliation did. */
export type DayResult =
  | { readonly outcome: "no_statement"; readonly accountId: string; readonly date: string; readonly message: string }
  | {
      readonly outcome: "recorded" | "unchanged";
      readonly accountId: string;
      readonly date: string;
      readonly statement: StatementVersionInfo;
      /** The report of the run that stands (after evidence, the rerun's). */
      readonly report: ReportHeader;
      /** Its counts; `differencesByClass` counts what was recorded, balance differences included. */
      readonly summary: MatchSummary;
      /** The actor's run (the last one when unchanged) and the ids of the differences it changed. */
      readonly run: RunSummary;
      readonly changes: {
        readonly found: number;
        readonly updated: number;
        readonly reopened: number;
        readonly cleared: number;
      };
      /** Evidence sent to transfers by the first pass; the day was reconciled again after any was taken. */
      readonly evidence: readonly EvidenceOutcome[];
    };

const catchUpTimeoutMsDefault = 10_000;

/**
 * Reconciles one account's booking day (ADR 014 §3-§5): the statement that covers it, its lines of that day, the
 * engine's records of the date window (with their transfers' bank references), the ledger as of the day before and
 * the day; matches them, keeps the full report, and records the run in the day's reconciliation actor. Lines matched
 * to transfer steps whose outcome is still to come are sent to their transfers as evidence, and the day is run once
 * more so that the recorded run shows the steps booked. Throws ReconcileRequestInvalid for a malformed account or
 * date, ReconciliationRunFailed when the run could not finish (nothing recorded).
 */
export async function reconcileDay(parts: ReconcilerParts, accountId: string, date: string): Promise<DayResult> {
  checkRequest(accountId, date);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1_000;
  try {
    const result = await reconcile(parts, accountId, date);
    parts.metrics?.run(result.outcome, seconds());
    return result;
  } catch (error) {
    parts.metrics?.run("failed", seconds());
    throw error;
  }
}

/** The statement the day is reconciled against, or undefined when none covers it (nothing to run). */
export async function statementOfDay(
  system: ReconcilerSystem,
  accountId: string,
  date: string,
): Promise<StatementVersionInfo | undefined> {
  return statementForDay(await new ReconcilerReads(system).statementVersions(accountId), date);
}

/** Refuses a malformed account id or day before anything is read. */
export function checkRequest(accountId: string, date: string): void {
  const colon = accountId.indexOf(":");
  const [bankCode, accountNumber] = [accountId.slice(0, colon), accountId.slice(colon + 1)];
  if (colon < 0 || !bankCodePattern.test(bankCode) || !accountNumberPattern.test(accountNumber))
    throw new ReconcileRequestInvalid("account", `"${accountId.slice(0, 64)}" is not an account id BANK:NUMBER`);
  const shown = date.slice(0, 32);
  if (!isBookingDay(date))
    throw new ReconcileRequestInvalid("date", `"${shown}" is not a day of the calendar (YYYY-MM-DD)`);
}

async function reconcile(parts: ReconcilerParts, accountId: string, date: string): Promise<DayResult> {
  const logger = parts.logger ?? silentLogger;
  const statement = await statementOfDay(parts.system, accountId, date);
  if (!statement)
    return { outcome: "no_statement", accountId, date, message: `no statement of ${accountId} covers ${date}` };
  const first = await runPass(parts, accountId, date, statement);
  if (first.evidence.length === 0) return dayResultOf(first, first.outcome, []);
  const sent = await sendEvidence(parts.system, first.context, first.evidence, logger);
  for (const item of sent) parts.metrics?.evidence(item.outcome);
  const delivered = sent.filter((item) => item.outcome === "delivered").map((item) => item.transferId);
  if (delivered.length === 0) return dayResultOf(first, first.outcome, sent);
  await waitForSettlements(new ReconcilerReads(parts.system), delivered, timeoutOf(parts), logger);
  const second = await runPass(parts, accountId, date, statement);
  const outcome = first.outcome === "recorded" || second.outcome === "recorded" ? "recorded" : "unchanged";
  return dayResultOf(second, outcome, sent);
}

/** One matching run of the day and its record in the reconciliation actor. */
interface Pass {
  readonly outcome: "recorded" | "unchanged";
  readonly statement: StatementVersionInfo;
  readonly report: ReportHeader;
  readonly summary: MatchSummary;
  readonly run: RunSummary;
  readonly changes: { found: number; updated: number; reopened: number; cleared: number };
  readonly evidence: readonly MatchEvidence[];
  readonly context: EvidenceContext;
}

async function runPass(
  parts: ReconcilerParts,
  accountId: string,
  date: string,
  statement: StatementVersionInfo,
): Promise<Pass> {
  const reads = new ReconcilerReads(parts.system);
  const dayLines = linesOfDay(await statementLines(parts.lines, statement), date);
  await waitForRecords(parts.records, accountId, await reads.accountEventSeq(accountId), timeoutOf(parts));
  const window = recordWindow(date, parts.tolerance.dateDays);
  const records = await reads.withBankReferences(
    await parts.records.recordsOf(accountId, window.fromDate, window.toDate),
  );
  const [ledgerBefore, ledgerAt] = await Promise.all([
    reads.ledgerAsOf(accountId, addDays(date, -1)),
    reads.ledgerAsOf(accountId, date),
  ]);
  const result = matchStatement({ lines: dayLines, records, tolerance: parts.tolerance });
  const opening =
    date === statement.fromDate && statement.opening ? { ...statement.opening, ledger: ledgerBefore } : null;
  const closing = date === statement.toDate && statement.closing ? { ...statement.closing, ledger: ledgerAt } : null;
  const differences = [
    ...differencesOfDay(result.differences, records, date),
    ...compareBalances({
      opening: opening ?? undefined,
      closing: closing ?? undefined,
      ledgerAtOpening: ledgerBefore,
      ledgerAtClosing: ledgerAt,
    }),
  ];
  const inputsDigest = inputsDigestOf({
    statementDigest: statement.digest,
    date,
    records,
    ledgerBefore,
    ledgerAt,
    tolerance: parts.tolerance,
  });
  const summary = summarize({ ...result, differences });
  const pending = dayLines.filter((line) => line.status === "pending");
  const report: ReportHeader = {
    accountId,
    date,
    inputsDigest,
    statementVersion: statement.digest,
    statementVersionNo: statement.version,
    statementFormat: statement.format,
    statementId: statement.statementId,
    currency: statement.currency,
    createdAt: parts.now(),
    lineCount: dayLines.length,
    recordCount: records.length,
    opening: balanceOf(opening),
    closing: balanceOf(closing),
    summary,
    matchCount: result.matches.length,
    differenceCount: differences.length,
    pendingCount: pending.length,
  };
  // Kept before the run is recorded: a recorded run always has its report.
  await parts.reports.putReport({ header: report, matches: result.matches, differences, pending });
  if (differences.length > differencesPerRunMax)
    throw new ReconciliationRunFailed(
      "too_many_differences",
      `${differences.length} differences on ${accountId} ${date}: more than the ${differencesPerRunMax} one run may record`,
      false,
    );
  const recorded = await record(parts, reads, {
    accountId,
    date,
    statement,
    inputsDigest,
    summary,
    dayLines,
    records: records.length,
    differences,
  });
  const context: EvidenceContext = { accountId, statement, dayLines, records, matches: result.matches };
  return { ...recorded, statement, report, summary, evidence: result.evidence, context };
}

async function record(
  parts: ReconcilerParts,
  reads: ReconcilerReads,
  run: {
    accountId: string;
    date: string;
    statement: StatementVersionInfo;
    inputsDigest: string;
    summary: MatchSummary;
    dayLines: readonly StatementLine[];
    records: number;
    differences: Parameters<typeof runRecordPayload>[0]["differences"];
  },
): Promise<Pick<Pass, "outcome" | "run" | "changes">> {
  const actorId = reconciliationIdOf(run.accountId, run.date);
  const { runCount } = await reads.reconciliation(run.accountId, run.date);
  const reply = await parts.system.dispatch({
    kind: "reconciliation",
    actorId,
    // Derived from the run it follows and what it read: a repeat (or a concurrent run over the same inputs) is
    // the same command, and inputs read again after other runs are recorded again.
    commandId: `record:${runCount}:${run.inputsDigest}`,
    type: "record",
    payload: runRecordPayload({
      statement: run.statement,
      inputsDigest: run.inputsDigest,
      matched: run.summary.matchesByRule,
      dayLines: run.dayLines,
      pendingLines: run.summary.pending,
      recordCount: run.records,
      differences: run.differences,
    }),
    principal: reconcilerPrincipal,
  });
  if (!reply.ok)
    throw new ReconciliationRunFailed(
      "actor_unavailable",
      `the reconciliation ${actorId} did not record the run: ${reply.error.code}: ${reply.error.message}`,
      reply.error.retryable,
    );
  const answer = decodeRecordReply(reply.result, `the reply of the reconciliation ${actorId}`);
  return {
    outcome: answer.unchanged ? "unchanged" : "recorded",
    run: answer.run,
    changes: {
      found: answer.found.length,
      updated: answer.updated.length,
      reopened: answer.reopened.length,
      cleared: answer.cleared.length,
    },
  };
}

async function statementLines(store: StatementLineStore, statement: StatementVersionInfo): Promise<StatementLine[]> {
  try {
    return await store.lines(statement.digest, statement.lineCount);
  } catch (error) {
    throw new ReconciliationRunFailed(
      "statement_lines_unavailable",
      `the lines of statement ${statement.statementId} (version ${statement.version}) could not be read: ${error instanceof Error ? error.message : String(error)}`,
      true,
      { cause: error },
    );
  }
}

function balanceOf(
  balance: { amount: Decimal; date: string; ledger: Decimal | undefined } | null,
): ComparedBalance | null {
  return balance && { stated: balance.amount, date: balance.date, ledger: balance.ledger };
}

function dayResultOf(pass: Pass, outcome: "recorded" | "unchanged", evidence: readonly EvidenceOutcome[]): DayResult {
  const { report } = pass;
  return {
    outcome,
    accountId: report.accountId,
    date: report.date,
    statement: pass.statement,
    report,
    summary: pass.summary,
    run: pass.run,
    changes: pass.changes,
    evidence,
  };
}

function timeoutOf(parts: ReconcilerParts): number {
  return parts.catchUpTimeoutMs ?? catchUpTimeoutMsDefault;
}
