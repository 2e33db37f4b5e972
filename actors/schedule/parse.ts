import type { ParseResult } from "../../runtime/actor-kind.js";
import { isJsonObject } from "../../runtime/json.js";
import { commandTypePattern } from "../../runtime/messages.js";
import { kindPattern } from "../../runtime/subjects.js";
import { Fields, Invalid, parseFields } from "../shared/fields.js";
import { checkStorable } from "../shared/storable-json.js";
import { missedSlotPolicies, type JobDefinition, type ScheduleCommand } from "./commands.js";
import { compileSchedule, isScheduleProblem } from "./slots.js";
import { isTargetActorId, slotPlaceholder } from "./targets.js";

const allowedFields = {
  put: ["expectedVersion", "cron", "timeZone", "target", "missedSlots", "enabled"],
  pause: [],
  resume: [],
  delete: ["expectedVersion"],
  get: [],
  fire: ["slot"],
  redeliver: ["slot"],
  delivered: ["slot", "attempt", "ok", "code"],
} as const satisfies Record<ScheduleCommand["type"], readonly string[]>;

/** The target payload is stored in the journal and in snapshots: bounded, and in the shape MongoDB-wire stores take. */
const targetPayloadBytesMax = 4_096;
const cronCharactersMax = 128;
const epochMsMax = 8.64e15;

export function parseScheduleCommand(type: string, payload: unknown): ParseResult<ScheduleCommand> {
  return parseFields("schedule", type, payload, allowedFields, (type, fields): ScheduleCommand => {
    switch (type) {
      case "put":
        return {
          type,
          expectedVersion: fields.integer("expectedVersion", 0, 2 ** 31),
          definition: definitionOf(fields),
        };
      case "delete":
        return { type, expectedVersion: fields.integer("expectedVersion", 1, 2 ** 31) };
      case "pause":
      case "resume":
      case "get":
        return { type };
      case "fire":
      case "redeliver":
        return { type, slot: fields.integer("slot", 0, epochMsMax) };
      case "delivered": {
        const code = fields.has("code") ? fields.text("code", "", 64) : undefined;
        return {
          type,
          slot: fields.integer("slot", 0, epochMsMax),
          attempt: fields.integer("attempt", 1, 1_000),
          ok: fields.boolean("ok"),
          ...(code !== undefined && { code }),
        };
      }
    }
  });
}

function definitionOf(fields: Fields): JobDefinition {
  const cron = fields.requiredText("cron", cronCharactersMax);
  const timeZone = fields.requiredText("timeZone", 64);
  const schedule = compileSchedule(cron, timeZone);
  if (isScheduleProblem(schedule)) throw new Invalid(schedule.message);
  const target = fields.object("target", ["kind", "actorId", "type", "payload"]);
  const targetPayload = target.raw("payload") ?? {};
  if (!isJsonObject(targetPayload)) throw new Invalid("target.payload must be an object");
  checkStorable(targetPayload, "target.payload");
  if (JSON.stringify(targetPayload).length > targetPayloadBytesMax)
    throw new Invalid(`target.payload must be at most ${targetPayloadBytesMax} bytes of JSON`);
  return {
    cron,
    timeZone,
    target: {
      kind: target.matching("kind", kindPattern, 'an actor kind such as "tally"'),
      actorId: targetActorIdOf(target),
      type: target.matching("type", commandTypePattern, "a command type"),
      payload: targetPayload,
    },
    missedSlots: fields.oneOf("missedSlots", missedSlotPolicies, "run_once"),
    enabled: fields.boolean("enabled", true),
  };
}

/** An actor id, or one with `{slot}` in it that is an actor id once the slot's number is in place (targets.ts). */
function targetActorIdOf(target: Fields): string {
  const actorId = target.raw("actorId");
  if (typeof actorId === "string" && isTargetActorId(actorId)) return actorId;
  return target.fail("actorId", `1-128 characters of A-Z a-z 0-9 _ : -, ${slotPlaceholder} counting as 16`);
}
