import { expect } from "chai";
import { BankOutcomeUnknown, BankRequestInvalid, type BankAdapter } from "../../adapters/banks/bank-adapter.js";
import { statementPullHandler } from "../../adapters/banks/statement-pull.js";
import { statementPullEffect } from "../../actors/statements/index.js";
import type { ImportedStatement, ImportRequest } from "../../reconciliation/import.js";
import { StatementRefused } from "../../reconciliation/import.js";
import type { EffectRuntime } from "../../runtime/effect-runner.js";
import { silentLogger } from "../../runtime/logger.js";
import { newTrace } from "../../runtime/trace-context.js";

const runtime: EffectRuntime = {
  dispatch: async () => ({ ok: true, commandId: "x", result: {} }),
  trace: newTrace(),
  logger: silentLogger,
};
const actor = { kind: "statements", actorId: "BANKA:A1" };
const effect = statementPullEffect(3, 2, "2026-12-07");

/** A bank whose `statement` answers `answer` (or throws it), recording what it was asked. */
function bank(answer: () => string): { adapter: BankAdapter; asked: string[] } {
  const asked: string[] = [];
  const adapter = {
    bankCode: "BANKA",
    statement: async (account: string, date: string, format: string) => {
      asked.push(`${account} ${date} ${format}`);
      return answer();
    },
  } as unknown as BankAdapter;
  return { adapter, asked };
}

function handler(adapter: BankAdapter | undefined, importer: (request: ImportRequest) => Promise<ImportedStatement[]>) {
  return statementPullHandler({ adapterOf: (code) => (code === "BANKA" ? adapter : undefined), importer });
}

const version = (alreadyImported: boolean): ImportedStatement => ({
  accountId: "BANKA:A1",
  statementId: "BANKA-A1-2026-12-07",
  digest: "e".repeat(64),
  version: 1,
  alreadyImported,
  lineCount: 4,
});

describe("statement pull (the statements actor's effect): the day's camt.053 from the bank, imported", () => {
  it("asks the account's bank for the day's camt.053 and imports it to the account as a pull", async () => {
    const { adapter, asked } = bank(() => "<Document/>");
    const requests: ImportRequest[] = [];
    const result = await handler(adapter, async (request) => {
      requests.push(request);
      return [version(false)];
    })(effect, actor, runtime);
    expect(asked).to.deep.equal(["A1 2026-12-07 camt053"]);
    expect(requests).to.deep.equal([
      {
        text: "<Document/>",
        format: "camt053",
        account: "BANKA:A1",
        source: "pull",
        principal: "system:statements-pull",
      },
    ]);
    expect(result).to.deep.equal({
      type: "pulled",
      payload: { pull: 3, attempt: 2, outcome: "imported", message: "BANKA-A1-2026-12-07 version 1" },
    });
  });

  it("answers alreadyImported for a version held, refused for a bank's or a file's refusal or no channel", async () => {
    const held = await handler(bank(() => "x").adapter, async () => [version(true)])(effect, actor, runtime);
    expect(held?.payload).to.deep.include({ outcome: "alreadyImported" });
    const refusedByBank = bank(() => {
      throw new BankRequestInvalid("unknown_account", "no account A1");
    });
    const byBank = await handler(refusedByBank.adapter, async () => [])(effect, actor, runtime);
    expect(byBank?.payload).to.deep.include({ outcome: "refused", message: "the bank refused: no account A1" });
    const byFile = await handler(bank(() => "x").adapter, async () => {
      throw new StatementRefused("the file", "empty");
    })(effect, actor, runtime);
    expect(byFile?.payload).to.deep.include({ outcome: "refused", message: "the file: empty" });
    const noChannel = await handler(undefined, async () => [])(effect, actor, runtime);
    expect(noChannel?.payload).to.deep.include({ outcome: "refused", message: "no bank channel reaches bank BANKA" });
  });

  it("throws when the bank does not answer, so that the pull's guard reminder asks again", async () => {
    const silent = bank(() => {
      throw new BankOutcomeUnknown("BANKA statement: no complete answer");
    });
    await handler(silent.adapter, async () => [])(effect, actor, runtime).then(
      () => expect.fail("a bank that did not answer is not an answer"),
      (error: unknown) => expect(error).to.be.instanceOf(BankOutcomeUnknown),
    );
  });
});
