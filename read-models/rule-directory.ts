import type { Watermarks } from "../actors/account/watermarks.js";
import type { RuleDefinition } from "../actors/rule/definition.js";
import { ruleFromJson } from "../actors/rule/state.js";
import { isJsonObject } from "../runtime/json.js";
import { ViewDirectory, type PublishedEvent } from "./view-directory.js";

/** A rule as the directory knows it: its definition, version and the principal of its last change. */
export interface RuleEntry {
  readonly ruleId: string;
  readonly version: number;
  readonly rule: RuleDefinition;
  /** Who made this version: a suggestion of the rule's must be approved by someone else. */
  readonly editor: string;
  readonly changedAt: number;
  readonly reason: string;
  readonly replacesVersion: number;
}

/** Every rule's current version, fed by the rule events (each `rulePut` carries the whole rule). */
export function ruleDirectory(): ViewDirectory<RuleEntry> {
  return new ViewDirectory<RuleEntry>(ruleEntryOf);
}

function ruleEntryOf({ actorId, event }: PublishedEvent): RuleEntry | null | undefined {
  if (event["type"] === "ruleDeleted") return null;
  const { rule, version, principal, at, reason, replacesVersion } = event;
  if (event["type"] !== "rulePut" || !isJsonObject(rule) || typeof version !== "number") return undefined;
  if (typeof principal !== "string" || typeof at !== "number" || typeof reason !== "string") return undefined;
  if (typeof replacesVersion !== "number") return undefined;
  try {
    const definition = ruleFromJson(rule);
    return { ruleId: actorId, version, rule: definition, editor: principal, changedAt: at, reason, replacesVersion };
  } catch {
    return undefined;
  }
}

/** The rules that act on a pool in a currency: its pool rule and the account rules of its accounts. */
export function rulesOfPool(
  rules: ViewDirectory<RuleEntry>,
  pool: string,
  currency: string,
  isPoolAccount: (accountId: string) => boolean,
): RuleEntry[] {
  const found: RuleEntry[] = [];
  for (const entry of rules.all()) {
    const { scope } = entry.rule;
    if (scope.kind === "pool" ? scope.pool === pool && scope.currency === currency : isPoolAccount(scope.account))
      found.push(entry);
  }
  return found;
}

/**
 * The watermarks rules give accounts, indexed once (call it per scrape or per batch): an account's own rule, else its
 * pool's rule; a disabled account rule still shadows the pool rule, as in the planner.
 */
export function ruleWatermarks(
  rules: ViewDirectory<RuleEntry>,
): (account: { accountId: string; pool: string; currency: string }) => Watermarks | undefined {
  const byAccount = new Map<string, RuleDefinition>();
  const byPool = new Map<string, RuleDefinition>();
  for (const { rule } of rules.all()) {
    const { scope } = rule;
    if (scope.kind === "account" && !byAccount.has(scope.account)) byAccount.set(scope.account, rule);
    const poolKey = scope.kind === "pool" ? `${scope.pool}/${scope.currency}` : undefined;
    if (poolKey !== undefined && !byPool.has(poolKey)) byPool.set(poolKey, rule);
  }
  return (account) => {
    const rule = byAccount.get(account.accountId) ?? byPool.get(`${account.pool}/${account.currency}`);
    return rule && { lowDanger: rule.lowDanger, lowWarning: rule.lowWarning, high: rule.high };
  };
}
