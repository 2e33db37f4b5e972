import { expect } from "chai";
import type { Decimal } from "decimal.js";
import fc from "fast-check";
import { Money } from "../../actors/shared/amount.js";
import { matchStatement, type MatchEvidence } from "../../reconciliation/matching/index.js";
import type { InternalRecord, Match, MatchRule, StatementLine } from "../../reconciliation/model.js";
import { differenceKeys, line, plainResult, record } from "../support/matching-fixtures.js";

/**
 * Statements made from the engine's own records, then perturbed: matching must find exactly the perturbations and
 * match all the rest. Record i's amount is 3^i units, so no two records share an amount and no sum of distinct
 * records (or of lines copied from them, each power at most twice) equals another's: every pairing is the one
 * intended. Changed amounts and stray lines are off the grid of units by a fraction no sum of a few of them closes.
 */

type KeyStyle = "serial" | "bankReference" | "detail" | "entryId" | "reference" | "none";
type Perturbation = "none" | "dropLine" | "dropRecord" | "changeAmount" | "duplicateLine";

interface Seed {
  readonly kind: "transfer" | "entry";
  readonly direction: "credit" | "debit";
  readonly recordDay: number;
  readonly dayShift: number;
  readonly booked: boolean;
  readonly withBankReference: boolean;
  readonly keyChoice: number;
  readonly withLineBankReference: boolean;
  readonly perturbation: Perturbation;
  readonly order: number;
}

const seedArbitrary: fc.Arbitrary<Seed> = fc.record({
  kind: fc.constantFrom("transfer" as const, "entry" as const),
  direction: fc.constantFrom("credit" as const, "debit" as const),
  recordDay: fc.integer({ min: 0, max: 10 }),
  dayShift: fc.integer({ min: -6, max: 6 }),
  booked: fc.boolean(),
  withBankReference: fc.boolean(),
  keyChoice: fc.nat(),
  withLineBankReference: fc.boolean(),
  perturbation: fc.constantFrom<Perturbation>(
    "none",
    "none",
    "none",
    "dropLine",
    "dropRecord",
    "changeAmount",
    "duplicateLine",
  ),
  order: fc.nat(),
});

const scenarioArbitrary = fc.record({
  seeds: fc.array(seedArbitrary, { minLength: 1, maxLength: 24 }),
  unit: fc.constantFrom("0.01", "1", "7.25"),
  dateDays: fc.integer({ min: 0, max: 3 }),
  amountTolerance: fc.constantFrom("0", "0.0001"),
  strays: fc.array(
    fc.record({
      direction: fc.constantFrom("credit" as const, "debit" as const),
      day: fc.integer({ min: -3, max: 13 }),
      size: fc.integer({ min: 1, max: 9 }),
      withKey: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  pendingOf: fc.array(fc.nat(), { maxLength: 3 }),
  shuffleKeys: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

const changedAmounts = 4;
const changeOffset = "0.0005";
const strayOffset = "0.0003";

function date(day: number): string {
  return new Date(Date.UTC(2026, 11, 1 + day)).toISOString().slice(0, 10);
}

function signed(direction: "credit" | "debit", amount: Decimal): Decimal {
  return direction === "credit" ? amount : amount.negated();
}

/** What a seed's line carries, and the rule its match is expected to have. */
function keyStyle(seed: Seed): KeyStyle {
  const styles: KeyStyle[] =
    seed.kind === "transfer"
      ? ["serial", "detail", ...(seed.withBankReference ? (["bankReference"] as const) : []), "none"]
      : ["entryId", "reference", "none"];
  // A step the engine has not booked is matched by keys only: its line always carries one.
  const usable = seed.kind === "entry" || seed.booked ? styles : styles.filter((style) => style !== "none");
  return usable[seed.keyChoice % usable.length] ?? "none";
}

const ruleOfStyle: Record<KeyStyle, MatchRule> = {
  serial: "serial",
  detail: "serial",
  bankReference: "bankReference",
  entryId: "entryReference",
  reference: "entryReference",
  none: "amountAndDate",
};

interface Built {
  readonly lines: StatementLine[];
  readonly records: InternalRecord[];
  readonly matches: Match[];
  readonly differences: ReturnType<typeof differenceKeys>;
  readonly pending: number[];
  readonly evidence: MatchEvidence[];
}

/** The statement and records of a scenario, with what matching must find in them. */
function build(scenario: Scenario): Built {
  const built: Built = { lines: [], records: [], matches: [], differences: [], pending: [], evidence: [] };
  const order = scenario.seeds
    .map((seed, i) => ({ i, order: seed.order }))
    .sort((a, b) => a.order - b.order || a.i - b.i);
  const lineNoOf = new Map(order.map(({ i }, position) => [i, position + 1]));
  let nextLineNo = scenario.seeds.length + 1;
  let changes = 0;
  const baseLines: StatementLine[] = [];
  scenario.seeds.forEach((seed, i) => {
    const amount = new Money(3).pow(i).times(scenario.unit);
    const style = keyStyle(seed);
    // Only transfer steps wait for an outcome; entries are always on the ledger.
    const booked = seed.kind === "entry" || seed.booked;
    const internal = record(
      seed.kind === "entry" ? `entry:E${i}` : `transfer:t${i}:${seed.direction}`,
      seed.direction,
      amount.toFixed(),
      {
        bookingDate: date(seed.recordDay),
        booked,
        ...(seed.kind === "transfer"
          ? { serial: `S${i}`, bankReference: seed.withBankReference ? `B${i}` : undefined }
          : { reference: `REF-${i}` }),
      },
    );
    // A line without keys pairs by amount and date, so it stays inside the window; a keyed one may fall outside.
    const shift =
      style === "none" ? Math.max(-scenario.dateDays, Math.min(scenario.dateDays, seed.dayShift)) : seed.dayShift;
    const lineNo = lineNoOf.get(i) ?? 0;
    const bankReference = style === "bankReference" ? `B${i}` : seed.withLineBankReference ? `BANK-${i}` : undefined;
    const keys =
      style === "serial"
        ? { endToEndId: `S${i}` }
        : style === "entryId"
          ? { endToEndId: `E${i}` }
          : style === "reference"
            ? { endToEndId: `REF-${i}` }
            : style === "detail"
              ? { details: [{ endToEndId: `S${i}` }] }
              : {};
    let perturbation = seed.perturbation;
    if (perturbation === "changeAmount" && (changes += 1) > changedAmounts) perturbation = "none";
    const lineAmount = perturbation === "changeAmount" ? amount.plus(changeOffset) : amount;
    const statementLine = line(lineNo, seed.direction, lineAmount.toFixed(), {
      bookingDate: date(seed.recordDay + shift),
      bankReference,
      ...keys,
    });
    baseLines.push(statementLine);
    const lineEffect = signed(seed.direction, lineAmount).toFixed(4);
    const recordEffect = signed(seed.direction, amount);
    if (perturbation !== "dropRecord") built.records.push(internal);
    if (perturbation !== "dropLine") built.lines.push(statementLine);
    const rule = ruleOfStyle[style];
    switch (perturbation) {
      case "none":
      case "duplicateLine":
        built.matches.push({ rule, lines: [lineNo], records: [internal.recordId], dayShift: Math.abs(shift) });
        if (!internal.booked) built.evidence.push({ line: lineNo, recordId: internal.recordId, rule });
        if (perturbation === "duplicateLine") {
          const copy = { ...statementLine, lineNo: nextLineNo, place: `copy of line ${lineNo}` };
          nextLineNo += 1;
          built.lines.push(copy);
          const duplicateRecords =
            bankReference !== undefined ? [] : style !== "none" ? [internal.recordId] : undefined;
          built.differences.push(
            duplicateRecords === undefined
              ? { class: "missingInEngine", lines: [copy.lineNo], records: [], amount: lineEffect }
              : { class: "duplicate", lines: [copy.lineNo], records: duplicateRecords, amount: lineEffect },
          );
        }
        break;
      case "dropLine":
        if (internal.booked)
          built.differences.push({
            class: "missingAtBank",
            lines: [],
            records: [internal.recordId],
            amount: recordEffect.negated().toFixed(4),
          });
        break;
      case "dropRecord":
        built.differences.push({ class: "missingInEngine", lines: [lineNo], records: [], amount: lineEffect });
        break;
      case "changeAmount":
        if (style === "none") {
          built.differences.push({ class: "missingInEngine", lines: [lineNo], records: [], amount: lineEffect });
          built.differences.push({
            class: "missingAtBank",
            lines: [],
            records: [internal.recordId],
            amount: recordEffect.negated().toFixed(4),
          });
        } else {
          built.differences.push({
            class: "amountDiffers",
            lines: [lineNo],
            records: [internal.recordId],
            amount: new Money(lineEffect).minus(recordEffect).toFixed(4),
          });
        }
        break;
    }
  });
  for (const stray of scenario.strays) {
    const amount = new Money(3).pow(stray.size).times(scenario.unit).times(2).plus(strayOffset);
    const lineNo = nextLineNo;
    nextLineNo += 1;
    built.lines.push(
      line(lineNo, stray.direction, amount.toFixed(), {
        bookingDate: date(stray.day),
        ...(stray.withKey ? { endToEndId: `STRAY-${lineNo}` } : {}),
      }),
    );
    built.differences.push({
      class: "missingInEngine",
      lines: [lineNo],
      records: [],
      amount: signed(stray.direction, amount).toFixed(4),
    });
  }
  for (const of of scenario.pendingOf) {
    const source = baseLines[of % baseLines.length];
    if (source === undefined) continue;
    built.lines.push({
      ...source,
      lineNo: nextLineNo,
      status: "pending",
      place: `pending copy of line ${source.lineNo}`,
    });
    built.pending.push(nextLineNo);
    nextLineNo += 1;
  }
  return built;
}

function canonical<T>(items: readonly T[]): string[] {
  return items.map((item) => JSON.stringify(item)).sort();
}

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, position) => ({ item, key: keys[position % keys.length] ?? 0, position }))
    .sort((a, b) => a.key - b.key || b.position - a.position)
    .map(({ item }) => item);
}

describe("reconciliation matching (property)", () => {
  it("finds exactly the perturbations of a statement made from the records, and matches all the rest", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const built = build(scenario);
        const result = matchStatement({
          lines: built.lines,
          records: built.records,
          tolerance: { dateDays: scenario.dateDays, amount: new Money(scenario.amountTolerance) },
        });
        expect(canonical(differenceKeys(result.differences))).to.deep.equal(canonical(built.differences));
        expect(canonical(result.matches)).to.deep.equal(canonical(built.matches));
        expect(result.pending).to.deep.equal([...built.pending].sort((a, b) => a - b));
        expect(canonical(result.evidence)).to.deep.equal(canonical(built.evidence));
        expect(result.sumSearchCut).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same result, in the same order, whatever the order of the lines and records given", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const built = build(scenario);
        const tolerance = { dateDays: scenario.dateDays, amount: new Money(scenario.amountTolerance) };
        const inOrder = matchStatement({ lines: built.lines, records: built.records, tolerance });
        const reordered = matchStatement({
          lines: shuffled(built.lines, scenario.shuffleKeys),
          records: shuffled(built.records, [...scenario.shuffleKeys].reverse()),
          tolerance,
        });
        expect(plainResult(reordered)).to.deep.equal(plainResult(inOrder));
      }),
      { numRuns: 200 },
    );
  });
});
