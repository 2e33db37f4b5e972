import type { Decimal } from "decimal.js";
import { formatAmount } from "../actors/shared/amount.js";
import type { Booking, SimAccount } from "./book.js";

/** One account's bookings of one UTC booking day, with the balances around them. */
export interface DayStatement {
  readonly bankCode: string;
  readonly account: string;
  readonly currency: string;
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly opening: Decimal;
  readonly closing: Decimal;
  readonly bookings: readonly Booking[];
  readonly createdAt: Date;
}

export const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `date` is a real calendar day written as YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  return datePattern.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

function bookingDate(booking: Booking): string {
  return booking.bookedAt.toISOString().slice(0, 10);
}

export function dayStatement(account: SimAccount, date: string, createdAt: Date): DayStatement {
  const before = account.bookings.filter((booking) => bookingDate(booking) < date);
  const during = account.bookings.filter((booking) => bookingDate(booking) === date);
  const opening = before.at(-1)?.balanceAfter ?? account.openingBalance;
  return {
    bankCode: account.bankCode,
    account: account.account,
    currency: account.currency,
    date,
    opening,
    closing: during.at(-1)?.balanceAfter ?? opening,
    bookings: during,
    createdAt,
  };
}

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function balanceXml(code: "OPBD" | "CLBD", amount: Decimal, currency: string, date: string): string {
  return [
    "      <Bal>",
    `        <Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>`,
    `        <Amt Ccy="${xml(currency)}">${formatAmount(amount.abs())}</Amt>`,
    `        <CdtDbtInd>${amount.isNegative() ? "DBIT" : "CRDT"}</CdtDbtInd>`,
    `        <Dt><Dt>${date}</Dt></Dt>`,
    "      </Bal>",
  ].join("\n");
}

function entryXml(booking: Booking, currency: string): string {
  const date = bookingDate(booking);
  const endToEndId = booking.endToEndId ?? "NOTPROVIDED";
  return [
    "      <Ntry>",
    `        <Amt Ccy="${xml(currency)}">${formatAmount(booking.amount)}</Amt>`,
    `        <CdtDbtInd>${booking.direction}</CdtDbtInd>`,
    "        <Sts><Cd>BOOK</Cd></Sts>",
    `        <BookgDt><Dt>${date}</Dt></BookgDt>`,
    `        <ValDt><Dt>${date}</Dt></ValDt>`,
    `        <AcctSvcrRef>${xml(booking.bankReference)}</AcctSvcrRef>`,
    `        <BkTxCd><Prtry><Cd>${booking.kind.toUpperCase()}</Cd></Prtry></BkTxCd>`,
    "        <NtryDtls><TxDtls><Refs>",
    `          <AcctSvcrRef>${xml(booking.bankReference)}</AcctSvcrRef>`,
    `          <EndToEndId>${xml(endToEndId)}</EndToEndId>`,
    "        </Refs></TxDtls></NtryDtls>",
    "      </Ntry>",
  ].join("\n");
}

/** ISO 20022 camt.053 (BkToCstmrStmt), the fields a reconciliation reads. */
export function renderCamt053(statement: DayStatement): string {
  const id = `${statement.bankCode}-${statement.account}-${statement.date}`;
  const created = statement.createdAt.toISOString();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">',
    "  <BkToCstmrStmt>",
    `    <GrpHdr><MsgId>${xml(id)}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>`,
    "    <Stmt>",
    `      <Id>${xml(id)}</Id>`,
    `      <CreDtTm>${created}</CreDtTm>`,
    `      <FrToDt><FrDtTm>${statement.date}T00:00:00Z</FrDtTm><ToDtTm>${statement.date}T23:59:59Z</ToDtTm></FrToDt>`,
    `      <Acct><Id><Othr><Id>${xml(statement.account)}</Id></Othr></Id><Ccy>${xml(statement.currency)}</Ccy>` +
      `<Svcr><FinInstnId><Othr><Id>${xml(statement.bankCode)}</Id></Othr></FinInstnId></Svcr></Acct>`,
    balanceXml("OPBD", statement.opening, statement.currency, statement.date),
    balanceXml("CLBD", statement.closing, statement.currency, statement.date),
    ...statement.bookings.map((booking) => entryXml(booking, statement.currency)),
    "    </Stmt>",
    "  </BkToCstmrStmt>",
    "</Document>",
    "",
  ].join("\n");
}

export const csvHeader =
  "booking_date,booked_at,bank_reference,end_to_end_id,kind,direction,amount,currency,balance_after,counterparty_bank,counterparty_account";

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One header line, then one row per booking (CRLF line ends, RFC 4180). */
export function renderCsv(statement: DayStatement): string {
  const rows = statement.bookings.map((booking) =>
    [
      bookingDate(booking),
      booking.bookedAt.toISOString(),
      booking.bankReference,
      booking.endToEndId ?? "",
      booking.kind,
      booking.direction,
      formatAmount(booking.amount),
      statement.currency,
      formatAmount(booking.balanceAfter),
      booking.counterpartyBank ?? "",
      booking.counterpartyAccount ?? "",
    ]
      .map(csvField)
      .join(","),
  );
  return [csvHeader, ...rows].map((line) => `${line}\r\n`).join("");
}
