/**
 * Booking days (ADR 014 §2): calendar dates "YYYY-MM-DD" in UTC. As strings of one fixed shape they compare in
 * calendar order, so a later day is a greater string.
 */

const dayShape = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** True for a calendar-valid day "YYYY-MM-DD" of the years 1000-9999 (not "2026-02-30", not "2026-2-3"). */
export function isBookingDay(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const parts = dayShape.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC day of an instant (epoch milliseconds). */
export function bookingDayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return bookingDayOf(Date.parse(`${day}T00:00:00Z`) + days * dayMs);
}

/** The later of two days; undefined counts as no day. */
export function laterDay(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
