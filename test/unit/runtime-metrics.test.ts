import { expect } from "chai";
import { Registry } from "prom-client";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { PrometheusRuntimeMetrics } from "../../adapters/prometheus/prometheus-runtime-metrics.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { eventually, sendTally } from "../support/tally.js";

describe("runtime metrics (Prometheus)", () => {
  it("times each activation: one observation per load, none for a command to an actor in memory", async () => {
    const registry = new Registry();
    const system = new ActorSystem({
      kinds: [tallyKind],
      store: new MemoryActorStore(),
      publisher: new MemoryEventBus(),
      metrics: new PrometheusRuntimeMetrics(registry),
    });
    const loads = async () => {
      const count = /^liq_actor_activation_duration_seconds_count\{kind="tally"\} (\d+)$/m.exec(
        await registry.metrics(),
      );
      return Number(count?.[1] ?? 0);
    };
    try {
      expect(await loads()).to.equal(0);
      expect((await sendTally(system, "m", "m-1", "add", { amount: "1" })).ok).to.equal(true);
      expect((await sendTally(system, "m", "m-2", "add", { amount: "1" })).ok).to.equal(true);
      expect(await loads(), "loaded once while in memory").to.equal(1);
      await eventually("passivated", () => system.passivate({ kind: "tally", actorId: "m" }));
      expect((await sendTally(system, "m", "m-3", "add", { amount: "1" })).ok).to.equal(true);
      expect(await loads(), "loaded again after passivation").to.equal(2);
      expect(await registry.metrics()).to.match(
        /liq_actor_activation_duration_seconds_bucket\{le="2.5",kind="tally"\} 2/,
      );
    } finally {
      await system.stop();
    }
  });
});
