import type { DecideContext, DecideResult } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import { addDays, bookingDayOf } from "../shared/booking-day.js";
import { isSystemPrincipal } from "../shared/principal.js";
import type { StatementRegistration, StatementsCommand } from "./commands.js";
import { statementPullEffect } from "./effects.js";
import type { StatementsEvent } from "./events.js";
import { reject, type StatementsRejectionCode } from "./rejections.js";
import type { StatementsState } from "./state.js";
import { describeStatements, type PullReply, type RegisterReply } from "./view.js";

type Result = DecideResult<StatementsEvent, StatementsRejectionCode>;

/** Versions an account keeps at most: 27 years of one statement a day, a snapshot of a few MB. */
export const statementVersionsMax = 10_000;
/** Pulls awaiting their answer at once. */
export const pendingPullsMax = 8;
/** Effects of one pull before it ends `unanswered`. */
export const pullAttemptsMax = 5;

/** How long a pull's attempt waits for its answer: 2 minutes (a large statement takes a while), doubling, at most 30. */
export function pullGuardMs(attempt: number): number {
  return Math.min(120_000 * 2 ** (attempt - 1), 1_800_000);
}

export function pullReminderKey(pull: number): string {
  return `pull-${pull}`;
}

/** Sent by the engine itself: the import registers (after writing the lines), reminders and effects answer pulls. */
const engineOnly: ReadonlySet<StatementsCommand["type"]> = new Set(["register", "pullDue", "pulled"]);

/**
 * The statements of one account (ADR 014 §1): a version is named by its digest and registered once; the same
 * statement id with another digest is a corrected re-issue, a new version beside the earlier ones. Pure.
 */
export function decideStatements(state: StatementsState, command: StatementsCommand, context: DecideContext): Result {
  if (engineOnly.has(command.type) && !isSystemPrincipal(context.principal))
    return reject("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  switch (command.type) {
    case "get":
      return { events: [], reply: describeStatements(context.actorId, state) };
    case "register":
      return register(state, command, context);
    case "pull":
      return pull(state, command.date, context);
    case "pullDue":
      return pullDue(state, command.pull, context);
    case "pulled":
      return pulled(state, command, context);
    default:
      return unreachable(command);
  }
}

function register(state: StatementsState, registration: StatementRegistration, context: DecideContext): Result {
  const held = state.versions.find((version) => version.digest === registration.digest);
  if (held) return { events: [], reply: { alreadyImported: true, version: held.version } satisfies RegisterReply };
  if (state.versions.length >= statementVersionsMax)
    return reject(
      "statement_versions_full",
      `account ${context.actorId} holds ${statementVersionsMax} statement versions already`,
    );
  const earlier = state.versions.filter((version) => version.statementId === registration.statementId);
  const version = earlier.length + 1;
  const supersedes = earlier.at(-1)?.digest ?? null;
  const reply: RegisterReply =
    supersedes === null ? { alreadyImported: false, version } : { alreadyImported: false, version, supersedes };
  return {
    events: [
      {
        type: "statementRegistered",
        statementId: registration.statementId,
        version,
        digest: registration.digest,
        supersedes,
        format: registration.format,
        sequence: registration.sequence ?? null,
        fromDate: registration.fromDate,
        toDate: registration.toDate,
        currency: registration.currency,
        opening: registration.opening ?? null,
        closing: registration.closing ?? null,
        lineCount: registration.lineCount,
        createdAt: registration.createdAt ?? null,
        source: registration.source,
        principal: registration.principal,
        importedAt: context.now,
        header: registration.header,
      },
    ],
    reply,
  };
}

/** Starts a pull of `date` ("yesterday": the UTC day before the turn's), unless one of that day awaits its answer. */
function pull(state: StatementsState, requested: string, context: DecideContext): Result {
  const today = bookingDayOf(context.now);
  const date = requested === "yesterday" ? addDays(today, -1) : requested;
  if (date > today)
    return reject("pull_date_in_future", `${date} is after today (${today}, UTC): the bank has no statement of it yet`);
  const pending = state.pulls.find((candidate) => candidate.date === date);
  if (pending) return { events: [], reply: { pull: pending.pull, date, started: false } satisfies PullReply };
  if (state.pulls.length >= pendingPullsMax)
    return reject("too_many_pulls", `${pendingPullsMax} pulls of account ${context.actorId} await their answer`);
  const number = state.pullsStarted + 1;
  return {
    events: [{ type: "statementPullStarted", pull: number, date, principal: context.principal, at: context.now }],
    reply: { pull: number, date, started: true } satisfies PullReply,
    effects: [statementPullEffect(number, 1, date)],
    reminders: { set: [guard(number, 1, context.now)] },
  };
}

/** The guard of a pull's attempt fired: send it again, or end it once every attempt went unanswered. */
function pullDue(state: StatementsState, number: number, context: DecideContext): Result {
  const pending = state.pulls.find((candidate) => candidate.pull === number);
  if (!pending) return { events: [], reply: { ignored: true } };
  if (pending.attempt >= pullAttemptsMax)
    return {
      events: [
        {
          type: "statementPullEnded",
          pull: number,
          date: pending.date,
          outcome: "unanswered",
          message: `no answer after ${pending.attempt} attempts`,
          at: context.now,
        },
      ],
      reply: { ended: true },
    };
  const attempt = pending.attempt + 1;
  return {
    events: [{ type: "statementPullRetried", pull: number, attempt, at: context.now }],
    reply: { attempt },
    effects: [statementPullEffect(number, attempt, pending.date)],
    reminders: { set: [guard(number, attempt, context.now)] },
  };
}

/** A pull's answer (any attempt's: an import is idempotent, so a late answer is as good as the last one's). */
function pulled(
  state: StatementsState,
  command: Extract<StatementsCommand, { type: "pulled" }>,
  context: DecideContext,
): Result {
  const pending = state.pulls.find((candidate) => candidate.pull === command.pull);
  if (!pending) return { events: [], reply: { ignored: true } };
  return {
    events: [
      {
        type: "statementPullEnded",
        pull: command.pull,
        date: pending.date,
        outcome: command.outcome,
        message: command.message,
        at: context.now,
      },
    ],
    reply: { ended: true },
    reminders: { cancel: [pullReminderKey(command.pull)] },
  };
}

function guard(pull: number, attempt: number, now: number) {
  return {
    key: pullReminderKey(pull),
    dueAt: now + pullGuardMs(attempt),
    command: { type: "pullDue", payload: { pull } },
  };
}
