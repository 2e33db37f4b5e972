import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { EffectHandler, EffectResult, EffectRuntime } from "../../runtime/effect-runner.js";
import type { JsonObject } from "../../runtime/json.js";
import { truncateText } from "../../runtime/text.js";
import { decodeAccountView, type AccountView } from "../account/view.js";
import { formatAmount, Money } from "../shared/amount.js";
import { JsonReader } from "../shared/json-reader.js";

/** The effect of the last approval: create the transfer. Every attempt sends the same command (id and payload). */
export type TransferCreation = {
  readonly id: string;
  readonly type: "suggestion.transfer";
  readonly payload: { readonly attempt: number; readonly commandId: string; readonly request: JsonObject };
};

/** The transfer's id is the suggestion's, and so is the create's command id: approving twice makes one transfer. */
export function transferCommandId(suggestionId: string): string {
  return `suggestion:${suggestionId}`;
}

/** Who creates a suggestion's transfer: the suggestion itself (its approvers are named in the reference). */
export function suggestionPrincipal(suggestionId: string): string {
  return `system:suggestion:${suggestionId}`;
}

export function transferCreation(suggestionId: string, attempt: number, request: JsonObject): TransferCreation {
  return {
    // Unique per actor forever, as effect ids must be: its answer comes back as the command `effect:<id>`.
    id: `create.${attempt}`,
    type: "suggestion.transfer",
    payload: { attempt, commandId: transferCommandId(suggestionId), request },
  };
}

export function decodeTransferCreation(effect: EffectRequest): TransferCreation {
  const payload = JsonReader.of(`the suggestion effect ${effect.id}`, effect.payload);
  if (effect.type !== "suggestion.transfer") payload.fail("type", '"suggestion.transfer"');
  return {
    id: effect.id,
    type: "suggestion.transfer",
    payload: {
      attempt: payload.integer("attempt"),
      commandId: payload.text("commandId"),
      request: payload.jsonObject("request"),
    },
  };
}

type Refusal = { readonly code: string; readonly message: string };

/**
 * Creates a suggestion's transfer and answers the suggestion with `transferAnswer`. A transfer that does not exist
 * yet is checked first as CreateTransfer checks one (ADR 010: accounts open, in the currency, funds available now),
 * so an approval that comes after the money moved elsewhere ends in CREATE_FAILED, not in a transfer bound to fail.
 * A transfer that exists already (an earlier attempt created it, its answer lost) is never checked: the create is
 * sent again and the transfer actor answers it as the duplicate it is. A retryable refusal throws: the effect is lost
 * and the suggestion's guard reminder sends it again.
 */
export const suggestionEffectHandler: EffectHandler = async (effect, actor, runtime): Promise<EffectResult> => {
  const { payload } = decodeTransferCreation(effect);
  const transferId = actor.actorId;
  const principal = suggestionPrincipal(transferId);
  const answer = (outcome: { ok: true } | ({ ok: false } & Refusal)): EffectResult => ({
    type: "transferAnswer",
    payload: outcome.ok
      ? { attempt: payload.attempt, ok: true }
      : {
          attempt: payload.attempt,
          ok: false,
          code: truncateText(outcome.code, 64),
          message: truncateText(outcome.message, 500),
        },
  });
  const checkId = `${payload.commandId}:check:${payload.attempt}`;
  if (!(await transferExists(runtime, transferId, checkId, principal))) {
    const refusal = await accountsRefusal(runtime, payload.request, checkId, principal);
    // Asked again: a create of an earlier attempt may have landed meanwhile (and reserved the funds it found).
    if (refusal && !(await transferExists(runtime, transferId, checkId, principal)))
      return answer({ ok: false, ...refusal });
  }
  const reply = await runtime.dispatch({
    kind: "transfer",
    actorId: transferId,
    commandId: payload.commandId,
    type: "create",
    payload: payload.request,
    principal,
  });
  if (!reply.ok && reply.error.retryable)
    throw new Error(`transfer ${transferId} did not take its create: ${reply.error.code}`);
  return answer(reply.ok ? { ok: true } : { ok: false, code: reply.error.code, message: reply.error.message });
};

/** A `get` answered by the actor; a retryable refusal throws (the guard sends the effect again). */
async function read(runtime: EffectRuntime, kind: string, actorId: string, commandId: string, principal: string) {
  const reply = await runtime.dispatch({ kind, actorId, commandId, type: "get", payload: {}, principal });
  if (!reply.ok) throw new Error(`${kind} ${actorId} did not answer get: ${reply.error.code}`);
  return reply.result;
}

async function transferExists(
  runtime: EffectRuntime,
  transferId: string,
  commandId: string,
  principal: string,
): Promise<boolean> {
  const view = await read(runtime, "transfer", transferId, `${commandId}:transfer`, principal);
  return JsonReader.of(`the reply of transfer ${transferId} to get`, view).text("status") !== "NEW";
}

/** Why the transfer would fail now: an account not open, closed or in another currency, or the funds short. */
async function accountsRefusal(
  runtime: EffectRuntime,
  request: JsonObject,
  commandId: string,
  principal: string,
): Promise<Refusal | undefined> {
  const r = JsonReader.of("a suggestion's transfer request", request);
  const [from, to, currency, amount] = [r.text("from"), r.text("to"), r.text("currency"), new Money(r.text("amount"))];
  const view = async (accountId: string): Promise<AccountView> =>
    decodeAccountView(
      await read(runtime, "account", accountId, `${commandId}:${accountId}`, principal),
      `the reply of account ${accountId} to get`,
    );
  const [source, target] = [await view(from), await view(to)];
  for (const [role, accountId, account] of [
    ["source", from, source],
    ["target", to, target],
  ] as const) {
    if (account.status === "new")
      return { code: "account_not_open", message: `the ${role} account ${accountId} has not been opened` };
    if (account.status === "closed")
      return { code: "account_closed", message: `the ${role} account ${accountId} is closed` };
    if (account.currency !== currency)
      return {
        code: "currency_mismatch",
        message: `the ${role} account ${accountId} holds ${account.currency}, not ${currency}`,
      };
  }
  if (source.status !== "open") return undefined;
  const available = new Money(source.position.available);
  if (available.minus(amount).lessThan(new Money(source.overdraftLimit).negated()))
    return {
      code: "insufficient_available",
      message: `the source account ${from} has ${formatAmount(available)} ${currency} available, not enough for ${formatAmount(amount)}`,
    };
  return undefined;
}
