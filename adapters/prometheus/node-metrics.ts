import { collectDefaultMetrics, Gauge, type Registry } from "prom-client";
import type { ActorSystem } from "../../runtime/actor-system.js";

/**
 * prom-client's default gauges named `_total` (a counter suffix: `promtool check metrics` flags them); their
 * per-type siblings `nodejs_active_handles{type}` etc. carry the same numbers (ADR 008 §1).
 */
const misnamedDefaults = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/** Process, heap, event-loop and GC metrics, minus the misnamed ones. */
export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of misnamedDefaults) registry.removeSingleMetric(name);
}

/** Gauges of the runtime's live state, read at scrape time (ADR 008 §4). */
export function registerRuntimeGauges(registry: Registry, system: ActorSystem): void {
  new Gauge({
    name: "liq_actors_active",
    help: "Actors in memory (loaded or loading), by kind",
    labelNames: ["kind"],
    registers: [registry],
    collect() {
      for (const [kind, count] of system.activeCountsByKind()) this.set({ kind }, count);
    },
  });
  new Gauge({
    name: "liq_actor_mailbox_capacity",
    help: "Commands one actor's mailbox holds (LIQ_MAILBOX_CAPACITY); beyond it commands are refused with mailbox_full",
    registers: [registry],
    collect() {
      this.set(system.limits.mailboxCapacity);
    },
  });
  new Gauge({
    name: "liq_recovery_actors_remaining",
    help: "Actors recorded since the stored publication checkpoint that recovery after the start has listed and still has to activate (ADR 002 §4, §9); NaN while none is and a window of the journal is still being searched, 0 once recovered",
    registers: [registry],
    collect() {
      this.set(system.recoveryActorsRemaining ?? Number.NaN);
    },
  });
  new Gauge({
    name: "liq_effects_in_flight",
    help: "Effects (bank calls, commands to other actors) running or being delivered",
    registers: [registry],
    collect() {
      this.set(system.effectsInFlight);
    },
  });
}
