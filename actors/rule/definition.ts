import type { Decimal } from "decimal.js";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import { speeds, type Speed } from "../channel/config.js";
import { localTimeOfDayMs, minuteOfDay } from "../channel/local-time.js";
import { formatAmount, Money } from "../shared/amount.js";
import type { Fields } from "../shared/fields.js";
import { expressionLengthMax } from "./expression.js";

/** MONITOR alerts only; SUGGEST proposes and a person approves; AUTO executes (ADR 012 §5). */
export type RuleMode = "MONITOR" | "SUGGEST" | "AUTO";
export const ruleModes: readonly RuleMode[] = ["MONITOR", "SUGGEST", "AUTO"];

/** What a rule watches: one account, or a pool's total in one currency. */
export type RuleScope =
  | { readonly kind: "account"; readonly account: string }
  | { readonly kind: "pool"; readonly pool: string; readonly currency: string };

/** Local hours in which the rule may act; `to` before `from` crosses midnight; "24:00" ends at midnight. */
export interface ActiveHours {
  readonly from: string;
  readonly to: string;
  readonly utcOffsetMinutes: number;
}

/** A rule as `put` gives it whole (ADR 012 §1); `amount` is the text of an amount expression (expression.ts). */
export interface RuleDefinition {
  readonly scope: RuleScope;
  readonly lowDanger: Decimal;
  readonly lowWarning: Decimal;
  readonly target: Decimal;
  readonly high: Decimal;
  /** Account ids, `pool-others` (the pool's other accounts) or `concentration`, tried in this order. */
  readonly sources: readonly string[];
  /** The concentration account: where sweeps above `high` go, and what the source `concentration` names. */
  readonly concentration: string | null;
  readonly amount: string;
  readonly minimum: Decimal;
  readonly maximum: Decimal;
  readonly roundingStep: Decimal;
  /** The speed of a top-up below `lowWarning` and below `lowDanger`. */
  readonly speeds: { readonly warning: Speed; readonly danger: Speed };
  /** null: at any hour. */
  readonly activeHours: ActiveHours | null;
  /** No second transfer between the same two accounts sooner than this. */
  readonly coolDownMs: number;
  /** The window of the transfers cap and of the back-and-forth detector. */
  readonly windowMs: number;
  readonly transfersPerWindowMax: number;
  /** 1 is served first when the pool cannot cover every need. */
  readonly priority: number;
  readonly enabled: boolean;
  readonly mode: RuleMode;
}

/** The wire form: amounts as decimal strings; also a valid `rule` of a `put` (events and snapshots decode through it). */
export type RuleJson = {
  readonly scope: { readonly account: string } | { readonly pool: string; readonly currency: string };
  readonly lowDanger: string;
  readonly lowWarning: string;
  readonly target: string;
  readonly high: string;
  readonly sources: string[];
  readonly concentration: string | null;
  readonly amount: string;
  readonly minimum: string;
  readonly maximum: string;
  readonly roundingStep: string;
  readonly speeds: { readonly warning: Speed; readonly danger: Speed };
  readonly activeHours: { readonly from: string; readonly to: string; readonly utcOffsetMinutes: number } | null;
  readonly coolDownMs: number;
  readonly windowMs: number;
  readonly transfersPerWindowMax: number;
  readonly priority: number;
  readonly enabled: boolean;
  readonly mode: RuleMode;
};

export const poolOthers = "pool-others";
export const concentrationSource = "concentration";
export const sourcesMax = 20;
const dayMs = 86_400_000;
const accountIdPattern = new RegExp(
  `^${bankCodePattern.source.slice(1, -1)}:${accountNumberPattern.source.slice(1, -1)}$`,
);
const poolPattern = /^[A-Za-z0-9_-]{1,64}$/;
const clockPattern = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const ruleFields = [
  "scope",
  "lowDanger",
  "lowWarning",
  "target",
  "high",
  "sources",
  "concentration",
  "amount",
  "minimum",
  "maximum",
  "roundingStep",
  "speeds",
  "activeHours",
  "coolDownMs",
  "windowMs",
  "transfersPerWindowMax",
  "priority",
  "enabled",
  "mode",
];

/** Builds a rule from its JSON, checking each field's shape (the order of the watermarks is decide's). */
export function buildRule(f: Fields): RuleDefinition {
  const level = (name: string) => f.amount(name, { allowZero: true, allowNegative: true });
  const speedsFields = f.object("speeds", ["warning", "danger"], true);
  return {
    scope: buildScope(f.object("scope", ["account", "pool", "currency"])),
    lowDanger: level("lowDanger"),
    lowWarning: level("lowWarning"),
    target: level("target"),
    high: level("high"),
    sources: buildSources(f),
    concentration:
      f.has("concentration") && !f.isNull("concentration")
        ? f.matching("concentration", accountIdPattern, "an account id BANK:NUMBER (or null)")
        : null,
    amount: f.requiredText("amount", expressionLengthMax),
    minimum: f.has("minimum") ? f.amount("minimum", { allowZero: true }) : new Money(0),
    maximum: f.amount("maximum"),
    roundingStep: f.has("roundingStep") ? f.amount("roundingStep") : new Money("0.01"),
    speeds: {
      warning: speedsFields.oneOf("warning", speeds, "normal"),
      danger: speedsFields.oneOf("danger", speeds, "urgent"),
    },
    activeHours:
      f.has("activeHours") && !f.isNull("activeHours")
        ? buildHours(f.object("activeHours", ["from", "to", "utcOffsetMinutes"]))
        : null,
    coolDownMs: f.integer("coolDownMs", 0, 7 * dayMs, 15 * 60_000),
    windowMs: f.integer("windowMs", 60_000, 31 * dayMs, dayMs),
    transfersPerWindowMax: f.integer("transfersPerWindowMax", 1, 10_000, 10),
    priority: f.integer("priority", 1, 1_000, 100),
    enabled: f.boolean("enabled", true),
    mode: f.oneOf("mode", ruleModes, "MONITOR"),
  };
}

function buildScope(f: Fields): RuleScope {
  if (f.has("account")) {
    if (f.has("pool") || f.has("currency"))
      f.fail("account", "alone: a scope is an account, or a pool with a currency");
    return { kind: "account", account: f.matching("account", accountIdPattern, "an account id BANK:NUMBER") };
  }
  return {
    kind: "pool",
    pool: f.matching("pool", poolPattern, "1-64 characters of A-Z a-z 0-9 _ - (or give an account instead)"),
    currency: f.currency(),
  };
}

function buildSources(f: Fields): string[] {
  const value = f.raw("sources");
  const rule = `a list of 1 to ${sourcesMax} sources: account ids BANK:NUMBER, "${poolOthers}" or "${concentrationSource}"`;
  if (!Array.isArray(value) || value.length === 0 || value.length > sourcesMax) return f.fail("sources", rule);
  return value.map((source, index) =>
    typeof source === "string" &&
    (source === poolOthers || source === concentrationSource || accountIdPattern.test(source))
      ? source
      : f.fail(`sources[${index}]`, `an account id BANK:NUMBER, "${poolOthers}" or "${concentrationSource}"`),
  );
}

function buildHours(f: Fields): ActiveHours {
  const rule = "a local time HH:MM from 00:00 to 24:00";
  const from = f.matching("from", clockPattern, rule);
  if (from === "24:00") f.fail("from", "a local time HH:MM from 00:00 to 23:59");
  const to = f.matching("to", clockPattern, rule);
  if (minuteOfDay(from) === minuteOfDay(to) % 1440)
    f.fail("to", "another time than from (leave activeHours out, or null, for every hour)");
  return { from, to, utcOffsetMinutes: f.integer("utcOffsetMinutes", -720, 840) };
}

/** Whether `now` (epoch ms) falls inside the active hours; null hours are always active. */
export function isWithinActiveHours(hours: ActiveHours | null, now: number): boolean {
  if (hours === null) return true;
  const minute = Math.floor(localTimeOfDayMs(now, hours.utcOffsetMinutes) / 60_000);
  const from = minuteOfDay(hours.from);
  const to = minuteOfDay(hours.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

export function ruleToJson(rule: RuleDefinition): RuleJson {
  const { scope, activeHours } = rule;
  return {
    scope: scope.kind === "account" ? { account: scope.account } : { pool: scope.pool, currency: scope.currency },
    lowDanger: formatAmount(rule.lowDanger),
    lowWarning: formatAmount(rule.lowWarning),
    target: formatAmount(rule.target),
    high: formatAmount(rule.high),
    sources: [...rule.sources],
    concentration: rule.concentration,
    amount: rule.amount,
    minimum: formatAmount(rule.minimum),
    maximum: formatAmount(rule.maximum),
    roundingStep: formatAmount(rule.roundingStep),
    speeds: { ...rule.speeds },
    activeHours: activeHours ? { ...activeHours } : null,
    coolDownMs: rule.coolDownMs,
    windowMs: rule.windowMs,
    transfersPerWindowMax: rule.transfersPerWindowMax,
    priority: rule.priority,
    enabled: rule.enabled,
    mode: rule.mode,
  };
}
