import {
  decodeBookingEffect,
  decodeReconciliationView,
  parseReconciliationId,
  reconciliationPrincipal,
  type BookingEffect,
} from "../actors/reconciliation/index.js";
import { Money, formatAmount } from "../actors/shared/amount.js";
import type { EffectHandler, EffectResult, EffectRuntime } from "../runtime/effect-runner.js";
import type { Reply } from "../runtime/messages.js";
import { truncateText } from "../runtime/text.js";

/** The reconciliation actor takes a failure's reason of at most this many characters. */
const reasonCharactersMax = 1_000;

/**
 * Books a resolved difference through the actor that owns what it books (ADR 014 §4) and answers the reconciliation:
 * `adjust` records the adjustment entry on the account, `settleTransfer` hands the transfer the statement's evidence
 * for its step. Every send carries the same command id, so a resend books once. A refusal for good answers
 * `bookingFailed` (the difference is open again); a retryable one throws, and the booking's guard sends it again.
 */
export const reconciliationBookingHandler: EffectHandler = async (effect, actor, runtime): Promise<EffectResult> => {
  const booking = decodeBookingEffect(effect);
  const principal = reconciliationPrincipal(actor.actorId);
  const differenceId = booking.payload.differenceId;
  if (booking.type === "reconciliation.adjust") {
    const { accountId, commandId, entry } = booking.payload;
    const { entryId, direction, amount, currency, description, bookingDate } = entry;
    const reply = await runtime.dispatch({
      kind: "account",
      actorId: accountId,
      commandId,
      type: "recordEntry",
      payload: { entryId, direction, amount, currency, description, bookingDate },
      principal,
    });
    return answer(reply, differenceId, "adjust", `account ${accountId}`, "adjustmentBooked");
  }
  const evidence = await evidenceOf(booking, actor.actorId, runtime, principal);
  if (typeof evidence === "string")
    return { type: "bookingFailed", payload: { differenceId, action: "settleTransfer", reason: evidence } };
  const reply = await runtime.dispatch({
    kind: "transfer",
    actorId: booking.payload.transferId,
    commandId: booking.payload.commandId,
    type: "statementEvidence",
    payload: evidence,
    principal,
  });
  return answer(reply, differenceId, "settleTransfer", `transfer ${booking.payload.transferId}`, "evidenceDelivered");
};

function answer(
  reply: Reply,
  differenceId: string,
  action: "adjust" | "settleTransfer",
  owner: string,
  booked: "adjustmentBooked" | "evidenceDelivered",
): EffectResult {
  if (reply.ok) return { type: booked, payload: { differenceId } };
  if (reply.error.retryable)
    throw new Error(`${owner} did not take the ${action} of ${differenceId}: ${reply.error.code}`);
  const reason = truncateText(`${owner} refused: ${reply.error.code}: ${reply.error.message}`, reasonCharactersMax);
  return { type: "bookingFailed", payload: { differenceId, action, reason } };
}

/**
 * The transfer's `statementEvidence` for a settleTransfer booking, or why it cannot be made. The statement id comes
 * from the run that read the difference's statement version. The line's direction and amount are the difference's
 * own only where the difference is the line itself (missingInEngine, duplicate: its amount is the line's effect);
 * for another class the line's amount is not known here, and the booking fails saying so.
 */
async function evidenceOf(
  booking: Extract<BookingEffect, { type: "reconciliation.settleTransfer" }>,
  reconciliationId: string,
  runtime: EffectRuntime,
  principal: string,
): Promise<Record<string, string | number> | string> {
  const key = parseReconciliationId(reconciliationId)!;
  const reply = await runtime.dispatch({
    kind: "reconciliation",
    actorId: reconciliationId,
    commandId: `${booking.payload.commandId}:read:${booking.payload.send}`,
    type: "get",
    payload: {},
    principal,
  });
  if (!reply.ok) throw new Error(`reconciliation ${reconciliationId} did not answer get: ${reply.error.code}`);
  const view = decodeReconciliationView(reply.result, `the reply of reconciliation ${reconciliationId} to get`);
  const { evidence, differenceId } = booking.payload;
  const difference = view.differences.find((d) => d.differenceId === differenceId);
  const run = [...view.runs].reverse().find((r) => r.statementVersion === evidence.statementVersion);
  if (!difference || !run) return `the run of statement version ${evidence.statementVersion} is no longer kept`;
  if (difference.class !== "missingInEngine" && difference.class !== "duplicate")
    return `a ${difference.class} difference does not carry its statement line's amount; settle the transfer with a difference of the line alone (missingInEngine)`;
  const amount = new Money(difference.amount);
  return {
    step: evidence.step,
    accountId: key.accountId,
    direction: amount.isNegative() ? "debit" : "credit",
    amount: formatAmount(amount.abs()),
    ...(evidence.bankReference !== undefined && { bankReference: evidence.bankReference }),
    statementVersion: evidence.statementVersion,
    statementId: run.statementId,
    line: evidence.line,
    bookingDate: key.date,
  };
}
