import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { AlertmanagerServer, type ListedAlert } from "../support/alertmanager-server.js";
import { deployDir, prometheusRules } from "../support/deploy.js";
import { amtool } from "../support/promtool.js";
import { eventually } from "../support/tally.js";

const configFile = join(deployDir, "alertmanager/alertmanager.yml");
const config = parse(readFileSync(configFile, "utf8")) as {
  inhibit_rules: Array<{ source_matchers: string[]; target_matchers: string[] }>;
  receivers: Array<{ name: string }>;
};
const alertNames = new Set(prometheusRules().map((rule) => rule.alert));

describe("Alertmanager configuration (deploy/alertmanager)", () => {
  it("passes amtool check-config", () => {
    const output = execFileSync(amtool(), ["check-config", configFile], { encoding: "utf8" });
    expect(output).to.include("SUCCESS");
  });

  for (const [severity, receiver] of [
    ["critical", "treasury-oncall-pager"],
    ["warning", "treasury-operators"],
    ["info", "treasury-digest"],
    ["", "treasury-operators"],
  ] as const) {
    it(`routes ${severity === "" ? "an alert without severity" : `severity ${severity}`} to ${receiver}`, () => {
      const labels = severity === "" ? ["alertname=Unknown"] : [`severity=${severity}`, "alertname=Any"];
      const output = execFileSync(amtool(), ["config", "routes", "test", `--config.file=${configFile}`, ...labels], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      expect(output.trim()).to.equal(receiver);
    });
  }

  it("inhibits by alert names that the rules define", () => {
    for (const rule of config.inhibit_rules) {
      for (const matcher of [...rule.source_matchers, ...rule.target_matchers]) {
        const name = /^alertname!?="([A-Za-z]+)"$/.exec(matcher)?.[1];
        expect(name, matcher).to.be.a("string");
        expect(alertNames.has(name!), `${matcher} names a rule in deploy/prometheus/rules`).to.equal(true);
      }
    }
  });

  describe("a real Alertmanager with it", function () {
    this.timeout(60_000);
    let alertmanager: AlertmanagerServer;
    before(async () => {
      alertmanager = await AlertmanagerServer.start(configFile);
    });
    after(async () => {
      await alertmanager?.stop();
    });

    it("silences the weaker alert of the same subject, and an engine's other alerts while it is down", async () => {
      await alertmanager.post([
        {
          labels: {
            alertname: "LiquidityLowDanger",
            severity: "critical",
            account: "BANKC:C1",
            instance: "engine:9464",
          },
        },
        {
          labels: {
            alertname: "LiquidityLowWarning",
            severity: "warning",
            account: "BANKC:C1",
            instance: "engine:9464",
          },
        },
        {
          labels: {
            alertname: "LiquidityLowWarning",
            severity: "warning",
            account: "BANKA:A1",
            instance: "engine:9464",
          },
        },
        { labels: { alertname: "LiquidityEngineDown", severity: "critical", instance: "engine-2:9464" } },
        { labels: { alertname: "JournalWriteErrors", severity: "critical", instance: "engine-2:9464" } },
      ]);
      let listed: ListedAlert[] = [];
      const state = (name: string, subject: string) => {
        const alert = listed.find(
          (candidate) =>
            candidate.labels["alertname"] === name &&
            (candidate.labels["account"] ?? candidate.labels["instance"]) === subject,
        );
        return alert ? `${alert.status.state}:${alert.receivers.map((receiver) => receiver.name).join(",")}` : "absent";
      };
      // Inhibition is computed as alerts arrive: polled until all five are listed and judged.
      await eventually(
        "the five alerts judged",
        async () => {
          listed = await alertmanager.alerts();
          return (
            listed.length === 5 &&
            state("LiquidityLowWarning", "BANKC:C1").startsWith("suppressed") &&
            state("JournalWriteErrors", "engine-2:9464").startsWith("suppressed")
          );
        },
        20_000,
        100,
      ).catch((error: Error) =>
        expect.fail(`${error.message}: ${JSON.stringify(listed.map((alert) => [alert.labels, alert.status]))}`),
      );
      expect(state("LiquidityLowDanger", "BANKC:C1")).to.equal("active:treasury-oncall-pager");
      expect(state("LiquidityLowWarning", "BANKC:C1")).to.equal("suppressed:treasury-operators");
      expect(state("LiquidityLowWarning", "BANKA:A1"), "another account's warning stays").to.equal(
        "active:treasury-operators",
      );
      expect(state("LiquidityEngineDown", "engine-2:9464")).to.equal("active:treasury-oncall-pager");
      expect(state("JournalWriteErrors", "engine-2:9464")).to.equal("suppressed:treasury-oncall-pager");
    });
  });
});
