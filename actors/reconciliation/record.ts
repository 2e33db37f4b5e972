import type { DecideContext } from "../../runtime/actor-kind.js";
import { formatAmount } from "../shared/amount.js";
import type { ReportedDifference, RunReport } from "./commands.js";
import type { ReconciliationEvent } from "./events.js";
import { differenceIdOf, type ReconciliationKey } from "./id.js";
import { runJson, type Difference, type ReconciliationState, type RunSummary } from "./state.js";

/** The events of one run, and what the reply says it changed. */
export type RunOutcome = {
  readonly events: ReconciliationEvent[];
  readonly found: string[];
  readonly updated: string[];
  readonly reopened: string[];
  readonly cleared: string[];
};

/** Whether a run read what the last one read: then it can find nothing new, and nothing is recorded. */
export function sameInputsAsLastRun(state: ReconciliationState, report: RunReport): RunSummary | undefined {
  const last = state.runs.at(-1);
  const same = last?.statementVersion === report.statementVersion && last.inputsDigest === report.inputsDigest;
  return same ? last : undefined;
}

/**
 * What a run changes (ADR 014 §4). A difference it reports for the first time is found, open. One it reports again
 * is the same difference (same id): unchanged, or updated when its amount, detail or statement version changed (a
 * proposal waiting for a checker is withdrawn when the amount changed, so nobody confirms another amount than was
 * proposed). An unresolved one it no longer reports is cleared, with the run as evidence.
 *
 * A resolved one reported again stays resolved, whatever resolved it, except `cleared`. An adjustment normally makes
 * its difference disappear (the adjustment record matches the line); reported again, it may be a run that read the
 * records before the adjustment was booked, and reopening it would invite a second adjustment. `noBooking` and
 * `settleTransfer` were a person's decision about exactly these lines and records, which a rerun does not overturn.
 * A `cleared` one was closed by a run, not a person: reported again, the difference is back, and it reopens.
 */
export function runEvents(
  key: ReconciliationKey,
  state: ReconciliationState,
  report: RunReport,
  context: DecideContext,
): RunOutcome {
  const runNo = state.runCount + 1;
  const stamp = { by: context.principal, at: context.now };
  const outcome: RunOutcome = { events: [], found: [], updated: [], reopened: [], cleared: [] };
  const reported = new Set<string>();
  for (const difference of report.differences) {
    const differenceId = differenceIdOf(key, difference.class, difference.lines, difference.records);
    reported.add(differenceId);
    const finding = {
      differenceId,
      amount: formatAmount(difference.amount),
      detail: difference.detail,
      statementVersion: report.statementVersion,
      runNo,
      statementId: report.statementId,
      lineEffect: difference.lineEffect === null ? null : formatAmount(difference.lineEffect),
    };
    const known = state.differences.get(differenceId);
    if (!known) {
      outcome.found.push(differenceId);
      outcome.events.push({ type: "differenceFound", ...classOf(difference), ...finding, ...stamp });
    } else if (known.status === "resolved") {
      if (known.resolution?.action !== "cleared") continue;
      outcome.reopened.push(differenceId);
      outcome.events.push({ type: "differenceReopened", ...finding, ...stamp });
    } else if (changedFinding(known, finding)) {
      const proposalWithdrawn = known.status === "proposed" && known.amount !== finding.amount;
      outcome.updated.push(differenceId);
      outcome.events.push({ type: "differenceUpdated", proposalWithdrawn, ...finding, ...stamp });
    }
  }
  for (const known of state.differences.values()) {
    if (known.status === "resolved" || reported.has(known.differenceId)) continue;
    outcome.cleared.push(known.differenceId);
    const evidence = { runNo, statementVersion: report.statementVersion, inputsDigest: report.inputsDigest };
    outcome.events.push({ type: "differenceCleared", differenceId: known.differenceId, ...evidence, ...stamp });
  }
  const run = runSummary(report, runNo, outcome, context);
  outcome.events.unshift({ type: "runRecorded", run: runJson(run), ...stamp });
  return outcome;
}

function classOf(d: ReportedDifference): { class: ReportedDifference["class"]; lines: number[]; records: string[] } {
  return { class: d.class, lines: [...d.lines], records: [...d.records] };
}

function changedFinding(
  d: Difference,
  finding: { amount: string; detail: string; statementVersion: string; lineEffect: string | null },
) {
  return (
    d.amount !== finding.amount ||
    d.detail !== finding.detail ||
    d.statementVersion !== finding.statementVersion ||
    d.lineEffect !== finding.lineEffect
  );
}

function runSummary(report: RunReport, runNo: number, outcome: RunOutcome, context: DecideContext): RunSummary {
  return {
    runNo,
    at: context.now,
    by: context.principal,
    statementVersion: report.statementVersion,
    statementId: report.statementId,
    inputsDigest: report.inputsDigest,
    currency: report.currency,
    matched: { ...report.matched },
    pendingLines: report.pendingLines,
    lineCount: report.lineCount,
    recordCount: report.recordCount,
    differenceCount: report.differences.length,
    found: outcome.found.length,
    updated: outcome.updated.length,
    reopened: outcome.reopened.length,
    cleared: outcome.cleared.length,
  };
}
