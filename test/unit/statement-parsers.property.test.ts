import { expect } from "chai";
import fc from "fast-check";
import type { ParsedStatement } from "../../reconciliation/model.js";
import { parseCsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { StatementRefused } from "../../reconciliation/statements/errors.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";

/** One credit line of `amount` (written "123.45"), in each format, balanced by its opening and closing. */
function camtOf(amount: string): string {
  const balance = (code: string, value: string): string =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${value}</Amt>` +
    "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-07</Dt></Dt></Bal>";
  return (
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>S</Id>' +
    "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>" +
    `${balance("OPBD", "0")}${balance("CLBD", amount)}` +
    `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    "<BookgDt><Dt>2026-12-07</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>"
  );
}

function mt940Of(amount: string): string {
  const swift = amount.includes(".") ? amount.replace(".", ",") : `${amount},`;
  return [
    ":20:S",
    ":25:A",
    ":28C:1",
    ":60F:C261207EUR0,",
    `:61:261207C${swift}NTRFNONREF`,
    `:62F:C261207EUR${swift}`,
    "-",
  ].join("\n");
}

const signedMapping = parseCsvMapping(
  { delimiter: ";", decimalSeparator: ",", dateFormat: "YYYY-MM-DD", columns: { bookingDate: "d", amount: "a" } },
  "inline",
);

function csvOf(amount: string): string {
  return `d;a\n2026-12-07;${amount.replace(".", ",")}\n`;
}

function parseAll(amount: string): ParsedStatement[] {
  const csv = { mapping: signedMapping, accountNumber: "A", currency: "EUR" };
  return [camtOf(amount), mt940Of(amount), csvOf(amount)].flatMap((text) => parseStatementFile(text, { csv }));
}

/** A non-zero decimal with 0 to 6 decimal places, short enough for SWIFT's 15-character amount. */
const decimalArbitrary = fc
  .record({
    whole: fc.bigInt({ min: 0n, max: 10n ** 8n - 1n }),
    fraction: fc.nat({ max: 999_999 }),
    places: fc.nat({ max: 6 }),
  })
  .map(({ whole, fraction, places }) => ({
    text: places === 0 ? `${whole}` : `${whole}.${String(fraction % 10 ** places).padStart(places, "0")}`,
    places,
  }))
  .filter(({ text }) => /[1-9]/.test(text));

describe("statement parsers: amounts (property)", () => {
  it("read an amount written the same way in camt, MT940 and CSV as the same exact value", () => {
    fc.assert(
      fc.property(
        decimalArbitrary.filter(({ places }) => places <= 4),
        ({ text }) => {
          const values = parseAll(text).map((statement) => statement.lines[0]!.amount.toFixed(4));
          expect(values).to.deep.equal([values[0], values[0], values[0]]);
          expect(parseAll(text)[0]!.lines[0]!.amount.equals(text)).to.equal(true);
        },
      ),
    );
  });

  it("refuse an amount with more than four decimal places in every format", () => {
    fc.assert(
      fc.property(
        decimalArbitrary.filter(({ places }) => places > 4),
        ({ text }) => {
          const csv = { mapping: signedMapping, accountNumber: "A", currency: "EUR" };
          for (const file of [camtOf(text), mt940Of(text), csvOf(text)])
            expect(() => parseStatementFile(file, { csv })).to.throw(
              StatementRefused,
              "has more than 4 decimal places",
            );
        },
      ),
    );
  });
});
