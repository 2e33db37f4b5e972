import type { WatermarksConfig } from "../actors/account/watermarks.js";
import { formatAmount, Money } from "../actors/shared/amount.js";
import type { Logger } from "../runtime/ports.js";
import type { ActorReads } from "./actor-reads.js";

/** The rule id a watermarks file entry seeds: `file:<BANK:NUMBER>`. */
export function seededRuleId(accountId: string): string {
  return `file:${accountId}`;
}

/**
 * Seeds a MONITOR rule for each account of the watermarks file that gives all three levels (ADR 012 §6): a `put` at
 * expected version 0 with a command id of its own, so a restart, or a rule edited since, changes nothing (the repeat
 * is answered from the journal, or refused as `version_conflict`, both expected). Entries with a level missing, and
 * the pools' totals, stay the file's: they judge metrics and alerts as before. Returns how many rules were created.
 */
export async function seedRulesFromWatermarks(
  reads: ActorReads,
  watermarks: WatermarksConfig,
  logger: Logger,
): Promise<number> {
  let created = 0;
  for (const [accountId, marks] of watermarks.accounts) {
    const { lowDanger, lowWarning, high } = marks;
    if (!lowDanger || !lowWarning || !high) continue;
    const ruleId = seededRuleId(accountId);
    const reply = await reads.send("rule", ruleId, `seed:${ruleId}`, "put", {
      expectedVersion: 0,
      reason: "seeded from LIQ_WATERMARKS_FILE",
      rule: {
        scope: { account: accountId },
        lowDanger: formatAmount(lowDanger),
        lowWarning: formatAmount(lowWarning),
        target: formatAmount(lowWarning),
        high: formatAmount(high),
        sources: ["pool-others"],
        amount: "target - available - plannedIn",
        maximum: formatAmount(Money.max(high, new Money("0.01"))),
        mode: "MONITOR",
      },
    });
    if (reply.ok && reply.duplicate !== true) created++;
    else if (!reply.ok && reply.error.code !== "version_conflict")
      logger.warn("a watermarks file entry did not seed a rule", {
        ruleId,
        code: reply.error.code,
        error: reply.error.message,
      });
  }
  return created;
}
