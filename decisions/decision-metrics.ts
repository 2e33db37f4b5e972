import type { JsonObject } from "../runtime/json.js";

/** What the decision engine reports (ADR 012 §6); engine/ wires the Prometheus implementation. */
export interface DecisionMetrics {
  /** One evaluation of a pool ran, and how long it took. */
  evaluated(pool: string, currency: string, seconds: number, outcome: "planned" | "nothing" | "failed"): void;
  /** A rule's decision: `outcome` is executed (AUTO), suggested, alerted (MONITOR), scheduled, shortfall or none. */
  decided(ruleId: string, mode: string, outcome: string): void;
  /** What the pool could not cover in its last evaluation (0 when it covered everything), as a decimal string. */
  shortfall(pool: string, currency: string, amount: string): void;
  /** The back-and-forth detector stopped a rule. */
  tripped(ruleId: string): void;
  /** Accounts below their low warning that no rule acts on now (disabled, stopped, outside hours, pending). */
  idle(pool: string, currency: string, accounts: number): void;
}

export const noDecisionMetrics: DecisionMetrics = {
  evaluated: () => undefined,
  decided: () => undefined,
  shortfall: () => undefined,
  tripped: () => undefined,
  idle: () => undefined,
};

/**
 * Where the decision engine raises alerts (a rule stopped, a pool short, AUTO capped): the engine's alerts stream with
 * NATS, the log alone in the embedded engine. `alertId` makes a repeat of the same alert one alert.
 */
export type DecisionAlerts = (alertId: string, severity: "warning" | "critical", alert: JsonObject) => Promise<void>;
