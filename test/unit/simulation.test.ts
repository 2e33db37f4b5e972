import { expect } from "chai";
import { CommanderError } from "@commander-js/extra-typings";
import { Money } from "../../actors/shared/amount.js";
import { generateFlows, type Flow, type FlowSettings } from "../../simulation/flows.js";
import { parseOptions } from "../../simulation/options.js";
import { buildScenario } from "../../simulation/scenario.js";
import { localHourOf } from "../../simulation/seasonality.js";
import { grouped } from "../../simulation/table.js";
import { VirtualClock } from "../../simulation/virtual-clock.js";

const week = buildScenario({ seed: 7, days: 7, accounts: 4, pools: 1 });
const weekSettings: FlowSettings = { ...week };

/** The sum of the flows that match, as a decimal. */
function total(flows: readonly Flow[], keep: (flow: Flow) => boolean) {
  return flows.filter(keep).reduce((sum, flow) => sum.plus(flow.amount), new Money(0));
}

describe("the simulation's payment flows", () => {
  it("are the same for the same seed, and others for another seed", () => {
    const first = generateFlows(weekSettings);
    expect(generateFlows(weekSettings)).to.deep.equal(first);
    const other = generateFlows({ ...weekSettings, seed: 8 });
    expect(other.map((flow) => flow.amount)).to.not.deep.equal(first.map((flow) => flow.amount));
  });

  it("keep each account's flows when an account is added", () => {
    const fewer = generateFlows({ ...weekSettings, accounts: week.accounts.slice(0, 2) });
    const ofFirst = (flows: readonly Flow[]) =>
      flows.filter((flow) => flow.accountId === week.accounts[0]!.accountId && !flow.kind.startsWith("large"));
    expect(ofFirst(fewer)).to.deep.equal(ofFirst(generateFlows(weekSettings)));
  });

  it("are exact decimal entries in time order, on whole minutes, with unique entry ids", () => {
    const flows = generateFlows(weekSettings);
    expect(flows.length).to.be.greaterThan(1_000);
    for (const flow of flows) {
      expect(flow.amount).to.match(/^\d+\.\d{4}$/);
      expect(flow.at % 60_000).to.equal(0);
    }
    expect(flows.map((flow) => flow.at)).to.deep.equal([...flows.map((flow) => flow.at)].sort((a, b) => a - b));
    expect(new Set(flows.map((flow) => flow.entryId)).size).to.equal(flows.length);
    expect(flows.some((flow) => flow.kind === "large payout" || flow.kind === "large collection")).to.equal(true);
  });

  it("pay out in business hours, collect overnight and in the evening, and are quieter at weekends", () => {
    const flows = generateFlows(weekSettings).filter((flow) => !flow.kind.startsWith("large"));
    const local = (flow: Flow) => localHourOf(flow.at, week.utcOffsetMinutes);
    const weekday = (flow: Flow) => !local(flow).weekend;
    const businessHours = (flow: Flow) => weekday(flow) && local(flow).hour >= 9 && local(flow).hour < 17;
    const night = (flow: Flow) => weekday(flow) && local(flow).hour >= 2 && local(flow).hour < 6;
    const payouts = (keep: (flow: Flow) => boolean) => (flow: Flow) => flow.direction === "debit" && keep(flow);
    const collections = (keep: (flow: Flow) => boolean) => (flow: Flow) => flow.direction === "credit" && keep(flow);
    // Per hour: 8 business hours against 4 night hours.
    const perHour = (keep: (flow: Flow) => boolean, hours: number) => total(flows, keep).div(hours);
    expect(perHour(payouts(businessHours), 8).greaterThan(perHour(payouts(night), 4).times(10))).to.equal(true);
    expect(perHour(collections(night), 4).greaterThan(perHour(collections(businessHours), 8).times(3))).to.equal(true);
    // Per day: five weekdays against the weekend's two.
    const perDay = (keep: (flow: Flow) => boolean, days: number) => total(flows, keep).div(days);
    const weekendPayouts = perDay(
      payouts((flow) => !weekday(flow)),
      2,
    );
    expect(weekendPayouts.lessThan(perDay(payouts(weekday), 5).times(0.5))).to.equal(true);
  });
});

describe("the simulation's virtual clock", () => {
  it("runs due timers in due order (ties in the order started), moving the time to each, and skips cancelled ones", () => {
    const clock = new VirtualClock(1_000);
    const ran: string[] = [];
    clock.startTimer(() => ran.push(`b@${clock.now()}`), 500);
    clock.startTimer(() => ran.push(`a@${clock.now()}`), 100);
    clock.startTimer(() => ran.push(`c@${clock.now()}`), 500);
    clock.startTimer(() => ran.push("cancelled"), 200).cancel();
    while (clock.runNextDue(1_400));
    expect(ran).to.deep.equal(["a@1100"]);
    while (clock.runNextDue(2_000));
    expect(ran).to.deep.equal(["a@1100", "b@1500", "c@1500"]);
    expect(clock.timersPending).to.equal(0);
    expect(() => clock.moveTo(1_000)).to.throw(RangeError);
  });
});

describe("npm run simulate's options and table", () => {
  const quiet = { writeOut: () => undefined, writeErr: () => undefined };

  it("takes the documented defaults and flags", () => {
    expect(parseOptions([], quiet)).to.deep.include({ days: 1, accounts: 6, pools: 1, stepMinutes: 1 });
    expect(parseOptions(["--days", "7", "--seed", "9", "--accounts", "3", "--pools", "2"], quiet)).to.deep.include({
      days: 7,
      seed: 9,
      accounts: 3,
      pools: 2,
      chartAccounts: 3,
    });
  });

  it("refuses a bad value in one line, before anything runs", () => {
    const refusal = (argv: string[]) => {
      let written = "";
      try {
        parseOptions(argv, { writeOut: () => undefined, writeErr: (text) => (written += text) });
      } catch (error) {
        expect(error).to.be.instanceOf(CommanderError);
        expect((error as CommanderError).exitCode).to.not.equal(0);
        return written.trim();
      }
      throw new Error(`${argv.join(" ")} was taken`);
    };
    expect(refusal(["--days", "0"])).to.match(/--days.*expected a whole number from 1 to 31/);
    expect(refusal(["--accounts", "2", "--pools", "3"])).to.equal("error: --pools (3) must not exceed --accounts (2)");
    expect(refusal(["--settle-normal-minutes", "45"])).to.match(/from 0 to 20/);
  });

  it("groups amounts as text", () => {
    expect(grouped("1234567.50")).to.equal("1,234,567.50");
    expect(grouped("-1016")).to.equal("-1,016");
    expect(grouped("0.00")).to.equal("0.00");
  });
});
