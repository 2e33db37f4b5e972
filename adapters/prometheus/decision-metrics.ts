import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { DecisionMetrics } from "../../decisions/decision-metrics.js";

/** The decision engine's metrics (ADR 012 §6); amounts are floats here for drawing and alert thresholds only. */
export function prometheusDecisionMetrics(registry: Registry): DecisionMetrics {
  const registers = [registry];
  const evaluations = new Histogram({
    name: "liq_planner_evaluation_seconds",
    help: "Time to evaluate a pool (read its accounts, plans and channels, plan, record), by outcome",
    labelNames: ["pool", "currency", "outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const decisions = new Counter({
    name: "liq_planner_decisions_total",
    help: "Rule decisions by rule, mode and outcome (executed, suggested, alerted, shortfall, stopped, none)",
    labelNames: ["rule", "mode", "outcome"],
    registers,
  });
  const shortfall = new Gauge({
    name: "liq_planner_shortfall",
    help: "What a pool could not cover in its last evaluation (0: it covered every need)",
    labelNames: ["pool", "currency"],
    registers,
  });
  const trips = new Counter({
    name: "liq_planner_loop_trips_total",
    help: "Rules stopped by the back-and-forth detector",
    labelNames: ["rule"],
    registers,
  });
  const idle = new Gauge({
    name: "liq_planner_idle_accounts",
    help: "Accounts below their low warning that no rule acts on now (disabled, stopped, outside hours, plan pending)",
    labelNames: ["pool", "currency"],
    registers,
  });
  return {
    evaluated: (pool, currency, seconds, outcome) => evaluations.observe({ pool, currency, outcome }, seconds),
    decided: (rule, mode, outcome) => decisions.inc({ rule, mode, outcome }),
    shortfall: (pool, currency, amount) => shortfall.set({ pool, currency }, Number(amount)),
    tripped: (rule) => trips.inc({ rule }),
    idle: (pool, currency, accounts) => idle.set({ pool, currency }, accounts),
  };
}
