import type { PositionSeries } from "./measurements.js";
import type { ScenarioAccount } from "./scenario.js";
import { dayMs, hourMs } from "./seasonality.js";

/**
 * The chart: each account's available position over time under MONITOR and under AUTO, against its watermarks, one
 * panel per account, as a hand-written SVG (no chart library for a few polylines). Floats here are only for drawing.
 */
export interface ChartInput {
  readonly title: string;
  readonly start: number;
  readonly days: number;
  readonly utcOffsetMinutes: number;
  readonly accounts: readonly ScenarioAccount[];
  readonly monitor: PositionSeries;
  readonly auto: PositionSeries;
}

const width = 1000;
const panelHeight = 260;
const margin = { left: 80, right: 150, top: 34, bottom: 30 };
const headerHeight = 56;
/** Points per line: a week at one-minute steps would be 10,080; each bucket keeps its lowest and highest. */
const bucketsMax = 600;
const colors = { MONITOR: "#c0392b", AUTO: "#1f6fb2" } as const;
const watermarkStyle = [
  { name: "high", key: "high", color: "#7d3c98" },
  { name: "target", key: "target", color: "#1e8449" },
  { name: "low warning", key: "lowWarning", color: "#d68910" },
  { name: "low danger", key: "lowDanger", color: "#c0392b" },
] as const;

export function positionsChart(input: ChartInput): string {
  const height = headerHeight + input.accounts.length * panelHeight;
  const panels = input.accounts.map((account, index) => panel(input, account, headerHeight + index * panelHeight));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="20" font-size="14" font-weight="bold">${escape(input.title)}</text>`,
    legend(margin.left, 40),
    ...panels,
    "</svg>",
    "",
  ].join("\n");
}

function legend(x: number, y: number): string {
  const item = (offset: number, color: string, label: string, dash = "") =>
    `<line x1="${x + offset}" y1="${y}" x2="${x + offset + 24}" y2="${y}" stroke="${color}" stroke-width="2"${dash}/>` +
    `<text x="${x + offset + 30}" y="${y + 4}">${label}</text>`;
  return [
    item(0, colors.MONITOR, "MONITOR (alerts only)"),
    item(170, colors.AUTO, "AUTO (the planner moves money), drawn over MONITOR"),
    item(500, "#888888", "watermarks of the account's rule", ' stroke-dasharray="5 4"'),
  ].join("");
}

function panel(input: ChartInput, account: ScenarioAccount, top: number): string {
  const monitor = input.monitor.available.get(account.accountId) ?? [];
  const auto = input.auto.available.get(account.accountId) ?? [];
  const marks = watermarkStyle.map((style) => ({ ...style, value: account.watermarks[style.key].toNumber() }));
  const values = [...monitor, ...auto, ...marks.map((mark) => mark.value)];
  const [low, high] = paddedRange(Math.min(...values), Math.max(...values));
  const plot = {
    left: margin.left,
    right: width - margin.right,
    top: top + margin.top,
    bottom: top + panelHeight - margin.bottom,
  };
  const end = input.start + input.days * dayMs;
  const x = (at: number) => plot.left + ((at - input.start) / (end - input.start)) * (plot.right - plot.left);
  const y = (value: number) => plot.bottom - ((value - low) / (high - low)) * (plot.bottom - plot.top);
  const parts = [
    `<text x="${plot.left}" y="${top + 22}" font-size="12" font-weight="bold">${escape(account.accountId)} available (CNY), pool ${escape(account.pool)}</text>`,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#cccccc"/>`,
    ...valueTicks(low, high).map(
      (value) =>
        `<line x1="${plot.left}" y1="${fixed(y(value))}" x2="${plot.right}" y2="${fixed(y(value))}" stroke="#eeeeee"/>` +
        `<text x="${plot.left - 6}" y="${fixed(y(value) + 4)}" text-anchor="end">${shortAmount(value)}</text>`,
    ),
    ...timeTicks(input).map(
      (tick) =>
        `<line x1="${fixed(x(tick.at))}" y1="${plot.top}" x2="${fixed(x(tick.at))}" y2="${plot.bottom}" stroke="#eeeeee"/>` +
        `<text x="${fixed(x(tick.at))}" y="${plot.bottom + 14}" text-anchor="middle">${tick.label}</text>`,
    ),
    ...marks.map(
      (mark) =>
        `<line x1="${plot.left}" y1="${fixed(y(mark.value))}" x2="${plot.right}" y2="${fixed(y(mark.value))}" stroke="${mark.color}" stroke-dasharray="5 4"/>` +
        `<text x="${plot.right + 6}" y="${fixed(y(mark.value) + 4)}" fill="${mark.color}">${mark.name} ${shortAmount(mark.value)}</text>`,
    ),
    polyline(input.monitor.at, monitor, x, y, colors.MONITOR),
    polyline(input.auto.at, auto, x, y, colors.AUTO),
  ];
  return `<g>${parts.join("\n")}</g>`;
}

function polyline(
  at: readonly number[],
  values: readonly number[],
  x: (at: number) => number,
  y: (value: number) => number,
  color: string,
): string {
  const points = downsample(at, values)
    .map(([time, value]) => `${fixed(x(time))},${fixed(y(value))}`)
    .join(" ");
  return `<polyline fill="none" stroke="${color}" stroke-width="1.4" stroke-linejoin="round" points="${points}"/>`;
}

/** At most `bucketsMax` buckets in time order, each drawn by its lowest and highest point, so dips stay visible. */
export function downsample(at: readonly number[], values: readonly number[]): Array<[number, number]> {
  const size = Math.max(1, Math.ceil(values.length / bucketsMax));
  const points: Array<[number, number]> = [];
  for (let first = 0; first < values.length; first += size) {
    let lowest = first;
    let highest = first;
    for (let index = first; index < Math.min(first + size, values.length); index++) {
      if (values[index]! < values[lowest]!) lowest = index;
      if (values[index]! > values[highest]!) highest = index;
    }
    for (const index of lowest <= highest ? [lowest, highest] : [highest, lowest])
      if (points.at(-1)?.[0] !== at[index]) points.push([at[index]!, values[index]!]);
  }
  return points;
}

function paddedRange(min: number, max: number): [number, number] {
  const span = max - min || Math.abs(max) || 1;
  return [min - span * 0.05, max + span * 0.05];
}

/** About five round values across the range (1, 2 or 5 times a power of ten apart). */
function valueTicks(low: number, high: number): number[] {
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high; value += step) ticks.push(value);
  return ticks;
}

/** Every 3 hours for a day or two, every day at local midnight beyond. */
function timeTicks(input: ChartInput): Array<{ at: number; label: string }> {
  const every = input.days <= 2 ? 3 * hourMs : dayMs;
  const ticks: Array<{ at: number; label: string }> = [];
  for (let at = input.start; at <= input.start + input.days * dayMs; at += every) {
    const local = new Date(at + input.utcOffsetMinutes * 60_000);
    const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getUTCDay()]!;
    const clock = `${String(local.getUTCHours()).padStart(2, "0")}:00`;
    ticks.push({
      at,
      label: input.days <= 2 ? `${weekday} ${clock}` : `${weekday} ${local.toISOString().slice(5, 10)}`,
    });
  }
  return ticks;
}

function shortAmount(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${(value / 1e6).toFixed(magnitude >= 1e7 ? 0 : 2)}M`;
  if (magnitude >= 1e3) return `${(value / 1e3).toFixed(0)}k`;
  return value.toFixed(0);
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
