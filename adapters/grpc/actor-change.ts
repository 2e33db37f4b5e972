import { randomUUID } from "node:crypto";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { Reply } from "../../runtime/messages.js";
import { childSpan } from "../../runtime/trace-context.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { commandIdFor, requestId } from "./positions-service.js";

/** A change a call asks of one actor: its kind and id, the command's type and payload, the client's request id. */
export interface ActorChange {
  readonly kind: string;
  readonly actorId: string;
  readonly type: string;
  readonly payload: Record<string, Json>;
  /** The client's idempotency key; "" for none. */
  readonly requestId: string;
}

/**
 * Sends a change on behalf of a call; a refusal becomes the call's error. With a client's request id the command is
 * the same on every retry (`<type>:<principal>/<request id>`), so the runtime answers a repeat with the stored reply
 * instead of deciding it again (runtime/idempotency.ts); without one, each call is a new command.
 */
export async function sendChange(
  system: ActorSystem,
  change: ActorChange,
  caller: Caller,
): Promise<Extract<Reply, { ok: true }>> {
  const reply = await system.dispatch({
    kind: change.kind,
    actorId: change.actorId,
    commandId:
      change.requestId === ""
        ? `${change.type}:${randomUUID()}`
        : commandIdFor(change.type, `${caller.principal}/${requestId(change.requestId)}`),
    type: change.type,
    payload: change.payload,
    principal: caller.principal,
    trace: childSpan(caller.trace),
  });
  if (!reply.ok) throw ApiError.fromBody(reply.error);
  return reply;
}
