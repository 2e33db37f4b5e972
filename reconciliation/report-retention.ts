/**
 * Reports each account and day keeps, newest first: every run over other inputs writes one (a day with evidence
 * two), and the reconciliation actor's last run names the one GetReport shows. Older ones are removed when a new one
 * is written.
 */
export const reportsKeptPerDay = 10;

/** Items per stored chunk of a report's list, as statement lines are kept (ADR 014 §1). */
export const reportChunkItemsMax = 1_000;
