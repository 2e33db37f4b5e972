/** How far in the past an `executeAt` may lie and still be taken (as "start now"): clocks of callers drift. */
export const executeAtLateMsMax = 60_000;
/** How far ahead a transfer may be dated: a year and a day, so "same date next year" always fits. */
export const executeAtAheadMsMax = 366 * 24 * 3_600_000;

/**
 * Why an execution time cannot be taken at `now`, as one sentence naming `field` (the actor's `executeAt`, the
 * API's `execute_at_ms`); undefined when it can. Pure: the caller brings the clock.
 */
export function executeAtProblem(executeAt: number, now: number, field: string): string | undefined {
  if (executeAt < now - executeAtLateMsMax)
    return `${field} ${shown(executeAt)} is in the past (now is ${new Date(now).toISOString()})`;
  if (executeAt > now + executeAtAheadMsMax) return `${field} ${shown(executeAt)} is more than 366 days ahead`;
  return undefined;
}

/** Epoch milliseconds with their UTC time, when a Date can hold them. */
function shown(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? `${ms} (${new Date(ms).toISOString()})` : String(ms);
}
