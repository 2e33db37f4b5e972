import { expect } from "chai";
import { transferEffectHandler } from "../../adapters/banks/transfer-effects.js";
import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { EffectRuntime } from "../../runtime/effect-runner.js";
import type { CommandRequest, Reply } from "../../runtime/messages.js";
import type { LogFields, Logger } from "../../runtime/ports.js";
import { newTrace } from "../../runtime/trace-context.js";

/** An effect runtime whose dispatch answers `answer` and records what was sent; its logger records the lines. */
function runtimeOf(answer: (request: CommandRequest) => Reply) {
  const dispatched: CommandRequest[] = [];
  const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
  const logger: Logger = {
    debug: (message, fields = {}) => lines.push({ level: "debug", message, fields }),
    info: (message, fields = {}) => lines.push({ level: "info", message, fields }),
    warn: (message, fields = {}) => lines.push({ level: "warn", message, fields }),
    error: (message, fields = {}) => lines.push({ level: "error", message, fields }),
    child: () => logger,
  };
  const runtime: EffectRuntime = {
    dispatch: async (request) => {
      dispatched.push(request);
      return answer(request);
    },
    trace: newTrace(),
    logger,
  };
  return { runtime, dispatched, lines };
}

const transfer = { kind: "transfer", actorId: "t-1" };
const acquire: EffectRequest = {
  id: "debit.1",
  type: "channel.acquire",
  payload: {
    channel: "BANKA-direct",
    transferId: "t-1",
    step: "debit",
    amount: "10.0000",
    currency: "CNY",
    speed: "normal",
  },
};

describe("the transfer's effect handler (ADR 006 §1)", () => {
  const handler = transferEffectHandler({ channels: new Map(), callbackUrl: () => undefined });

  it("runs none of an effect it does not know, or whose payload is not what the transfer asks for, and says why", async () => {
    const { runtime, dispatched, lines } = runtimeOf((request) => ({
      ok: true,
      commandId: request.commandId,
      result: {},
    }));
    expect(await handler({ id: "x.1", type: "bank.wire", payload: {} }, transfer, runtime)).to.equal(null);
    const cut: EffectRequest = {
      id: "debit.2",
      type: "bank.send",
      payload: { channel: "BANKA-direct", step: "debit", serial: "t-1.debit", request: { bankCode: "BANKA" } },
    };
    expect(await handler(cut, transfer, runtime)).to.equal(null);
    expect(dispatched).to.deep.equal([]);
    expect(lines.map((line) => [line.level, line.message, String(line.fields["error"])])).to.deep.equal([
      [
        "error",
        "unknown transfer effect",
        "TypeError: not an effect of transfer t-1: type must be one of account.command, channel.acquire, bank.send, bank.query",
      ],
      [
        "error",
        "unknown transfer effect",
        "TypeError: not an effect of transfer t-1: payload.request.account must be a string",
      ],
    ]);
  });

  it("asks the channel for a bank call and answers the transfer with the grant's fee, or the refusal's retry time and alternative", async () => {
    const granted = runtimeOf((request) => ({
      ok: true,
      commandId: request.commandId,
      result: { allowed: true, speed: "normal", fee: "1.5000", bankCode: "BANKA", circuit: "closed" },
    }));
    expect(await handler(acquire, transfer, granted.runtime)).to.deep.equal({
      type: "channelResult",
      payload: { effectId: "debit.1", allowed: true, fee: "1.5000" },
    });
    expect(granted.dispatched).to.have.length(1);
    expect(granted.dispatched[0]).to.deep.include({
      kind: "channel",
      actorId: "BANKA-direct",
      commandId: "transfer:t-1:debit.1",
      type: "acquire",
      principal: "system:transfer:t-1",
      payload: { transferId: "t-1", step: "debit", amount: "10.0000", currency: "CNY", speed: "normal" },
    });

    const refused = runtimeOf((request) => ({
      ok: false,
      commandId: request.commandId,
      error: {
        code: "circuit_open",
        message: "the circuit is open",
        retryable: false,
        details: { alternative: "BANKA-backup", retryAt: 5_000, circuit: "open" },
      },
    }));
    expect(await handler(acquire, transfer, refused.runtime)).to.deep.equal({
      type: "channelResult",
      payload: {
        effectId: "debit.1",
        allowed: false,
        code: "circuit_open",
        message: "the circuit is open",
        retryAt: 5_000,
        alternative: "BANKA-backup",
      },
    });
  });
});
