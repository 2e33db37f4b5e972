import { expect } from "chai";
import { accountKind, type AccountCommand, type AccountEvent, type AccountState } from "../../actors/account/index.js";
import { decodeAccountReply, decodeAccountView } from "../../actors/account/view.js";
import { Money } from "../../actors/shared/amount.js";
import type { Json } from "../../runtime/json.js";
import { given, type DeciderTest } from "../support/decider.js";

const eur = { currency: "EUR" };

describe("account actor (ADR 003)", () => {
  let account: DeciderTest<AccountState, AccountCommand, AccountEvent>;
  beforeEach(() => {
    account = given({
      kind: accountKind,
      actorId: "BANKA:1001",
      principal: "test",
      // 2026-11-25, noon UTC: the turn's booking day.
      now: Date.UTC(2026, 10, 25, 12),
      decodeReply: (reply, type) =>
        type === "get" ? decodeAccountView(reply, "the view") : decodeAccountReply(reply, `the reply to ${type}`),
    });
  });
  const send = (type: string, payload: Record<string, unknown> = {}) => account.when(type, payload as Json);
  const open = (extra: Record<string, unknown> = {}) =>
    send("open", { bankCode: "BANKA", accountNumber: "1001", pool: "eur-main", ...eur, ...extra });
  const position = () => send("get").reply["position"] as Record<string, string>;

  it("keeps available = ledger - frozen - in-transit debit + in-transit credit through entries, freezes and reservations", () => {
    open();
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "1000.00", ...eur });
    send("recordEntry", { entryId: "e2", direction: "debit", amount: "0.0001", ...eur });
    send("freeze", { freezeId: "f1", amount: "100", reason: "court order", ...eur });
    send("reserve", { reservationId: "r1", direction: "debit", amount: "250.5", transferId: "t1", ...eur });
    send("reserve", { reservationId: "r2", direction: "credit", amount: "40", transferId: "t2", ...eur });
    expect(position()).to.deep.equal({
      ledger: "999.9999",
      frozen: "100.0000",
      inTransitDebit: "250.5000",
      inTransitCredit: "40.0000",
      available: "689.4999",
    });
    send("settle", { reservationId: "r1" });
    send("release", { reservationId: "r2", reason: "credit failed" });
    send("unfreeze", { freezeId: "f1" });
    expect(position()).to.deep.equal({
      ledger: "749.4999",
      frozen: "0.0000",
      inTransitDebit: "0.0000",
      inTransitCredit: "0.0000",
      available: "749.4999",
    });
  });

  it("keeps the entry ids the engine books under (transfer:, adjustment:) to the transfer and the reconciliation", () => {
    open();
    const entry = (entryId: string) => ({ entryId, direction: "credit", amount: "5", ...eur });
    for (const [entryId, owner] of [
      ["transfer:t-1:reversal", "system:transfer:t-1"],
      ["adjustment:missingAtBank-0123456789abcdef", "system:reconciliation:BANKA:1001:2026-11-25"],
    ] as const) {
      for (const stranger of ["nats:core-banking", "grpc:olivia", "system:reconciliation:x"].filter(
        (principal) => !principal.startsWith(owner.split(":").slice(0, 2).join(":")),
      ))
        account
          .when("recordEntry", entry(entryId), { principal: stranger })
          .thenRejected("entry_id_reserved", /the engine's own/, `${entryId} from ${stranger}`);
      account.when("recordEntry", entry(entryId), { principal: owner }).thenEvents(["entryRecorded"]);
    }
    expect(position()).to.deep.include({ ledger: "10.0000" });
  });

  it("leaves in-transit credit out of available when the account is opened with the conservative policy", () => {
    open({ countInTransitCredit: false });
    send("reserve", { reservationId: "r1", direction: "credit", amount: "40", transferId: "t", ...eur });
    expect(position()).to.deep.include({ inTransitCredit: "40.0000", available: "0.0000" });
  });

  it("refuses freezes and debit reservations beyond available and the overdraft limit, and changes nothing", () => {
    open({ overdraftLimit: "50" });
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", ...eur });
    const before = position();
    send("reserve", {
      reservationId: "r1",
      direction: "debit",
      amount: "150.0001",
      transferId: "t",
      ...eur,
    }).thenRejected("insufficient_available");
    send("freeze", { freezeId: "f1", amount: "150.0001", reason: "x", ...eur }).thenRejected("insufficient_available");
    expect(position()).to.deep.equal(before);
    send("reserve", { reservationId: "r1", direction: "debit", amount: "150", transferId: "t", ...eur }).thenAccepted();
    expect(position()).to.deep.include({ available: "-50.0000" });
  });

  it("records upstream debits even below zero: the bank already booked them", () => {
    open();
    send("recordEntry", { entryId: "e1", direction: "debit", amount: "10", ...eur }).thenAccepted();
    expect(position()).to.deep.include({ ledger: "-10.0000", available: "-10.0000" });
  });

  it("settles or releases a reservation once, and says so when asked again", () => {
    open();
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", ...eur });
    send("reserve", { reservationId: "r1", direction: "debit", amount: "10", transferId: "t", ...eur });
    send("settle", { reservationId: "r1" }).thenAccepted();
    send("settle", { reservationId: "r1" }).thenRejected("reservation_already_settled");
    send("release", { reservationId: "r1" }).thenRejected("reservation_already_settled");
    send("settle", { reservationId: "nope" }).thenRejected("reservation_not_found");
    send("reserve", { reservationId: "r1", direction: "debit", amount: "1", transferId: "t", ...eur }).thenRejected(
      "reservation_exists",
    );
    expect(position()).to.deep.include({ ledger: "90.0000", inTransitDebit: "0.0000" });
  });

  it("compares a statement's balance with the ledger as of its day, leaves the ledger as it is, and refuses a statement compared before", () => {
    open();
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", bookingDate: "2026-11-24", ...eur });
    send("recordEntry", { entryId: "e2", direction: "credit", amount: "20", bookingDate: "2026-11-25", ...eur });
    send("syncStatement", { statementId: "s-1", balance: "97.25", asOf: "2026-11-24", ...eur }).thenEvents([
      {
        type: "ledgerCompared",
        statementId: "s-1",
        asOf: "2026-11-24",
        statementBalance: "97.2500",
        engineLedger: "100.0000",
        difference: "-2.7500",
      },
    ]);
    expect(position(), "the ledger does not move").to.deep.include({ ledger: "120.0000" });
    // An older day is a legitimate comparison, not an out-of-order sync; a timestamp is read as its UTC day.
    send("syncStatement", { statementId: "s-0", balance: "0", asOf: "2026-11-23T17:00:00Z", ...eur }).thenEvents([
      { type: "ledgerCompared", asOf: "2026-11-23", engineLedger: "0.0000", difference: "0.0000" },
    ]);
    send("syncStatement", { statementId: "s-1", balance: "100", asOf: "2026-11-24", ...eur }).thenRejected(
      "statement_already_compared",
      /s-1 was compared already \(as of 2026-11-24\)/,
    );
    send("syncStatement", { statementId: "s-2", balance: "1", asOf: "2026-11-24", currency: "USD" }).thenRejected(
      "currency_mismatch",
    );
    // The 400 days kept end on 2026-11-25, the newest booking day.
    send("syncStatement", { statementId: "s-3", balance: "1", asOf: "2025-10-21", ...eur }).thenRejected(
      "as_of_beyond_retention",
      /keeps booking days from 2025-10-22 on/,
    );
    expect(position()).to.deep.include({ ledger: "120.0000" });
  });

  it("refuses what does not fit the account: not open, opened twice, wrong id, wrong currency, closed, not empty", () => {
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", ...eur }).thenRejected("account_not_open");
    send("open", { bankCode: "BANKA", accountNumber: "9", pool: "p", ...eur }).thenRejected("account_id_mismatch");
    open();
    open().thenRejected("account_already_open");
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", currency: "USD" }).thenRejected(
      "currency_mismatch",
    );
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", ...eur });
    send("close").thenRejected("account_not_empty");
    send("recordEntry", { entryId: "e2", direction: "debit", amount: "1", ...eur });
    send("close", { reason: "moved" }).thenAccepted();
    send("recordEntry", { entryId: "e3", direction: "credit", amount: "1", ...eur }).thenRejected("account_closed");
  });

  it("refuses bad input with a message naming the field, and persists nothing", () => {
    open();
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ["NaN", { amount: "NaN" }, /amount/],
      ["exponent", { amount: "1e5" }, /plain decimal/],
      ["five places", { amount: "1.00001" }, /4 decimal places/],
      ["negative", { amount: "-1" }, /negative/],
      ["empty", { amount: "" }, /empty/],
      ["a JS number", { amount: 12.5 }, /decimal string/],
      ["zero", { amount: "0" }, /zero/],
      ["too many digits", { amount: "12345678901234567" }, /16 integer digits/],
      ["bad direction", { direction: "sideways" }, /direction/],
      ["bad currency", { currency: "EURO" }, /ISO 4217/],
      ["unknown field", { ammount: "1" }, /unknown field "ammount"/],
      ["missing entry id", { entryId: undefined }, /entryId/],
    ];
    for (const [index, [name, change, message]] of cases.entries()) {
      const payload: Record<string, unknown> = {
        entryId: `bad-${index}`,
        direction: "credit",
        amount: "1",
        ...eur,
        ...change,
      };
      send("recordEntry", payload).thenRejected("invalid_command", message, name);
    }
    send("teleport").thenRejected("unknown_command");
    expect(
      account.journal.map((event) => event.type),
      "only the open was recorded",
    ).to.deep.equal(["accountOpened"]);
  });

  it("refuses a change that would take the position out of DECIMAL(20,4)", () => {
    open();
    send("recordEntry", { entryId: "e1", direction: "credit", amount: "9999999999999999.9999", ...eur });
    send("recordEntry", { entryId: "e2", direction: "credit", amount: "0.0001", ...eur }).thenRejected(
      "amount_out_of_range",
    );
    expect(position()).to.deep.include({ ledger: "9999999999999999.9999" });
  });

  it("adds DECIMAL(20,4) amounts exactly (21 significant digits do not round)", () => {
    const big = new Money("9999999999999999.9999");
    expect(big.plus(big).toFixed()).to.equal("19999999999999999.9998");
  });
});
