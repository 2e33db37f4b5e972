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

/**
 * Which rule covers an account: its own rule, else its pool's rule (the lowest rule id where several claim it); a
 * disabled account rule still shadows the pool rule, as in the planner. Rebuilt on the first lookup after a rule
 * change, so a lookup per position event costs a map read, whatever the number of rules.
 */
export class RuleIndex {
  private byAccount = new Map<string, RuleEntry>();
  private byPool = new Map<string, RuleEntry>();
  private stale = true;
  private readonly unsubscribe: () => void;

  constructor(private readonly rules: ViewDirectory<RuleEntry>) {
    this.unsubscribe = rules.subscribe(() => {
      this.stale = true;
    });
  }

  covering(account: { accountId: string; pool: string; currency: string }): RuleEntry | undefined {
    if (this.stale) this.rebuild();
    return this.byAccount.get(account.accountId) ?? this.byPool.get(`${account.pool}/${account.currency}`);
  }

  /**
   * What the rules cover: the accounts a rule names and the pools (in a currency) a rule covers. Every account
   * `covering` finds a rule for is one of the first or a member of one of the second.
   */
  scopes(): RuleScopes {
    if (this.stale) this.rebuild();
    return {
      accounts: [...this.byAccount.keys()],
      pools: [...this.byPool.values()].flatMap(({ rule: { scope } }) =>
        scope.kind === "pool" ? [{ pool: scope.pool, currency: scope.currency }] : [],
      ),
    };
  }

  /**
   * The rules that act in a pool: its pool rule and the own rules of its members, in rule id order; where rules
   * overlap, the first claim (lowest rule id) acts and the others wait.
   */
  ofPool(pool: string, currency: string, members: Iterable<string>): RuleEntry[] {
    if (this.stale) this.rebuild();
    const found = new Set<RuleEntry>();
    const poolRule = this.byPool.get(`${pool}/${currency}`);
    if (poolRule) found.add(poolRule);
    for (const accountId of members) {
      const own = this.byAccount.get(accountId);
      if (own) found.add(own);
    }
    return [...found].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  }

  close(): void {
    this.unsubscribe();
  }

  private rebuild(): void {
    const byAccount = new Map<string, RuleEntry>();
    const byPool = new Map<string, RuleEntry>();
    // In rule id order: the first claim wins.
    for (const entry of this.rules.all()) {
      const { scope } = entry.rule;
      if (scope.kind === "account" && !byAccount.has(scope.account)) byAccount.set(scope.account, entry);
      const poolKey = scope.kind === "pool" ? `${scope.pool}/${scope.currency}` : undefined;
      if (poolKey !== undefined && !byPool.has(poolKey)) byPool.set(poolKey, entry);
    }
    this.byAccount = byAccount;
    this.byPool = byPool;
    this.stale = false;
  }
}

const indexes = new WeakMap<ViewDirectory<RuleEntry>, RuleIndex>();

/** The one index of a rule directory, made on first use and kept as long as the directory. */
export function ruleIndexOf(rules: ViewDirectory<RuleEntry>): RuleIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = new RuleIndex(rules);
    indexes.set(rules, index);
  }
  return index;
}

/** The accounts and pools the rules cover (`RuleIndex.scopes`). */
export interface RuleScopes {
  readonly accounts: readonly string[];
  readonly pools: ReadonlyArray<{ readonly pool: string; readonly currency: string }>;
}

/** The watermarks rules give accounts, and where those accounts are: what the liquidity metrics judge by. */
export interface RuleWatermarks {
  readonly of: (account: { accountId: string; pool: string; currency: string }) => Watermarks | undefined;
  readonly scopes: RuleScopes;
}

/** The watermarks rules give accounts (`RuleIndex`), as they are now. */
export function ruleWatermarks(index: RuleIndex): RuleWatermarks {
  return {
    of: (account) => {
      const rule = index.covering(account)?.rule;
      return rule && { lowDanger: rule.lowDanger, lowWarning: rule.lowWarning, high: rule.high };
    },
    scopes: index.scopes(),
  };
}
