import { createHash } from "node:crypto";
import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import type { ParsedStatement } from "../../reconciliation/model.js";
import { canonicalStatement, statementDigest } from "../../reconciliation/statements/canonical.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";
import { statementFixture } from "../support/statement-fixtures.js";

/** The same camt document written another way: no indentation, every element under a namespace prefix. */
function rewritten(xml: string): string {
  return xml
    .replace(/>\s+</g, "><")
    .replace(/<(\/?)([A-Za-z][\w]*)/g, "<$1c:$2")
    .replace('xmlns="urn:', 'xmlns:c="urn:');
}

const statements = (text: string): ParsedStatement[] => parseStatementFile(text);
const digests = (text: string): string[] => statements(text).map(statementDigest);

describe("statement canonical form and digest", () => {
  const camt = statementFixture("camt053-two-statements.xml");

  it("leaves out when the bank made the file: the same day exported twice is one version", () => {
    const [first] = parseStatementFile(camt);
    const [again] = parseStatementFile(
      camt.replaceAll(/<CreDtTm>[^<]*<\/CreDtTm>/g, "<CreDtTm>2031-01-01T00:00:00Z</CreDtTm>"),
    );
    expect(again!.createdAt).to.not.equal(first!.createdAt);
    expect(statementDigest(again!)).to.equal(statementDigest(first!));
  });

  it("writes sorted keys, amounts with four places, and leaves out absent fields and places in the file", () => {
    const statement: ParsedStatement = {
      format: "csv",
      statementId: "S",
      sequence: undefined,
      accountNumber: "A",
      bankCode: undefined,
      currency: "EUR",
      createdAt: undefined,
      fromDate: "2026-12-07",
      toDate: "2026-12-07",
      opening: { amount: new Money("-0"), date: "2026-12-07" },
      closing: { amount: new Money("12.5"), date: "2026-12-07" },
      lines: [
        {
          lineNo: 1,
          direction: "credit",
          amount: new Money("12.5"),
          status: "booked",
          bookingDate: "2026-12-07",
          valueDate: "2026-12-07",
          bankReference: "R",
          endToEndId: undefined,
          code: undefined,
          details: [{ amount: undefined, endToEndId: "E", bankReference: undefined, remittance: undefined }],
          place: "line 2",
        },
      ],
    };
    expect(canonicalStatement(statement)).to.equal(
      '{"accountNumber":"A","closing":{"amount":"12.5000","date":"2026-12-07"},"currency":"EUR",' +
        '"format":"csv","fromDate":"2026-12-07","lines":[{"amount":"12.5000","bankReference":"R",' +
        '"bookingDate":"2026-12-07","details":[{"endToEndId":"E"}],"direction":"credit","lineNo":1,' +
        '"status":"booked","valueDate":"2026-12-07"}],"opening":{"amount":"0.0000","date":"2026-12-07"},' +
        '"statementId":"S","toDate":"2026-12-07"}',
    );
    expect(statementDigest(statement)).to.equal(
      createHash("sha256").update(canonicalStatement(statement)).digest("hex"),
    );
  });

  it("gives the same digest to the same statements written in another layout", () => {
    const again = rewritten(camt);
    expect(again).to.not.equal(camt);
    expect(digests(again)).to.deep.equal(digests(camt));
  });

  it("gives the same digest to an amount written with fewer decimals", () => {
    const fewer = camt.replace('<Amt Ccy="EUR">250.00</Amt>', '<Amt Ccy="EUR">250</Amt>');
    expect(fewer).to.not.equal(camt);
    expect(digests(fewer)).to.deep.equal(digests(camt));
  });

  it("gives another digest when a line changes, and only to its statement", () => {
    const [first, second] = digests(camt);
    const changedReference = digests(
      camt.replace("<EndToEndId>SER-1001</EndToEndId>", "<EndToEndId>SER-1002</EndToEndId>"),
    );
    expect(changedReference[0]).to.not.equal(first);
    expect(changedReference[1]).to.equal(second);
    const changedAmount = digests(
      camt
        .replace('<Amt Ccy="EUR">80.00</Amt>', '<Amt Ccy="EUR">80.01</Amt>')
        .replace('<Amt Ccy="EUR">19.75</Amt>', '<Amt Ccy="EUR">19.76</Amt>'),
    );
    expect(changedAmount).to.deep.equal([first, changedAmount[1]]);
    expect(changedAmount[1]).to.not.equal(second);
  });

  it("is 64 hex characters", () => {
    for (const digest of digests(camt)) expect(digest).to.match(/^[0-9a-f]{64}$/);
  });
});
