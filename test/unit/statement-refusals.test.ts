import { expect } from "chai";
import { CsvMappingInvalid, StatementRefused } from "../../reconciliation/statements/errors.js";
import { parseCsvMapping, type CsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { parseStatementFile, type ParseStatementOptions } from "../../reconciliation/statements/parse-statement.js";
import { statementFixture } from "../support/statement-fixtures.js";

/** The refusal a parse ends in: place and reason, or a failure when the file is accepted. */
function refusal(text: string, options?: ParseStatementOptions): { place: string; reason: string } {
  try {
    parseStatementFile(text, options);
  } catch (error) {
    if (!(error instanceof StatementRefused)) throw error;
    expect(error.message).to.equal(`${error.place}: ${error.reason}`);
    return { place: error.place, reason: error.reason };
  }
  expect.fail("the file was accepted");
}

const entry = (amount = "25.00", extra = ""): string =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
  `<BookgDt><Dt>2026-12-07</Dt></BookgDt>${extra}</Ntry>`;
const balance = (code: string, amount: string): string =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount}</Amt>` +
  "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-07</Dt></Dt></Bal>";
/** A camt.053 document of one statement whose body (after Acct) is `body`. */
const camt = (body: string, account = "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>"): string =>
  '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' +
  `<Stmt><Id>S-1</Id>${account}${body}</Stmt></BkToCstmrStmt></Document>`;

describe("statement refusals: camt", () => {
  it("refuses a truncated document at its end, naming the elements left open", () => {
    expect(refusal(statementFixture("camt053-truncated.xml"))).to.deep.equal({
      place: "line 40 (end of file)",
      reason: "the XML ends inside Document/BkToCstmrStmt/Stmt/Ntry: the file is truncated",
    });
  });

  it("refuses a document in another namespace", () => {
    expect(refusal(statementFixture("camt-wrong-namespace.xml"))).to.deep.equal({
      place: "Document",
      reason:
        'wrong namespace: "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"; expected camt.053 or camt.052 ' +
        "(urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN or camt.052.001.NN)",
    });
  });

  it("refuses a bad amount and a bad date at their element, even in a later statement", () => {
    expect(refusal(statementFixture("camt053-bad-amount.xml"))).to.deep.equal({
      place: "Stmt[2]/Ntry[1]/Amt",
      reason: '"25,00" is not an amount',
    });
    expect(refusal(statementFixture("camt053-bad-date.xml"))).to.deep.equal({
      place: "Stmt[2]/Ntry[2]/BookgDt/Dt",
      reason: '"2026-02-30" is not a date (YYYY-MM-DD)',
    });
  });

  it("refuses the whole file when one statement's booked lines do not lead from opening to closing", () => {
    expect(refusal(statementFixture("camt053-unbalanced.xml"))).to.deep.equal({
      place: "Stmt[2] (id S-2)",
      reason: "opening 100.00 + booked lines 25.00 ≠ closing 130.00",
    });
  });

  it("refuses more than four decimal places, a zero line and an amount in another currency", () => {
    expect(refusal(camt(entry("12.34567")))).to.deep.equal({
      place: "Stmt[1]/Ntry[1]/Amt",
      reason: '"12.34567" has more than 4 decimal places',
    });
    expect(refusal(camt(entry("0.00")))).to.deep.equal({
      place: "Stmt[1]/Ntry[1]/Amt",
      reason: '"0.00": a line\'s amount must be more than zero',
    });
    expect(refusal(camt(entry().replace('Ccy="EUR"', 'Ccy="USD"')))).to.deep.equal({
      place: "Stmt[1]/Ntry[1]/Amt",
      reason: 'currency "USD" is not the account\'s EUR',
    });
  });

  it("refuses what a camt statement must not lack or hold", () => {
    const cases: [string, string, string][] = [
      [camt(entry(), ""), "Stmt[1]/Acct", "missing"],
      [camt(entry().replace("CRDT", "CRED")), "Stmt[1]/Ntry[1]/CdtDbtInd", '"CRED" is neither CRDT nor DBIT'],
      [
        camt(entry().replace("BOOK", "XXXX")),
        "Stmt[1]/Ntry[1]/Sts",
        '"XXXX" is not an entry status (BOOK, PDNG, INFO or FUTR)',
      ],
      [camt(entry().replace(/<BookgDt>.*<\/BookgDt>/, "")), "Stmt[1]/Ntry[1]/BookgDt", "missing"],
      [camt(balance("OPBD", "1") + balance("OPBD", "2")), "Stmt[1]/Bal[2]", "a second OPBD balance in one statement"],
      [
        camt(entry("1", "<AcctSvcrRef>A</AcctSvcrRef><AcctSvcrRef>B</AcctSvcrRef>")),
        "Stmt[1]/Ntry[1]/AcctSvcrRef",
        "appears 2 times where once is allowed",
      ],
      [camt("").replace("<Stmt><Id>S-1</Id>", "<Stmt>"), "Stmt[1]/Id", "missing"],
    ];
    for (const [text, place, reason] of cases) expect(refusal(text), place).to.deep.equal({ place, reason });
  });

  it("refuses XML that is not one ISO 20022 document: a DOCTYPE, two roots, another root, broken tags", () => {
    expect(refusal(`<!DOCTYPE d [<!ENTITY x "y">]>${camt(entry())}`)).to.deep.equal({
      place: "Document",
      reason: "a DOCTYPE is not allowed in a statement",
    });
    expect(refusal(`${camt(entry())}<Document/>`).reason).to.equal("the XML must have exactly one root element");
    expect(refusal("<Statement/>")).to.deep.equal({
      place: "Statement",
      reason: "the root element must be Document (an ISO 20022 message)",
    });
    expect(refusal("<Document>\n<Stmt></Ntry></Document>")).to.deep.include({ place: "line 2 column 7" });
    expect(refusal(camt(entry("1", "<__proto__><x>1</x></__proto__>")))).to.deep.include({ place: "Document" });
  });
});

describe("statement refusals: MT940", () => {
  const message = (lines: string[]): string => [":20:REF", ":25:ACC-1", ":28C:1/1", ...lines, "-"].join("\r\n");

  it("refuses a message that reaches another field where its closing balance belongs", () => {
    expect(refusal(statementFixture("mt940-missing-closing.sta"))).to.deep.equal({
      place: "line 7 (:64:)",
      reason: "expected :62F: or :62M: (the closing balance) here",
    });
  });

  it("refuses a message that ends without its closing balance, naming the message", () => {
    expect(refusal(message([":60F:C261207EUR1,00"]))).to.deep.equal({
      place: "message at line 1",
      reason: "ends without :62F: or :62M: (the closing balance)",
    });
  });

  it("refuses bad fields at their line", () => {
    const cases: [string[], string, string][] = [
      [[":60F:C261307EUR1,00"], "line 4 (:60F:)", '"261307" is not a date (YYMMDD)'],
      [[":60F:C261207EUR1.00"], "line 4 (:60F:)", '"1.00" is not a SWIFT amount (digits and a decimal comma)'],
      [[":60F:C261207EUR1,12345"], "line 4 (:60F:)", '"1.12345" has more than 4 decimal places'],
      [
        [":60F:C261207EUR1,00", ":61:261207X1,00NTRFREF"],
        "line 5 (:61:)",
        '"261207X1,00NTRFREF" is not a statement line (YYMMDD[MMDD] C|D|RC|RD amount type reference[//bank reference])',
      ],
      [
        [":60F:C261207EUR1,00", ":61:261207C1,00NTRFREFERENCE-IS-TOO-LONG"],
        "line 5 (:61:)",
        'customer reference "REFERENCE-IS-TOO-LONG" must be 1 to 16 characters (NONREF when none)',
      ],
      [
        [":60F:C261207EUR1,00", ":61:261207C0,NTRFREF"],
        "line 5 (:61:)",
        '"0,": a line\'s amount must be more than zero',
      ],
      [[":60F:C261207EUR1,00", ":61:2612070230C1,00NTRFREF"], "line 5 (:61:)", '"0230" is not an entry date (MMDD)'],
      [[":60F:C261207EUR1,00", ":62F:C261207USD1,00"], "line 5 (:62F:)", "currency USD is not the statement's EUR"],
      [
        [":60F:C261207EUR1,00", ":62F:C261207EUR1,00", ":61:261207C1,00NTRFREF"],
        "line 6 (:61:)",
        ":61: is not expected here",
      ],
    ];
    for (const [lines, place, reason] of cases) expect(refusal(message(lines)), place).to.deep.equal({ place, reason });
  });

  it("refuses text before any field, and a statement whose lines do not lead to its closing balance", () => {
    expect(refusal("HEADER\r\n:20:REF\r\n")).to.deep.equal({
      place: "line 1",
      reason: '"HEADER" is outside any field',
    });
    const unbalanced = message([":60F:C261207EUR100,00", ":61:261207C25,00NTRFNONREF", ":62F:C261207EUR130,00"]);
    expect(refusal(unbalanced)).to.deep.equal({
      place: "message at line 1 (id REF/1/1)",
      reason: "opening 100.00 + booked lines 25.00 ≠ closing 130.00",
    });
  });
});

describe("statement refusals: CSV", () => {
  const mapping = parseCsvMapping(statementFixture("bank-de.mapping.json"), "bank-de.mapping.json");
  const options = (chosen: CsvMapping = mapping): ParseStatementOptions => ({
    csv: { mapping: chosen, accountNumber: "DE89370400440532013000", currency: "EUR" },
  });
  const header = statementFixture("bank-de.csv").split("\n")[0]!;
  const row = (
    cells: Partial<Record<"date" | "amount" | "side" | "status" | "currency" | "balance", string>>,
  ): string =>
    [
      cells.date ?? "07.12.2026",
      "",
      cells.amount ?? "1,00",
      cells.side ?? "H",
      cells.status ?? "gebucht",
      "",
      "",
      cells.currency ?? "EUR",
      cells.balance ?? "1,00",
      "",
    ].join(";");

  it("refuses a mapping column the header does not have, and a row missing a field", () => {
    const unknownColumn = parseCsvMapping(statementFixture("bank-de-unknown-column.mapping.json"), "m.json");
    expect(refusal(statementFixture("bank-de.csv"), options(unknownColumn))).to.deep.equal({
      place: "line 1",
      reason:
        'the mapping\'s amount column "Amount" is not in the header ("Buchungstag", "Valuta", "Betrag", ' +
        '"Soll/Haben", "Status", "Bankreferenz", "Kundenreferenz", "Waehrung", "Saldo", "Verwendungszweck")',
    });
    expect(refusal(statementFixture("bank-de-missing-field.csv"), options())).to.deep.equal({
      place: "line 3",
      reason: "9 fields where the header has 10",
    });
  });

  it("refuses bad cells at their line and column", () => {
    const cases: [string, string, string][] = [
      [
        row({ amount: "1.234,56" }),
        'line 2 column "Betrag"',
        '"1.234,56" is not an amount (the decimal separator is ",")',
      ],
      [
        row({ amount: "-1,00" }),
        'line 2 column "Betrag"',
        '"-1,00" is signed, but the direction column gives the direction',
      ],
      [row({ amount: "" }), 'line 2 column "Betrag"', "empty"],
      [row({ side: "X" }), 'line 2 column "Soll/Haben"', '"X" is neither a credit word ("H") nor a debit word ("S")'],
      [
        row({ status: "storniert" }),
        'line 2 column "Status"',
        '"storniert" is neither a booked word ("gebucht") nor a pending word ("vorgemerkt")',
      ],
      [row({ date: "31.02.2026" }), 'line 2 column "Buchungstag"', '"31.02.2026" is not a date (DD.MM.YYYY)'],
      [row({ currency: "CHF" }), 'line 2 column "Waehrung"', 'currency "CHF" is not the statement\'s EUR'],
      [
        `${row({ balance: "1,00" })}\n${row({ balance: "3,00" })}`,
        'line 3 column "Saldo"',
        "balance 3.00 ≠ 1.00 before + 1.00 on this row",
      ],
      [
        '"unclosed;x',
        "line 2",
        "not readable as CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2",
      ],
    ];
    for (const [rows, place, reason] of cases)
      expect(refusal(`${header}\n${rows}\n`, options()), place).to.deep.equal({ place, reason });
  });

  it("refuses a file of only a header, and a CSV without a mapping", () => {
    expect(refusal(`${header}\n`, options())).to.deep.equal({ place: "line 1", reason: "no rows after the header" });
    expect(refusal(statementFixture("bank-de.csv"))).to.deep.equal({
      place: "the file",
      reason: "neither camt XML nor MT940, and no CSV column mapping was given",
    });
    expect(refusal(statementFixture("bank-de.csv"), { format: "csv" })).to.deep.equal({
      place: "the file",
      reason: "no CSV column mapping was given",
    });
  });

  it("refuses an empty file", () => {
    expect(refusal(" \r\n\t")).to.deep.equal({ place: "the file", reason: "empty" });
  });
});

describe("CSV mapping validation", () => {
  const valid = JSON.parse(statementFixture("bank-de.mapping.json")) as Record<string, unknown>;
  const columns = valid.columns as Record<string, unknown>;
  function invalid(json: unknown): string {
    try {
      parseCsvMapping(json, "bank.json");
    } catch (error) {
      if (error instanceof CsvMappingInvalid) return error.message;
      throw error;
    }
    return expect.fail("the mapping was accepted");
  }

  it("refuses a mapping with a clear line naming the file and the field", () => {
    expect(invalid("{")).to.match(/^bank\.json: not JSON: /);
    expect(invalid({ ...valid, delimter: ";" })).to.equal(
      "bank.json: delimter is not a mapping field (known: delimiter, decimalSeparator, dateFormat, columns)",
    );
    expect(invalid({ ...valid, delimiter: ";;" })).to.equal(
      'bank.json: delimiter must be one character (not a quote or a line break), such as ";"',
    );
    expect(invalid({ ...valid, decimalSeparator: "'" })).to.equal('bank.json: decimalSeparator must be "." or ","');
    expect(invalid({ ...valid, dateFormat: "D/M/Y" })).to.equal(
      "bank.json: dateFormat must be one of YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY, YYYYMMDD",
    );
    expect(invalid({ ...valid, columns: { ...columns, amount: " " } })).to.equal(
      "bank.json: columns.amount must be a column name (a non-empty string)",
    );
    expect(invalid({ ...valid, columns: { ...columns, amout: "Betrag" } })).to.match(
      /^bank\.json: columns\.amout is not a mapping field \(known: bookingDate, /,
    );
    const both = { column: "Soll/Haben", credit: ["H", "S"], debit: ["S"] };
    expect(invalid({ ...valid, columns: { ...columns, direction: both } })).to.equal(
      'bank.json: columns.direction: "S" is both a credit and a debit word',
    );
    expect(invalid({ ...valid, columns: { ...columns, status: { column: "Status", booked: [] } } })).to.equal(
      "bank.json: columns.status.booked must be a non-empty list of non-empty words",
    );
  });
});
