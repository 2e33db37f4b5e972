import { decodeStatementPullEffect, pullPrincipal, type PullOutcome } from "../../actors/statements/index.js";
import type { ImportedStatement, ImportRequest } from "../../reconciliation/import.js";
import { StatementImportRefused, StatementRefused, StatementActorRefused } from "../../reconciliation/import.js";
import type { EffectHandler, EffectResult } from "../../runtime/effect-runner.js";
import { truncateText } from "../../runtime/text.js";
import { BankRequestInvalid, type BankAdapter } from "./bank-adapter.js";

/** What a pull needs of the engine: the adapter of a bank, and the import (bound once the actors serve). */
export interface StatementPullParts {
  /** An adapter of one of the bank's channels; undefined when no channel reaches that bank. */
  readonly adapterOf: (bankCode: string) => BankAdapter | undefined;
  readonly importer: (request: ImportRequest) => Promise<ImportedStatement[]>;
}

/**
 * The statements actor's pull (ADR 014 §1 "Three doors"): the account's camt.053 of the day from its bank, imported
 * to the account (whatever the file calls it: the bank was asked for this account) with source `pull`, answered as
 * `pulled`. The bank's or the file's refusal is an outcome (`refused`, not retried: the same answer would come
 * again); a bank that does not answer, or a store that fails, throws, and the pull's guard reminder asks again.
 */
export function statementPullHandler(parts: StatementPullParts): EffectHandler {
  return async (effect, actor, runtime): Promise<EffectResult> => {
    const { payload } = decodeStatementPullEffect(effect);
    const answer = (outcome: PullOutcome, message: string): EffectResult => ({
      type: "pulled",
      payload: { pull: payload.pull, attempt: payload.attempt, outcome, message: truncateText(message, 500) },
    });
    const colon = actor.actorId.indexOf(":");
    const [bankCode, accountNumber] = [actor.actorId.slice(0, colon), actor.actorId.slice(colon + 1)];
    const adapter = parts.adapterOf(bankCode);
    if (adapter === undefined) return answer("refused", `no bank channel reaches bank ${bankCode}`);
    let text: string;
    try {
      text = await adapter.statement(accountNumber, payload.date, "camt053");
    } catch (error) {
      if (error instanceof BankRequestInvalid) return answer("refused", `the bank refused: ${error.message}`);
      throw error;
    }
    try {
      const imported = await parts.importer({
        text,
        format: "camt053",
        account: actor.actorId,
        source: "pull",
        principal: pullPrincipal,
      });
      const fresh = imported.filter((statement) => !statement.alreadyImported);
      runtime.logger.info("statement pulled", { date: payload.date, statements: imported.length, new: fresh.length });
      const versions = imported.map((statement) => `${statement.statementId} version ${statement.version}`).join(", ");
      return answer(fresh.length > 0 ? "imported" : "alreadyImported", versions || "no statement in the file");
    } catch (error) {
      if (error instanceof StatementRefused || error instanceof StatementImportRefused)
        return answer("refused", error.message);
      if (error instanceof StatementActorRefused && !error.error.retryable) return answer("refused", error.message);
      throw error;
    }
  };
}
