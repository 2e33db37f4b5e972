import { randomUUID } from "node:crypto";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import { childSpan } from "../../runtime/trace-context.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";

/**
 * Asks an actor for its view (`get`, never journaled: a fresh command id each time) on behalf of a call, and
 * decodes the reply with `decode`, which names the actor in its error. A refusal becomes the call's error.
 */
export async function getView<View>(
  system: ActorSystem,
  kind: string,
  actorId: string,
  caller: Caller,
  decode: (reply: Json, what: string) => View,
): Promise<View> {
  const reply = await system.dispatch({
    kind,
    actorId,
    commandId: `get:${randomUUID()}`,
    type: "get",
    payload: {},
    principal: caller.principal,
    trace: childSpan(caller.trace),
  });
  if (!reply.ok) throw ApiError.fromBody(reply.error);
  return decode(reply.result, `the reply of ${kind} ${actorId} to get`);
}
