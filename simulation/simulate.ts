import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { positionsChart } from "./chart.js";
import { generateFlows } from "./flows.js";
import type { SimulationOptions } from "./options.js";
import { runMode, type ModeRun } from "./run-mode.js";
import { buildScenario, type Scenario } from "./scenario.js";
import { summarize, summarizeRun, type SimulationSummary } from "./summary.js";
import { summaryTable } from "./table.js";

/** What a simulation wrote and found. */
export interface SimulationOutcome {
  readonly summary: SimulationSummary;
  readonly table: string;
  readonly summaryFile: string;
  readonly chartFile: string;
}

/**
 * Runs the same seeded flows through the engine twice, every rule in MONITOR then in AUTO, and writes the comparison
 * (summary.json) and the chart of the accounts that suffered most without the planner (positions.svg) to `out`.
 */
export async function simulate(
  options: SimulationOptions,
  progress: (line: string) => void = () => {},
): Promise<SimulationOutcome> {
  const scenario = buildScenario(options);
  const flows = generateFlows({ ...scenario, accounts: scenario.accounts });
  const settlement = { normal: options.settleNormalMinutes * 60_000, urgent: options.settleUrgentMinutes * 60_000 };
  const runs: ModeRun[] = [];
  for (const mode of ["MONITOR", "AUTO"] as const) {
    progress(
      `running ${mode}: ${scenario.days} day(s), ${scenario.accounts.length} account(s), ${flows.length} entries`,
    );
    runs.push(await runMode({ scenario, flows, mode, stepMinutes: options.stepMinutes, settlement }));
  }
  const [monitor, auto] = runs as [ModeRun, ModeRun];
  const summary = summarize(
    scenario,
    {
      stepMinutes: options.stepMinutes,
      settlementMinutes: { normal: options.settleNormalMinutes, urgent: options.settleUrgentMinutes },
      flows: flows.length,
    },
    summarizeRun(monitor),
    summarizeRun(auto),
  );
  mkdirSync(options.out, { recursive: true });
  const summaryFile = join(options.out, "summary.json");
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  const chartFile = join(options.out, "positions.svg");
  writeFileSync(chartFile, chartOf(scenario, summary, monitor, auto, options.chartAccounts));
  return { summary, table: summaryTable(summary), summaryFile, chartFile };
}

/** The accounts longest below low warning under MONITOR (ties by id): where the planner's work shows. */
function chartOf(scenario: Scenario, summary: SimulationSummary, monitor: ModeRun, auto: ModeRun, count: number) {
  const minutes = new Map(
    summary.runs.MONITOR.accounts.map((account) => [account.accountId, account.minutesBelowLowWarning]),
  );
  const charted = [...scenario.accounts]
    .sort((a, b) => minutes.get(b.accountId)! - minutes.get(a.accountId)! || (a.accountId < b.accountId ? -1 : 1))
    .slice(0, count);
  return positionsChart({
    title: `Available positions, MONITOR vs AUTO: seed ${scenario.seed}, ${scenario.days} day(s) from Monday ${new Date(scenario.start + scenario.utcOffsetMinutes * 60_000).toISOString().slice(0, 10)} (UTC+8)`,
    start: scenario.start,
    days: scenario.days,
    utcOffsetMinutes: scenario.utcOffsetMinutes,
    accounts: charted,
    monitor: monitor.measurements.series,
    auto: auto.measurements.series,
  });
}
