import type { Decimal } from "decimal.js";
import { Money } from "../actors/shared/amount.js";
import type { PositionDirectory } from "../read-models/position-directory.js";
import type { ScenarioAccount } from "./scenario.js";

/** What one account went through in a run. */
export interface AccountMeasure {
  readonly accountId: string;
  minutesBelowLowWarning: number;
  minutesBelowLowDanger: number;
  /** Sum over the steps of (available above high) x minutes: divided by the run's minutes, the average idle money. */
  idleMinutes: Decimal;
  lowest: Decimal;
  highest: Decimal;
}

/** The available position of every account at each step, for the chart (floats: drawing only). */
export interface PositionSeries {
  readonly at: number[];
  readonly available: Map<string, number[]>;
}

const zero = new Money(0);

/**
 * Samples the accounts' available positions after each step and holds each sample for the step's minutes: time below
 * the watermarks, money idle above high, the lowest and highest positions, and the series the chart draws.
 */
export class Measurements {
  readonly accounts: Map<string, AccountMeasure>;
  readonly series: PositionSeries = { at: [], available: new Map() };
  private minutes = 0;

  constructor(
    private readonly scenarioAccounts: readonly ScenarioAccount[],
    private readonly stepMinutes: number,
  ) {
    this.accounts = new Map(
      scenarioAccounts.map((account) => [
        account.accountId,
        {
          accountId: account.accountId,
          minutesBelowLowWarning: 0,
          minutesBelowLowDanger: 0,
          idleMinutes: zero,
          lowest: new Money(Infinity),
          highest: new Money(-Infinity),
        },
      ]),
    );
    for (const account of scenarioAccounts) this.series.available.set(account.accountId, []);
  }

  /** Minutes measured so far. */
  get measuredMinutes(): number {
    return this.minutes;
  }

  sample(at: number, positions: PositionDirectory): void {
    this.minutes += this.stepMinutes;
    this.series.at.push(at);
    for (const account of this.scenarioAccounts) {
      const entry = positions.get(account.accountId);
      if (!entry) throw new Error(`the position directory has no ${account.accountId}`);
      const available = new Money(entry.position.available);
      const measure = this.accounts.get(account.accountId)!;
      const { lowDanger, lowWarning, high } = account.watermarks;
      if (available.lessThan(lowWarning)) measure.minutesBelowLowWarning += this.stepMinutes;
      if (available.lessThan(lowDanger)) measure.minutesBelowLowDanger += this.stepMinutes;
      if (available.greaterThan(high))
        measure.idleMinutes = measure.idleMinutes.plus(available.minus(high).times(this.stepMinutes));
      measure.lowest = Money.min(measure.lowest, available);
      measure.highest = Money.max(measure.highest, available);
      this.series.available.get(account.accountId)!.push(available.toNumber());
    }
  }
}
