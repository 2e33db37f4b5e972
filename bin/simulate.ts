/**
 * `npm run simulate`: a liquidity simulation. Seeded payment flows hit a treasury's accounts through the engine's own
 * actors (accounts, transfers, channels, rules, planners, scheduled jobs) on a virtual clock, in memory, once with
 * every rule in MONITOR and once in AUTO; prints the comparison and writes summary.json and positions.svg
 * (docs/simulation.md). `npm run simulate -- --help` lists the options. Exit codes: 0 done, 1 failed, 2 usage.
 */
import { CommanderError } from "@commander-js/extra-typings";
import { parseOptions, type SimulationOptions } from "../simulation/options.js";
import { simulate } from "../simulation/simulate.js";

let options: SimulationOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exit(error.exitCode === 0 ? 0 : 2);
}

try {
  const outcome = await simulate(options, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(outcome.table);
  process.stdout.write(`wrote ${outcome.summaryFile} and ${outcome.chartFile}\n`);
} catch (error) {
  process.stderr.write(
    `simulation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
