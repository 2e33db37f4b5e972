import { SpanKind } from "@opentelemetry/api";
import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { EffectHandler, EffectResult, EffectRuntime } from "../../runtime/effect-runner.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { ActorRef, Logger } from "../../runtime/ports.js";
import { endSpan, startSpan } from "../../runtime/spans.js";
import { childSpan, traceLogFields } from "../../runtime/trace-context.js";
import { BankOutcomeUnknown, BankRequestInvalid, type BankAdapter, type BankAnswer, type BankCallContext, type BankQueryAnswer } from "./bank-adapter.js";

export interface TransferEffectDeps {
  /** The bank behind each channel. */
  readonly channels: ReadonlyMap<string, BankAdapter>;
  /** Where banks post final statuses (ADR 006 §3); undefined: polling only. Known once the admin port listens. */
  readonly callbackUrl: () => string | undefined;
}

type BankCallResult = { outcome: string; bankReference?: string; reason?: string };

/**
 * Runs the transfer actor's effects (ADR 006): commands to accounts and channels, bank calls. Every answer goes back
 * to the transfer as a command; a lost one is covered by the transfer's guard reminder. (Alerts are events, relayed
 * by the transfer observer: bin/transfer-observation.ts.) Every bank call is a span, a child of its effect's, logged
 * once with its ids and sent to the bank as `traceparent` (ADR 009 §4, §6, §7).
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
        return bankCall(deps, runtime, transfer, effect, payload);
      default:
        runtime.logger.error("unknown transfer effect");
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

async function bankCall(deps: TransferEffectDeps, runtime: EffectRuntime, transfer: ActorRef, effect: EffectRequest, payload: JsonObject): Promise<EffectResult> {
  const channel = String(payload["channel"]);
  const step = String(payload["step"]);
  const serial = String(payload["serial"]);
  const bank = deps.channels.get(channel);
  const call = effect.type === "bank.query" ? "query" : "send";
  // The call is a span of its own, a child of the effect's: the bank gets it as `traceparent` (ADR 009 §4, §7).
  const trace = childSpan(runtime.trace);
  const span = startSpan(`bank ${call === "query" ? "query" : step}`, trace, {
    kind: SpanKind.CLIENT,
    attributes: { "liquidity.bank.channel": channel, "liquidity.bank.call": call, "liquidity.bank.step": step, "liquidity.bank.serial": serial },
  });
  const context: BankCallContext = { trace };
  const started = performance.now();
  let result: BankCallResult;
  if (!bank) {
    result = { outcome: "invalid", reason: `no bank adapter is configured for channel ${channel}` };
  } else {
    try {
      result = effect.type === "bank.query" ? fromQuery(await bank.queryStatus(serial, context)) : fromAnswer(await send(bank, step, serial, payload["request"] as JsonObject, deps.callbackUrl(), context));
    } catch (error) {
      if (error instanceof BankRequestInvalid) result = { outcome: "invalid", reason: `${error.code}: ${error.message}` };
      else result = { outcome: "unknown", reason: error instanceof BankOutcomeUnknown ? error.message : `unexpected: ${String(error)}` };
    }
  }
  const latencyMs = Math.round(performance.now() - started);
  span.setAttribute("liquidity.bank.outcome", result.outcome);
  endSpan(span, result.outcome === "unknown" || result.outcome === "invalid" ? result.reason : undefined);
  // Only a call that reached a bank adapter tells the channel's breaker anything.
  if (bank) void reportToChannel(runtime, transfer, effect.id, channel, step, result.outcome, latencyMs);
  logBankCall(runtime.logger.child(traceLogFields(trace)), { call, channel, step, serial, latencyMs }, result);
  return { type: "bankResult", payload: { effectId: effect.id, step, ...result } as Json };
}

/** One line per bank call, in its span: `info`, or `warn` when the bank's answer is unknown or the request was invalid. */
function logBankCall(logger: Logger, call: { call: string; channel: string; step: string; serial: string; latencyMs: number }, result: BankCallResult): void {
  const fields = {
    ...call, outcome: result.outcome,
    ...(result.bankReference !== undefined && { bankReference: result.bankReference }), ...(result.reason !== undefined && { reason: result.reason }),
  };
  if (result.outcome === "unknown" || result.outcome === "invalid") logger.warn("bank call", fields);
  else logger.info("bank call", fields);
}

function send(bank: BankAdapter, step: string, serial: string, request: JsonObject, callbackUrl: string | undefined, context: BankCallContext): Promise<BankAnswer> {
  const text = (name: string) => String(request[name]);
  const callback = callbackUrl === undefined ? {} : { callbackUrl };
  const money = { serial, account: text("account"), amount: text("amount"), currency: text("currency"), ...callback };
  switch (step) {
    case "debit":
      return bank.debit({ ...money, toBankCode: text("toBankCode"), toAccount: text("toAccount"), speed: text("speed") === "urgent" ? "urgent" : "normal" }, context);
    case "credit":
      return bank.credit({ ...money, fromBankCode: text("fromBankCode"), fromAccount: text("fromAccount"), debitSerial: text("debitSerial") }, context);
    default:
      return bank.reverse({ ...money, originalSerial: text("originalSerial") }, context);
  }
}

function fromAnswer(answer: BankAnswer): BankCallResult {
  return { outcome: answer.status, ...(answer.bankReference && { bankReference: answer.bankReference }), ...(answer.reason && { reason: answer.reason }) };
}

function fromQuery(answer: BankQueryAnswer): BankCallResult {
  return answer.status === "not_found" ? { outcome: "not_found" } : fromAnswer(answer);
}

/** Real call outcomes feed the channel's health and circuit breaker (ADR 006 §4); a lost report costs only a sample. */
async function reportToChannel(runtime: EffectRuntime, transfer: ActorRef, effectId: string, channel: string, step: string, outcome: string, latencyMs: number): Promise<void> {
  const reported = outcome === "unknown" ? "unknown" : outcome === "rejected" ? "rejected" : outcome === "invalid" ? "rejected" : "succeeded";
  const reply = await runtime.dispatch({
    kind: "channel", actorId: channel, commandId: `transfer:${transfer.actorId}:${effectId}:report`, type: "report",
    payload: { transferId: transfer.actorId, step, outcome: reported, latencyMs }, principal: `system:transfer:${transfer.actorId}`,
  });
  if (!reply.ok) runtime.logger.warn("channel report refused", { channel, error: reply.error });
}
