import { execFileSync } from "node:child_process";
import { expect } from "chai";
import { Registry } from "prom-client";
import { registerPositionMetrics } from "../../adapters/prometheus/position-metrics.js";
import { metricsText } from "../../adapters/prometheus/text-sections.js";
import { PositionDirectory } from "../../read-models/position-directory.js";

const header = (pool: string) => ({ currency: "EUR", pool, status: "open" });
const position = (ledger: string, available = ledger) => ({
  ledger,
  frozen: "0.0000",
  inTransitDebit: "2.5000",
  inTransitCredit: "0.0000",
  available,
});

/** The liq_account_position samples of an exposition, by their label set as written. */
function samples(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^liq_account_position\{(.*)\} (\S+)$/.exec(line);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

describe("liq_account_position, written as text", () => {
  it("writes each account's five fields, follows a change of its entry, and stops at the cap", async () => {
    const directory = new PositionDirectory();
    const registry = new Registry();
    registerPositionMetrics(registry, directory, 2);
    const apply = (actorId: string, eventSeq: number, ledger: string, pool = "main") =>
      directory.apply({
        actorId,
        eventSeq,
        commandId: `c-${eventSeq}`,
        recordedAt: eventSeq,
        event: { type: "entryRecorded", position: position(ledger), account: header(pool) },
      });
    apply("B:1", 1, "100.5000");
    apply("B:2", 1, "-3.2500", 'odd "pool"\\x');
    apply("B:3", 1, "7.0000");

    let text = await metricsText(registry);
    let found = samples(text);
    expect(found.size, "two accounts (the cap), five fields each").to.equal(10);
    expect(found.get('account="B:1",currency="EUR",pool="main",field="ledger"')).to.equal("100.5");
    expect(found.get('account="B:1",currency="EUR",pool="main",field="in_transit_debit"')).to.equal("2.5");
    expect(found.get('account="B:2",currency="EUR",pool="odd \\"pool\\"\\\\x",field="available"')).to.equal("-3.25");
    expect(text).to.match(/^# TYPE liq_account_position gauge$/m);
    expect(text).to.match(/^liq_position_directory_accounts 3$/m);

    apply("B:1", 2, "99.0000");
    found = samples(await metricsText(registry));
    expect(found.get('account="B:1",currency="EUR",pool="main",field="ledger"'), "the new entry's value").to.equal(
      "99",
    );
    text = await metricsText(registry);
    expect(samples(text).size).to.equal(10);
  });

  it("is an exposition promtool accepts", async () => {
    const directory = new PositionDirectory();
    const registry = new Registry();
    registerPositionMetrics(registry, directory, 10);
    for (let index = 0; index < 5; index++)
      directory.apply({
        actorId: `B:${index}`,
        eventSeq: 1,
        commandId: "c",
        recordedAt: 1,
        event: { type: "entryRecorded", position: position(`${index}.0000`), account: header("main") },
      });
    const text = await metricsText(registry);
    // `promtool check metrics` lints an exposition read from stdin; it exits non-zero on a malformed one.
    execFileSync("promtool", ["check", "metrics"], { input: text });
  });
});
