import { Counter, Histogram, type Registry } from "prom-client";
import type { EvidenceOutcomeKind } from "../../reconciliation/evidence.js";
import type { ReconcilerMetrics, RunOutcome } from "../../reconciliation/reconciler.js";

const runOutcomes: readonly RunOutcome[] = ["recorded", "unchanged", "no_statement", "failed"];
const evidenceOutcomes: readonly EvidenceOutcomeKind[] = ["delivered", "already_known", "refused", "failed"];

/** The reconciler's metrics (ADR 014): runs by outcome and their time, evidence sent to transfers by outcome. */
export function prometheusReconcilerMetrics(registry: Registry): ReconcilerMetrics {
  const registers = [registry];
  const runs = new Counter({
    name: "liq_reconciliation_runs_total",
    help: "Reconciliations of an account and day, by outcome (recorded, unchanged, no_statement, failed)",
    labelNames: ["outcome"],
    registers,
  });
  const seconds = new Histogram({
    name: "liq_reconciliation_run_seconds",
    help: "Time to reconcile an account and day: read, match, keep the report, record, and the rerun after evidence",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const evidence = new Counter({
    name: "liq_reconciliation_evidence_total",
    help: "Statement lines sent to transfers as the bank's answer, by outcome (delivered, already_known, refused, failed)",
    labelNames: ["outcome"],
    registers,
  });
  // Every outcome is a series from the start, so that a rate over it is 0 rather than absent.
  for (const outcome of runOutcomes) runs.inc({ outcome }, 0);
  for (const outcome of evidenceOutcomes) evidence.inc({ outcome }, 0);
  return {
    run: (outcome, elapsed) => {
      runs.inc({ outcome });
      seconds.observe(elapsed);
    },
    evidence: (outcome) => evidence.inc({ outcome }),
  };
}
