import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { Registry } from "prom-client";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { startAdminHttp } from "../../adapters/http/admin-http.js";
import { ActorSystem } from "../../runtime/actor-system.js";

describe("admin HTTP probes", () => {
  it("answers /readyz 503 until the engine serves, then 200; /healthz is 200 throughout", async () => {
    const system = new ActorSystem({
      kinds: [tallyKind],
      store: new MemoryActorStore(),
      publisher: new MemoryEventBus(),
    });
    let ready = false;
    const server = await startAdminHttp({
      host: "127.0.0.1",
      port: 0,
      registry: new Registry(),
      system,
      acceptCommands: false,
      ready: () => ready,
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const probe = async (path: string) => {
        const response = await fetch(`${base}${path}`);
        return [response.status, ((await response.json()) as { status: string }).status];
      };
      expect(await probe("/readyz")).to.deep.equal([503, "starting"]);
      expect(await probe("/healthz")).to.deep.equal([200, "ok"]);
      ready = true;
      expect(await probe("/readyz")).to.deep.equal([200, "ready"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await system.stop();
    }
  });
});
