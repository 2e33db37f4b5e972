import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { promtool } from "../support/promtool.js";
import { deployDir } from "../support/deploy.js";

const run = promisify(execFile);
const config = join(deployDir, "prometheus/prometheus.yml");

/** promtool's verdict on a config: its output, and whether it exited 0. */
async function checkConfig(path: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(promtool(), ["check", "config", path]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** deploy/prometheus/prometheus.yml, as the compose deployment's Prometheus loads it (test/deploy/compose.test.ts: targets). */
describe("deploy/prometheus/prometheus.yml (promtool check config)", () => {
  it("is a valid configuration on its own (no rule file matched)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "liq-prometheus-"));
    try {
      copyFileSync(config, join(dir, "prometheus.yml"));
      mkdirSync(join(dir, "rules"));
      const result = await checkConfig(join(dir, "prometheus.yml"));
      expect(result.ok, result.output).to.equal(true);
      expect(result.output).to.match(/SUCCESS: .*prometheus\.yml is valid prometheus config file syntax/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is valid with the rule files its glob loads from deploy/prometheus/rules", async () => {
    const result = await checkConfig(config);
    expect(result.ok, result.output).to.equal(true);
    expect(result.output).to.match(/SUCCESS: [1-9]\d* rule files found/);
  });
});
