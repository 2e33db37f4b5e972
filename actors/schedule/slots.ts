import { Cron } from "croner";

/**
 * The slots of a cron expression in an IANA time zone. Pure given its arguments: the reference time is always passed
 * in (the decide context's `now`), never read from the clock, so a replay computes the same slots.
 */
export interface SlotSchedule {
  /** The first slot strictly after `afterMs`, epoch milliseconds; null when the expression has no later slot. */
  nextAfter(afterMs: number): number | null;
  /** The latest slot at or before `atMs`; null when there is none. */
  latestAtOrBefore(atMs: number): number | null;
}

/** Why an expression or a time zone is refused: the field and a sentence. */
export interface ScheduleProblem {
  readonly field: "cron" | "timeZone";
  readonly message: string;
}

/** Compiled schedules kept for reuse; a bound, since job definitions come from clients. */
const compiledMax = 1_000;
const compiled = new Map<string, SlotSchedule>();

/** Compiles `cron` (5 fields, or 6 with seconds first) in `timeZone`, or says which field is wrong. */
export function compileSchedule(cron: string, timeZone: string): SlotSchedule | ScheduleProblem {
  const key = `${timeZone}\n${cron}`;
  const known = compiled.get(key);
  if (known) return known;
  if (!isTimeZone(timeZone))
    return { field: "timeZone", message: `timeZone must be an IANA time zone such as "Europe/Berlin"` };
  let job: Cron;
  try {
    // No callback and paused: croner only computes dates here, it never starts a timer.
    job = new Cron(cron, { timezone: timeZone, paused: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error);
    return { field: "cron", message: `cron must be a cron expression (${reason})` };
  }
  const schedule: SlotSchedule = {
    nextAfter: (afterMs) => job.nextRun(new Date(afterMs))?.getTime() ?? null,
    // previousRuns counts a run earlier in the reference's own second; +1 makes a slot exactly at `atMs` count too.
    latestAtOrBefore: (atMs) => job.previousRuns(1, new Date(atMs + 1))[0]?.getTime() ?? null,
  };
  if (compiled.size >= compiledMax) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, schedule);
  return schedule;
}

export function isScheduleProblem(value: SlotSchedule | ScheduleProblem): value is ScheduleProblem {
  return "field" in value;
}

function isTimeZone(timeZone: string): boolean {
  // "Z", "+02:00" and friends are offsets, not zones: a stated zone follows its daylight-saving rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone) || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
