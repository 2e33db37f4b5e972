import type { ActorRecord } from "./actor-record.js";
import type { ActorEvent, EffectRequest, ReminderChanges } from "./actor-kind.js";
import { isRejection } from "./actor-kind.js";
import { assert } from "./assert.js";
import { errorBody } from "./errors.js";
import { BatchRepeats, fingerprintOf } from "./idempotency.js";
import type { Json } from "./json.js";
import { commandLogFields } from "./log-fields.js";
import type { CommandRequest, Reply } from "./messages.js";
import type { JournalEntry, Logger } from "./ports.js";

/** A command in an actor's mailbox: validated, parsed, waiting for its reply. */
export interface PendingCommand {
  readonly request: CommandRequest;
  readonly command: unknown;
  /** Set when this command is a reminder firing: the key and due time it fires for. */
  readonly reminder?: { readonly key: string; readonly dueAt: number };
  readonly resolve: (reply: Reply) => void;
}

/** An effect id becomes the command id `effect:<id>` (messages.ts allows 128 printable characters). */
export const effectIdPattern = /^[\x21-\x7e]{1,120}$/;

export interface BatchOutcome {
  /** Entries to append, in order. */
  readonly entries: JournalEntry[];
  /** Replies to send once the entries are durable. */
  readonly replies: Array<{ pending: PendingCommand; reply: Reply }>;
  /** Commands whose id the actor already accepted: answered from the recent replies, else from the journal. */
  readonly alreadyAccepted: PendingCommand[];
  /** Repeats of a command earlier in this batch: they get the same reply. */
  readonly repeats: Array<{ pending: PendingCommand; firstIndex: number }>;
  readonly rejectionCodes: string[];
}

/**
 * Decides a batch against `draft`, advancing it entry by entry exactly as replay will (ActorRecord.applyEntry).
 * Touches nothing outside the draft; the caller persists the entries and then commits the draft.
 */
export function decideBatch(
  draft: ActorRecord,
  batch: readonly PendingCommand[],
  now: number,
  logger: Logger,
): BatchOutcome {
  const outcome: BatchOutcome = { entries: [], replies: [], alreadyAccepted: [], repeats: [], rejectionCodes: [] };
  const repeats = new BatchRepeats(draft.recentCommandIds);
  for (const pending of batch) {
    const repeat = repeats.detect(pending.request.commandId, outcome.replies.length);
    if (repeat?.of === "earlier_in_batch") outcome.repeats.push({ pending, firstIndex: repeat.firstIndex });
    else if (repeat?.of === "accepted") outcome.alreadyAccepted.push(pending);
    else outcome.replies.push({ pending, reply: decideOne(draft, pending, now, outcome, logger) });
  }
  return outcome;
}

function decideOne(
  draft: ActorRecord,
  pending: PendingCommand,
  now: number,
  outcome: BatchOutcome,
  logger: Logger,
): Reply {
  const { request, reminder } = pending;
  const { commandId } = request;
  if (reminder && draft.reminders.get(reminder.key)?.dueAt !== reminder.dueAt) {
    return { ok: true, commandId, result: { staleReminder: reminder.key } };
  }
  const context = { actorId: draft.actorId, commandId, principal: request.principal, now };
  let result;
  try {
    result = draft.kind.decide(draft.state, pending.command, context);
  } catch (error) {
    logger.error("decide threw: a bug in the actor kind", { error, ...commandLogFields(request, draft.kind) });
    return { ok: false, commandId, error: errorBody("internal_error") };
  }
  if (isRejection(result)) {
    outcome.rejectionCodes.push(result.rejected.code);
    const error = { ...result.rejected, retryable: false };
    // A rejected reminder is still consumed (journaled with no events), or it would fire forever.
    if (reminder)
      appendEntry(draft, pending, [], { ok: false, error } as Json, { cancel: [reminder.key] }, [], now, outcome);
    return { ok: false, commandId, error };
  }
  const reminders = reminder ? consumeReminder(result.reminders, reminder.key) : result.reminders;
  const changesReminders = (reminders?.set?.length ?? 0) + (reminders?.cancel?.length ?? 0) > 0;
  const effects = result.effects ?? [];
  if (result.events.length === 0 && !changesReminders && effects.length === 0)
    return { ok: true, commandId, result: result.reply };
  try {
    const entry = appendEntry(
      draft,
      pending,
      result.events,
      result.reply,
      changesReminders ? (reminders ?? null) : null,
      effects,
      now,
      outcome,
    );
    return { ok: true, commandId, result: result.reply, entrySeq: entry.seq };
  } catch (error) {
    logger.error("evolve threw: a bug in the actor kind", { error, ...commandLogFields(request, draft.kind) });
    return { ok: false, commandId, error: errorBody("internal_error") };
  }
}

/** The reminder being fired is removed unless the decision sets it again. */
function consumeReminder(changes: ReminderChanges | undefined, key: string): ReminderChanges {
  if (changes?.set?.some((reminder) => reminder.key === key)) return changes;
  return { ...changes, cancel: [...(changes?.cancel ?? []), key] };
}

function appendEntry(
  draft: ActorRecord,
  pending: PendingCommand,
  events: readonly ActorEvent[],
  reply: Json,
  reminders: ReminderChanges | null,
  effects: readonly EffectRequest[],
  now: number,
  outcome: BatchOutcome,
): JournalEntry {
  for (const effect of effects)
    assert(effectIdPattern.test(effect.id), `effect id ${effect.id} does not fit a command id`);
  const trace = pending.request.trace;
  const entry: JournalEntry = {
    kind: draft.kind.name,
    actorId: draft.actorId,
    seq: draft.entrySeq + 1,
    firstEventSeq: draft.eventSeq + 1,
    events,
    commandId: pending.request.commandId,
    commandType: pending.request.type,
    commandFingerprint: fingerprintOf(pending),
    principal: pending.request.principal,
    reply,
    reminders,
    ...(effects.length > 0 && { effects }),
    ...(trace && { trace }),
    recordedAt: now,
  };
  draft.applyEntry(entry);
  outcome.entries.push(entry);
  return entry;
}
