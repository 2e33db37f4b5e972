import { verifyCallback } from "../banks/callback-signature.js";
import { Counter, type Registry } from "prom-client";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { isJsonObject } from "../../runtime/json.js";
import { newTrace, type TraceContext } from "../../runtime/trace-context.js";

const serialPattern = /^([A-Za-z0-9_:-]{1,128})\.(debit|credit|reversal)$/;
/** How far a callback's signature time may be from ours: clock skew plus the bank's retries of one delivery. */
const signatureToleranceMs = 5 * 60_000;

/** The HTTP answer, and the `result` label of liq_bank_callbacks_total (accepted, duplicate, ignored, or why refused). */
export type CallbackAnswer = { status: number; body: unknown; result: string };

const refusal = (status: number, code: string, message: string): CallbackAnswer => ({
  status,
  body: { ok: false, error: { code, message } },
  result: code,
});

/**
 * A bank's final status for a client serial `<transferId>.<step>` (ADR 006 §3), delivered to the transfer as
 * `bankNotice` with command id `callback:<serial>:<status>`: a duplicated callback is applied once. Each callback
 * must be signed with its bank's secret (`liq-signature`, adapters/banks/callback-signature.ts); the transfer
 * then checks that the signing bank is the bank of the step.
 */
export function bankCallbackHandler(
  system: ActorSystem,
  secrets: ReadonlyMap<string, string>,
  registry?: Registry,
  now: () => number = Date.now,
) {
  const counter =
    registry &&
    new Counter({
      name: "liq_bank_callbacks_total",
      help: "Bank callbacks received, by result (accepted, duplicate, ignored, or why refused)",
      labelNames: ["result"],
      registers: [registry],
    });
  const handle = verifiedCallback(system, secrets, now);
  return async (
    rawBody: string,
    signature: string | undefined,
    trace: TraceContext = newTrace(),
  ): Promise<CallbackAnswer> => {
    const answer = await handle(rawBody, signature, trace);
    counter?.inc({ result: answer.result });
    return answer;
  };
}

function verifiedCallback(system: ActorSystem, secrets: ReadonlyMap<string, string>, now: () => number) {
  return async (rawBody: string, signature: string | undefined, trace: TraceContext): Promise<CallbackAnswer> => {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return refusal(400, "malformed_message", "the callback body is not JSON");
    }
    if (!isJsonObject(body)) return refusal(400, "invalid_callback", "the callback must be a JSON object");
    const { bankCode, serial, status, bankReference, reason } = body;
    const secret = typeof bankCode === "string" ? secrets.get(bankCode) : undefined;
    if (secret === undefined)
      return refusal(401, "unknown_bank", "bankCode must name a bank with a configured callback secret");
    const check = verifyCallback(secret, signature, rawBody, now(), signatureToleranceMs);
    if (!check.ok) return refusal(401, "bad_signature", check.reason);
    const match = typeof serial === "string" ? serialPattern.exec(serial) : null;
    if (!match) return refusal(400, "invalid_callback", "serial must be <transferId>.<debit|credit|reversal>");
    if (status !== "succeeded" && status !== "rejected")
      return { status: 202, body: { ok: true, ignored: "only final statuses are taken" }, result: "ignored" };
    const reply = await system.dispatch({
      kind: "transfer",
      actorId: match[1]!,
      commandId: `callback:${serial as string}:${status}`,
      type: "bankNotice",
      principal: "system:callback",
      trace,
      payload: {
        step: match[2]!,
        status,
        bankCode: bankCode as string,
        ...(typeof bankReference === "string" && { bankReference }),
        ...(typeof reason === "string" && { reason: reason.slice(0, 500) }),
      },
    });
    if (reply.ok)
      return {
        status: 200,
        body: { ok: true, ...(reply.duplicate === true && { duplicate: true }) },
        result: reply.duplicate === true ? "duplicate" : "accepted",
      };
    return { status: reply.error.retryable ? 503 : 422, body: reply, result: reply.error.code };
  };
}
