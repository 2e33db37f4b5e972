import Table from "cli-table3";
import type { Comparison, SimulationSummary } from "./summary.js";

/** The side-by-side table a treasurer reads first: the same flows under MONITOR and under AUTO. */
export function summaryTable(summary: SimulationSummary): string {
  const { settings, comparison } = summary;
  const rows: Array<[string, Comparison, "count" | "money"]> = [
    ["minutes below low warning", comparison.minutesBelowLowWarning, "count"],
    ["minutes below low danger", comparison.minutesBelowLowDanger, "count"],
    ["transfers made", comparison.transfers, "count"],
    ["fees paid (CNY)", comparison.feesPaid, "money"],
    ["average idle above high (CNY)", comparison.averageIdleAboveHigh, "money"],
  ];
  const table = new Table({
    head: ["", "MONITOR", "AUTO", "AUTO - MONITOR", "AUTO / MONITOR"],
    style: { head: [], border: [], compact: true },
    colAligns: ["left", "right", "right", "right", "right"],
  });
  for (const [label, row] of rows)
    table.push([label, grouped(row.monitor), grouped(row.auto), signed(row.difference), ratioText(row.ratio)]);
  const { MONITOR, AUTO } = summary.runs;
  const heading =
    `Liquidity simulation: seed ${settings.seed}, ${settings.days} day(s) from ${settings.start}, ` +
    `${settings.stepMinutes}-minute steps\n` +
    `${settings.accounts} account(s) in ${settings.pools} pool(s), ${settings.flows} upstream entries, ` +
    `the same under MONITOR and under AUTO`;
  const footer = [
    `AUTO: ${AUTO.topUps} top-up(s), ${AUTO.sweeps} sweep(s), ${AUTO.transfersSucceeded} of ${AUTO.transfers} ` +
      `transfer(s) SUCCESS; money conserved: MONITOR ${yesNo(MONITOR.moneyConserved)}, AUTO ${yesNo(AUTO.moneyConserved)}`,
  ];
  return `${heading}\n${table.toString()}\n${footer.join("\n")}\n`;
}

/** 1234567.50 → 1,234,567.50 (a decimal string, grouped as text: no float touches it). */
export function grouped(amount: string): string {
  const [whole = "", fraction] = amount.replace("-", "").split(".");
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount.startsWith("-") ? "-" : ""}${digits}${fraction === undefined ? "" : `.${fraction}`}`;
}

function signed(amount: string): string {
  return amount.startsWith("-") || /^[0.]+$/.test(amount) ? grouped(amount) : `+${grouped(amount)}`;
}

function ratioText(ratio: number | null): string {
  return ratio === null ? "-" : ratio.toFixed(2);
}

function yesNo(value: boolean): string {
  return value ? "yes" : "NO";
}
