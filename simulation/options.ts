import { Command, InvalidArgumentError } from "@commander-js/extra-typings";

/** What `npm run simulate` is asked to do. */
export interface SimulationOptions {
  readonly days: number;
  readonly seed: number;
  readonly accounts: number;
  readonly pools: number;
  readonly stepMinutes: number;
  readonly out: string;
  readonly settleNormalMinutes: number;
  readonly settleUrgentMinutes: number;
  readonly chartAccounts: number;
}

export const defaultSeed = 42;

/**
 * The most minutes a normal debit may take at the simulated bank: beyond about 20, the transfer's status queries (30,
 * backing off to one a minute, the engine's default policy) run out before the bank's callback and the transfer
 * stops for a person (MANUAL_INTERVENTION), which is the engine working as designed, not a liquidity question.
 */
const settleMinutesMax = 20;

/** Parses the command line; a bad value throws commander's one-line error (the program exits 2, nothing ran). */
export function parseOptions(
  argv: readonly string[],
  output?: { writeOut(text: string): void; writeErr(text: string): void },
): SimulationOptions {
  const program = new Command()
    .name("npm run simulate --")
    .description(
      "Simulates a treasury's accounts under seeded payment flows through the engine's own actors on a virtual clock,\n" +
        "once with every rule in MONITOR and once in AUTO, and compares them (a table, summary.json, positions.svg).",
    )
    .option("--days <n>", "days to simulate, from a Monday (7: a week)", wholeNumber(1, 31), 1)
    .option("--seed <n>", "seed of the flows and of the treasury's sizes", wholeNumber(0, 2 ** 32 - 1), defaultSeed)
    .option("--accounts <n>", "operating accounts", wholeNumber(1, 40), 6)
    .option("--pools <n>", "pools the accounts are spread over (one planner each)", wholeNumber(1, 40), 1)
    .option("--step-minutes <n>", "minutes between two samples and safety-net evaluations", wholeNumber(1, 60), 1)
    .option("--out <dir>", "where summary.json and positions.svg are written", "simulation-out")
    .option(
      "--settle-normal-minutes <n>",
      `minutes a normal-speed debit takes at the bank (0 to ${settleMinutesMax})`,
      wholeNumber(0, settleMinutesMax),
      10,
    )
    .option(
      "--settle-urgent-minutes <n>",
      `minutes an urgent debit takes at the bank (0 to ${settleMinutesMax})`,
      wholeNumber(0, settleMinutesMax),
      1,
    )
    .option(
      "--chart-accounts <n>",
      "accounts charted: those longest below low warning under MONITOR",
      wholeNumber(1, 40),
      3,
    )
    .exitOverride()
    .configureOutput(output ?? {});
  program.parse([...argv], { from: "user" });
  const options = program.opts();
  if (options.pools > options.accounts)
    program.error(`error: --pools (${options.pools}) must not exceed --accounts (${options.accounts})`, {
      exitCode: 2,
    });
  return {
    days: options.days,
    seed: options.seed,
    accounts: options.accounts,
    pools: options.pools,
    stepMinutes: options.stepMinutes,
    out: options.out,
    settleNormalMinutes: options.settleNormalMinutes,
    settleUrgentMinutes: options.settleUrgentMinutes,
    chartAccounts: Math.min(options.chartAccounts, options.accounts),
  };
}

function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max))
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return number;
  };
}
