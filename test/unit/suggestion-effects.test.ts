import { expect } from "chai";
import { suggestionEffectHandler, transferCreation } from "../../actors/suggestion/effects.js";
import type { EffectRuntime } from "../../runtime/effect-runner.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { CommandRequest, Reply } from "../../runtime/messages.js";
import { silentLogger } from "../../runtime/logger.js";
import { newTrace } from "../../runtime/trace-context.js";

const suggestion = { kind: "suggestion", actorId: "sugg-1" };
const request: JsonObject = {
  from: "BANKA:A1",
  to: "BANKB:B1",
  amount: "500.0000",
  currency: "CNY",
  speed: "normal",
  debitChannel: "BANKA-direct",
  creditChannel: "BANKB-direct",
  approvalRequired: false,
  reference: "suggestion sugg-1 of rule r v1, approved by grpc:alice",
};

function account(available: string, change: Record<string, Json> = {}): JsonObject {
  return {
    status: "open",
    bankCode: "BANK",
    accountNumber: "1",
    currency: "CNY",
    pool: "main",
    overdraftLimit: "0.0000",
    countInTransitCredit: false,
    position: { ledger: available, frozen: "0", inTransitDebit: "0", inTransitCredit: "0", available },
    freezes: 0,
    reservations: 0,
    ...change,
  };
}

/**
 * The actors the handler talks to, in memory: the transfer (NEW until a create lands) and the two accounts.
 * `onCreate` answers the create; by default it is taken.
 */
function world(options: { source?: JsonObject; transferStatus?: string; onCreate?: () => Reply } = {}) {
  const sent: CommandRequest[] = [];
  let transferStatus = options.transferStatus ?? "NEW";
  const accounts: Record<string, JsonObject> = {
    "BANKA:A1": options.source ?? account("1000.0000"),
    "BANKB:B1": account("0.0000"),
  };
  const ok = (commandId: string, result: Json): Reply => ({ ok: true, commandId, result });
  const runtime: EffectRuntime = {
    dispatch: async (command) => {
      sent.push(command);
      if (command.kind === "account") return ok(command.commandId, accounts[command.actorId]!);
      if (command.type === "get") return ok(command.commandId, { transferId: command.actorId, status: transferStatus });
      const answer = options.onCreate?.() ?? ok(command.commandId, { status: "CREATED" });
      if (answer.ok) transferStatus = "CREATED";
      return answer;
    },
    trace: newTrace(),
    logger: silentLogger,
  };
  const creates = () => sent.filter((command) => command.type === "create");
  return { runtime, sent, creates };
}

describe("a suggestion's transfer creation (the effect of its last approval)", () => {
  it("creates the transfer with the suggestion's id, the command id derived from it, as the suggestion itself", async () => {
    const { runtime, creates } = world();
    const answer = await suggestionEffectHandler(transferCreation("sugg-1", 1, request), suggestion, runtime);
    expect(answer).to.deep.equal({ type: "transferAnswer", payload: { attempt: 1, ok: true } });
    expect(creates()).to.have.length(1);
    expect(creates()[0]).to.deep.include({
      kind: "transfer",
      actorId: "sugg-1",
      commandId: "suggestion:sugg-1",
      principal: "system:suggestion:sugg-1",
      payload: request,
    });
  });

  it("answers CREATE_FAILED's code when the funds are gone, and creates nothing", async () => {
    const { runtime, creates } = world({ source: account("499.9999") });
    const answer = await suggestionEffectHandler(transferCreation("sugg-1", 2, request), suggestion, runtime);
    expect(answer?.payload).to.deep.include({ attempt: 2, ok: false, code: "insufficient_available" });
    expect((answer?.payload as JsonObject)["message"]).to.match(/BANKA:A1 has 499\.9999 CNY available/);
    expect(creates()).to.deep.equal([]);
  });

  it("names an account that is closed or in another currency", async () => {
    const closed = world({ source: account("1000.0000", { status: "closed" }) });
    expect(
      (await suggestionEffectHandler(transferCreation("sugg-1", 1, request), suggestion, closed.runtime))?.payload,
    ).to.deep.include({ ok: false, code: "account_closed" });
    const euros = world({ source: account("1000.0000", { currency: "EUR" }) });
    expect(
      (await suggestionEffectHandler(transferCreation("sugg-1", 1, request), suggestion, euros.runtime))?.payload,
    ).to.deep.include({ ok: false, code: "currency_mismatch" });
  });

  it("sends the create again, unchecked, when an earlier attempt created the transfer (its answer lost)", async () => {
    // The earlier attempt's transfer reserved the funds: a check now would say they are short.
    const { runtime, creates } = world({ transferStatus: "DEBIT_PENDING", source: account("0.0000") });
    const answer = await suggestionEffectHandler(transferCreation("sugg-1", 3, request), suggestion, runtime);
    expect(answer?.payload).to.deep.equal({ attempt: 3, ok: true });
    expect(creates().map((command) => command.commandId)).to.deep.equal(["suggestion:sugg-1"]);
  });

  it("passes a final refusal of the transfer actor on, and throws on a retryable one (the guard sends it again)", async () => {
    const reused = world({
      onCreate: () => ({
        ok: false,
        error: {
          code: "idempotency_key_reused",
          message: "transfer sugg-1 exists with another request",
          retryable: false,
        },
      }),
    });
    expect(
      (await suggestionEffectHandler(transferCreation("sugg-1", 1, request), suggestion, reused.runtime))?.payload,
    ).to.deep.include({ ok: false, code: "idempotency_key_reused" });
    const full = world({
      onCreate: () => ({ ok: false, error: { code: "mailbox_full", message: "busy", retryable: true } }),
    });
    let thrown: unknown;
    await suggestionEffectHandler(transferCreation("sugg-1", 1, request), suggestion, full.runtime).catch(
      (error: unknown) => (thrown = error),
    );
    expect(String(thrown)).to.match(/did not take its create: mailbox_full/);
  });
});
