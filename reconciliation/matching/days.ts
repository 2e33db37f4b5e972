const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const msPerDay = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined when it is not a real calendar date. */
export function dayNumber(date: string): number | undefined {
  if (!datePattern.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  // Date.parse accepts 2026-02-30 on some engines by rolling over; the round trip refuses it.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms / msPerDay;
}
