/**
 * When money moves, relative to the busiest hour: payouts go out in business hours, collections come in overnight
 * (card and wallet settlement batches) and in the evening, and both are quieter at weekends. Local hours 0-23.
 */
export const payoutsByHour: readonly number[] = [
  0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.2, 0.6, 1, 1, 1, 0.7, 1, 1, 1, 1, 0.7, 0.35, 0.2, 0.2, 0.15, 0.08, 0.04,
];
export const collectionsByHour: readonly number[] = [
  0.5, 0.5, 0.9, 0.9, 0.9, 0.9, 0.5, 0.4, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.6, 0.7, 0.8,
  0.8, 0.7, 0.6,
];

/** A weekend day's share of a weekday's flows. */
export const weekendFactor = { payouts: 0.3, collections: 0.6 } as const;

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** The local hour (0-23) and whether it is a Saturday or Sunday, at a UTC offset. */
export function localHourOf(at: number, utcOffsetMinutes: number): { hour: number; weekend: boolean } {
  const local = new Date(at + utcOffsetMinutes * 60_000);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours(), weekend: day === 0 || day === 6 };
}

/** The relative rate of a flow kind in the hour starting at `at` (a whole local hour). */
export function rateAt(byHour: readonly number[], weekend: number, at: number, utcOffsetMinutes: number): number {
  const { hour, weekend: isWeekend } = localHourOf(at, utcOffsetMinutes);
  return (byHour[hour] ?? 0) * (isWeekend ? weekend : 1);
}

/** The sum of a profile over a weekday: how many busiest-hours' worth of flows a weekday holds. */
export function weekdayWeight(byHour: readonly number[]): number {
  return byHour.reduce((total, rate) => total + rate, 0);
}

export { dayMs, hourMs };
