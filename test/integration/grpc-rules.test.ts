import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import type { GetRuleHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { RuleView__Output } from "../../protos/generated/liquidity/v1/RuleView.js";
import { accessFile } from "../support/access-file.js";
import { EngineProcess } from "../support/engine-process.js";
import { servingAndReflected } from "../support/grpc-client.js";
import { TestRulesClient } from "../support/grpc-rules-client.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { runLiq } from "../support/liq-process.js";
import { scratchFolder } from "../support/scratch-folder.js";

/** A rule as a client sends it: an account's watermarks, where a top-up comes from and how much. */
const rule = (change: Record<string, unknown> = {}) => ({
  scope: { account: "BANKA:1" },
  low_danger: "1000",
  low_warning: "5000",
  target: "10000",
  high: "50000",
  sources: ["BANKB:2", "pool-others"],
  amount: "max(0, target - available - plannedIn)",
  maximum: "20000",
  ...change,
});

/** The Rules service and `liq rules` against a real engine process (NATS, a MongoDB-wire server). */
describe("rules over gRPC and liq, against a real engine process", function () {
  this.timeout(120_000);
  let engine: EngineProcess;
  let address: string;
  let tokens: Record<string, string>;
  let olivia: TestRulesClient;
  let victor: TestRulesClient;
  const files = scratchFolder("liq-rules-", "block");

  before(async () => {
    const access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    tokens = access.tokens;
    engine = await EngineProcess.start({
      env: await isolatedEngineEnv({ LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" }),
    });
    const ready = engine.lines.find((line) => line["event"] === "ready")!;
    address = `127.0.0.1:${String(ready["grpcPort"])}`;
    olivia = new TestRulesClient(address, tokens["olivia"]);
    victor = new TestRulesClient(address, tokens["victor"]);
  });
  after(async () => {
    olivia?.close();
    victor?.close();
    await engine?.stop();
  });

  it("puts, reads, changes under the expected version, refuses a bad expression with its position, deletes, and keeps the history", async () => {
    const put = await olivia.must<RuleView__Output>("PutRule", {
      rule_id: "top-up-1",
      rule: rule(),
      expected_version: 0,
      reason: "top up BANKA before payroll",
    });
    expect(put).to.deep.include({ rule_id: "top-up-1", status: "active", version: "1" });
    expect(put.rule).to.deep.include({
      low_danger: "1000.0000",
      target: "10000.0000",
      minimum: "0.0000",
      rounding_step: "0.0100",
      warning_speed: "normal",
      danger_speed: "urgent",
      cool_down_ms: "900000",
      enabled: true,
      mode: "MONITOR",
    });
    expect(put.last_change).to.deep.include({
      kind: "put",
      version: "1",
      replaces_version: "0",
      principal: "grpc:olivia",
    });
    expect(await victor.must<RuleView__Output>("GetRule", { rule_id: "top-up-1" })).to.deep.equal(put);

    const changed = await olivia.must<RuleView__Output>("PutRule", {
      rule_id: "top-up-1",
      rule: rule({ target: "12000.50", mode: "SUGGEST" }),
      expected_version: 1,
      reason: "payroll grew",
    });
    expect(changed).to.deep.include({ version: "2" });
    expect(changed.rule).to.deep.include({ target: "12000.5000", mode: "SUGGEST" });

    const stale = await olivia.call("PutRule", {
      rule_id: "top-up-1",
      rule: rule({ target: "11000" }),
      expected_version: 1,
      reason: "from an old read",
    });
    expect(stale).to.deep.include({ ok: false, code: status.ABORTED, engineCode: "version_conflict" });
    expect(stale.ok ? "" : stale.details).to.match(/is at version 2, not 1/);

    const faulty = await olivia.call("PutRule", {
      rule_id: "top-up-1",
      rule: rule({ amount: "target - (available" }),
      expected_version: 2,
      reason: "a typo",
    });
    expect(faulty).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT, engineCode: "invalid_expression" });
    expect(faulty.ok ? "" : faulty.details).to.match(/^rule\.amount: the expression does not parse at 19/);
    expect(await victor.must<RuleView__Output>("GetRule", { rule_id: "top-up-1" })).to.deep.equal(changed);

    expect(
      await victor.call("PutRule", { rule_id: "top-up-1", rule: rule(), expected_version: 2, reason: "a viewer" }),
    ).to.deep.include({ ok: false, code: status.PERMISSION_DENIED });
    const wrongDelete = await olivia.call("DeleteRule", { rule_id: "top-up-1", expected_version: 1, reason: "old" });
    expect(wrongDelete).to.deep.include({ ok: false, code: status.ABORTED, engineCode: "version_conflict" });
    const deleted = await olivia.must<RuleView__Output>("DeleteRule", {
      rule_id: "top-up-1",
      expected_version: 2,
      reason: "payroll moved to BANKB",
    });
    expect(deleted).to.deep.include({ status: "deleted", version: "3", rule: null });
    expect(
      await olivia.call("DeleteRule", { rule_id: "top-up-1", expected_version: 3, reason: "again" }),
    ).to.deep.include({ ok: false, code: status.NOT_FOUND, engineCode: "rule_not_found" });

    const history = await victor.must<GetRuleHistoryResponse__Output>("GetRuleHistory", { rule_id: "top-up-1" });
    expect(history.entries.map((entry) => entry.change)).to.deep.equal(
      [
        ["put", "1", "0", "top up BANKA before payroll"],
        ["put", "2", "1", "payroll grew"],
        ["delete", "3", "2", "payroll moved to BANKB"],
      ].map(([kind, version, replaces, reason], index) => ({
        kind,
        version,
        replaces_version: replaces,
        principal: "grpc:olivia",
        reason,
        at_ms: history.entries[index]!.change!.at_ms,
      })),
    );
    expect(history.entries.map((entry) => entry.rule?.target ?? null)).to.deep.equal([
      "10000.0000",
      "12000.5000",
      null,
    ]);
    expect(history.next_after_entry_seq).to.equal("0");
    const paged = await victor.must<GetRuleHistoryResponse__Output>("GetRuleHistory", {
      rule_id: "top-up-1",
      page_size: 2,
    });
    expect(paged.entries).to.have.length(2);
    const rest = await victor.must<GetRuleHistoryResponse__Output>("GetRuleHistory", {
      rule_id: "top-up-1",
      after_entry_seq: paged.next_after_entry_seq,
    });
    expect(rest.entries.map((entry) => entry.change?.version)).to.deep.equal(["3"]);
  });

  it("applies a put or delete retried with its request_id once: the retry answers the rule instead of a conflict", async () => {
    const put = { rule_id: "retried-1", rule: rule(), expected_version: "0", reason: "first", request_id: "put-1" };
    const first = await olivia.must<RuleView__Output>("PutRule", put);
    const retried = await olivia.must<RuleView__Output>("PutRule", put);
    expect(retried).to.deep.equal(first);
    // Without the key the same request is a new command, decided afresh: version 0 is no longer current.
    expect(await olivia.call("PutRule", { ...put, request_id: "" })).to.deep.include({
      ok: false,
      code: status.ABORTED,
      engineCode: "version_conflict",
    });
    const remove = { rule_id: "retried-1", expected_version: first.version, reason: "gone", request_id: "delete-1" };
    const deleted = await olivia.must<RuleView__Output>("DeleteRule", remove);
    expect(await olivia.must<RuleView__Output>("DeleteRule", remove)).to.deep.equal(deleted);
    const history = await victor.must<GetRuleHistoryResponse__Output>("GetRuleHistory", { rule_id: "retried-1" });
    expect(history.entries.map((entry) => entry.change?.reason)).to.deep.equal(["first", "gone"]);
  });

  it("answers NOT_FOUND for a rule never put, and INVALID_ARGUMENT without a rule id", async () => {
    expect(await victor.call("GetRule", { rule_id: "never" })).to.deep.include({
      ok: false,
      code: status.NOT_FOUND,
      engineCode: "rule_not_found",
    });
    expect(await victor.call("GetRuleHistory", { rule_id: "never" })).to.deep.include({
      ok: false,
      code: status.NOT_FOUND,
    });
    expect(await victor.call("GetRule", { rule_id: "" })).to.deep.include({
      ok: false,
      code: status.INVALID_ARGUMENT,
    });
  });

  it("liq rules: put from a file, get, a conflict, history and delete, as tables and --json", async () => {
    const file = files.file("rule.json", {
      scope: { pool: "payroll", currency: "EUR" },
      lowDanger: "1000",
      lowWarning: "5000",
      target: "10000",
      high: "50000",
      sources: ["concentration"],
      concentration: "BANKH:1",
      amount: "target - available",
      maximum: "20000",
    });
    const liq = (args: string[]) => runLiq(args, { LIQ_SERVER: address, LIQ_TOKEN: tokens["olivia"]! });
    const put = await liq(["--json", "rules", "put", "pool-1", "--file", file, "--reason", "cover the pool"]);
    expect(put.code, put.stderr).to.equal(0);
    expect(JSON.parse(put.stdout)).to.deep.include({ rule_id: "pool-1", version: "1", status: "active" });

    const got = await liq(["rules", "get", "pool-1"]);
    expect(got.code, got.stderr).to.equal(0);
    expect(got.stdout)
      .to.match(/version\W+1\b/)
      .and.match(/pool payroll EUR/);

    const conflict = await liq(["rules", "put", "pool-1", "--file", file, "--reason", "again"]);
    expect(conflict.code).to.equal(1);
    expect(conflict.stderr).to.match(/is at version 1, not 0/);

    const bad = files.file("bad.json", { scope: { pool: "payroll", currency: "EUR" } });
    const refused = await liq(["rules", "put", "pool-2", "--file", bad, "--reason", "incomplete"]);
    expect(refused.code, refused.stderr).to.equal(2);

    const deleted = await liq(["rules", "delete", "pool-1", "--expected-version", "1", "--reason", "pool closed"]);
    expect(deleted.code, deleted.stderr).to.equal(0);
    const history = await liq(["rules", "history", "pool-1"]);
    expect(history.code, history.stderr).to.equal(0);
    expect(history.stdout).to.match(/put.*0 -> 1.*grpc:olivia.*cover the pool/);
    expect(history.stdout).to.match(/delete.*1 -> 2.*grpc:olivia.*pool closed/);
    const historyJson = await liq(["--json", "rules", "history", "pool-1"]);
    expect(
      (JSON.parse(historyJson.stdout) as GetRuleHistoryResponse__Output).entries.map((entry) => entry.change?.reason),
    ).to.deep.equal(["cover the pool", "pool closed"]);
  });

  it("liq rules list and plan: the active rules, and the plan the engine would make now with its reasons, recording nothing", async () => {
    const liq = (args: string[]) => runLiq(args, { LIQ_SERVER: address, LIQ_TOKEN: tokens["olivia"]! });
    const step = async (args: string[]) => {
      const run = await liq(args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).to.equal(0);
      return run.stdout;
    };
    await step(["accounts", "open", "PLANA:1", "--currency", "EUR", "--pool", "treasury"]);
    await step(["accounts", "open", "PLANB:2", "--currency", "EUR", "--pool", "treasury"]);
    await step(["accounts", "record", "PLANA:1", "--entry", "a-1", "--credit", "2500", "--currency", "EUR"]);
    await step(["accounts", "record", "PLANB:2", "--entry", "b-1", "--credit", "90000", "--currency", "EUR"]);
    const file = files.file("treasury.json", {
      scope: { pool: "treasury", currency: "EUR" },
      lowDanger: "1000",
      lowWarning: "5000",
      target: "10000",
      high: "95000",
      sources: ["pool-others"],
      amount: "target - available - plannedIn",
      maximum: "20000",
      roundingStep: "100",
      mode: "SUGGEST",
    });
    await step(["rules", "put", "treasury-cover", "--file", file, "--reason", "keep the pool's accounts funded"]);

    const listed = await step(["rules", "list", "--pool", "treasury"]);
    expect(listed).to.match(/treasury-cover.*pool treasury EUR.*SUGGEST/);
    expect(await step(["rules", "list", "--pool", "elsewhere"])).to.match(/no rules/);

    const plan = await step(["rules", "plan", "treasury-cover"]);
    expect(plan).to.match(
      /rule treasury-cover v1 SUGGEST warning PLANA:1: available 2500\.0000, .* = 7500\.0000, need 7500\.0000/,
    );
    // This engine has no bank channels: the source is named, with why it cannot give, and the need is a shortfall.
    expect(plan).to.match(/note: PLANB:2: no channel can take it: no channel serves it/);
    expect(plan).to.match(/shortfall 7500\.0000/);
    const json = JSON.parse(await step(["--json", "rules", "plan", "--pool", "treasury", "--currency", "EUR"]));
    expect(json.decisions[0]).to.deep.include({ rule_id: "treasury-cover", tier: "warning", need: "7500.0000" });
    expect(json.decisions[0].values).to.deep.include({ available: "2500.0000", target: "10000.0000" });
    const denied = await runLiq(["rules", "plan", "treasury-cover"], { LIQ_SERVER: address, LIQ_TOKEN: "wrong" });
    expect(denied.code).to.not.equal(0);
    const missing = await liq(["rules", "plan"]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/name a rule, or --pool and --currency/);
  });

  it("is listed by reflection", async () => {
    expect(await servingAndReflected(address, "liquidity.v1.Rules")).to.include("liquidity.v1.Rules");
  });
});
