import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { speeds } from "../channel/config.js";
import { formatAmount } from "../shared/amount.js";
import { Fields, parseFields } from "../shared/fields.js";
import { planModes, type PlanDraft, type PlanEnding, type PlannerCommand, type RuleTrip } from "./commands.js";

const draftFields = [
  "ruleId",
  "ruleVersion",
  "ruleEditor",
  "mode",
  "kind",
  "from",
  "to",
  "amount",
  "currency",
  "speed",
  "debitChannel",
  "creditChannel",
  "executeAt",
  "approvalsRequired",
  "expiresAt",
  "reason",
] as const;

const allowedFields = {
  record: ["basedOn", "plans", "trips", "endings"],
  evaluate: ["sweeps"],
  redeliver: ["planId"],
  delivered: ["planId", "attempt", "ok", "code"],
  get: [],
} as const satisfies Record<PlannerCommand["type"], readonly string[]>;

/** One evaluation plans at most this many transfers for a pool: a pool of more needs is served over evaluations. */
export const plansPerRecordMax = 200;
const epochMsMax = 8.64e15;
const accountIdPattern = /^[A-Za-z0-9]{1,32}:[A-Za-z0-9_-]{1,64}$/;
const reasonBytesMax = 16_384;

export function parsePlannerCommand(type: string, payload: unknown): ParseResult<PlannerCommand> {
  return parseFields("planner", type, payload, allowedFields, (type, fields): PlannerCommand => {
    switch (type) {
      case "record":
        return {
          type,
          basedOn: fields.integer("basedOn", 0, 2 ** 40),
          plans: fields.objects("plans", draftFields, plansPerRecordMax).map(draftOf),
          trips: fields.objects("trips", ["ruleId", "ruleVersion", "reason"], 1_000).map(tripOf),
          endings: fields.objects("endings", ["planId", "outcome", "executed", "movedMoney"], 1_000).map(endingOf),
        };
      case "evaluate":
        return { type, sweeps: fields.boolean("sweeps", false) };
      case "redeliver":
        return { type, planId: fields.matching("planId", actorIdPattern, "a plan id") };
      case "delivered": {
        const code = fields.has("code") ? fields.text("code", "", 64) : undefined;
        return {
          type,
          planId: fields.matching("planId", actorIdPattern, "a plan id"),
          attempt: fields.integer("attempt", 1, 1_000),
          ok: fields.boolean("ok"),
          ...(code !== undefined && { code }),
        };
      }
      case "get":
        return { type };
    }
  });
}

function draftOf(fields: Fields): PlanDraft {
  const reason = fields.raw("reason");
  if (!isJsonObject(reason) || JSON.stringify(reason).length > reasonBytesMax)
    fields.fail("reason", `an object of at most ${reasonBytesMax} bytes of JSON`);
  const account = (name: string) => fields.matching(name, accountIdPattern, "an account id BANK:NUMBER");
  return {
    ruleId: fields.matching("ruleId", actorIdPattern, "a rule id"),
    ruleVersion: fields.integer("ruleVersion", 1, 2 ** 31),
    ruleEditor: fields.requiredText("ruleEditor", 200),
    mode: fields.oneOf("mode", planModes),
    kind: fields.oneOf("kind", ["topUp", "sweep"] as const),
    from: account("from"),
    to: account("to"),
    amount: formatAmount(fields.amount("amount")),
    currency: fields.currency(),
    speed: fields.oneOf("speed", speeds),
    debitChannel: fields.matching("debitChannel", actorIdPattern, "a channel id"),
    creditChannel: fields.matching("creditChannel", actorIdPattern, "a channel id"),
    executeAt: fields.integer("executeAt", 0, epochMsMax),
    approvalsRequired: fields.integer("approvalsRequired", 0, 2),
    expiresAt:
      fields.isNull("expiresAt") || !fields.has("expiresAt") ? null : fields.integer("expiresAt", 0, epochMsMax),
    reason: reason as JsonObject,
  };
}

function tripOf(fields: Fields): RuleTrip {
  return {
    ruleId: fields.matching("ruleId", actorIdPattern, "a rule id"),
    ruleVersion: fields.integer("ruleVersion", 1, 2 ** 31),
    reason: fields.requiredText("reason", 1_000),
  };
}

function endingOf(fields: Fields): PlanEnding {
  return {
    planId: fields.matching("planId", actorIdPattern, "a plan id"),
    outcome: fields.requiredText("outcome", 64),
    executed: fields.boolean("executed"),
    movedMoney: fields.boolean("movedMoney"),
  };
}
