import { SpanKind } from "@opentelemetry/api";
import { decodeAcquireGrant } from "../../actors/channel/view.js";
import type { BankCallOutcome, StepName } from "../../actors/transfer/commands.js";
import { decodeTransferEffect, type BankSend, type TransferEffect } from "../../actors/transfer/effects.js";
import type { EffectRequest } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { EffectHandler, EffectResult, EffectRuntime } from "../../runtime/effect-runner.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import type { ActorRef, Logger } from "../../runtime/ports.js";
import { endSpan, startSpan } from "../../runtime/spans.js";
import { childSpan, traceLogFields } from "../../runtime/trace-context.js";
import {
  BankOutcomeUnknown,
  BankRequestInvalid,
  type BankAdapter,
  type BankAnswer,
  type BankCallContext,
  type BankQueryAnswer,
} from "./bank-adapter.js";

export interface TransferEffectDeps {
  /** The bank behind each channel. */
  readonly channels: ReadonlyMap<string, BankAdapter>;
  /** Where banks post final statuses (ADR 006 §3); undefined: polling only. Known once the admin port listens. */
  readonly callbackUrl: () => string | undefined;
}

type BankCallResult = { outcome: BankCallOutcome; bankReference?: string; reason?: string };
type PositionTaskEffect = Extract<TransferEffect, { type: "account.command" }>;
type AcquireEffect = Extract<TransferEffect, { type: "channel.acquire" }>;
type BankEffect = Extract<TransferEffect, { type: "bank.send" | "bank.query" }>;

/**
 * Runs the transfer actor's effects (ADR 006): commands to accounts and channels, bank calls. Every answer goes back
 * to the transfer as a command; a lost one is covered by the transfer's guard reminder. (Alerts are events, relayed
 * by the transfer observer: engine/transfer-observation.ts.) Every bank call is a span, a child of its effect's, logged
 * once with its ids and sent to the bank as `traceparent` (ADR 009 §4, §6, §7).
 */
export function transferEffectHandler(deps: TransferEffectDeps): EffectHandler {
  return async (request: EffectRequest, transfer: ActorRef, runtime: EffectRuntime): Promise<EffectResult | null> => {
    let effect: TransferEffect;
    try {
      effect = decodeTransferEffect(request, transfer.actorId);
    } catch (error) {
      runtime.logger.error("unknown transfer effect", { error });
      return null;
    }
    const dispatch = runtime.dispatch;
    switch (effect.type) {
      case "account.command":
        return positionTask(dispatch, transfer, effect.payload);
      case "channel.acquire":
        return acquire(dispatch, transfer, effect);
      case "bank.send":
      case "bank.query":
        return bankCall(deps, runtime, transfer, effect);
      default:
        return unreachable(effect);
    }
  };
}

type Dispatch = EffectRuntime["dispatch"];

async function positionTask(
  dispatch: Dispatch,
  transfer: ActorRef,
  task: PositionTaskEffect["payload"],
): Promise<EffectResult> {
  const reply = await dispatch({
    kind: "account",
    actorId: task.account,
    commandId: task.commandId,
    type: task.type,
    payload: task.payload,
    principal: `system:transfer:${transfer.actorId}`,
  });
  const answer: JsonObject = {
    taskId: task.taskId,
    ok: reply.ok,
    retryable: !reply.ok && reply.error.retryable,
    attempt: task.attempt,
  };
  if (!reply.ok) Object.assign(answer, { code: reply.error.code, message: reply.error.message });
  return { type: "positionResult", payload: answer };
}

async function acquire(dispatch: Dispatch, transfer: ActorRef, effect: AcquireEffect): Promise<EffectResult> {
  const { channel, transferId, step, amount, currency, speed } = effect.payload;
  const effectId = effect.id;
  const reply = await dispatch({
    kind: "channel",
    actorId: channel,
    commandId: `transfer:${transfer.actorId}:${effectId}`,
    type: "acquire",
    payload: { transferId, step, amount, currency, speed },
    principal: `system:transfer:${transfer.actorId}`,
  });
  if (reply.ok) {
    const grant = decodeAcquireGrant(reply.result, `the reply of channel ${channel} to acquire`);
    return { type: "channelResult", payload: { effectId, allowed: true, fee: grant.fee } };
  }
  if (reply.error.retryable) throw new Error(`channel ${channel} unavailable: ${reply.error.code}`);
  const details = isJsonObject(reply.error.details) ? reply.error.details : {};
  return {
    type: "channelResult",
    payload: {
      effectId,
      allowed: false,
      code: reply.error.code,
      message: reply.error.message,
      ...(typeof details["retryAt"] === "number" && { retryAt: details["retryAt"] }),
      ...(typeof details["alternative"] === "string" && { alternative: details["alternative"] }),
    },
  };
}

async function bankCall(
  deps: TransferEffectDeps,
  runtime: EffectRuntime,
  transfer: ActorRef,
  effect: BankEffect,
): Promise<EffectResult> {
  const { channel, step, serial } = effect.payload;
  const bank = deps.channels.get(channel);
  const call = effect.type === "bank.query" ? "query" : "send";
  // The call is a span of its own, a child of the effect's: the bank gets it as `traceparent` (ADR 009 §4, §7).
  const trace = childSpan(runtime.trace);
  const span = startSpan(`bank ${call === "query" ? "query" : step}`, trace, {
    kind: SpanKind.CLIENT,
    attributes: {
      "liquidity.bank.channel": channel,
      "liquidity.bank.call": call,
      "liquidity.bank.step": step,
      "liquidity.bank.serial": serial,
    },
  });
  const context: BankCallContext = { trace };
  const started = performance.now();
  let result: BankCallResult;
  if (!bank) {
    result = { outcome: "invalid", reason: `no bank adapter is configured for channel ${channel}` };
  } else {
    try {
      result =
        effect.type === "bank.query"
          ? fromQuery(await bank.queryStatus(serial, context))
          : fromAnswer(await send(bank, effect.payload, deps.callbackUrl(), context));
    } catch (error) {
      if (error instanceof BankRequestInvalid)
        result = { outcome: "invalid", reason: `${error.code}: ${error.message}` };
      else
        result = {
          outcome: "unknown",
          reason: error instanceof BankOutcomeUnknown ? error.message : `unexpected: ${String(error)}`,
        };
    }
  }
  const latencyMs = Math.round(performance.now() - started);
  span.setAttribute("liquidity.bank.outcome", result.outcome);
  endSpan(span, result.outcome === "unknown" || result.outcome === "invalid" ? result.reason : undefined);
  // Only a call that reached a bank adapter tells the channel's breaker anything.
  if (bank) void reportToChannel(runtime, transfer, effect.id, channel, step, result.outcome, latencyMs);
  logBankCall(runtime.logger.child(traceLogFields(trace)), { call, channel, step, serial, latencyMs }, result);
  return { type: "bankResult", payload: { effectId: effect.id, step, ...result } };
}

/** One line per bank call, in its span: `info`, or `warn` when the bank's answer is unknown or the request was invalid. */
function logBankCall(
  logger: Logger,
  call: { call: string; channel: string; step: StepName; serial: string; latencyMs: number },
  result: BankCallResult,
): void {
  const fields = {
    ...call,
    outcome: result.outcome,
    ...(result.bankReference !== undefined && { bankReference: result.bankReference }),
    ...(result.reason !== undefined && { reason: result.reason }),
  };
  if (result.outcome === "unknown" || result.outcome === "invalid") logger.warn("bank call", fields);
  else logger.info("bank call", fields);
}

function send(
  bank: BankAdapter,
  call: BankSend,
  callbackUrl: string | undefined,
  context: BankCallContext,
): Promise<BankAnswer> {
  const { serial, request } = call;
  const callback = callbackUrl === undefined ? {} : { callbackUrl };
  const money = { serial, account: request.account, amount: request.amount, currency: request.currency, ...callback };
  switch (call.step) {
    case "debit":
      return bank.debit(
        { ...money, toBankCode: call.request.toBankCode, toAccount: call.request.toAccount, speed: call.request.speed },
        context,
      );
    case "credit":
      return bank.credit(
        {
          ...money,
          fromBankCode: call.request.fromBankCode,
          fromAccount: call.request.fromAccount,
          debitSerial: call.request.debitSerial,
        },
        context,
      );
    case "reversal":
      return bank.reverse({ ...money, originalSerial: call.request.originalSerial }, context);
    default:
      return unreachable(call);
  }
}

function fromAnswer(answer: BankAnswer): BankCallResult {
  return {
    outcome: answer.status,
    ...(answer.bankReference && { bankReference: answer.bankReference }),
    ...(answer.reason && { reason: answer.reason }),
  };
}

function fromQuery(answer: BankQueryAnswer): BankCallResult {
  return answer.status === "not_found" ? { outcome: "not_found" } : fromAnswer(answer);
}

/** Real call outcomes feed the channel's health and circuit breaker (ADR 006 §4); a lost report costs only a sample. */
async function reportToChannel(
  runtime: EffectRuntime,
  transfer: ActorRef,
  effectId: string,
  channel: string,
  step: StepName,
  outcome: BankCallOutcome,
  latencyMs: number,
): Promise<void> {
  const reported =
    outcome === "unknown"
      ? "unknown"
      : outcome === "rejected"
        ? "rejected"
        : outcome === "invalid"
          ? "rejected"
          : "succeeded";
  const reply = await runtime.dispatch({
    kind: "channel",
    actorId: channel,
    commandId: `transfer:${transfer.actorId}:${effectId}:report`,
    type: "report",
    payload: { transferId: transfer.actorId, step, outcome: reported, latencyMs },
    principal: `system:transfer:${transfer.actorId}`,
  });
  if (!reply.ok) runtime.logger.warn("channel report refused", { channel, error: reply.error });
}
