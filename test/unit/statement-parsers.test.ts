import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { parseCsvMapping, simulatorCsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { parseStatementFile, sniffFormat } from "../../reconciliation/statements/parse-statement.js";
import type { Booking, BookingKind } from "../../simulator/book.js";
import { renderCamt053, renderCsv, type DayStatement } from "../../simulator/statement.js";
import { plainStatement, statementFixture, type PlainStatement } from "../support/statement-fixtures.js";

type PlainLine = PlainStatement["lines"][number];
type PlainDetail = PlainLine["details"][number];

function detail(fields: Partial<PlainDetail>): PlainDetail {
  return { amount: undefined, endToEndId: undefined, bankReference: undefined, remittance: undefined, ...fields };
}

function parsed(text: string, options?: Parameters<typeof parseStatementFile>[1]): PlainStatement[] {
  return parseStatementFile(text, options).map(plainStatement);
}

describe("statement parsers: camt.053", () => {
  const [first, second] = parsed(statementFixture("camt053-two-statements.xml"));

  it("reads every Stmt of the document, each with its header", () => {
    const { lines: _first, ...header } = first!;
    expect(header).to.deep.equal({
      format: "camt053",
      statementId: "STMT-2026-12-07-001",
      sequence: "341",
      accountNumber: "DE89370400440532013000",
      bankCode: "COBADEFFXXX",
      currency: "EUR",
      createdAt: "2026-12-07T18:30:00+01:00",
      fromDate: "2026-12-07",
      toDate: "2026-12-07",
      opening: { amount: "1000.0000", date: "2026-12-07" },
      closing: { amount: "690.0000", date: "2026-12-07" },
    });
    const { lines: _second, ...otherHeader } = second!;
    expect(otherHeader, "Othr ids, LglSeqNb, PRCD as opening, no FrToDt, the group's CreDtTm").to.deep.equal({
      format: "camt053",
      statementId: "STMT-2026-12-07-002",
      sequence: "12",
      accountNumber: "0532013001",
      bankCode: "37040044",
      currency: "EUR",
      createdAt: "2026-12-07T18:30:00+01:00",
      fromDate: "2026-12-06",
      toDate: "2026-12-07",
      opening: { amount: "-50.0000", date: "2026-12-05" },
      closing: { amount: "19.7500", date: "2026-12-07" },
    });
  });

  it("reads a single payment with its one detail: end-to-end id, detail amount and remittance lines", () => {
    expect(first!.lines[0]).to.deep.equal({
      lineNo: 1,
      direction: "credit",
      amount: "250.0000",
      status: "booked",
      bookingDate: "2026-12-07",
      valueDate: "2026-12-07",
      bankReference: "BR-0001",
      endToEndId: "SER-1001",
      code: "PMNT/RCDT/ESCT",
      details: [
        detail({
          amount: "250.0000",
          endToEndId: "SER-1001",
          bankReference: "BR-0001-1",
          remittance: "Invoice 4711 second part",
        }),
      ],
      place: "Stmt[1]/Ntry[1]",
    });
  });

  it("reads a batch entry's three details across two NtryDtls; the line itself has no end-to-end id", () => {
    expect(first!.lines[1]).to.deep.equal({
      lineNo: 2,
      direction: "debit",
      amount: "600.0000",
      status: "booked",
      bookingDate: "2026-12-07",
      valueDate: "2026-12-08",
      bankReference: "BR-0002",
      endToEndId: undefined,
      code: "BATCH",
      details: [
        detail({ amount: "100.0000", endToEndId: "SER-2001" }),
        detail({ amount: "200.0000", bankReference: "BR-0002-2" }),
        detail({ amount: "300.0000", endToEndId: "SER-2003", remittance: "Salary December" }),
      ],
      place: "Stmt[1]/Ntry[2]",
    });
  });

  it("reads a pending entry without a booking date on its value date", () => {
    expect(first!.lines[2]).to.deep.equal({
      lineNo: 3,
      direction: "credit",
      amount: "75.5000",
      status: "pending",
      bookingDate: "2026-12-09",
      valueDate: "2026-12-09",
      bankReference: "BR-0003",
      endToEndId: undefined,
      code: undefined,
      details: [],
      place: "Stmt[1]/Ntry[3]",
    });
  });

  it("keeps a reversal's booked direction, marks it in the code and takes the bank reference of its one detail", () => {
    expect(first!.lines[3]).to.deep.equal({
      lineNo: 4,
      direction: "credit",
      amount: "40.0000",
      status: "booked",
      bookingDate: "2026-12-07",
      valueDate: "2026-12-07",
      bankReference: "BR-0004-R",
      endToEndId: "SER-0999",
      code: "PMNT/ICDT/RRTN reversal",
      details: [detail({ endToEndId: "SER-0999", bankReference: "BR-0004-R" })],
      place: "Stmt[1]/Ntry[4]",
    });
  });

  it("reads the older plain-text status, a missing value date, and INFO as pending", () => {
    expect(second!.lines.map((line) => [line.status, line.bookingDate, line.valueDate, line.endToEndId])).to.deep.equal(
      [
        ["booked", "2026-12-06", "2026-12-06", undefined],
        ["booked", "2026-12-07", "2026-12-07", "SER-3001"],
        ["pending", "2026-12-07", "2026-12-07", undefined],
      ],
    );
    expect(second!.lines.map((line) => [line.direction, line.amount, line.bankReference, line.place])).to.deep.equal([
      ["credit", "80.0000", "BR-1001", "Stmt[2]/Ntry[1]"],
      ["debit", "10.2500", "BR-1002", "Stmt[2]/Ntry[2]"],
      ["debit", "5.0000", undefined, "Stmt[2]/Ntry[3]"],
    ]);
    expect(second!.lines[1]!.details).to.deep.equal([detail({ endToEndId: "SER-3001" })]);
  });
});

describe("statement parsers: a camt statement without FrToDt", () => {
  it("covers the days of its booked lines and closing balance, not those of a pending line dated ahead", () => {
    const entry = (status: string, day: string): string =>
      `<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>${status}</Cd></Sts>` +
      `<BookgDt><Dt>${day}</Dt></BookgDt></Ntry>`;
    const text =
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.13"><BkToCstmrStmt><Stmt><Id>S</Id>' +
      "<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>" +
      `${entry("BOOK", "2026-12-04")}${entry("PDNG", "2026-12-09")}${entry("BOOK", "2026-12-05")}` +
      "</Stmt></BkToCstmrStmt></Document>";
    const [statement] = parsed(text);
    expect([statement!.fromDate, statement!.toDate, statement!.createdAt]).to.deep.equal([
      "2026-12-04",
      "2026-12-05",
      undefined,
    ]);
  });
});

describe("statement parsers: camt.052", () => {
  it("reads a report (version 02: BIC, plain status) with no booked balances and a pending line dated by DtTm", () => {
    expect(parsed(statementFixture("camt052-report.xml"))).to.deep.equal([
      {
        format: "camt052",
        statementId: "RPT-2026-12-07-7",
        sequence: "7",
        accountNumber: "GB33BUKB20201555555555",
        bankCode: "BUKBGB22",
        currency: "GBP",
        createdAt: "2026-12-07T11:00:00Z",
        fromDate: "2026-12-07",
        toDate: "2026-12-07",
        opening: undefined,
        closing: undefined,
        lines: [
          {
            lineNo: 1,
            direction: "debit",
            amount: "15.0000",
            status: "booked",
            bookingDate: "2026-12-07",
            valueDate: "2026-12-07",
            bankReference: "GB-REF-1",
            endToEndId: "SER-5001",
            code: undefined,
            details: [detail({ endToEndId: "SER-5001" })],
            place: "Rpt[1]/Ntry[1]",
          },
          {
            lineNo: 2,
            direction: "credit",
            amount: "20.0000",
            status: "pending",
            bookingDate: "2026-12-08",
            valueDate: "2026-12-08",
            bankReference: undefined,
            endToEndId: undefined,
            code: undefined,
            details: [],
            place: "Rpt[1]/Ntry[2]",
          },
        ],
      },
    ]);
  });
});

describe("statement parsers: MT940", () => {
  const [first, second] = parsed(statementFixture("mt940-two-messages.sta"));

  it("reads each message of the file inside its SWIFT envelope, with :20:/:28C: as the statement id", () => {
    const { lines: _first, ...header } = first!;
    expect(header).to.deep.equal({
      format: "mt940",
      statementId: "STMT-001/00341/001",
      sequence: "00341/001",
      accountNumber: "DE89370400440532013000",
      bankCode: "COBADEFFXXX",
      currency: "EUR",
      createdAt: undefined,
      fromDate: "2026-12-31",
      toDate: "2027-01-02",
      opening: { amount: "1000.0000", date: "2026-12-30" },
      closing: { amount: "1109.5000", date: "2027-01-02" },
    });
    const { lines: _second, ...otherHeader } = second!;
    expect(otherHeader, ":25: without a bank code, :60M:/:62M:, a debit opening").to.deep.equal({
      format: "mt940",
      statementId: "STMT-002/12",
      sequence: "12",
      accountNumber: "0532013001",
      bankCode: undefined,
      currency: "EUR",
      createdAt: undefined,
      fromDate: "2026-12-31",
      toDate: "2027-01-02",
      opening: { amount: "-50.0000", date: "2027-01-02" },
      closing: { amount: "19.7500", date: "2027-01-02" },
    });
  });

  it("reads a :61: with entry date, customer and // bank reference, and its multi-line :86: as remittance", () => {
    const remittance = "166?00SEPA-GUTSCHRIFT?20EREF+SER-1001?21SVWZ+Invoice 4711\n?32ACME GMBH";
    expect(first!.lines[0]).to.deep.equal({
      lineNo: 1,
      direction: "credit",
      amount: "250.0000",
      status: "booked",
      bookingDate: "2026-12-31",
      valueDate: "2026-12-31",
      bankReference: "BR-0001",
      endToEndId: "SER-1001",
      code: "NTRF",
      details: [detail({ endToEndId: "SER-1001", bankReference: "BR-0001", remittance })],
      place: "line 6 (:61:)",
    });
  });

  it("books an entry date of January after a December value date in the next year; NONREF takes /EREF/ from :86:", () => {
    expect(first!.lines[1]).to.deep.equal({
      lineNo: 2,
      direction: "debit",
      amount: "100.0000",
      status: "booked",
      bookingDate: "2027-01-02",
      valueDate: "2026-12-31",
      bankReference: "BR-0002",
      endToEndId: "E2E-BATCH-7",
      code: "NMSC",
      details: [
        detail({
          endToEndId: "E2E-BATCH-7",
          bankReference: "BR-0002",
          remittance: "SUPPL DETAILS\n/EREF/E2E-BATCH-7/REMI/Rent January\n second line",
        }),
      ],
      place: "line 9 (:61:)",
    });
  });

  it("reads RC (reversal of a credit) as a debit marked reversal, its end-to-end id from EREF+", () => {
    expect(first!.lines[2]).to.deep.equal({
      lineNo: 3,
      direction: "debit",
      amount: "40.5000",
      status: "booked",
      bookingDate: "2026-12-31",
      valueDate: "2026-12-31",
      bankReference: undefined,
      endToEndId: "SER-0999",
      code: "NTRF reversal",
      details: [detail({ endToEndId: "SER-0999", remittance: "EREF+SER-0999 SVWZ+Return" })],
      place: "line 13 (:61:)",
    });
  });

  it("books an entry date of December after a January value date in the year before; skips the funds code", () => {
    expect(second!.lines).to.deep.equal([
      {
        lineNo: 1,
        direction: "credit",
        amount: "80.0000",
        status: "booked",
        bookingDate: "2026-12-31",
        valueDate: "2027-01-02",
        bankReference: undefined,
        endToEndId: "REF-A",
        code: "NTRF",
        details: [detail({ endToEndId: "REF-A", remittance: "plain text" })],
        place: "line 23 (:61:)",
      },
      {
        lineNo: 2,
        direction: "debit",
        amount: "10.2500",
        status: "booked",
        bookingDate: "2027-01-02",
        valueDate: "2027-01-02",
        bankReference: undefined,
        endToEndId: undefined,
        code: "NCHG",
        details: [],
        place: "line 25 (:61:)",
      },
    ]);
  });
});

describe("statement parsers: CSV", () => {
  const mapping = parseCsvMapping(statementFixture("bank-de.mapping.json"), "bank-de.mapping.json");
  const csv = { mapping, accountNumber: "DE89370400440532013000", currency: "EUR" };

  it("reads a bank's export with ';', a decimal comma, DD.MM.YYYY and its words; balances from the balance column", () => {
    const line = (fields: Partial<PlainLine>): PlainLine => ({
      lineNo: 0,
      direction: "credit",
      amount: "",
      status: "booked",
      bookingDate: "",
      valueDate: "",
      bankReference: undefined,
      endToEndId: undefined,
      code: undefined,
      details: [],
      place: "",
      ...fields,
    });
    expect(parsed(statementFixture("bank-de.csv"), { csv })).to.deep.equal([
      {
        format: "csv",
        statementId: "DE89370400440532013000/2026-12-07/2026-12-08",
        sequence: undefined,
        accountNumber: "DE89370400440532013000",
        bankCode: undefined,
        currency: "EUR",
        createdAt: undefined,
        fromDate: "2026-12-07",
        toDate: "2026-12-08",
        opening: { amount: "1000.0000", date: "2026-12-07" },
        closing: { amount: "1100.0000", date: "2026-12-08" },
        lines: [
          line({
            lineNo: 1,
            amount: "250.0000",
            bookingDate: "2026-12-07",
            valueDate: "2026-12-07",
            bankReference: "BR-1",
            endToEndId: "SER-1",
            details: [detail({ endToEndId: "SER-1", bankReference: "BR-1", remittance: "Rechnung 4711; Teil 1" })],
            place: "line 2",
          }),
          line({
            lineNo: 2,
            direction: "debit",
            amount: "100.5000",
            bookingDate: "2026-12-07",
            valueDate: "2026-12-08",
            bankReference: "BR-2",
            details: [detail({ bankReference: "BR-2", remittance: "Miete" })],
            place: "line 3",
          }),
          line({
            lineNo: 3,
            amount: "30.0000",
            status: "pending",
            bookingDate: "2026-12-08",
            valueDate: "2026-12-08",
            details: [detail({ remittance: "Vormerkung" })],
            place: "line 5",
          }),
          line({
            lineNo: 4,
            direction: "debit",
            amount: "49.5000",
            bookingDate: "2026-12-08",
            valueDate: "2026-12-08",
            bankReference: "BR-4",
            endToEndId: "SER-4",
            place: "line 6",
          }),
        ],
      },
    ]);
  });

  it("takes the statement id given at import instead of the derived one", () => {
    const [statement] = parsed(statementFixture("bank-de.csv"), { csv: { ...csv, statementId: "2026/341" } });
    expect(statement!.statementId).to.equal("2026/341");
  });

  it("reads a signed amount when the mapping has no direction column; no balance column, no balances", () => {
    const signed = parseCsvMapping(
      {
        delimiter: ",",
        decimalSeparator: ".",
        dateFormat: "YYYYMMDD",
        columns: { bookingDate: "Date", amount: "Amount" },
      },
      "inline",
    );
    const [statement] = parsed("Date,Amount\n20261207,-12.5\n20261208,+3\n", {
      csv: { mapping: signed, accountNumber: "X-1", currency: "USD" },
    });
    expect(statement!.lines.map((line) => [line.direction, line.amount, line.bookingDate, line.status])).to.deep.equal([
      ["debit", "12.5000", "2026-12-07", "booked"],
      ["credit", "3.0000", "2026-12-08", "booked"],
    ]);
    expect([statement!.opening, statement!.closing]).to.deep.equal([undefined, undefined]);
  });

  it("reads MM/DD/YYYY dates", () => {
    const american = parseCsvMapping(
      { delimiter: ",", decimalSeparator: ".", dateFormat: "MM/DD/YYYY", columns: { bookingDate: "d", amount: "a" } },
      "inline",
    );
    const [statement] = parsed("d,a\n12/31/2026,1\n", {
      csv: { mapping: american, accountNumber: "X", currency: "USD" },
    });
    expect(statement!.lines[0]!.bookingDate).to.equal("2026-12-31");
  });

  it("reads the simulator's CSV with the built-in mapping: funding without an end-to-end id, quoted cells", () => {
    const [statement] = parsed(statementFixture("simulator-day.csv"), {
      csv: { mapping: simulatorCsvMapping, accountNumber: "SIMA-EUR-1", currency: "EUR" },
    });
    expect([statement!.opening, statement!.closing]).to.deep.equal([
      { amount: "500.0000", date: "2026-12-07" },
      { amount: "1099.5000", date: "2026-12-07" },
    ]);
    expect(
      statement!.lines.map((line) => [line.direction, line.amount, line.bankReference, line.endToEndId, line.code]),
    ).to.deep.equal([
      ["credit", "1000.0000", "SIMA-000001", undefined, "funding"],
      ["debit", "250.5000", "SIMA-000002", "SER-1", "debit"],
      ["credit", "100.0000", "SIMA-000003", "SER-2", "credit"],
      ["debit", "250.0000", "SIMA-000004", "SER-3", "debit"],
    ]);
  });
});

describe("statement parsers: the format", () => {
  it("is sniffed from the text: XML is camt, a :20: field or a SWIFT envelope MT940, the rest CSV", () => {
    expect(sniffFormat('\n  <?xml version="1.0"?><Document/>')).to.equal("camt");
    expect(sniffFormat(":20:REF\r\n:25:X")).to.equal("mt940");
    expect(sniffFormat("{1:F01BANK}{2:O940}{4:\n:20:X")).to.equal("mt940");
    expect(sniffFormat("date;amount\n")).to.equal("csv");
  });

  it("when given, a camt document of the other message is refused", () => {
    expect(() => parseStatementFile(statementFixture("camt052-report.xml"), { format: "camt053" })).to.throw(
      "Document: a camt052 document where camt053 was expected",
    );
  });

  it("a byte order mark before the text is skipped", () => {
    expect(parseStatementFile(`\uFEFF${statementFixture("camt052-report.xml")}`)).to.have.length(1);
  });
});

describe("statement parsers: the simulator's statements", () => {
  const booking = (
    kind: BookingKind,
    time: string,
    direction: "CRDT" | "DBIT",
    amount: string,
    balanceAfter: string,
    bankReference: string,
    endToEndId: string | undefined,
  ): Booking => ({
    kind,
    bookedAt: new Date(`2026-12-07T${time}Z`),
    direction,
    amount: new Money(amount),
    balanceAfter: new Money(balanceAfter),
    bankReference,
    endToEndId,
    counterpartyBank: endToEndId === undefined ? undefined : "SIMB",
    counterpartyAccount: endToEndId === undefined ? undefined : "B-1, main",
  });
  const day: DayStatement = {
    bankCode: "SIMA",
    account: "A-1",
    currency: "EUR",
    date: "2026-12-07",
    opening: new Money("-20"),
    closing: new Money("829.75"),
    bookings: [
      booking("funding", "08:00:00", "CRDT", "1000", "980", "SIMA-1", undefined),
      booking("debit", "09:00:00", "DBIT", "200.25", "779.75", "SIMA-2", "SER-1"),
      booking("credit", "10:00:00", "CRDT", "50", "829.75", "SIMA-3", "SER-2"),
    ],
    createdAt: new Date("2026-12-08T00:00:01Z"),
  };
  const camt = parsed(renderCamt053(day))[0]!;
  const csv = parsed(renderCsv(day), {
    csv: { mapping: simulatorCsvMapping, accountNumber: "A-1", currency: "EUR" },
  })[0]!;
  const comparable = (statement: PlainStatement): unknown =>
    statement.lines.map(({ lineNo, direction, amount, status, bookingDate, valueDate, bankReference, endToEndId }) => ({
      lineNo,
      direction,
      amount,
      status,
      bookingDate,
      valueDate,
      bankReference,
      endToEndId,
    }));

  it("renderCamt053 and renderCsv of one day parse to equal lines, which are the day's bookings", () => {
    expect(comparable(camt)).to.deep.equal(comparable(csv));
    expect(comparable(camt)).to.deep.equal(
      day.bookings.map((entry, index) => ({
        lineNo: index + 1,
        direction: entry.direction === "CRDT" ? "credit" : "debit",
        amount: entry.amount.toFixed(4),
        status: "booked",
        bookingDate: day.date,
        valueDate: day.date,
        bankReference: entry.bankReference,
        endToEndId: entry.endToEndId,
      })),
    );
  });

  it("both give the day's opening and closing balances; camt also its id, account and bank", () => {
    const balances = [
      { amount: "-20.0000", date: "2026-12-07" },
      { amount: "829.7500", date: "2026-12-07" },
    ];
    expect([camt.opening, camt.closing]).to.deep.equal(balances);
    expect([csv.opening, csv.closing]).to.deep.equal(balances);
    expect([camt.statementId, camt.accountNumber, camt.bankCode, camt.currency, camt.createdAt]).to.deep.equal([
      "SIMA-A-1-2026-12-07",
      "A-1",
      "SIMA",
      "EUR",
      "2026-12-08T00:00:01.000Z",
    ]);
  });
});
