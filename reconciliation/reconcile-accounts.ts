import { silentLogger } from "../runtime/logger.js";
import { ReconciliationRunFailed } from "./errors.js";
import { reconcileDay, statementOfDay, type ReconcilerParts } from "./reconciler.js";

/** Accounts reconciled at once by a run over many: each reads a statement, records and transfers. */
const accountsInFlightMax = 4;

/** What a run over several accounts did; accounts without a statement of the day are not counted. */
export interface AccountsRun {
  readonly date: string;
  readonly reconciled: number;
  readonly recorded: number;
  readonly unchanged: number;
  readonly failed: ReadonlyArray<{ readonly accountId: string; readonly code: string; readonly message: string }>;
}

/**
 * Reconciles `date` for each of the accounts that has a statement covering it (a scheduled job's `reconciliation
 * run` without an account). An account's failure is logged and reported; the others go on.
 */
export async function reconcileAccounts(
  parts: ReconcilerParts,
  accountIds: readonly string[],
  date: string,
): Promise<AccountsRun> {
  const logger = parts.logger ?? silentLogger;
  const outcome = { reconciled: 0, recorded: 0, unchanged: 0 };
  const failed: Array<{ accountId: string; code: string; message: string }> = [];
  const one = async (accountId: string): Promise<void> => {
    try {
      if (!(await statementOfDay(parts.system, accountId, date))) return;
      const result = await reconcileDay(parts, accountId, date);
      if (result.outcome === "no_statement") return;
      outcome.reconciled++;
      outcome[result.outcome]++;
    } catch (error) {
      const code = error instanceof ReconciliationRunFailed ? error.code : "internal_error";
      const message = error instanceof Error ? error.message : String(error);
      logger.warn("reconciliation of an account failed", { account: accountId, date, code, error });
      failed.push({ accountId, code, message });
    }
  };
  for (let index = 0; index < accountIds.length; index += accountsInFlightMax)
    await Promise.all(accountIds.slice(index, index + accountsInFlightMax).map(one));
  return { date, ...outcome, failed };
}
