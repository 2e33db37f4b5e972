/**
 * A quick local check that matching stays near-linear: 100,000 statement lines against 100,000 records, in three
 * shapes (a realistic day, every line unmatched, every amount alike). Prints the time of each; not a test and not
 * part of `npm run bench`: `node --import tsx test/bench/matching-check.ts [count]`.
 */
import { Money } from "../../actors/shared/amount.js";
import { matchStatement, summarize } from "../../reconciliation/matching/index.js";
import type { InternalRecord, StatementLine } from "../../reconciliation/model.js";
import { line, record } from "../support/matching-fixtures.js";

const count = Number(process.argv[2] ?? 100_000);

/** A small deterministic generator (mulberry32), so that every run checks the same input. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function date(day: number): string {
  return new Date(Date.UTC(2026, 10, 1 + day)).toISOString().slice(0, 10);
}

/** Keys on most lines, amounts drawn from a small range (so equal amounts are common), a few of each difference. */
function realistic(): { lines: StatementLine[]; records: InternalRecord[] } {
  const random = generator(1);
  const lines: StatementLine[] = [];
  const records: InternalRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const direction = random() < 0.5 ? "credit" : "debit";
    const amount = (Math.floor(random() * 1_000_000) / 100).toFixed(2);
    const day = Math.floor(random() * 28);
    const style = random();
    const internal = record(`transfer:t${i}:${direction}`, direction, amount, {
      bookingDate: date(day),
      serial: `S${i}`,
      bankReference: `B${i}`,
      booked: random() < 0.97,
    });
    const keys = style < 0.5 ? { endToEndId: `S${i}` } : style < 0.7 ? { bankReference: `B${i}` } : {};
    const statementLine = line(i + 1, direction, amount, {
      bookingDate: date(day + Math.floor(random() * 3) - 1),
      ...keys,
    });
    const fate = random();
    if (fate >= 0.01) records.push(internal);
    if (fate < 0.01 || fate >= 0.02) lines.push(statementLine);
  }
  return { lines, records };
}

/** Nothing pairs: records on whole units, lines off by a fraction, all within a few days of each other. */
function unmatched(): { lines: StatementLine[]; records: InternalRecord[] } {
  const random = generator(2);
  const lines: StatementLine[] = [];
  const records: InternalRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = Math.floor(random() * 3);
    records.push(record(`entry:E${i}`, "debit", String(1 + Math.floor(random() * 500)), { bookingDate: date(day) }));
    lines.push(line(i + 1, "debit", `${1 + Math.floor(random() * 5000)}.5`, { bookingDate: date(day) }));
  }
  return { lines, records };
}

/** One amount for everything: the amount-and-date round works through long queues. */
function alike(): { lines: StatementLine[]; records: InternalRecord[] } {
  const random = generator(3);
  const lines: StatementLine[] = [];
  const records: InternalRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    records.push(record(`entry:E${i}`, "credit", "100.00", { bookingDate: date(Math.floor(random() * 5)) }));
    lines.push(line(i + 1, "credit", "100.00", { bookingDate: date(Math.floor(random() * 5)) }));
  }
  return { lines, records };
}

for (const [name, make, amountTolerance] of [
  ["realistic", realistic, "0"],
  ["realistic, amount tolerance 0.01", realistic, "0.01"],
  ["unmatched", unmatched, "0"],
  ["alike", alike, "0"],
] as const) {
  const { lines, records } = make();
  const started = performance.now();
  // CPU time beside wall time: on a shared machine the wall clock also counts the waits for a core.
  const cpuAtStart = process.cpuUsage();
  const result = matchStatement({ lines, records, tolerance: { dateDays: 2, amount: new Money(amountTolerance) } });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const summary = summarize(result);
  console.log(
    `${name}: ${lines.length} lines x ${records.length} records in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s);`,
    JSON.stringify({ ...summary.matchesByRule, ...summary.differencesByClass, cut: summary.sumSearchCut }),
  );
}
