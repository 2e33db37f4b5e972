import type { JsonObject } from "../../runtime/json.js";

/**
 * The decision engine's benchmark workload: accounts in pools, one pool rule each, balances that stay between the
 * watermarks except for the "dips" that take one account below its low warning so that the planner plans.
 */
export interface PlannerWorkload {
  readonly accounts: number;
  readonly pools: number;
}

export const bankCode = "BENCH";
export const currency = "EUR";

/**
 * Every account is funded to 20,000; a dip leaves it at about 4,500, below the low warning of 5,000, and its top-up
 * to the target (about 10,500) fits in what one other account can give (15,000 above its low warning). A top-up
 * that needs two sources is refused by the planner actor today (plan_conflict: two plans to one account in one
 * record), so this workload keeps to one source per top-up.
 */
export const watermarks = { lowDanger: "1000", lowWarning: "5000", target: "15000", high: "1000000" } as const;
export const funding = "20000.0000";
export const dipAmount = "15500.0000";

export function accountIdOf(index: number): string {
  return `${bankCode}:${index}`;
}

/** Accounts are dealt to pools in turn: account i is in pool i mod P. */
export function poolOf(workload: PlannerWorkload, accountIndex: number): string {
  return `pool${accountIndex % workload.pools}`;
}

export function poolNames(workload: PlannerWorkload): string[] {
  return Array.from({ length: workload.pools }, (_, index) => `pool${index}`);
}

/**
 * The pool's rule in `mode`: a top-up back to the target from the pool's other accounts. SUGGEST records a plan and
 * creates a suggestion (all of the planner's work, no bank involved); no cool-down, so that a dip of an account that
 * gave before is planned like any other.
 */
export function poolRule(pool: string, mode: "MONITOR" | "SUGGEST" | "AUTO"): JsonObject {
  return {
    scope: { pool, currency },
    ...watermarks,
    sources: ["pool-others"],
    concentration: null,
    amount: "target - available - plannedIn",
    minimum: "0",
    maximum: "100000",
    roundingStep: "100",
    coolDownMs: 0,
    windowMs: 60_000,
    transfersPerWindowMax: 1_000,
    priority: 100,
    enabled: true,
    mode,
  };
}

/**
 * One channel for the bank, open all day, that the planner's route chooser accepts for both speeds. Its bank URL is
 * never called: a suggestion moves nothing until approved, and the channel probe is off.
 */
export function benchBanksFile(): JsonObject {
  return {
    channels: [
      {
        id: "BENCH-direct",
        url: "http://127.0.0.1:9",
        bankCode,
        config: {
          currency,
          utcOffsetMinutes: 0,
          dailyLimit: "1000000000",
          speeds: { normal: { fee: "1", cutoff: "24:00" }, urgent: { fee: "20", cutoff: "24:00" } },
          alternative: null,
        },
      },
    ],
  };
}

/** A small entry that keeps an account within its watermarks: credits and debits alternate per update number. */
export function smallEntry(index: number): { direction: "credit" | "debit"; amount: string } {
  const cents = 1 + ((index * 7_919) % 5_000);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}00`;
  return { direction: index % 2 === 0 ? "credit" : "debit", amount };
}
