import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { MemoryStatementLineStore } from "../../adapters/memory/memory-statement-lines.js";
import type { StatementLine } from "../../reconciliation/model.js";
import type { JsonObject } from "../../runtime/json.js";
import { linesPerChunk, StatementLinesIncomplete } from "../../reconciliation/statements/line-chunks.js";
import {
  decodeStatementLine,
  encodeStatementLine,
  StatementLineInvalid,
} from "../../reconciliation/statements/line-codec.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";
import { plainStatement, statementFixture } from "../support/statement-fixtures.js";

const digest = "a".repeat(64);

/** `count` booked credit lines numbered from 1, each with a detail, amounts 1.0001, 2.0002, ... */
function lines(count: number): StatementLine[] {
  return Array.from({ length: count }, (_, index) => ({
    lineNo: index + 1,
    direction: "credit" as const,
    amount: new Money(index + 1).plus(new Money(index + 1).dividedBy(10_000)),
    status: "booked" as const,
    bookingDate: "2026-12-07",
    valueDate: "2026-12-08",
    bankReference: `BR-${index + 1}`,
    endToEndId: undefined,
    code: "NTRF",
    details: [{ amount: undefined, endToEndId: `E2E-${index + 1}`, bankReference: undefined, remittance: "rent" }],
    place: `line ${index + 1}`,
  }));
}

const plainLines = (list: readonly StatementLine[]) =>
  plainStatement({
    format: "csv",
    statementId: "S",
    sequence: undefined,
    accountNumber: "A",
    bankCode: undefined,
    currency: "EUR",
    createdAt: undefined,
    fromDate: "2026-12-07",
    toDate: "2026-12-07",
    opening: undefined,
    closing: undefined,
    lines: list,
  }).lines;

describe("statement lines: the JSON codec and the line store", () => {
  it("round-trips every line of the fixtures through JSON exactly, absent fields left out", () => {
    const parsed = [
      ...parseStatementFile(statementFixture("camt053-two-statements.xml")),
      ...parseStatementFile(statementFixture("mt940-two-messages.sta")),
    ].flatMap((statement) => statement.lines);
    const decoded = parsed.map((line) =>
      decodeStatementLine(JSON.parse(JSON.stringify(encodeStatementLine(line))), "line"),
    );
    expect(plainLines(decoded)).to.deep.equal(plainLines(parsed));
    const json = encodeStatementLine(lines(1)[0]!);
    expect(json).to.deep.equal({
      lineNo: 1,
      direction: "credit",
      amount: "1.0001",
      status: "booked",
      bookingDate: "2026-12-07",
      valueDate: "2026-12-08",
      bankReference: "BR-1",
      code: "NTRF",
      details: [{ endToEndId: "E2E-1", remittance: "rent" }],
      place: "line 1",
    });
  });

  it("decodes strictly: an unknown field, a number for an amount, or a date that is no day is refused by name", () => {
    const json = encodeStatementLine(lines(1)[0]!);
    const changes: ReadonlyArray<readonly [JsonObject, RegExp]> = [
      [{ extra: 1 }, /unknown field "extra"/],
      [{ amount: 1.0001 }, /amount must be a decimal string with four places/],
      [{ amount: "1.00010" }, /amount must be a decimal string with four places/],
      [{ bookingDate: "2026-02-30" }, /bookingDate must be a date YYYY-MM-DD/],
      [{ direction: "up" }, /direction must be credit or debit/],
      [{ details: [{ amount: "x" }] }, /details\[0\]: amount must be/],
      [{ lineNo: 0 }, /lineNo must be a positive integer/],
    ];
    for (const [change, message] of changes)
      expect(() => decodeStatementLine({ ...json, ...change }, "chunk 0 lines[0]")).to.throw(
        StatementLineInvalid,
        message,
      );
  });

  it("stores lines in chunks and reads them back whole, in order; writing them again changes nothing", async () => {
    const store = new MemoryStatementLineStore();
    const written = lines(2 * linesPerChunk + 7);
    await store.putLines(digest, written);
    await store.putLines(digest, written);
    expect(plainLines(await store.lines(digest, written.length))).to.deep.equal(plainLines(written));
    expect(await store.lines("b".repeat(64), 0)).to.deep.equal([]);
  });

  it("refuses to read a version whose chunks are missing or whose count is not the registered one", async () => {
    const store = new MemoryStatementLineStore();
    const written = lines(linesPerChunk + 1);
    await store.putLines(digest, written);
    for (const [count, message] of [
      [linesPerChunk + 2, /chunk 1 holds 1 lines, not 2/],
      [linesPerChunk, /2 chunks stored for 1000 lines/],
      [2 * linesPerChunk + 1, /chunk 1 holds 1 lines, not 1000/],
    ] as const)
      await store.lines(digest, count).then(
        () => expect.fail(`read ${count} lines`),
        (error: unknown) =>
          expect(error).to.be.instanceOf(StatementLinesIncomplete).with.property("message").match(message),
      );
    store.dropChunk(digest, 0);
    await store.lines(digest, written.length).then(
      () => expect.fail("read a version without its first chunk"),
      (error: unknown) => expect((error as Error).message).to.match(/chunk 0 of 2 is missing/),
    );
  });

  it("refuses to store lines that are not numbered from 1 in order", async () => {
    const store = new MemoryStatementLineStore();
    const [one, two] = lines(2);
    await store.putLines(digest, [two!, one!]).then(
      () => expect.fail("stored lines out of order"),
      (error: unknown) => expect((error as Error).message).to.match(/numbered from 1 in order/),
    );
  });
});
