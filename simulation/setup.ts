import type { Decimal } from "decimal.js";
import type { RuleMode } from "../actors/rule/definition.js";
import { formatAmount } from "../actors/shared/amount.js";
import { concentrationIdOf, ruleOf, sweepJobOf, type Scenario } from "./scenario.js";
import type { SimulatedEngine } from "./simulated-engine.js";

/** Who configures the treasury in the simulation: the rules' editor. */
export const treasurerPrincipal = "simulation:treasurer";

/** The rule id of an account's rule. */
export function ruleIdOf(accountId: string): string {
  return `cover-${accountId.replace(":", "-")}`;
}

/**
 * Configures the treasury through the actors' own commands, at the start time: channels, the concentration account
 * and the operating accounts with their opening balances, one rule per operating account in `mode`, and each pool's
 * daily sweep.
 */
export async function setUpTreasury(engine: SimulatedEngine, mode: RuleMode): Promise<void> {
  const { scenario } = engine;
  for (const channel of scenario.channels)
    await engine.send("channel", channel.id, "configure", channel.config, "system:config");
  const { concentration } = scenario;
  await openAccount(engine, { ...concentration, accountId: concentrationIdOf(scenario) });
  for (const account of scenario.accounts) await openAccount(engine, account);
  for (const account of scenario.accounts)
    await engine.send(
      "rule",
      ruleIdOf(account.accountId),
      "put",
      { expectedVersion: 0, reason: "simulated treasury", rule: ruleOf(scenario, account, mode) },
      treasurerPrincipal,
    );
  for (const pool of scenario.pools) {
    const job = sweepJobOf(scenario, pool);
    await engine.send("schedule", job.jobId, "put", job.put, treasurerPrincipal);
  }
  await engine.settle();
}

async function openAccount(
  engine: SimulatedEngine,
  account: {
    readonly accountId: string;
    readonly bankCode: string;
    readonly accountNumber: string;
    readonly pool: string;
    readonly opening: Decimal;
  },
): Promise<void> {
  const { accountId, bankCode, accountNumber, pool } = account;
  const currency = engine.scenario.currency;
  await engine.send("account", accountId, "open", { bankCode, accountNumber, currency, pool }, treasurerPrincipal);
  await engine.send(
    "account",
    accountId,
    "recordEntry",
    {
      entryId: `opening:${accountId}`,
      direction: "credit",
      amount: formatAmount(account.opening),
      currency,
      description: "opening balance",
    },
    treasurerPrincipal,
  );
}

/** The sum of the opening balances of every account, the concentration account's included. */
export function openingTotal(scenario: Scenario): Decimal {
  return scenario.accounts.reduce((total, account) => total.plus(account.opening), scenario.concentration.opening);
}
