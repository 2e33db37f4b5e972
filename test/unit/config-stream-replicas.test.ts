import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ConfigError, loadConfig } from "../../engine/config.js";

/** LIQ_NATS_STREAM_REPLICAS: copies of the engine's JetStream streams (3 in deploy/docker-compose.yml's cluster). */
describe("configuration: LIQ_NATS_STREAM_REPLICAS", () => {
  it("is 1 by default, for a single NATS server", () => {
    expect(loadConfig({}).natsStreamReplicas).to.equal(1);
  });

  it("takes 1 to 5 from the environment or the config file, the environment winning", () => {
    expect(loadConfig({ LIQ_NATS_STREAM_REPLICAS: "3" }).natsStreamReplicas).to.equal(3);
    const dir = mkdtempSync(join(tmpdir(), "liq-config-"));
    try {
      writeFileSync(join(dir, "config.json"), JSON.stringify({ natsStreamReplicas: 3 }));
      expect(loadConfig({ LIQ_CONFIG: join(dir, "config.json") }).natsStreamReplicas).to.equal(3);
      expect(
        loadConfig({ LIQ_CONFIG: join(dir, "config.json"), LIQ_NATS_STREAM_REPLICAS: "5" }).natsStreamReplicas,
      ).to.equal(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses 0, more than JetStream's 5, and what is not an integer", () => {
    for (const value of ["0", "6", "2.5", "three", "-1"]) {
      expect(() => loadConfig({ LIQ_NATS_STREAM_REPLICAS: value }), value).to.throw(
        ConfigError,
        /LIQ_NATS_STREAM_REPLICAS/,
      );
    }
  });
});
