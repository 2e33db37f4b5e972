import type { ActorSystem } from "../runtime/actor-system.js";
import { isJsonObject } from "../runtime/json.js";

const serialPattern = /^([A-Za-z0-9_:-]{1,128})\.(debit|credit|reversal)$/;

/**
 * A bank's final status for a client serial `<transferId>.<step>` (ADR 006 §3), delivered to the transfer as
 * `bankNotice` with command id `callback:<serial>:<status>`: a duplicated callback is applied once.
 * Callbacks are not authenticated yet: a production bank link must sign them (README "Banks and channels").
 */
export function bankCallbackHandler(system: ActorSystem) {
  return async (body: unknown): Promise<{ status: number; body: unknown }> => {
    if (!isJsonObject(body)) return { status: 400, body: { ok: false, error: { code: "invalid_callback", message: "the callback must be a JSON object" } } };
    const { serial, status, bankReference, reason } = body;
    const match = typeof serial === "string" ? serialPattern.exec(serial) : null;
    if (!match) return { status: 400, body: { ok: false, error: { code: "invalid_callback", message: "serial must be <transferId>.<debit|credit|reversal>" } } };
    if (status !== "succeeded" && status !== "rejected") return { status: 202, body: { ok: true, ignored: "only final statuses are taken" } };
    const reply = await system.dispatch({
      kind: "transfer", actorId: match[1]!, commandId: `callback:${serial as string}:${status}`, type: "bankNotice", principal: "system:callback",
      payload: { step: match[2]!, status, ...(typeof bankReference === "string" && { bankReference }), ...(typeof reason === "string" && { reason: reason.slice(0, 500) }) },
    });
    if (reply.ok) return { status: 200, body: { ok: true } };
    return { status: reply.error.retryable ? 503 : 422, body: reply };
  };
}
