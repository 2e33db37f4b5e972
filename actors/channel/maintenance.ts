import type { ChannelConfig } from "./config.js";
import { atLocalClock, dayMs, localMidnightOf, localTimeOfDayMs, minuteOfDay } from "./local-time.js";

/** What maintenance depends on: the windows and the bank's clock (a configuration, or a view's JSON form of it). */
export type MaintenanceSchedule = Pick<ChannelConfig, "maintenanceWindows" | "dailyMaintenance" | "utcOffsetMinutes">;

/**
 * When the maintenance that covers `now` ends, following windows that start where the previous one ends (so that
 * `retryAt` is not inside another window), or undefined when no window covers `now`.
 */
export function maintenanceEndAt(config: MaintenanceSchedule, now: number): number | undefined {
  let end: number | undefined;
  // Each step moves past one window; more steps than windows can only mean windows that cover the whole day.
  for (let step = 0; step <= config.maintenanceWindows.length + config.dailyMaintenance.length; step++) {
    const next = coveringEnd(config, end ?? now);
    if (next === undefined) break;
    end = next;
  }
  return end;
}

/** The latest end among the windows that cover `at` (from inclusive, to exclusive). */
function coveringEnd(config: MaintenanceSchedule, at: number): number | undefined {
  let end: number | undefined;
  const extend = (candidate: number) => {
    if (end === undefined || candidate > end) end = candidate;
  };
  for (const window of config.maintenanceWindows) {
    if (Date.parse(window.from) <= at && at < Date.parse(window.to)) extend(Date.parse(window.to));
  }
  const timeOfDay = localTimeOfDayMs(at, config.utcOffsetMinutes);
  const midnight = localMidnightOf(at, config.utcOffsetMinutes);
  for (const window of config.dailyMaintenance) {
    const from = minuteOfDay(window.from) * 60_000;
    const to = minuteOfDay(window.to) * 60_000;
    if (from < to) {
      if (from <= timeOfDay && timeOfDay < to) extend(atLocalClock(midnight, window.to));
    } else if (timeOfDay >= from) {
      extend(atLocalClock(midnight + dayMs, window.to)); // crosses midnight, we are before it
    } else if (timeOfDay < to) {
      extend(atLocalClock(midnight, window.to)); // crosses midnight, we are after it
    }
  }
  return end;
}
