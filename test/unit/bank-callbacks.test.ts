import { expect } from "chai";
import { signCallback } from "../../adapters/banks/callback-signature.js";
import { bankCallbackHandler } from "../../adapters/http/bank-callbacks.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { CommandRequest, Reply } from "../../runtime/messages.js";
import { continueTrace, isTraceContext } from "../../runtime/trace-context.js";

const secrets = new Map([
  ["BANKA", "a-secret-of-bank-a-0123456789"],
  ["BANKB", "a-secret-of-bank-b-0123456789"],
]);
const now = 1_800_000_000_000;

function handlerWithLog() {
  const dispatched: CommandRequest[] = [];
  const system = {
    dispatch(request: CommandRequest): Promise<Reply> {
      dispatched.push(request);
      return Promise.resolve({ ok: true, commandId: request.commandId, result: {}, entrySeq: 1 } as unknown as Reply);
    },
  } as unknown as ActorSystem;
  return { handle: bankCallbackHandler(system, secrets, undefined, () => now), dispatched };
}

const body = JSON.stringify({ bankCode: "BANKA", serial: "t-1.debit", status: "succeeded", bankReference: "A-1" });

describe("bank callbacks: signed by the bank's secret (HMAC-SHA256), or refused with nothing applied", () => {
  it("delivers a correctly signed callback to the transfer, naming the signing bank", async () => {
    const { handle, dispatched } = handlerWithLog();
    const answer = await handle(body, signCallback(secrets.get("BANKA")!, now - 1_000, body));
    expect(answer.status).to.equal(200);
    expect(dispatched).to.have.length(1);
    expect(dispatched[0]).to.deep.include({
      kind: "transfer",
      actorId: "t-1",
      commandId: "callback:t-1.debit:succeeded",
      type: "bankNotice",
      principal: "system:callback",
    });
    expect(dispatched[0]!.payload).to.deep.equal({
      step: "debit",
      status: "succeeded",
      bankCode: "BANKA",
      bankReference: "A-1",
    });
  });

  it("delivers the callback in the span its door made from the bank's traceparent (ADR 009 §4), or in a new trace", async () => {
    const { handle, dispatched } = handlerWithLog();
    const trace = continueTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    await handle(body, signCallback(secrets.get("BANKA")!, now, body), trace);
    expect(dispatched[0]!.trace).to.equal(trace);
    await handle(body, signCallback(secrets.get("BANKA")!, now, body));
    expect(isTraceContext(dispatched[1]!.trace)).to.equal(true);
    expect(dispatched[1]!.trace!.traceId).to.not.equal(trace.traceId);
  });

  const forged: ReadonlyArray<[string, string, string | undefined, number, string]> = [
    ["no signature", body, undefined, 401, "bad_signature"],
    [
      "a signature of another body",
      body.replace("succeeded", "rejected"),
      signCallback(secrets.get("BANKA")!, now, body),
      401,
      "bad_signature",
    ],
    ["another bank's secret", body, signCallback(secrets.get("BANKB")!, now, body), 401, "bad_signature"],
    [
      "a signature older than five minutes (a replay)",
      body,
      signCallback(secrets.get("BANKA")!, now - 6 * 60_000, body),
      401,
      "bad_signature",
    ],
    ["a garbled signature header", body, "v1=zz", 401, "bad_signature"],
    [
      "a bank without a secret",
      body.replace("BANKA", "BANKZ"),
      signCallback("whatever-secret-0123456789", now, body.replace("BANKA", "BANKZ")),
      401,
      "unknown_bank",
    ],
    [
      "a body that is not JSON",
      "{serial:",
      signCallback(secrets.get("BANKA")!, now, "{serial:"),
      400,
      "malformed_message",
    ],
  ];
  for (const [name, raw, signature, status, code] of forged) {
    it(`refuses ${name} and dispatches nothing`, async () => {
      const { handle, dispatched } = handlerWithLog();
      const answer = await handle(raw, signature);
      expect(answer.status).to.equal(status);
      expect((answer.body as { error: { code: string } }).error.code).to.equal(code);
      expect(dispatched).to.deep.equal([]);
    });
  }
});
