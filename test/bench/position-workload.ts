import { Decimal } from "decimal.js";

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
}

export const positionWorkloads: readonly PositionWorkload[] = [
  { name: "1 hot account", accounts: 1 },
  { name: "1,000 accounts", accounts: 1_000 },
];

export function accountIds(workload: PositionWorkload): string[] {
  return Array.from({ length: workload.accounts }, (_, index) => `BENCH:${index}`);
}

/** Update `index` of a run: the same for every variant, so that final balances can be compared exactly. */
export function plannedUpdate(workload: PositionWorkload, run: string, index: number): PlannedUpdate {
  const direction = index % 4 === 3 ? "debit" : "credit";
  const amount = new Decimal(index % 500).plus(new Decimal((index * 7_919) % 10_000).div(10_000)).plus("0.0001");
  return {
    accountId: `BENCH:${index % workload.accounts}`,
    entryId: `${run}-${index}`,
    direction,
    amount: amount.toFixed(4),
    signedAmount: direction === "credit" ? amount : amount.negated(),
  };
}

/** The exact balance every account must end with after updates 0..count-1. */
export function expectedBalances(workload: PositionWorkload, run: string, count: number): Map<string, string> {
  const sums = new Map<string, Decimal>(accountIds(workload).map((id) => [id, new Decimal(0)]));
  for (let index = 0; index < count; index++) {
    const update = plannedUpdate(workload, run, index);
    sums.set(update.accountId, sums.get(update.accountId)!.plus(update.signedAmount));
  }
  return new Map([...sums].map(([id, sum]) => [id, sum.toFixed(4)]));
}

/** The accounts whose balance differs from the expected one (empty when every balance is exact). */
export function balanceMismatches(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string[] {
  return [...expected].filter(([id, balance]) => actual.get(id) !== balance).map(([id, balance]) => `${id}: expected ${balance}, got ${actual.get(id) ?? "nothing"}`);
}
