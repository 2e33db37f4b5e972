import { Decimal } from "decimal.js";

/** Sums need more than decimal.js's default 20 significant digits to stay exact (ADR 003). */
export const Exact = Decimal.clone({ precision: 40 });

/** One position update of the benchmark: an upstream entry on one account. */
export interface PlannedUpdate {
  readonly accountId: string;
  readonly entryId: string;
  readonly direction: "credit" | "debit";
  /** Positive decimal string with 4 places. */
  readonly amount: string;
  readonly signedAmount: Decimal;
}

export interface PositionWorkload {
  readonly name: string;
  readonly accounts: number;
  /** The accounts' bank code (`<bankCode>:<n>`); `BENCH` when absent. A run on a shared journal takes its own. */
  readonly bankCode?: string;
}

export const positionWorkloads: readonly PositionWorkload[] = [
  { name: "1 hot account", accounts: 1 },
  { name: "1,000 accounts", accounts: 1_000 },
];

export function accountIds(workload: PositionWorkload): string[] {
  return Array.from({ length: workload.accounts }, (_, index) => `${workload.bankCode ?? "BENCH"}:${index}`);
}

/** Update `index` of a run: the same for every variant, so that final balances can be compared exactly. */
export function plannedUpdate(workload: PositionWorkload, run: string, index: number): PlannedUpdate {
  const direction = index % 4 === 3 ? "debit" : "credit";
  const amount = new Exact(index % 500).plus(new Exact((index * 7_919) % 10_000).div(10_000)).plus("0.0001");
  return {
    accountId: `${workload.bankCode ?? "BENCH"}:${index % workload.accounts}`,
    entryId: `${run}-${index}`,
    direction,
    amount: amount.toFixed(4),
    signedAmount: direction === "credit" ? amount : amount.negated(),
  };
}

/** The exact balance every account must end with after the updates `applied` (those acknowledged as done). */
export function expectedBalances(
  workload: PositionWorkload,
  run: string,
  applied: Iterable<number>,
): Map<string, string> {
  const sums = new Map<string, Decimal>(accountIds(workload).map((id) => [id, new Exact(0)]));
  for (const index of applied) {
    const update = plannedUpdate(workload, run, index);
    sums.set(update.accountId, sums.get(update.accountId)!.plus(update.signedAmount));
  }
  return new Map([...sums].map(([id, sum]) => [id, sum.toFixed(4)]));
}

/** What a store holds for an account after a run: the ledger (book) balance and the available balance. */
export interface StoredBalance {
  readonly ledger: string;
  readonly available: string;
}

/**
 * The accounts whose ledger or available balance differs from the expected one (empty when every balance is
 * exact). Compared as decimals with 4 places, never as JS numbers. Entries move ledger and available alike.
 */
export function balanceMismatches(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, StoredBalance>,
): string[] {
  const fixed = (value: string | undefined) => (value === undefined ? "nothing" : new Exact(value).toFixed(4));
  return [...expected].flatMap(([id, balance]) => {
    const stored = actual.get(id);
    const [ledger, available] = [fixed(stored?.ledger), fixed(stored?.available)];
    return ledger === balance && available === balance
      ? []
      : [`${id}: expected ${balance}, got ledger ${ledger}, available ${available}`];
  });
}
