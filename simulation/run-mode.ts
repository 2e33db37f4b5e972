import type { Decimal } from "decimal.js";
import type { RuleMode } from "../actors/rule/definition.js";
import { Money } from "../actors/shared/amount.js";
import type { Flow } from "./flows.js";
import { Measurements } from "./measurements.js";
import { PlanTally } from "./plan-tally.js";
import { concentrationIdOf, type Scenario } from "./scenario.js";
import { dayMs } from "./seasonality.js";
import { openingTotal, setUpTreasury } from "./setup.js";
import type { SettlementDelays } from "./simulated-bank.js";
import { SimulatedEngine } from "./simulated-engine.js";

export interface ModeRunSettings {
  readonly scenario: Scenario;
  readonly flows: readonly Flow[];
  readonly mode: RuleMode;
  readonly stepMinutes: number;
  readonly settlement: SettlementDelays;
}

/** What one run did, measured over the simulated days (the drain after them is not measured). */
export interface ModeRun {
  readonly mode: RuleMode;
  readonly measurements: Measurements;
  readonly plans: PlanTally;
  /** Each transfer's final status (plan id → status) once the runs' transfers were let finish. */
  readonly transferStatuses: ReadonlyMap<string, string>;
  readonly alerts: ReadonlyMap<string, number>;
  /** Whether the accounts' ledgers add up to the openings plus the flows once every transfer ended. */
  readonly moneyConserved: boolean;
}

/** After the last day, how long transfers in flight are given to finish before the books are checked. */
const drainMsMax = 3 * 3_600_000;
const upstreamPrincipal = "simulation:upstream";

/**
 * One run: the treasury set up in `mode`, then step by step: the clock moves (reminders and bank settlements due
 * fire at their own times), the step's upstream entries are recorded on the accounts (the decision engine reacts to
 * those that take an account below its low warning, as in the engine), the decision engine's safety net evaluates
 * every pool, everything settles, and the positions are sampled.
 */
export async function runMode(settings: ModeRunSettings): Promise<ModeRun> {
  const { scenario, flows, mode, stepMinutes, settlement } = settings;
  const engine = SimulatedEngine.create(scenario, settlement);
  const plans = new PlanTally();
  engine.bus.subscribe((event) => plans.observe(event));
  try {
    await setUpTreasury(engine, mode);
    await engine.startDecisions();
    const measurements = new Measurements(scenario.accounts, stepMinutes);
    const stepMs = stepMinutes * 60_000;
    const end = scenario.start + scenario.days * dayMs;
    let next = 0;
    for (let at = scenario.start; at < end; at += stepMs) {
      await engine.advanceTo(at);
      for (; next < flows.length && flows[next]!.at < at + stepMs; next++) await recordFlow(engine, flows[next]!);
      engine.requestEvaluations();
      await engine.settle();
      measurements.sample(at, engine.positions);
    }
    await engine.stopDecisions();
    const transferStatuses = await drain(engine, plans, end);
    const moneyConserved =
      [...transferStatuses.values()].every((status) => status !== "PENDING") &&
      (await ledgerTotal(engine)).equals(expectedTotal(scenario, flows));
    return { mode, measurements, plans, transferStatuses, alerts: engine.alerts, moneyConserved };
  } finally {
    await engine.stop();
  }
}

async function recordFlow(engine: SimulatedEngine, flow: Flow): Promise<void> {
  const { accountId, entryId, direction, amount, kind } = flow;
  const payload = { entryId, direction, amount, currency: engine.scenario.currency, description: kind };
  // The command id ingestion gives an entry: an entry sent twice is applied once.
  await engine.send("account", accountId, "recordEntry", payload, upstreamPrincipal, `entry:${entryId}`);
}

/**
 * Lets the transfers the run made finish (no flows, no new plans), minute by minute of virtual time, for at most a
 * few hours; returns each one's status, PENDING for one still running then.
 */
async function drain(engine: SimulatedEngine, plans: PlanTally, end: number): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let at = end; ; at += 60_000) {
    await engine.advanceTo(at);
    for (const { plan } of plans.transfers) {
      if (statuses.has(plan.planId) && statuses.get(plan.planId) !== "PENDING") continue;
      const transfer = await engine.reads.transferStatus(plan.planId);
      statuses.set(plan.planId, transfer?.ended ? transfer.status : "PENDING");
    }
    const pending = [...statuses.values()].some((status) => status === "PENDING");
    if (!pending || at - end >= drainMsMax) return statuses;
  }
}

async function ledgerTotal(engine: SimulatedEngine): Promise<Decimal> {
  const ids = [concentrationIdOf(engine.scenario), ...engine.scenario.accounts.map((account) => account.accountId)];
  let total: Decimal = new Money(0);
  for (const id of ids) {
    const account = await engine.reads.account(id);
    if (!account) throw new Error(`account ${id} is not open`);
    total = total.plus(account.ledger);
  }
  return total;
}

/** Transfers move money between the accounts; only the openings and the upstream flows change the total. */
function expectedTotal(scenario: Scenario, flows: readonly Flow[]): Decimal {
  return flows.reduce(
    (total, flow) => (flow.direction === "credit" ? total.plus(flow.amount) : total.minus(flow.amount)),
    openingTotal(scenario),
  );
}
