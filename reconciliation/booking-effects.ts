import {
  decodeBookingEffect,
  reconciliationPrincipal,
  type BookingAction,
  type BookingEffect,
} from "../actors/reconciliation/index.js";
import type { EffectHandler, EffectResult } from "../runtime/effect-runner.js";
import type { Json } from "../runtime/json.js";
import type { CommandRequest, Reply } from "../runtime/messages.js";
import { truncateText } from "../runtime/text.js";

/** The reconciliation actor takes a failure's reason of at most this many characters. */
const reasonCharactersMax = 1_000;

/**
 * The reconciliation actor's effects (ADR 014 §4): a resolution's booking through the actor that owns it. `adjust`
 * records the adjustment entry `adjustment:<differenceId>` on the account at the reconciliation's day; `settleTransfer`
 * hands the transfer the statement line as evidence. Every send of one booking carries the same command id, so the
 * account books once and the transfer takes the evidence once. The answer goes back as `adjustmentBooked` or
 * `evidenceDelivered`, a refusal as `bookingFailed` with its reason; a retryable refusal (a full mailbox, a journal
 * write in doubt) throws, and the booking's guard reminder sends it again.
 */
export const reconciliationEffectHandler: EffectHandler = async (request, actor, runtime): Promise<EffectResult> => {
  const effect = decodeBookingEffect(request);
  const principal = reconciliationPrincipal(actor.actorId);
  const reply = await runtime.dispatch(commandOf(effect, principal));
  const { differenceId } = effect.payload;
  const action: BookingAction = effect.type === "reconciliation.adjust" ? "adjust" : "settleTransfer";
  if (!reply.ok && reply.error.retryable)
    throw new Error(`the ${action} of ${differenceId} was not taken: ${reply.error.code} ${reply.error.message}`);
  if (!reply.ok) {
    runtime.logger.warn("a reconciliation booking was refused", { difference: differenceId, code: reply.error.code });
    return { type: "bookingFailed", payload: { differenceId, action, reason: reasonOf(reply) } };
  }
  return { type: action === "adjust" ? "adjustmentBooked" : "evidenceDelivered", payload: { differenceId } };
};

function commandOf(effect: BookingEffect, principal: string): CommandRequest {
  if (effect.type === "reconciliation.adjust") {
    const { entry } = effect.payload;
    const payload: Json = { ...entry };
    return {
      kind: "account",
      actorId: effect.payload.accountId,
      commandId: effect.payload.commandId,
      type: "recordEntry",
      payload,
      principal,
    };
  }
  return {
    kind: "transfer",
    actorId: effect.payload.transferId,
    commandId: effect.payload.commandId,
    type: "statementEvidence",
    payload: { ...effect.payload.evidence },
    principal,
  };
}

function reasonOf(reply: Extract<Reply, { ok: false }>): string {
  return truncateText(`${reply.error.code}: ${reply.error.message}`, reasonCharactersMax);
}
