import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { deployDir, prometheusRuleFiles, prometheusRules } from "../support/deploy.js";
import { promtool } from "../support/promtool.js";

const testsDir = join(deployDir, "prometheus/tests");
const runbook = readFileSync(join(import.meta.dirname, "../../docs/runbook.md"), "utf8");

const ruleFiles = prometheusRuleFiles();
const testFiles = readdirSync(testsDir)
  .filter((name) => name.endsWith(".test.yml"))
  .map((name) => join(testsDir, name));
const rules = prometheusRules();

describe("alert rules (deploy/prometheus, ADR 008 §5)", () => {
  it("pass promtool check rules", () => {
    const output = execFileSync(promtool(), ["check", "rules", ...ruleFiles], { encoding: "utf8" });
    expect(output).to.not.match(/FAILED/);
    expect((output.match(/SUCCESS/g) ?? []).length).to.equal(ruleFiles.length);
  });

  it("pass promtool test rules", () => {
    const output = execFileSync(promtool(), ["test", "rules", ...testFiles], { encoding: "utf8", cwd: testsDir });
    expect((output.match(/SUCCESS/g) ?? []).length, output).to.equal(testFiles.length);
  });

  it("cover the alerts the issue asks for", () => {
    const names = rules.map((rule) => rule.alert);
    for (const name of [
      "LiquidityLowWarning",
      "LiquidityLowDanger",
      "ChannelCircuitOpen",
      "TransferOutcomeUnknownTooLong",
      "TransferManualIntervention",
      "JournalWriteErrors",
      "MailboxBackPressure",
      "IngestionLagHigh",
      "ReconciliationDifferenceOpenTooLong",
      "ReconciliationBalanceDiffers",
      "ReconciliationStatementMissing",
    ]) {
      expect(names, name).to.include(name);
    }
  });

  it("give every alert a severity, a summary, a description and a runbook section that exists", () => {
    const anchors = new Set([...runbook.matchAll(/^## ([a-z0-9-]+)$/gm)].map((match) => match[1]));
    for (const rule of rules) {
      expect(rule.alert, "only alerting rules here").to.be.a("string");
      expect(["info", "warning", "critical"], `${rule.alert} severity`).to.include(rule.labels?.["severity"]);
      expect(rule.annotations?.["summary"], `${rule.alert} summary`).to.be.a("string").and.not.equal("");
      expect(rule.annotations?.["description"], `${rule.alert} description`).to.be.a("string").and.not.equal("");
      const anchor = /^docs\/runbook\.md#([a-z0-9-]+)$/.exec(rule.annotations?.["runbook"] ?? "")?.[1];
      expect(anchors.has(anchor ?? ""), `${rule.alert} runbook ${String(rule.annotations?.["runbook"])}`).to.equal(
        true,
      );
      expect(runbook, `${rule.alert} is named in its runbook section`).to.include(`\`${rule.alert!}\``);
    }
  });

  it("have a promtool test in which each alert fires", () => {
    const firing = new Set<string>();
    for (const file of testFiles) {
      const suite = parse(readFileSync(file, "utf8")) as {
        tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
      };
      for (const test of suite.tests) {
        for (const check of test.alert_rule_test ?? []) if (check.exp_alerts.length > 0) firing.add(check.alertname);
      }
    }
    expect(rules.map((rule) => rule.alert).filter((name) => !firing.has(name!))).to.deep.equal([]);
  });
});
