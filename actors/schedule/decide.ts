import type { DecideContext, DecideResult, Decision, ReminderChanges } from "../../runtime/actor-kind.js";
import { assert, unreachable } from "../../runtime/assert.js";
import type { JobDefinition, ScheduleCommand } from "./commands.js";
import { slotDispatch } from "./effects.js";
import type { ScheduleChange, ScheduleEvent } from "./events.js";
import { evolveSchedule } from "./evolve.js";
import { reject, type ScheduleRejectionCode } from "./rejections.js";
import { compileSchedule, isScheduleProblem } from "./slots.js";
import type { ScheduleState } from "./state.js";
import { targetAtSlot, targetProblem } from "./targets.js";
import { jobViewOf } from "./view.js";

type Result = DecideResult<ScheduleEvent, ScheduleRejectionCode>;

/** A job id longer than this would make slot command ids (`schedule:<job>:<slot>`) longer than the runtime takes. */
export const jobIdCharactersMax = 64;
/** Slots sent and not yet answered; a slot due beyond this is skipped (`backlog`) rather than queued without end. */
export const pendingDeliveriesMax = 32;
/** Sends of one slot's command before it is given up (`slotUndelivered`). */
export const deliveryAttemptsMax = 8;
/** A slot's reminder firing later than this counts as missed under `skip` (the engine was down over it). */
export const slotLatenessMsMax = 60_000;
/** The reminder of the job's next slot. */
export const slotReminderKey = "slot";

/** How long after a send the guard sends again: 10 s, doubling, at most 10 minutes. */
export function redeliverDelayMs(attempt: number): number {
  return Math.min(10_000 * 2 ** (attempt - 1), 600_000);
}

export function guardReminderKey(slot: number): string {
  return `deliver-${slot}`;
}

const internalCommands = new Set(["fire", "redeliver", "delivered"]);

/** A job's rules: pure, the time comes from the context, the slots from the job's cron expression and time zone. */
export function decideSchedule(state: ScheduleState, command: ScheduleCommand, context: DecideContext): Result {
  if (command.type === "get") return { events: [], reply: jobViewOf(context.actorId, state) };
  if (internalCommands.has(command.type) && !context.principal.startsWith("system:"))
    return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  switch (command.type) {
    case "put":
      return put(state, command.expectedVersion, command.definition, context);
    case "delete":
      return remove(state, command.expectedVersion, context);
    case "pause":
      return pause(state, context);
    case "resume":
      return resume(state, context);
    case "fire":
      return fire(state, command.slot, context);
    case "redeliver":
      return redeliver(state, command.slot, context);
    case "delivered":
      return delivered(state, command, context);
    default:
      return unreachable(command);
  }
}

function put(state: ScheduleState, expectedVersion: number, definition: JobDefinition, context: DecideContext): Result {
  if (context.actorId.length > jobIdCharactersMax)
    return reject("job_id_too_long", `a job id has at most ${jobIdCharactersMax} characters`);
  const conflict = versionConflict(state, expectedVersion);
  if (conflict) return conflict;
  const problem = targetProblem(definition.target);
  if (problem) return reject(problem.code, problem.message, { field: "target" });
  const nextSlot = definition.enabled && !state.paused ? slotAfter(definition, context.now) : null;
  if (definition.enabled && !state.paused && nextSlot === null)
    return reject("no_future_slot", `cron "${definition.cron}" has no slot after now`, { field: "cron" });
  const event: ScheduleChange = {
    type: "jobPut",
    version: state.version + 1,
    definition,
    nextSlot,
    ...changeFields(context),
  };
  return decision(state, context, [event], slotReminder(nextSlot));
}

function remove(state: ScheduleState, expectedVersion: number, context: DecideContext): Result {
  if (!state.definition) return notFound(context);
  const conflict = versionConflict(state, expectedVersion);
  if (conflict) return conflict;
  // Slots already fired keep being delivered: each was decided, and its guard stays.
  return decision(state, context, [{ type: "jobDeleted", version: state.version + 1, ...changeFields(context) }], {
    cancel: [slotReminderKey],
  });
}

function pause(state: ScheduleState, context: DecideContext): Result {
  if (!state.definition) return notFound(context);
  if (state.paused) return { events: [], reply: jobViewOf(context.actorId, state) };
  return decision(state, context, [{ type: "jobPaused", ...changeFields(context) }], { cancel: [slotReminderKey] });
}

/** Slots that passed while paused do not run: the job goes on from its first slot after now. */
function resume(state: ScheduleState, context: DecideContext): Result {
  if (!state.definition) return notFound(context);
  if (!state.paused) return { events: [], reply: jobViewOf(context.actorId, state) };
  const nextSlot = state.definition.enabled ? slotAfter(state.definition, context.now) : null;
  return decision(state, context, [{ type: "jobResumed", nextSlot, ...changeFields(context) }], slotReminder(nextSlot));
}

/**
 * The job's reminder for `dueSlot` fired at `now`. On time, that slot runs. After downtime (a later slot has passed
 * too, or the reminder is over `slotLatenessMsMax` late), `run_once` runs the latest passed slot once and `skip` runs
 * none; either way the next reminder is the first slot after now, set in the same entry as the slot it follows.
 */
function fire(state: ScheduleState, dueSlot: number, context: DecideContext): Result {
  const { definition } = state;
  if (!definition || state.paused || !definition.enabled || dueSlot !== state.nextSlot) return ignored(state, context);
  const latest = Math.max(dueSlot, slotAtOrBefore(definition, context.now) ?? dueSlot);
  const nextSlot = slotAfter(definition, context.now);
  const missed = latest !== dueSlot || context.now - dueSlot > slotLatenessMsMax;
  const reminders = slotReminder(nextSlot);
  if (missed && definition.missedSlots === "skip")
    return decision(state, context, [skipped(dueSlot, latest, "missed", nextSlot)], reminders);
  if (state.pending.length >= pendingDeliveriesMax)
    return decision(state, context, [skipped(dueSlot, latest, "backlog", nextSlot)], reminders);
  assert(state.lastSlot === null || latest > state.lastSlot, "a job's slots only move forward");
  const target = targetAtSlot(definition.target, latest);
  const result = decision(state, context, [{ type: "slotFired", slot: latest, dueSlot, target, nextSlot }], {
    set: [...(reminders.set ?? []), guardReminder(latest, 1, context.now)],
    ...(reminders.cancel && { cancel: reminders.cancel }),
  });
  return { ...result, effects: [slotDispatch(context.actorId, latest, 1, target)] };
}

/** A slot's guard fired: no answer yet, so the same command goes again, until `deliveryAttemptsMax` sends. */
function redeliver(state: ScheduleState, slot: number, context: DecideContext): Result {
  const delivery = state.pending.find((pending) => pending.slot === slot);
  if (!delivery) return ignored(state, context);
  if (delivery.attempt >= deliveryAttemptsMax)
    return decision(state, context, [{ type: "slotUndelivered", slot, attempts: delivery.attempt }], {});
  const attempt = delivery.attempt + 1;
  const result = decision(state, context, [{ type: "slotRedelivered", slot, attempt }], {
    set: [guardReminder(slot, attempt, context.now)],
  });
  return { ...result, effects: [slotDispatch(context.actorId, slot, attempt, delivery.target)] };
}

function delivered(
  state: ScheduleState,
  answer: Extract<ScheduleCommand, { type: "delivered" }>,
  context: DecideContext,
): Result {
  if (!state.pending.some((pending) => pending.slot === answer.slot)) return ignored(state, context);
  const event: ScheduleChange = {
    type: "slotDelivered",
    slot: answer.slot,
    ok: answer.ok,
    ...(answer.code !== undefined && { code: answer.code }),
  };
  return decision(state, context, [event], { cancel: [guardReminderKey(answer.slot)] });
}

function skipped(
  fromSlot: number,
  throughSlot: number,
  reason: "missed" | "backlog",
  nextSlot: number | null,
): ScheduleChange {
  return { type: "slotsSkipped", fromSlot, throughSlot, reason, nextSlot };
}

/** A client's change records who made it and when: the job's `lastChange`. */
function changeFields(context: DecideContext): { principal: string; at: number } {
  return { principal: context.principal, at: context.now };
}

function slotReminder(nextSlot: number | null): ReminderChanges {
  return nextSlot === null
    ? { cancel: [slotReminderKey] }
    : { set: [{ key: slotReminderKey, dueAt: nextSlot, command: { type: "fire", payload: { slot: nextSlot } } }] };
}

function guardReminder(slot: number, attempt: number, now: number) {
  return {
    key: guardReminderKey(slot),
    dueAt: now + redeliverDelayMs(attempt),
    command: { type: "redeliver", payload: { slot } },
  };
}

function slotAfter(definition: JobDefinition, afterMs: number): number | null {
  return compiled(definition).nextAfter(afterMs);
}

function slotAtOrBefore(definition: JobDefinition, atMs: number): number | null {
  return compiled(definition).latestAtOrBefore(atMs);
}

function compiled(definition: JobDefinition) {
  const schedule = compileSchedule(definition.cron, definition.timeZone);
  // The parser refused every definition that does not compile, so a journaled one always does.
  assert(!isScheduleProblem(schedule), `a stored job definition does not compile: ${definition.cron}`);
  return schedule;
}

function versionConflict(state: ScheduleState, expectedVersion: number): Result | undefined {
  if (expectedVersion === state.version) return undefined;
  return reject(
    "version_conflict",
    `the job is at version ${state.version}, not ${expectedVersion}: read it again before changing it`,
    { version: state.version, expectedVersion },
  );
}

function notFound(context: DecideContext): Result {
  return reject("job_not_found", `there is no job ${context.actorId}`);
}

/** A stale reminder or answer: nothing changes and nothing is journaled. */
function ignored(state: ScheduleState, context: DecideContext): Result {
  return { events: [], reply: { ...jobViewOf(context.actorId, state), ignored: true } };
}

/**
 * The changes as events, each carrying the job's view once it is applied (so the job directory needs only a job's
 * last event), and the view of the state they lead to as the reply.
 */
function decision(
  state: ScheduleState,
  context: DecideContext,
  changes: ScheduleChange[],
  reminders: ReminderChanges,
): Decision<ScheduleEvent> {
  let after = state;
  const events = changes.map((change): ScheduleEvent => {
    after = evolveSchedule(after, change);
    return { ...change, job: jobViewOf(context.actorId, after) };
  });
  return { events, reply: jobViewOf(context.actorId, after), reminders };
}
