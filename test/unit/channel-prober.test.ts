import { expect } from "chai";
import { ChannelProber } from "../../adapters/banks/channel-prober.js";
import type { BankAdapter } from "../../adapters/banks/bank-adapter.js";
import { channelKind } from "../../actors/channel/index.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { silentLogger } from "../../runtime/logger.js";

/** A bank whose health endpoint answers as `healthy` says at the time of the call. */
function bank(health: { healthy: boolean }): BankAdapter {
  const unused = () => Promise.reject(new Error("not used by the prober"));
  return {
    bankCode: "BANKA",
    debit: unused,
    credit: unused,
    reverse: unused,
    queryStatus: unused,
    balance: unused,
    statement: unused,
    probe: () => (health.healthy ? Promise.resolve() : Promise.reject(new Error("503 outage"))),
  } as unknown as BankAdapter;
}

const config = {
  bankCode: "BANKA",
  currency: "CNY",
  utcOffsetMinutes: 0,
  dailyLimit: "1000000",
  alternative: null,
  speeds: { normal: { fee: "1.00", cutoff: "23:59" } },
  breaker: { failureThreshold: 3, openForMs: 60_000 },
};

describe("channel prober: bank health probes feed the channel's circuit breaker (ADR 006 §4)", () => {
  it("opens the circuit of a channel whose bank stops answering probes, before any transfer calls it", async () => {
    const system = new ActorSystem({
      kinds: [channelKind],
      store: new MemoryActorStore(),
      publisher: new MemoryEventBus(),
      logger: silentLogger,
    });
    system.start();
    try {
      const configured = await system.dispatch({
        kind: "channel",
        actorId: "BANKA-direct",
        commandId: "configure",
        type: "configure",
        payload: config,
        principal: "system:config",
      });
      expect(configured.ok, JSON.stringify(configured)).to.equal(true);
      const health = { healthy: true };
      const prober = new ChannelProber(
        new Map([["BANKA-direct", bank(health)]]),
        (request) => system.dispatch(request),
        { intervalMs: 0 },
        silentLogger,
      );
      const circuit = async () => {
        const reply = await system.dispatch({
          kind: "channel",
          actorId: "BANKA-direct",
          commandId: `get-${Math.random()}`,
          type: "get",
          payload: {},
          principal: "test",
        });
        return reply.ok
          ? (reply.result as { breaker: { circuit: string; consecutiveFailures: number } }).breaker
          : undefined;
      };
      await prober.probeAll();
      expect(await circuit()).to.deep.include({ circuit: "closed", consecutiveFailures: 0 });
      health.healthy = false;
      await prober.probeAll();
      await prober.probeAll();
      expect(await circuit()).to.deep.include({ circuit: "closed", consecutiveFailures: 2 });
      await prober.probeAll();
      expect((await circuit())?.circuit, "three failed probes reach the threshold").to.equal("open");
    } finally {
      await system.stop();
    }
  });
});
