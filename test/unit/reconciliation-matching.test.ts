import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import {
  compareBalances,
  matchStatement,
  MatchingInputError,
  summarize,
  type MatchInput,
} from "../../reconciliation/matching/index.js";
import type { InternalRecord, StatementLine } from "../../reconciliation/model.js";
import { SumSearch } from "../../reconciliation/matching/subset-sum.js";
import { differenceKeys, line, plainResult, record } from "../support/matching-fixtures.js";

const tolerance = { dateDays: 2, amount: new Money(0) };

function run(lines: StatementLine[], records: InternalRecord[], overrides: Partial<MatchInput> = {}) {
  return matchStatement({ lines, records, tolerance, ...overrides });
}

/** One of each discrepancy matching names, among lines and records that match by every rule. */
function seededStatement(): { lines: StatementLine[]; records: InternalRecord[] } {
  const records = [
    record("transfer:t1:debit", "debit", "100.00", { serial: "S1" }),
    record("transfer:t2:debit", "debit", "250.00", { serial: "S2", bankReference: "B2" }),
    record("entry:E3", "credit", "75.50", { reference: "INV-3" }),
    record("entry:E4", "credit", "40"),
    record("entry:E6", "debit", "61"),
    record("transfer:t7:debit", "debit", "500.00", { serial: "S7" }),
    record("transfer:t8:credit", "credit", "80", { serial: "S8" }),
    record("transfer:t10a:credit", "credit", "100", { serial: "S10a" }),
    record("transfer:t10b:credit", "credit", "200", { serial: "S10b" }),
    record("entry:E11a", "debit", "30", { bookingDate: "2026-12-02" }),
    record("entry:E11b", "debit", "60", { bookingDate: "2026-12-02" }),
    record("entry:E12", "credit", "1000"),
    record("entry:E13", "debit", "45.67"),
    record("entry:E14", "credit", "33.33"),
  ];
  const lines = [
    line(1, "debit", "100.00", { endToEndId: "S1", bankReference: "BK1" }),
    line(2, "debit", "250.00", { bankReference: "B2" }),
    line(3, "credit", "75.50", { endToEndId: "INV-3", bankReference: "BK3" }),
    line(4, "credit", "40", { endToEndId: "E4" }),
    line(5, "credit", "12.34", { bankReference: "BK5" }),
    line(6, "debit", "500.01", { endToEndId: "S7" }),
    line(7, "credit", "80", { endToEndId: "S8", bankReference: "BK7" }),
    line(8, "credit", "80", { endToEndId: "S8", bankReference: "BK8" }),
    line(9, "credit", "300", {
      bankReference: "BATCH-9",
      details: [
        { endToEndId: "S10a", amount: "100" },
        { endToEndId: "S10b", amount: "200" },
      ],
    }),
    line(10, "debit", "90", { bookingDate: "2026-12-02" }),
    line(11, "credit", "400"),
    line(12, "credit", "600"),
    line(13, "debit", "45.67", { bookingDate: "2026-12-03", valueDate: "2026-11-28" }),
    line(14, "credit", "33.33", { bookingDate: "2026-12-05" }),
    line(15, "credit", "20", { status: "pending" }),
  ];
  return { lines, records };
}

describe("reconciliation matching", () => {
  describe("a seeded statement with one of each discrepancy", () => {
    const { lines, records } = seededStatement();
    const result = run(lines, records);

    it("matches every pair by the rule that should take it, with its day shift", () => {
      expect(result.matches).to.deep.equal([
        { rule: "serial", lines: [1], records: ["transfer:t1:debit"], dayShift: 0 },
        { rule: "bankReference", lines: [2], records: ["transfer:t2:debit"], dayShift: 0 },
        { rule: "entryReference", lines: [3], records: ["entry:E3"], dayShift: 0 },
        { rule: "entryReference", lines: [4], records: ["entry:E4"], dayShift: 0 },
        { rule: "serial", lines: [7], records: ["transfer:t8:credit"], dayShift: 0 },
        { rule: "batchDetails", lines: [9], records: ["transfer:t10a:credit", "transfer:t10b:credit"], dayShift: 0 },
        { rule: "batchSum", lines: [10], records: ["entry:E11a", "entry:E11b"], dayShift: 0 },
        { rule: "splitSum", lines: [11, 12], records: ["entry:E12"], dayShift: 0 },
        { rule: "amountAndDate", lines: [13], records: ["entry:E13"], dayShift: 2 },
      ]);
    });

    it("finds exactly the discrepancies, classified, with statement-minus-engine amounts", () => {
      expect(differenceKeys(result.differences)).to.deep.equal([
        // Record order: booking date, then record id in code-unit order ("entry:E14" before "entry:E6").
        { class: "missingAtBank", lines: [], records: ["entry:E14"], amount: "-33.3300" },
        { class: "missingAtBank", lines: [], records: ["entry:E6"], amount: "61.0000" },
        { class: "missingInEngine", lines: [5], records: [], amount: "12.3400" },
        { class: "missingInEngine", lines: [14], records: [], amount: "33.3300" },
        { class: "amountDiffers", lines: [6], records: ["transfer:t7:debit"], amount: "-0.0100" },
        { class: "duplicate", lines: [8], records: ["transfer:t8:credit"], amount: "80.0000" },
      ]);
    });

    it("lists the pending line without matching it, and gives no evidence when every record is booked", () => {
      expect(result.pending).to.deep.equal([15]);
      expect(result.evidence).to.deep.equal([]);
      expect(result.sumSearchCut).to.equal(false);
    });

    it("says in each difference's detail which line or record it is about", () => {
      const details = result.differences.map((difference) => difference.detail);
      expect(details[1]).to.contain("entry:E6");
      expect(details[2]).to.contain("line 5");
      expect(details[4]).to.contain("line 6").and.contain("transfer:t7:debit").and.contain("serial");
      expect(details[5]).to.contain("line 8").and.contain("already paired");
    });

    it("gives the same result whatever the order of the lines and records given", () => {
      const shuffled = run([...lines].reverse(), [records[5]!, ...records.slice(6).reverse(), ...records.slice(0, 5)]);
      expect(plainResult(shuffled)).to.deep.equal(plainResult(result));
    });

    it("summarizes matches by rule and differences by class", () => {
      const summary = summarize(result);
      expect(summary.matchesByRule).to.deep.equal({
        serial: 2,
        bankReference: 1,
        entryReference: 2,
        batchDetails: 1,
        amountAndDate: 1,
        batchSum: 1,
        splitSum: 1,
      });
      expect(summary.differencesByClass).to.deep.equal({
        missingAtBank: 2,
        missingInEngine: 2,
        amountDiffers: 1,
        duplicate: 1,
        openingBalanceDiffers: 0,
        closingBalanceDiffers: 0,
      });
      expect([summary.linesMatched, summary.recordsMatched, summary.pending]).to.deep.equal([10, 11, 1]);
    });
  });

  describe("key rules", () => {
    it("prefers the serial to the bank reference when a line carries both naming different records", () => {
      const result = run(
        [line(1, "debit", "10", { endToEndId: "S1", bankReference: "B2" })],
        [
          record("transfer:a:debit", "debit", "10", { serial: "S1" }),
          record("transfer:b:debit", "debit", "10", { bankReference: "B2" }),
        ],
      );
      expect(result.matches).to.deep.equal([
        { rule: "serial", lines: [1], records: ["transfer:a:debit"], dayShift: 0 },
      ]);
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "missingAtBank", lines: [], records: ["transfer:b:debit"], amount: "10.0000" },
      ]);
    });

    it("matches by a single detail's end-to-end id and ignores the dates of a key match", () => {
      const result = run(
        [line(1, "credit", "5", { bookingDate: "2026-12-20", details: [{ endToEndId: "S9" }] })],
        [record("transfer:a:credit", "credit", "5", { serial: "S9" })],
      );
      expect(result.matches).to.deep.equal([
        { rule: "serial", lines: [1], records: ["transfer:a:credit"], dayShift: 19 },
      ]);
    });

    it("reports a key match in the other direction as amountDiffers", () => {
      const result = run(
        [line(1, "credit", "10", { endToEndId: "S1" })],
        [record("transfer:a:debit", "debit", "10", { serial: "S1" })],
      );
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "amountDiffers", lines: [1], records: ["transfer:a:debit"], amount: "20.0000" },
      ]);
    });

    it("keeps the line that agrees in amount when two lines name the same record", () => {
      const result = run(
        [line(1, "debit", "9", { endToEndId: "S1" }), line(2, "debit", "10", { endToEndId: "S1" })],
        [record("transfer:a:debit", "debit", "10", { serial: "S1" })],
      );
      expect(result.matches.map((match) => match.lines)).to.deep.equal([[2]]);
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "duplicate", lines: [1], records: ["transfer:a:debit"], amount: "-9.0000" },
      ]);
    });

    it("accepts a key match within the amount tolerance", () => {
      const result = run(
        [line(1, "debit", "10.004", { endToEndId: "S1" })],
        [record("transfer:a:debit", "debit", "10", { serial: "S1" })],
        { tolerance: { dateDays: 2, amount: new Money("0.005") } },
      );
      expect(result.matches.map((match) => match.rule)).to.deep.equal(["serial"]);
      expect(result.differences).to.deep.equal([]);
    });

    it("reports a second booked line with an earlier line's bank reference as a duplicate", () => {
      const result = run(
        [line(1, "credit", "7", { bankReference: "X" }), line(2, "credit", "7", { bankReference: "X" })],
        [record("entry:E1", "credit", "7")],
      );
      expect(result.matches).to.deep.equal([{ rule: "amountAndDate", lines: [1], records: ["entry:E1"], dayShift: 0 }]);
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "duplicate", lines: [2], records: [], amount: "7.0000" },
      ]);
    });

    it("matches entries sharing one reference by the one whose amount agrees", () => {
      const result = run(
        [line(1, "credit", "30", { endToEndId: "INV" }), line(2, "credit", "70", { endToEndId: "INV" })],
        [
          record("entry:A", "credit", "70", { reference: "INV" }),
          record("entry:B", "credit", "30", { reference: "INV" }),
        ],
      );
      expect(result.matches).to.deep.equal([
        { rule: "entryReference", lines: [1], records: ["entry:B"], dayShift: 0 },
        { rule: "entryReference", lines: [2], records: ["entry:A"], dayShift: 0 },
      ]);
    });
  });

  describe("sum rules by key", () => {
    it("matches one line against the entries sharing its reference as batchSum, whatever their dates", () => {
      const result = run(
        [line(1, "debit", "75", { endToEndId: "PAYRUN" })],
        [
          record("entry:A", "debit", "50", { reference: "PAYRUN", bookingDate: "2026-11-20" }),
          record("entry:B", "debit", "25", { reference: "PAYRUN" }),
        ],
      );
      expect(result.matches).to.deep.equal([
        { rule: "batchSum", lines: [1], records: ["entry:A", "entry:B"], dayShift: 11 },
      ]);
      expect(result.differences).to.deep.equal([]);
    });

    it("matches the lines paying one entry in parts under its reference as splitSum", () => {
      const result = run(
        [line(1, "credit", "600", { endToEndId: "INV-7" }), line(2, "credit", "400", { endToEndId: "INV-7" })],
        [record("entry:E7", "credit", "1000", { reference: "INV-7" })],
      );
      expect(result.matches).to.deep.equal([{ rule: "splitSum", lines: [1, 2], records: ["entry:E7"], dayShift: 0 }]);
      expect(result.differences).to.deep.equal([]);
    });

    it("reports parts that do not add up as amountDiffers for the first line and duplicate for the next", () => {
      const result = run(
        [line(1, "credit", "600", { endToEndId: "INV-7" }), line(2, "credit", "300", { endToEndId: "INV-7" })],
        [record("entry:E7", "credit", "1000", { reference: "INV-7" })],
      );
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "amountDiffers", lines: [1], records: ["entry:E7"], amount: "-400.0000" },
        { class: "duplicate", lines: [2], records: ["entry:E7"], amount: "300.0000" },
      ]);
    });

    it("reports a batch line whose details do not add up to their records as amountDiffers", () => {
      const result = run(
        [line(1, "debit", "30", { details: [{ endToEndId: "S1" }, { endToEndId: "S2" }] })],
        [
          record("transfer:a:debit", "debit", "10", { serial: "S1" }),
          record("transfer:b:debit", "debit", "21", { serial: "S2" }),
        ],
      );
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "amountDiffers", lines: [1], records: ["transfer:a:debit", "transfer:b:debit"], amount: "1.0000" },
      ]);
    });

    it("reports a batch line whose details name one record another line took and one open as amountDiffers", () => {
      const result = run(
        [
          line(1, "debit", "10", { endToEndId: "S1" }),
          line(2, "debit", "31", { details: [{ endToEndId: "S1" }, { endToEndId: "S2" }] }),
        ],
        [
          record("transfer:a:debit", "debit", "10", { serial: "S1" }),
          record("transfer:b:debit", "debit", "21", { serial: "S2" }),
        ],
      );
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "amountDiffers", lines: [2], records: ["transfer:b:debit"], amount: "-10.0000" },
      ]);
    });

    it("matches a batch line with the records left open when they agree with it, by its rule", () => {
      const result = run(
        [
          line(1, "debit", "10", { endToEndId: "S1" }),
          line(2, "debit", "21", { details: [{ endToEndId: "S1" }, { endToEndId: "S2" }] }),
        ],
        [
          record("transfer:a:debit", "debit", "10", { serial: "S1" }),
          record("transfer:b:debit", "debit", "21", { serial: "S2" }),
        ],
      );
      expect(result.matches).to.deep.equal([
        { rule: "serial", lines: [1], records: ["transfer:a:debit"], dayShift: 0 },
        { rule: "batchDetails", lines: [2], records: ["transfer:b:debit"], dayShift: 0 },
      ]);
      expect(result.differences).to.deep.equal([]);
    });
  });

  describe("sum rules by date", () => {
    it("takes the fewest members that add up when several subsets would", () => {
      const result = run(
        [line(1, "credit", "60")],
        ["10", "20", "30", "50"].map((amount) => record(`entry:E${amount}`, "credit", amount)),
      );
      expect(result.matches).to.deep.equal([
        { rule: "batchSum", lines: [1], records: ["entry:E10", "entry:E50"], dayShift: 0 },
      ]);
    });

    it("leaves records outside the date window out of a sum", () => {
      const result = run(
        [line(1, "credit", "30")],
        [record("entry:A", "credit", "10"), record("entry:B", "credit", "20", { bookingDate: "2026-12-04" })],
      );
      expect(result.matches).to.deep.equal([]);
    });
  });

  describe("the bounded sum search", () => {
    const evens = Array.from({ length: 20 }, (_, i) => BigInt(1000 + 2 * i));

    it("answers the fewest members first, then the largest amounts first", () => {
      const search = new SumSearch();
      expect(search.find([10n, 20n, 30n, 40n, 50n], 60n)).to.deep.equal([0, 4]);
      expect(search.find([5n, 5n, 5n, 5n], 15n)).to.deep.equal([0, 1, 2]);
      expect(search.find([1n, 2n, 3n, 4n, 5n, 6n, 7n], 100n)).to.equal(undefined);
      expect(search.cut).to.equal(false);
    });

    it("says it was cut when a search runs into its bound, and answers nothing", () => {
      // Even amounts never make an odd one: the search has to look at every subset its pruning leaves.
      const search = new SumSearch({ stepsPerSearchMax: 100, stepsPerRunMax: 1_000_000 });
      expect(search.find(evens, 6115n)).to.equal(undefined);
      expect(search.cut).to.equal(true);
    });

    it("stops searching once the run's steps are spent", () => {
      const search = new SumSearch({ stepsPerSearchMax: 10_000, stepsPerRunMax: 10_000 });
      expect(search.find(evens, 6115n)).to.equal(undefined);
      expect(search.cut).to.equal(false);
      expect(search.find(evens, 6115n)).to.equal(undefined);
      expect(search.find([1n, 2n], 3n)).to.equal(undefined);
      expect(search.cut).to.equal(true);
    });
  });

  describe("amount and date", () => {
    it("pairs the nearest dates first, then by line order", () => {
      const result = run(
        [
          line(1, "credit", "10", { bookingDate: "2026-12-02" }),
          line(2, "credit", "10", { bookingDate: "2026-12-03" }),
        ],
        [
          record("entry:A", "credit", "10", { bookingDate: "2026-12-01" }),
          record("entry:B", "credit", "10", { bookingDate: "2026-12-03" }),
        ],
      );
      expect(result.matches).to.deep.equal([
        { rule: "amountAndDate", lines: [1], records: ["entry:A"], dayShift: 1 },
        { rule: "amountAndDate", lines: [2], records: ["entry:B"], dayShift: 0 },
      ]);
    });

    it("pairs amounts within the tolerance, the nearest date before the nearest amount", () => {
      const result = run(
        [line(1, "debit", "100.00")],
        [record("entry:A", "debit", "100.00", { bookingDate: "2026-12-02" }), record("entry:B", "debit", "100.01")],
        { tolerance: { dateDays: 2, amount: new Money("0.01") } },
      );
      expect(result.matches).to.deep.equal([{ rule: "amountAndDate", lines: [1], records: ["entry:B"], dayShift: 0 }]);
    });

    it("does not pair a record a pending line names with another line of its amount", () => {
      const result = run(
        [line(1, "debit", "10", { endToEndId: "S1", status: "pending" }), line(2, "debit", "10")],
        [record("transfer:a:debit", "debit", "10", { serial: "S1" })],
      );
      expect(result.matches).to.deep.equal([]);
      expect(result.pending).to.deep.equal([1]);
      expect(differenceKeys(result.differences).map((difference) => difference.class)).to.deep.equal([
        "missingAtBank",
        "missingInEngine",
      ]);
    });
  });

  describe("evidence", () => {
    it("gives a record not booked yet, matched by serial, as evidence and no difference", () => {
      const result = run(
        [line(1, "debit", "10", { endToEndId: "S1", bankReference: "BANK-1" })],
        [record("transfer:a:debit", "debit", "10", { serial: "S1", booked: false })],
      );
      expect(result.matches).to.deep.equal([
        { rule: "serial", lines: [1], records: ["transfer:a:debit"], dayShift: 0 },
      ]);
      expect(result.evidence).to.deep.equal([{ line: 1, recordId: "transfer:a:debit", rule: "serial" }]);
      expect(result.differences).to.deep.equal([]);
    });

    it("reports nothing for a record not booked yet that no line names", () => {
      const result = run([], [record("transfer:a:debit", "debit", "10", { serial: "S1", booked: false })]);
      expect(result).to.deep.equal({ matches: [], differences: [], pending: [], evidence: [], sumSearchCut: false });
    });

    it("never pairs a record not booked yet by amount alone", () => {
      const result = run([line(1, "debit", "10")], [record("transfer:a:debit", "debit", "10", { booked: false })]);
      expect(result.matches).to.deep.equal([]);
      expect(differenceKeys(result.differences)).to.deep.equal([
        { class: "missingInEngine", lines: [1], records: [], amount: "-10.0000" },
      ]);
    });
  });

  describe("refusals", () => {
    const refusals: [string, () => unknown, string][] = [
      ["a line number twice", () => run([line(3, "debit", "1"), line(3, "debit", "2")], []), "line 3 (Ntry[3])"],
      ["a malformed date", () => run([line(1, "debit", "1", { bookingDate: "2026-02-30" })], []), "2026-02-30"],
      ["a negative amount", () => run([], [record("entry:A", "debit", "-1")]), "record entry:A: amount"],
      [
        "a record id twice",
        () =>
          run([], [record("entry:A", "debit", "1"), record("entry:A", "debit", "1", { bookingDate: "2026-12-03" })]),
        "entry:A",
      ],
      [
        "a fractional date tolerance",
        () => run([], [], { tolerance: { dateDays: 1.5, amount: new Money(0) } }),
        "dateDays",
      ],
      [
        "a negative amount tolerance",
        () => run([], [], { tolerance: { dateDays: 1, amount: new Money(-1) } }),
        "tolerance.amount",
      ],
    ];
    for (const [name, call, place] of refusals) {
      it(`refuses ${name}, naming ${place}`, () => {
        expect(call).to.throw(MatchingInputError, place);
      });
    }
  });

  describe("balances", () => {
    it("reports the opening and closing balances that differ, stated minus engine", () => {
      const found = compareBalances({
        opening: { amount: new Money("100.00"), date: "2026-11-30" },
        closing: { amount: new Money("-20.50"), date: "2026-12-01" },
        ledgerAtOpening: new Money("90"),
        ledgerAtClosing: new Money("-20"),
      });
      expect(differenceKeys(found)).to.deep.equal([
        { class: "openingBalanceDiffers", lines: [], records: [], amount: "10.0000" },
        { class: "closingBalanceDiffers", lines: [], records: [], amount: "-0.5000" },
      ]);
    });

    it("reports nothing for balances that agree or are not known on one side", () => {
      const found = compareBalances({
        opening: { amount: new Money("100.00"), date: "2026-11-30" },
        closing: { amount: new Money("5"), date: "2026-12-01" },
        ledgerAtOpening: new Money("100"),
        ledgerAtClosing: undefined,
      });
      expect(found).to.deep.equal([]);
    });
  });
});
