import { assert } from "../../runtime/assert.js";
import type { AcquireRefusalCode } from "../channel/rejections.js";
import type { BankResult, ChannelResult, StepName } from "./commands.js";
import type { BankSend } from "./effects.js";
import { retryDelayMs } from "./policy.js";
import { serialOf, type BankStep } from "./state.js";
import type { Turn } from "./turn.js";

/** How a bank step ended; saga.ts moves the transfer on from there. */
export interface StepEnd {
  readonly step: StepName;
  readonly succeeded: boolean;
  readonly bankReference: string;
  readonly code: string;
  readonly reason: string;
}

/** Channel refusals that waiting does not cure (ADR 006 §4). */
const permanentRefusals: ReadonlySet<string> = new Set<AcquireRefusalCode>([
  "daily_limit_exceeded",
  "speed_not_supported",
  "currency_mismatch",
  "channel_not_configured",
]);

function currentStep(t: Turn): BankStep {
  const step = t.state.step;
  assert(step, "a bank step must be running");
  return step;
}

function nextEffectId(step: BankStep): string {
  return `${step.name}.${step.effects + 1}`;
}

function backoff(t: Turn, step: BankStep, attempt: number): number {
  return t.now + retryDelayMs(t.policy, `${t.transferId}:${step.name}:${attempt}`, attempt);
}

/**
 * Asks a channel for permission (ADR 006 §4); guarded in case the answer is lost. A debit asks the credit channel
 * first, under the credit's own call key (the credit step's acquire is then the same acquisition again), so that no
 * money leaves while the other end cannot take it; then its own channel, and sends at once when that allows.
 */
export function askChannel(t: Turn): StepEnd | null {
  const step = currentStep(t);
  if (step.asks >= t.policy.channelAsksMax)
    return giveUp(t, "channel_unavailable", `no channel allowed the ${step.name} after ${step.asks} requests`);
  const request = t.state.request;
  assert(request, "a running step has a request");
  const checkCredit = step.name === "debit" && step.creditCheck?.allowed !== true;
  const channel = checkCredit ? (step.creditCheck?.channel ?? request.creditChannel) : step.channel;
  const effectId = nextEffectId(step);
  t.emit({
    type: "channelAsked",
    step: step.name,
    channel,
    effectId,
    ...(checkCredit && { forStep: "credit" as const }),
  });
  t.effect({
    id: effectId,
    type: "channel.acquire",
    payload: {
      channel,
      transferId: t.transferId,
      step: checkCredit ? "credit" : step.name,
      amount: request.amount,
      currency: request.currency,
      speed: request.speed,
    },
  });
  t.remind("step", t.now + t.policy.effectGuardMs);
  return null;
}

export function onChannelResult(t: Turn, result: ChannelResult): StepEnd | null | "stale" {
  const step = t.state.step;
  if (!step || step.phase !== "acquire" || step.outstanding !== result.effectId) return "stale";
  const credit = step.creditCheck?.asking === true ? step.creditCheck : undefined;
  if (result.allowed) {
    const fee = result.fee ?? "0.0000";
    if (!credit) {
      t.emit({ type: "channelAllowed", step: step.name, channel: step.channel, fee });
      return send(t);
    }
    t.emit({ type: "creditChannelAllowed", step: step.name, channel: credit.channel, fee });
    return askChannel(t);
  }
  const code = result.code ?? "channel_refused";
  const asked = credit ? credit.channel : step.channel;
  const message = credit
    ? `the credit channel ${asked} refused: ${result.message ?? "the channel refused the call"}`
    : (result.message ?? "the channel refused the call");
  const alternative = result.alternative;
  const canFailOver =
    t.state.request?.failover === "failover" &&
    alternative !== undefined &&
    alternative !== asked &&
    !(credit ? credit.refusedBy : step.refusedBy).includes(alternative);
  const refused = {
    type: "channelRefused",
    step: step.name,
    channel: asked,
    code,
    message,
    ...(credit && { forStep: "credit" as const }),
  } as const;
  if (canFailOver) {
    t.emit({ ...refused, nextChannel: alternative, waitUntil: null });
    return askChannel(t);
  }
  if (permanentRefusals.has(code)) {
    t.emit({ ...refused, nextChannel: null, waitUntil: null });
    return giveUp(t, code, message);
  }
  const earliest = t.now + t.policy.retryDelayMsMin;
  const waitUntil = Math.min(
    Math.max(result.retryAt ?? backoff(t, step, step.asks), earliest),
    t.now + t.policy.channelWaitMsMax,
  );
  t.emit({ ...refused, nextChannel: null, waitUntil });
  t.remind("step", waitUntil);
  return null;
}

/** Sends the step's request with its serial: the first send, or a resend after the bank said "not found". */
function send(t: Turn): StepEnd | null {
  const step = currentStep(t);
  if (step.sends - (step.sendsBeforeRetry ?? 0) >= t.policy.sendsMax)
    return halt(t, `the bank did not find ${serialOf(t.transferId, step.name)} after ${step.sends} sends`);
  const effectId = nextEffectId(step);
  const serial = serialOf(t.transferId, step.name);
  t.emit({
    type: "bankCalled",
    step: step.name,
    call: "send",
    channel: step.channel,
    effectId,
    serial,
    attempt: step.sends + 1,
  });
  t.effect({ id: effectId, type: "bank.send", payload: bankSendOf(t, step, serial) });
  t.remind("step", t.now + t.policy.effectGuardMs);
  return null;
}

/** Asks the bank where the step's serial stands: always before anything is resent (ADR 006 §2). */
function query(t: Turn): StepEnd | null {
  const step = currentStep(t);
  if (step.queries >= t.policy.queriesMax)
    return halt(
      t,
      `the outcome of ${serialOf(t.transferId, step.name)} is still unknown after ${step.queries} queries`,
    );
  const effectId = nextEffectId(step);
  const serial = serialOf(t.transferId, step.name);
  t.emit({
    type: "bankCalled",
    step: step.name,
    call: "query",
    channel: step.channel,
    effectId,
    serial,
    attempt: step.queries + 1,
  });
  t.effect({ id: effectId, type: "bank.query", payload: { channel: step.channel, step: step.name, serial } });
  t.remind("step", t.now + t.policy.effectGuardMs);
  return null;
}

/** A final answer (succeeded, rejected) is the bank's word whichever call it answers; others only if awaited. */
export function onBankResult(t: Turn, result: BankResult): StepEnd | null | "stale" {
  const step = t.state.step;
  if (!step || step.name !== result.step) return "stale";
  const final = result.outcome === "succeeded" || result.outcome === "rejected";
  if (final) return finalAnswer(step, result.outcome === "succeeded", result.bankReference ?? "", result.reason ?? "");
  if (step.outstanding !== result.effectId || step.phase === "halted") return "stale";
  const reason = result.reason ?? "";
  switch (result.outcome) {
    case "accepted":
    case "unknown":
      t.emit({ type: "bankAnswered", step: step.name, outcome: result.outcome, reason });
      t.remind("step", backoff(t, step, step.queries));
      return null;
    case "not_found":
      t.emit({ type: "bankAnswered", step: step.name, outcome: "not_found", reason });
      return send(t);
    case "invalid":
      t.emit({ type: "bankAnswered", step: step.name, outcome: "invalid", reason });
      return halt(t, `the bank refused the ${step.name} request: ${reason}`);
    default:
      return "stale";
  }
}

/** A bank callback: final, for the step's serial; taken once something was sent. */
export function onBankNotice(
  t: Turn,
  step: StepName,
  succeeded: boolean,
  bankReference: string,
  reason: string,
): StepEnd | "stale" {
  const current = t.state.step;
  if (!current || current.name !== step || current.sends === 0) return "stale";
  return finalAnswer(current, succeeded, bankReference, reason);
}

/** The step's guard or backoff reminder fired. */
export function onWakeStep(t: Turn): StepEnd | null | "stale" {
  const step = t.state.step;
  if (!step) return "stale";
  switch (step.phase) {
    case "acquire":
    case "wait":
      return askChannel(t);
    case "call":
      // No answer to the send: it may or may not have reached the bank. Query, never resend blindly.
      t.emit({ type: "bankAnswered", step: step.name, outcome: "unknown", reason: "no answer within the guard time" });
      return query(t);
    case "await":
    case "query":
      return query(t);
    case "halted":
      return "stale";
  }
}

/** Resumes a halted step after an operator's retry: query first if anything was ever sent. */
export function resumeStep(t: Turn): StepEnd | null {
  const step = currentStep(t);
  return step.phase === "query" ? query(t) : askChannel(t);
}

function finalAnswer(step: BankStep, succeeded: boolean, bankReference: string, reason: string): StepEnd {
  return { step: step.name, succeeded, bankReference, code: succeeded ? "" : "bank_rejected", reason };
}

/** Nothing was sent for a debit: it can fail cleanly. Anything else needs a person. */
function giveUp(t: Turn, code: string, reason: string): StepEnd | null {
  const step = currentStep(t);
  if (step.name === "debit" && step.sends === 0)
    return { step: "debit", succeeded: false, bankReference: "", code, reason };
  return halt(t, reason);
}

/** MANUAL_INTERVENTION: automatic recovery is exhausted; the highest-severity alert goes out. */
export function halt(t: Turn, reason: string): null {
  t.emit({ type: "manualInterventionRequired", step: t.state.step?.name ?? null, reason });
  t.cancelReminder("step");
  t.alert("critical", "manual_intervention", `transfer ${t.transferId} needs an operator: ${reason}`);
  return null;
}

function bankSendOf(t: Turn, step: BankStep, serial: string): BankSend {
  const request = t.state.request;
  assert(request, "a running step has a request");
  const [fromBank, fromAccount] = splitAccount(request.from);
  const [toBank, toAccount] = splitAccount(request.to);
  const money = { amount: request.amount, currency: request.currency };
  const channel = step.channel;
  switch (step.name) {
    case "debit":
      return {
        channel,
        step: "debit",
        serial,
        request: {
          bankCode: fromBank,
          account: fromAccount,
          toBankCode: toBank,
          toAccount,
          speed: request.speed,
          ...money,
        },
      };
    case "credit":
      return {
        channel,
        step: "credit",
        serial,
        request: {
          bankCode: toBank,
          account: toAccount,
          fromBankCode: fromBank,
          fromAccount,
          debitSerial: serialOf(t.transferId, "debit"),
          ...money,
        },
      };
    case "reversal":
      return {
        channel,
        step: "reversal",
        serial,
        request: {
          bankCode: fromBank,
          account: fromAccount,
          originalSerial: serialOf(t.transferId, "debit"),
          ...money,
        },
      };
  }
}

/** The bank a step's money moves at: the source's for the debit and its reversal, the target's for the credit. */
export function bankOfStep(request: { readonly from: string; readonly to: string }, step: StepName): string {
  return splitAccount(step === "credit" ? request.to : request.from)[0];
}

/** `<bankCode>:<accountNumber>` (actors/account/id.ts). */
export function splitAccount(accountId: string): [string, string] {
  const colon = accountId.indexOf(":");
  return [accountId.slice(0, colon), accountId.slice(colon + 1)];
}
