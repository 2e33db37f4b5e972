import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { EffectHandler, EffectResult, EffectRuntime } from "../../runtime/effect-runner.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { ActorRef, Logger } from "../../runtime/ports.js";
import { BankOutcomeUnknown, BankRequestInvalid, type BankAdapter, type BankAnswer, type BankQueryAnswer } from "./bank-adapter.js";

export interface TransferEffectDeps {
  /** The bank behind each channel. */
  readonly channels: ReadonlyMap<string, BankAdapter>;
  /** Where banks post final statuses (ADR 006 §3); undefined: polling only. Known once the admin port listens. */
  readonly callbackUrl: () => string | undefined;
  readonly logger: Logger;
}

type BankCallResult = { outcome: string; bankReference?: string; reason?: string };

/**
 * Runs the transfer actor's effects (ADR 006): commands to accounts and channels, bank calls. Every answer goes back
 * to the transfer as a command; a lost one is covered by the transfer's guard reminder. (Alerts are events, relayed
 * by the transfer observer: bin/transfer-observation.ts.)
 */
export function transferEffectHandler(deps: TransferEffectDeps): EffectHandler {
  return async (effect: EffectRequest, transfer: ActorRef, runtime: EffectRuntime): Promise<EffectResult | null> => {
    const payload = effect.payload as JsonObject;
    const dispatch = runtime.dispatch;
    switch (effect.type) {
      case "account.command":
        return positionTask(dispatch, transfer, payload);
      case "channel.acquire":
        return acquire(dispatch, transfer, effect.id, payload);
      case "bank.send":
      case "bank.query":
        return bankCall(deps, dispatch, transfer, effect, payload);
      default:
        deps.logger.error("unknown transfer effect", { effect: effect.type, transfer });
        return null;
    }
  };
}

type Dispatch = EffectRuntime["dispatch"];

async function positionTask(dispatch: Dispatch, transfer: ActorRef, payload: JsonObject): Promise<EffectResult> {
  const reply = await dispatch({
    kind: "account", actorId: String(payload["account"]), commandId: String(payload["commandId"]), type: String(payload["type"]),
    payload: payload["payload"], principal: `system:transfer:${transfer.actorId}`,
  });
  const answer: JsonObject = { taskId: payload["taskId"] ?? "", ok: reply.ok, retryable: !reply.ok && reply.error.retryable };
  if (typeof payload["attempt"] === "number") answer["attempt"] = payload["attempt"];
  if (!reply.ok) Object.assign(answer, { code: reply.error.code, message: reply.error.message });
  return { type: "positionResult", payload: answer };
}

async function acquire(dispatch: Dispatch, transfer: ActorRef, effectId: string, payload: JsonObject): Promise<EffectResult> {
  const { channel, ...asked } = payload;
  const reply = await dispatch({
    kind: "channel", actorId: String(channel), commandId: `transfer:${transfer.actorId}:${effectId}`, type: "acquire",
    payload: { transferId: asked["transferId"], step: asked["step"], amount: asked["amount"], currency: asked["currency"], speed: asked["speed"] }, principal: `system:transfer:${transfer.actorId}`,
  });
  if (reply.ok) {
    const result = reply.result as JsonObject;
    return { type: "channelResult", payload: { effectId, allowed: true, ...(typeof result["fee"] === "string" && { fee: result["fee"] }) } };
  }
  if (reply.error.retryable) throw new Error(`channel ${String(channel)} unavailable: ${reply.error.code}`);
  const details = (reply.error.details ?? {}) as JsonObject;
  return {
    type: "channelResult",
    payload: {
      effectId, allowed: false, code: reply.error.code, message: reply.error.message,
      ...(typeof details["retryAt"] === "number" && { retryAt: details["retryAt"] }),
      ...(typeof details["alternative"] === "string" && { alternative: details["alternative"] }),
    },
  };
}

async function bankCall(deps: TransferEffectDeps, dispatch: Dispatch, transfer: ActorRef, effect: EffectRequest, payload: JsonObject): Promise<EffectResult> {
  const channel = String(payload["channel"]);
  const step = String(payload["step"]);
  const serial = String(payload["serial"]);
  const bank = deps.channels.get(channel);
  const started = performance.now();
  let result: BankCallResult;
  if (!bank) {
    result = { outcome: "invalid", reason: `no bank adapter is configured for channel ${channel}` };
  } else {
    try {
      result = effect.type === "bank.query" ? fromQuery(await bank.queryStatus(serial)) : fromAnswer(await send(bank, step, serial, payload["request"] as JsonObject, deps.callbackUrl()));
    } catch (error) {
      if (error instanceof BankRequestInvalid) result = { outcome: "invalid", reason: `${error.code}: ${error.message}` };
      else result = { outcome: "unknown", reason: error instanceof BankOutcomeUnknown ? error.message : `unexpected: ${String(error)}` };
    }
    void reportToChannel(dispatch, deps.logger, transfer, effect.id, channel, step, result.outcome, performance.now() - started);
  }
  return { type: "bankResult", payload: { effectId: effect.id, step, ...result } as Json };
}

function send(bank: BankAdapter, step: string, serial: string, request: JsonObject, callbackUrl: string | undefined): Promise<BankAnswer> {
  const text = (name: string) => String(request[name]);
  const callback = callbackUrl === undefined ? {} : { callbackUrl };
  const money = { serial, account: text("account"), amount: text("amount"), currency: text("currency"), ...callback };
  switch (step) {
    case "debit":
      return bank.debit({ ...money, toBankCode: text("toBankCode"), toAccount: text("toAccount"), speed: text("speed") === "urgent" ? "urgent" : "normal" });
    case "credit":
      return bank.credit({ ...money, fromBankCode: text("fromBankCode"), fromAccount: text("fromAccount"), debitSerial: text("debitSerial") });
    default:
      return bank.reverse({ ...money, originalSerial: text("originalSerial") });
  }
}

function fromAnswer(answer: BankAnswer): BankCallResult {
  return { outcome: answer.status, ...(answer.bankReference && { bankReference: answer.bankReference }), ...(answer.reason && { reason: answer.reason }) };
}

function fromQuery(answer: BankQueryAnswer): BankCallResult {
  return answer.status === "not_found" ? { outcome: "not_found" } : fromAnswer(answer);
}

/** Real call outcomes feed the channel's health and circuit breaker (ADR 006 §4); a lost report costs only a sample. */
async function reportToChannel(dispatch: Dispatch, logger: Logger, transfer: ActorRef, effectId: string, channel: string, step: string, outcome: string, latencyMs: number): Promise<void> {
  const reported = outcome === "unknown" ? "unknown" : outcome === "rejected" ? "rejected" : outcome === "invalid" ? "rejected" : "succeeded";
  const reply = await dispatch({
    kind: "channel", actorId: channel, commandId: `transfer:${transfer.actorId}:${effectId}:report`, type: "report",
    payload: { transferId: transfer.actorId, step, outcome: reported, latencyMs: Math.round(latencyMs) }, principal: `system:transfer:${transfer.actorId}`,
  });
  if (!reply.ok) logger.warn("channel report refused", { channel, error: reply.error });
}
