import { readFileSync } from "node:fs";
import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { simulate, type SimulationOutcome } from "../../simulation/simulate.js";
import { scratchFolder } from "../support/scratch-folder.js";

/**
 * The liquidity simulation end to end, in process: the engine's actors on the in-memory store and bus and a virtual
 * clock (it is a simulation of the treasury, not a test of NATS or MongoDB, which other suites cover). One day at
 * 10-minute steps for three accounts keeps it short.
 */
describe("the liquidity simulation, MONITOR against AUTO on the same seeded flows", function () {
  this.timeout(300_000);
  const folder = scratchFolder("liq-simulation-", "block");
  let outcome: SimulationOutcome;

  before(async () => {
    outcome = await simulate({
      days: 1,
      seed: 42,
      accounts: 3,
      pools: 1,
      stepMinutes: 10,
      out: folder.pathOf("out"),
      settleNormalMinutes: 10,
      settleUrgentMinutes: 1,
      chartAccounts: 2,
    });
  });

  it("AUTO keeps the accounts above low warning longer than MONITOR, by transfers that all succeed", () => {
    const { MONITOR, AUTO } = outcome.summary.runs;
    expect(MONITOR.minutesBelowLowWarning).to.be.greaterThan(0);
    expect(AUTO.minutesBelowLowWarning).to.be.lessThan(MONITOR.minutesBelowLowWarning);
    expect(AUTO.minutesBelowLowDanger).to.be.at.most(MONITOR.minutesBelowLowDanger);
    expect(MONITOR.transfers).to.equal(0);
    expect(MONITOR.feesPaid).to.equal("0.00");
    expect(AUTO.transfers).to.be.greaterThan(0);
    expect(AUTO.transfersSucceeded).to.equal(AUTO.transfers);
    expect(new Money(AUTO.feesPaid).greaterThan(0)).to.equal(true);
    expect(outcome.summary.comparison.minutesBelowLowWarning.ratio).to.be.lessThan(1);
  });

  it("moves money only between the accounts: each run's ledgers add up to the openings and the upstream entries", () => {
    expect(outcome.summary.runs.MONITOR.moneyConserved).to.equal(true);
    expect(outcome.summary.runs.AUTO.moneyConserved).to.equal(true);
  });

  it("writes the table's JSON and prints the table", () => {
    expect(JSON.parse(readFileSync(outcome.summaryFile, "utf8"))).to.deep.equal(outcome.summary);
    for (const row of ["minutes below low warning", "minutes below low danger", "transfers made", "fees paid"])
      expect(outcome.table).to.include(row);
    expect(outcome.table).to.include("average idle above high");
  });

  it("draws the charted accounts' positions under both modes against their watermarks", () => {
    const svg = readFileSync(outcome.chartFile, "utf8");
    expect(svg.startsWith("<svg ")).to.equal(true);
    expect(svg.trimEnd().endsWith("</svg>")).to.equal(true);
    expect(svg.match(/<polyline /g)).to.have.length(4);
    for (const label of ["low danger", "low warning", "target", "high", "MONITOR", "AUTO"])
      expect(svg).to.include(label);
    const longestBelow = [...outcome.summary.runs.MONITOR.accounts].sort(
      (a, b) => b.minutesBelowLowWarning - a.minutesBelowLowWarning,
    )[0]!;
    expect(svg).to.include(longestBelow.accountId);
  });
});
