import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { EffectHandler, EffectResult } from "../../runtime/effect-runner.js";
import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import type { JobTarget } from "./commands.js";

/** The one effect of a job: send a slot's command to its target. `commandId` is the same on every attempt. */
export interface SlotDispatch {
  readonly id: string;
  readonly type: "schedule.dispatch";
  readonly payload: { readonly slot: number; readonly attempt: number; readonly commandId: string } & JobTarget;
}

/** The id of the command a job sends for a slot: the same on every delivery, so its target applies it once. */
export function slotCommandId(jobId: string, slot: number): string {
  return `schedule:${jobId}:${slot}`;
}

export function slotDispatch(jobId: string, slot: number, attempt: number, target: JobTarget): SlotDispatch {
  return {
    // Unique per actor forever, as effect ids must be: its answer comes back as the command `effect:<id>`.
    id: `slot.${slot}.${attempt}`,
    type: "schedule.dispatch",
    payload: { slot, attempt, commandId: slotCommandId(jobId, slot), ...target },
  };
}

export function decodeSlotDispatch(effect: EffectRequest): SlotDispatch {
  const payload = JsonReader.of(`the schedule effect ${effect.id}`, effect.payload);
  if (effect.type !== "schedule.dispatch") payload.fail("type", '"schedule.dispatch"');
  return {
    id: effect.id,
    type: "schedule.dispatch",
    payload: {
      slot: payload.integer("slot"),
      attempt: payload.integer("attempt"),
      commandId: payload.text("commandId"),
      kind: payload.text("kind"),
      actorId: payload.text("actorId"),
      type: payload.text("type"),
      payload: payload.jsonObject("payload"),
    },
  };
}

/**
 * Sends a slot's command through the node's dispatch and answers the job with `delivered`. A retryable refusal (a
 * full mailbox, a write in doubt) throws: the effect is lost and the slot's guard reminder sends it again.
 */
export const scheduleEffectHandler: EffectHandler = async (request, job, runtime): Promise<EffectResult | null> => {
  const { payload } = decodeSlotDispatch(request);
  const reply = await runtime.dispatch({
    kind: payload.kind,
    actorId: payload.actorId,
    commandId: payload.commandId,
    type: payload.type,
    payload: payload.payload,
    principal: `system:schedule:${job.actorId}`,
  });
  if (!reply.ok && reply.error.retryable)
    throw new Error(`${payload.kind} ${payload.actorId} did not take the slot's command: ${reply.error.code}`);
  const answer: JsonObject = { slot: payload.slot, attempt: payload.attempt, ok: reply.ok };
  if (!reply.ok) answer["code"] = reply.error.code.slice(0, 64);
  return { type: "delivered", payload: answer };
};
