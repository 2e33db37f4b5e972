import { expect } from "chai";
import {
  isWithinActiveHours,
  ruleKind,
  type RuleCommand,
  type RuleEvent,
  type RuleState,
} from "../../actors/rule/index.js";
import { decodeRuleChangeReply, decodeRuleView } from "../../actors/rule/view.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { given, sent, type DeciderTest, type SentCommand } from "../support/decider.js";

const ruleId = "rule-BANKA-1";
const treasurer = "user:alice";

type RuleTest = DeciderTest<RuleState, RuleCommand, RuleEvent>;

/** A rule that tops BANKA:1 up from the pool when it runs low. */
const baseRule = {
  scope: { account: "BANKA:1" },
  lowDanger: "1000",
  lowWarning: "5000",
  target: "10000",
  high: "50000",
  sources: ["BANKB:2", "pool-others"],
  amount: "max(0, target - available - plannedIn)",
  maximum: "20000",
};

function rule(change: Record<string, Json> = {}): JsonObject {
  return { ...baseRule, ...change };
}

function put(expectedVersion: number, change: Record<string, Json> = {}, reason = "top up BANKA before payroll") {
  return { expectedVersion, reason, rule: rule(change) };
}

/** Given: a rule actor with these accepted commands; every reply must decode to itself. */
function fresh(...history: SentCommand[]): RuleTest {
  const actor = {
    kind: ruleKind,
    actorId: ruleId,
    principal: treasurer,
    decodeReply: (reply: Json, type: string) =>
      type === "get" ? decodeRuleView(reply, "the view") : decodeRuleChangeReply(reply, "the reply"),
  };
  return given(actor, ...history);
}

describe("rule actor", () => {
  describe("put", () => {
    it("stores a new rule at version 1 with its defaults, recording who, why and the version replaced", () => {
      const actor = fresh();
      actor
        .when("put", put(0), { now: 5_000 })
        .thenEvents([{ type: "rulePut", version: 1, replacesVersion: 0, principal: treasurer, at: 5_000 }])
        .thenReply({ version: 1, replacesVersion: 0 });
      const view = actor.when("get").reply;
      expect(view).to.deep.include({ status: "active", version: 1 });
      expect(view["lastChange"]).to.deep.equal({
        kind: "put",
        version: 1,
        replacesVersion: 0,
        principal: treasurer,
        reason: "top up BANKA before payroll",
        at: 5_000,
      });
      expect(view["rule"]).to.deep.equal({
        scope: { account: "BANKA:1" },
        lowDanger: "1000.0000",
        lowWarning: "5000.0000",
        target: "10000.0000",
        high: "50000.0000",
        sources: ["BANKB:2", "pool-others"],
        concentration: null,
        amount: "max(0, target - available - plannedIn)",
        minimum: "0.0000",
        maximum: "20000.0000",
        roundingStep: "0.0100",
        speeds: { warning: "normal", danger: "urgent" },
        activeHours: null,
        coolDownMs: 900_000,
        windowMs: 86_400_000,
        transfersPerWindowMax: 10,
        priority: 100,
        enabled: true,
        mode: "MONITOR",
      });
    });

    it("replaces the whole rule when the expected version is the current one", () => {
      const actor = fresh(sent("put", put(0)));
      actor
        .when("put", put(1, { mode: "AUTO", speeds: { warning: "urgent", danger: "urgent" } }, "go automatic"), {
          principal: "user:bob",
        })
        .thenEvents([
          { type: "rulePut", version: 2, replacesVersion: 1, principal: "user:bob", reason: "go automatic" },
        ]);
      expect(actor.when("get").reply["rule"]).to.deep.include({
        mode: "AUTO",
        speeds: { warning: "urgent", danger: "urgent" },
      });
    });

    it("refuses a stale or premature expected version, naming the current one, and changes nothing", () => {
      const actor = fresh(sent("put", put(0)), sent("put", put(1)));
      const stale = actor.when("put", put(1, { mode: "AUTO" })).thenRejected("version_conflict", /at version 2, not 1/);
      expect(stale.details).to.deep.equal({ currentVersion: 2 });
      actor.when("put", put(0)).thenRejected("version_conflict", /at version 2, not 0/);
      fresh()
        .when("put", put(3))
        .thenRejected("version_conflict", /at version 0, not 3/);
      expect(actor.journal).to.have.length(2);
      expect(actor.when("get").reply["rule"]["mode"]).to.equal("MONITOR");
    });

    it("takes a pool scope with its currency, concentration sources, active hours and every setting", () => {
      const pool = {
        scope: { pool: "main", currency: "EUR" },
        sources: ["concentration", "BANKC:9"],
        concentration: "BANKH:1",
        activeHours: { from: "22:00", to: "06:00", utcOffsetMinutes: 60 },
        coolDownMs: 0,
        windowMs: 3_600_000,
        transfersPerWindowMax: 3,
        priority: 1,
        enabled: false,
        mode: "SUGGEST",
        minimum: "500",
        roundingStep: "100",
      };
      const actor = fresh();
      actor.when("put", put(0, pool)).thenAccepted();
      expect(actor.when("get").reply["rule"]).to.deep.include({
        ...pool,
        minimum: "500.0000",
        roundingStep: "100.0000",
      });
    });

    it("refuses watermarks out of order, naming the field", () => {
      const cases: Array<[Record<string, Json>, RegExp]> = [
        [{ lowDanger: "6000" }, /rule\.lowWarning \(5000\.0000\) must not be below rule\.lowDanger \(6000\.0000\)/],
        [{ target: "4000" }, /rule\.target .* must not be below rule\.lowWarning/],
        [{ high: "9999.99" }, /rule\.high .* must not be below rule\.target/],
      ];
      for (const [change, message] of cases)
        fresh().when("put", put(0, change)).thenRejected("watermarks_out_of_order", message);
      fresh()
        .when("put", put(0, { lowDanger: "5000", target: "5000", high: "5000", amount: "0" }))
        .thenAccepted();
    });

    it("refuses a minimum above the maximum, and a rounding step above it", () => {
      fresh()
        .when("put", put(0, { minimum: "30000" }))
        .thenRejected("amount_limits_out_of_order", /rule\.minimum \(30000\.0000\) must not exceed rule\.maximum/);
      fresh()
        .when("put", put(0, { roundingStep: "50000" }))
        .thenRejected("amount_limits_out_of_order", /rule\.roundingStep/);
    });

    it("refuses a source that is the rule's own account, a repeated source, and concentration without an account", () => {
      fresh()
        .when("put", put(0, { sources: ["BANKA:1"] }))
        .thenRejected("invalid_sources", /rule\.sources\[0\] is the rule's own account BANKA:1/);
      fresh()
        .when("put", put(0, { sources: ["BANKB:2", "BANKB:2"] }))
        .thenRejected("invalid_sources", /rule\.sources\[1\] \(BANKB:2\) appears twice/);
      fresh()
        .when("put", put(0, { sources: ["concentration"] }))
        .thenRejected(
          "invalid_sources",
          /rule\.sources\[0\] is "concentration", but rule\.concentration names no account/,
        );
      fresh()
        .when("put", put(0, { concentration: "BANKA:1" }))
        .thenRejected("invalid_sources", /rule\.concentration is the rule's own account/);
    });

    it("refuses an expression that does not parse, names an unknown value or fails on the rule's watermarks, with its position", () => {
      const cases: Array<[string, string, number, RegExp]> = [
        ["target - (available", "does_not_parse", 19, /^rule\.amount: the expression does not parse at 19/],
        ["target - availble", "unknown_name", 9, /unknown name "availble" at 9; the known names are target, available/],
        ["min(target)", "wrong_arity", 0, /min at 0 takes 2 to 8 arguments/],
        ["target / (low - 5000)", "division_by_zero", 7, /division by zero at 7 when available is 5000\.0000/],
        ["available - target", "negative_result", 0, /negative amount when available is 5000\.0000/],
        ["target * high * high * high", "out_of_range", 0, /outside DECIMAL\(20,4\)/],
        ["round(target, 0)", "round_step_not_positive", 0, /step of round/],
      ];
      for (const [amount, reason, position, message] of cases) {
        const then = fresh().when("put", put(0, { amount })).thenRejected("invalid_expression", message, amount);
        expect(then.details, amount).to.deep.equal({ field: "rule.amount", position, reason });
        expect(then.actor.journal, amount).to.have.length(0);
      }
    });

    it("refuses malformed fields at the door with a message that names the field", () => {
      const cases: Array<[Json, RegExp]> = [
        [put(0, { lowWarning: 5000 }), /rule\.lowWarning must be a decimal string/],
        [put(0, { scope: { account: "no-colon" } }), /rule\.scope\.account must be an account id BANK:NUMBER/],
        [put(0, { scope: { account: "A:1", pool: "p" } }), /rule\.scope\.account must be alone/],
        [put(0, { scope: { pool: "main" } }), /rule\.scope\.currency must be an ISO 4217 code/],
        [put(0, { sources: [] }), /rule\.sources must be a list of 1 to 20 sources/],
        [put(0, { sources: ["BANKB:2", "elsewhere"] }), /rule\.sources\[1\] must be an account id/],
        [put(0, { mode: "YOLO" }), /rule\.mode must be "MONITOR" or "SUGGEST" or "AUTO"/],
        [put(0, { speeds: { warning: "slow" } }), /rule\.speeds\.warning must be "normal" or "urgent"/],
        [
          put(0, { activeHours: { from: "09:00", to: "09:00", utcOffsetMinutes: 0 } }),
          /activeHours\.to must be another time/,
        ],
        [put(0, { activeHours: { from: "9:00", to: "17:00", utcOffsetMinutes: 0 } }), /activeHours\.from must be/],
        [put(0, { amount: "" }), /rule\.amount is required/],
        [put(0, { amount: "1".repeat(501) }), /rule\.amount must be text of at most 500 characters/],
        [put(0, { maximum: "0" }), /rule\.maximum must not be zero/],
        [put(0, { priority: 0 }), /rule\.priority must be an integer from 1 to 1000/],
        [put(0, { colour: "red" }), /unknown field "rule\.colour"/],
        [{ expectedVersion: 0, reason: " ", rule: rule() }, /reason is required/],
        [{ expectedVersion: -1, reason: "x", rule: rule() }, /expectedVersion must be an integer from 0/],
        [{ expectedVersion: 0, rule: rule() }, /reason is required/],
      ];
      for (const [payload, message] of cases) fresh().when("put", payload).thenRejected("invalid_command", message);
    });
  });

  describe("delete", () => {
    it("deletes at the expected version with a reason, and a later put recreates the rule from the next version", () => {
      const actor = fresh(sent("put", put(0)));
      actor
        .when("delete", { expectedVersion: 1, reason: "account closed" }, { principal: "user:bob", now: 9_000 })
        .thenEvents([
          {
            type: "ruleDeleted",
            version: 2,
            replacesVersion: 1,
            principal: "user:bob",
            reason: "account closed",
            at: 9_000,
          },
        ]);
      expect(actor.when("get").reply).to.deep.include({ status: "deleted", version: 2, rule: null });
      actor
        .when("delete", { expectedVersion: 2, reason: "again" })
        .thenRejected("rule_not_found", /deleted at version 2/);
      actor.when("put", put(2)).thenEvents([{ type: "rulePut", version: 3, replacesVersion: 2 }]);
    });

    it("refuses a delete at a stale version, of a rule never put, and without a reason", () => {
      const actor = fresh(sent("put", put(0)), sent("put", put(1)));
      actor
        .when("delete", { expectedVersion: 1, reason: "old" })
        .thenRejected("version_conflict", /at version 2, not 1/);
      fresh()
        .when("delete", { expectedVersion: 0, reason: "x" })
        .thenRejected("rule_not_found", /does not exist$/);
      actor.when("delete", { expectedVersion: 2 }).thenRejected("invalid_command", /reason is required/);
      expect(actor.when("get").reply["status"]).to.equal("active");
    });
  });

  it("keeps its whole history in the journal, each change naming the version it replaced", () => {
    const actor = fresh(
      sent("put", put(0), { principal: "user:alice" }),
      sent("put", put(1, { mode: "SUGGEST" }, "suggest first"), { principal: "user:bob" }),
      sent("delete", { expectedVersion: 2, reason: "retired" }, { principal: "user:carol" }),
    );
    expect(
      actor.journal.map((event) => [event.type, event.version, event.replacesVersion, event.principal]),
    ).to.deep.equal([
      ["rulePut", 1, 0, "user:alice"],
      ["rulePut", 2, 1, "user:bob"],
      ["ruleDeleted", 3, 2, "user:carol"],
    ]);
  });

  it("answers get for a rule never put", () => {
    fresh().when("get").thenReply({ status: "new", version: 0, rule: null, lastChange: null });
  });

  describe("active hours", () => {
    const at = (iso: string): number => Date.parse(iso);
    it("follows the local clock of the rule's UTC offset", () => {
      const office = { from: "08:00", to: "18:00", utcOffsetMinutes: 480 };
      expect(isWithinActiveHours(office, at("2026-12-07T00:00:00Z"))).to.equal(true); // 08:00 local
      expect(isWithinActiveHours(office, at("2026-12-06T23:59:00Z"))).to.equal(false); // 07:59 local
      expect(isWithinActiveHours(office, at("2026-12-07T10:00:00Z"))).to.equal(false); // 18:00 local
      expect(isWithinActiveHours(null, at("2026-12-07T03:00:00Z"))).to.equal(true);
    });

    it("crosses midnight when to is before from, and 24:00 ends at midnight", () => {
      const night = { from: "22:00", to: "06:00", utcOffsetMinutes: 0 };
      expect(isWithinActiveHours(night, at("2026-12-07T23:00:00Z"))).to.equal(true);
      expect(isWithinActiveHours(night, at("2026-12-07T05:59:00Z"))).to.equal(true);
      expect(isWithinActiveHours(night, at("2026-12-07T12:00:00Z"))).to.equal(false);
      const evening = { from: "18:00", to: "24:00", utcOffsetMinutes: 0 };
      expect(isWithinActiveHours(evening, at("2026-12-07T23:59:00Z"))).to.equal(true);
      expect(isWithinActiveHours(evening, at("2026-12-07T00:00:00Z"))).to.equal(false);
    });
  });
});
