import { expect } from "chai";
import {
  approvalsRequired,
  autoCeiling,
  defaultApprovalPolicy,
  type ApprovalPolicy,
} from "../../actors/suggestion/approval-policy.js";
import { decisionPolicyOf, parseApprovalPolicy } from "../../engine/approval-policy.js";
import { Money } from "../../actors/shared/amount.js";
import { ConfigError, loadConfig } from "../../engine/config.js";
import { readConfiguredFiles } from "../../engine/configured-files.js";
import { scratchFolder } from "../support/scratch-folder.js";

function problemsOf(parse: () => unknown): readonly string[] {
  try {
    parse();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail("no configuration error");
}

describe("approval policy", () => {
  const policy: ApprovalPolicy = parseApprovalPolicy({
    default: { oneApproverUpTo: "50000" },
    currencies: { CNY: { autoUpTo: "100000", oneApproverUpTo: "1000000" }, EUR: { autoUpTo: "500" } },
  });

  it("asks one approver up to the threshold, inclusive, and two above it, per currency", () => {
    expect(approvalsRequired(policy, "CNY", "1000000")).to.equal(1);
    expect(approvalsRequired(policy, "CNY", "1000000.0001")).to.equal(2);
    expect(approvalsRequired(policy, "USD", "50000")).to.equal(1);
    expect(approvalsRequired(policy, "USD", "50000.01")).to.equal(2);
    // A currency's threshold left out is the default's.
    expect(approvalsRequired(policy, "EUR", "50000")).to.equal(1);
    expect(autoCeiling(policy, "CNY").toFixed(4)).to.equal("100000.0000");
    expect(autoCeiling(policy, "EUR").toFixed(4)).to.equal("500.0000");
    expect(autoCeiling(policy, "USD").toFixed(4)).to.equal("0.0000");
  });

  it("is what the planner asks: AUTO's ceiling and the approvers of a suggestion", () => {
    const planner = decisionPolicyOf(policy);
    expect(planner.autoCeiling("CNY")?.toFixed(4)).to.equal("100000.0000");
    expect(planner.approvalsRequired("CNY", new Money("1000000.0001"))).to.equal(2);
    expect(decisionPolicyOf(defaultApprovalPolicy).autoCeiling("EUR")?.isZero()).to.equal(true);
  });

  it("without a policy, AUTO moves nothing alone and every suggestion needs two approvers", () => {
    expect(autoCeiling(defaultApprovalPolicy, "CNY").isZero()).to.equal(true);
    expect(approvalsRequired(defaultApprovalPolicy, "CNY", "0.0001")).to.equal(2);
    expect(parseApprovalPolicy({})).to.deep.equal(defaultApprovalPolicy);
  });

  it("refuses, all at once and by key: unknown keys with the nearest known one, amounts that are not decimal strings, unknown currencies, AUTO above one approver", () => {
    expect(
      problemsOf(() =>
        parseApprovalPolicy(
          {
            defaults: {},
            default: { oneApproverUpto: "10" },
            currencies: {
              CNY: { autoUpTo: 100000 },
              XXQ: { autoUpTo: "1" },
              EUR: { autoUpTo: "2000", oneApproverUpTo: "1000" },
              USD: { oneApproverUpTo: "-1" },
            },
          },
          "policy.json",
        ),
      ),
    ).to.deep.equal([
      "policy.json: defaults is not a field; did you mean default?",
      "policy.json default: oneApproverUpto is not a field; did you mean oneApproverUpTo?",
      'policy.json currencies.CNY.autoUpTo must be a decimal string such as "125.50"',
      "policy.json currencies.XXQ: XXQ is not an ISO 4217 currency code",
      "policy.json currencies.EUR: autoUpTo (2000.0000) must not exceed oneApproverUpTo (1000.0000): AUTO would move alone what one approver may not",
      "policy.json currencies.USD.oneApproverUpTo must not be negative",
    ]);
    expect(problemsOf(() => parseApprovalPolicy([], "policy.json"))[0]).to.match(/^policy\.json must hold an object/);
  });

  describe("LIQ_APPROVAL_POLICY_FILE", () => {
    const { file, pathOf } = scratchFolder("liq-approval-policy-", "test");

    it("is read with the other configured files, and a missing or malformed one is named", () => {
      const good = file("policy.json", { currencies: { CNY: { oneApproverUpTo: "1000000" } } });
      const files = readConfiguredFiles(loadConfig({ LIQ_APPROVAL_POLICY_FILE: good }));
      expect(approvalsRequired(files.approvalPolicy, "CNY", "999999")).to.equal(1);
      expect(readConfiguredFiles(loadConfig({})).approvalPolicy).to.equal(defaultApprovalPolicy);
      expect(
        problemsOf(() => readConfiguredFiles(loadConfig({ LIQ_APPROVAL_POLICY_FILE: pathOf("none.json") }))),
      ).to.deep.equal([`LIQ_APPROVAL_POLICY_FILE ${pathOf("none.json")}: no such file`]);
      const bad = file("bad.json", { currencies: { CNY: { autoUpTo: "1e5" } } });
      expect(problemsOf(() => readConfiguredFiles(loadConfig({ LIQ_APPROVAL_POLICY_FILE: bad })))).to.deep.equal([
        `LIQ_APPROVAL_POLICY_FILE ${bad} currencies.CNY.autoUpTo "1e5" is not a plain decimal with at most 16 integer digits and 4 decimal places`,
      ]);
    });
  });
});
