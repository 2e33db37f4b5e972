/** The bank's local clock: an epoch instant seen with the channel's fixed UTC offset (no daylight saving rules). */
export const dayMs = 86_400_000;
const minuteMs = 60_000;

/** Minutes after local midnight of "HH:MM" ("24:00" gives 1440). */
export function minuteOfDay(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Milliseconds since local midnight at `now`. */
export function localTimeOfDayMs(now: number, utcOffsetMinutes: number): number {
  const local = now + utcOffsetMinutes * minuteMs;
  return ((local % dayMs) + dayMs) % dayMs;
}

/** The epoch instant of the local midnight that starts the day of `now`. */
export function localMidnightOf(now: number, utcOffsetMinutes: number): number {
  return now - localTimeOfDayMs(now, utcOffsetMinutes);
}

/** The epoch instant of the next local midnight: when a new local day (and a new daily limit) begins. */
export function nextLocalMidnight(now: number, utcOffsetMinutes: number): number {
  return localMidnightOf(now, utcOffsetMinutes) + dayMs;
}

/** The local calendar day of `now`, "YYYY-MM-DD": the key of the daily limit. */
export function localDayOf(now: number, utcOffsetMinutes: number): string {
  return new Date(now + utcOffsetMinutes * minuteMs).toISOString().slice(0, 10);
}

/** The epoch instant of local "HH:MM" on the local day that starts at `midnight`. */
export function atLocalClock(midnight: number, clock: string): number {
  return midnight + minuteOfDay(clock) * minuteMs;
}
