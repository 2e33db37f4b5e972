import { expect } from "chai";
import {
  accountKind,
  accountKindOf,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
} from "../../actors/account/index.js";
import { decodeAccountReply, decodeAccountView, decodeLedgerAsOfReply } from "../../actors/account/view.js";
import type { ActorKind } from "../../runtime/actor-kind.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { given, type DeciderTest } from "../support/decider.js";

type AccountKind = ActorKind<AccountState, AccountCommand, AccountEvent>;

const eur = { currency: "EUR" };
/** Noon UTC of a day: the turn's booking day is that day. */
const noonOf = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** An account of `kind` at noon of `today`, replies decoded strictly. */
function accountOf(kind: AccountKind, today: string): DeciderTest<AccountState, AccountCommand, AccountEvent> {
  return given({
    kind,
    actorId: "BANKA:1001",
    now: noonOf(today),
    decodeReply: (reply: Json, type: string) => {
      if (type === "get") return decodeAccountView(reply, "the view");
      if (type === "ledgerAsOf") return decodeLedgerAsOfReply(reply, "the ledger as of");
      return decodeAccountReply(reply, `the reply to ${type}`);
    },
  });
}

const opening = { bankCode: "BANKA", accountNumber: "1001", pool: "eur-main", ...eur };
const entry = (entryId: string, direction: "credit" | "debit", amount: string, bookingDate?: string): JsonObject => ({
  entryId,
  direction,
  amount,
  ...eur,
  ...(bookingDate !== undefined && { bookingDate }),
});

/** An event as a journal written before booking dates holds it (the position and header are not read by evolve). */
function stored(body: Record<string, Json>): AccountEvent {
  const position = { ledger: "0", frozen: "0", inTransitDebit: "0", inTransitCredit: "0", available: "0" };
  return { ...body, position, account: { currency: "EUR", pool: "eur-main", status: "open" } } as AccountEvent;
}

describe("account ledger per booking day (ADR 014 §2)", () => {
  it("books an entry on the turn's UTC day unless it names its own, and a settlement on the turn's day", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("open", opening).thenAccepted();
    account.when("recordEntry", entry("e1", "credit", "100")).thenEvents([{ bookingDate: "2026-11-25" }]);
    account.when("recordEntry", entry("e2", "credit", "5", "2026-11-20")).thenEvents([{ bookingDate: "2026-11-20" }]);
    account.when("reserve", { reservationId: "r1", direction: "debit", amount: "10", transferId: "t", ...eur });
    account.when("reserve", { reservationId: "r2", direction: "debit", amount: "7", transferId: "t", ...eur });
    // 23:59:59 UTC is still the 25th; one millisecond later is the 26th.
    account
      .when("settle", { reservationId: "r1" }, { now: Date.parse("2026-11-25T23:59:59.999Z") })
      .thenEvents([{ type: "transitSettled", bookingDate: "2026-11-25" }]);
    account
      .when("settle", { reservationId: "r2" }, { now: Date.parse("2026-11-26T00:00:00Z") })
      .thenEvents([{ type: "transitSettled", bookingDate: "2026-11-26" }]);
    expect(Object.fromEntries([...account.state.ledgerDays].map(([day, net]) => [day, net.toFixed()]))).to.deep.equal({
      "2026-11-20": "5",
      "2026-11-25": "90",
      "2026-11-26": "-7",
    });
  });

  it("moves no day on a release: the money never left", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("open", opening);
    account.when("reserve", { reservationId: "r1", direction: "credit", amount: "10", transferId: "t", ...eur });
    account.when("release", { reservationId: "r1" }).thenEvents([{ type: "transitReleased" }]);
    expect(account.state.ledgerDays.size).to.equal(0);
    expect(account.when("ledgerAsOf", { date: "2026-11-24" }).reply).to.deep.equal({
      date: "2026-11-24",
      ledger: "0.0000",
      bookedAfter: "0.0000",
    });
  });

  it("refuses a booking date that is malformed, more than a day ahead, or before the days kept, and records nothing", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("open", opening);
    for (const bad of ["2026-02-29", "2026-11-5", "25.11.2026", "2026-11-25T00:00:00Z", "", "0999-01-01"])
      account
        .when("recordEntry", entry(`bad-${bad}`, "credit", "1", bad))
        .thenRejected("invalid_command", /^bookingDate must be a calendar date YYYY-MM-DD/, bad);
    account
      .when("recordEntry", { ...entry("null", "credit", "1"), bookingDate: null })
      .thenRejected("invalid_command", /bookingDate/);
    account
      .when("recordEntry", entry("ahead", "credit", "1", "2026-11-27"))
      .thenRejected(
        "booking_date_too_far_ahead",
        /after 2026-11-26, the latest day an entry may be booked on now \(today is 2026-11-25, UTC\)/,
      );
    // 400 days ending today: 2025-10-22 to 2026-11-25.
    account
      .when("recordEntry", entry("old", "credit", "1", "2025-10-21"))
      .thenRejected("booking_date_beyond_retention", /before 2025-10-22/);
    expect(account.journal.map((event) => event.type)).to.deep.equal(["accountOpened"]);
    account.when("recordEntry", entry("oldest", "credit", "1", "2025-10-22")).thenAccepted();
    account.when("recordEntry", entry("tomorrow", "credit", "1", "2026-11-26")).thenAccepted();
    // The newest day is now tomorrow: the window ends there, and its first day left it.
    account
      .when("recordEntry", entry("oldest-again", "credit", "1", "2025-10-22"))
      .thenRejected("booking_date_beyond_retention", /before 2025-10-23/);
  });

  it("answers the ledger at the end of a day as the ledger now minus what was booked after it, and records nothing", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("open", opening);
    account.when("recordEntry", entry("e1", "credit", "1000", "2026-11-21"));
    account.when("recordEntry", entry("e2", "debit", "250.5", "2026-11-23"));
    account.when("recordEntry", entry("e3", "credit", "0.0001", "2026-11-23"));
    account.when("recordEntry", entry("e4", "debit", "49.5001"));
    const asOf = (date: string) => account.when("ledgerAsOf", { date }).thenEvents([]).reply;
    const journalBefore = account.journal.length;
    expect(asOf("2026-11-20")).to.deep.equal({ date: "2026-11-20", ledger: "0.0000", bookedAfter: "700.0000" });
    expect(asOf("2026-11-21")).to.deep.equal({ date: "2026-11-21", ledger: "1000.0000", bookedAfter: "-300.0000" });
    expect(asOf("2026-11-22")).to.include({ ledger: "1000.0000" });
    expect(asOf("2026-11-23")).to.include({ ledger: "749.5001", bookedAfter: "-49.5001" });
    expect(asOf("2026-11-25")).to.include({ ledger: "700.0000", bookedAfter: "0.0000" });
    expect(asOf("2030-01-01")).to.include({ ledger: "700.0000" });
    expect(account.journal.length, "a read records nothing").to.equal(journalBefore);
    account.when("ledgerAsOf", { date: "2026-13-01" }).thenRejected("invalid_command", /^date must be a calendar date/);
    account.when("ledgerAsOf", { date: "2026-11-25", extra: 1 }).thenRejected("invalid_command", /unknown field/);
  });

  it("answers for a closed account's past days, and refuses an account never opened", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("ledgerAsOf", { date: "2026-11-25" }).thenRejected("account_not_open");
    account.when("open", opening);
    account.when("recordEntry", entry("in", "credit", "10", "2026-11-24"));
    account.when("recordEntry", entry("out", "debit", "10"));
    account.when("close", { reason: "moved" }).thenAccepted();
    expect(account.when("ledgerAsOf", { date: "2026-11-24" }).reply).to.include({ ledger: "10.0000" });
  });

  it("prunes days that leave the window, counted from the events' own days, and refuses the ledger as of them", () => {
    const account = accountOf(accountKindOf({ ledgerDaysKept: 3 }), "2026-11-01");
    account.when("open", opening);
    account.when("recordEntry", entry("d1", "credit", "1"));
    account.when("recordEntry", entry("d2", "credit", "2"), { now: noonOf("2026-11-02") });
    expect(account.state.oldestDayKept, "3 days ending 2026-11-02").to.equal("2026-10-31");
    // The newest day becomes 2026-11-04: the window is 2026-11-02 to 2026-11-04, and 2026-11-01 leaves it.
    account.when("recordEntry", entry("d4", "credit", "4"), { now: noonOf("2026-11-04") });
    expect([...account.state.ledgerDays.keys()]).to.deep.equal(["2026-11-02", "2026-11-04"]);
    expect(account.state.oldestDayKept).to.equal("2026-11-02");
    account
      .when("ledgerAsOf", { date: "2026-11-01" })
      .thenRejected("as_of_beyond_retention", /keeps booking days from 2026-11-02 on/);
    expect(account.when("ledgerAsOf", { date: "2026-11-02" }).reply).to.include({ ledger: "3.0000" });
    expect(account.when("ledgerAsOf", { date: "2026-11-03" }).reply).to.include({ ledger: "3.0000" });
    account
      .when("recordEntry", entry("late", "credit", "1", "2026-11-01"))
      .thenRejected("booking_date_beyond_retention", /before 2026-11-02/);
    // A day booked ahead moves the window with it, from the event's day, not from the turn's.
    account.when("recordEntry", entry("d5", "debit", "5", "2026-11-05"));
    expect(account.state.oldestDayKept).to.equal("2026-11-03");
    expect([...account.state.ledgerDays.keys()]).to.deep.equal(["2026-11-04", "2026-11-05"]);
    expect(account.when("ledgerAsOf", { date: "2026-11-04" }).reply).to.include({ ledger: "7.0000" });
    expect(account.when("get").reply["position"]).to.include({ ledger: "2.0000" });
  });

  it("replays the same days from the journal as the turns decided", () => {
    const kind = accountKindOf({ ledgerDaysKept: 3 });
    const account = accountOf(kind, "2026-11-01");
    account.when("open", opening);
    for (const [index, day] of ["2026-11-01", "2026-11-03", "2026-11-06", "2026-11-07"].entries())
      account.when("recordEntry", entry(`e${index}`, "credit", String(index + 1)), { now: noonOf(day) });
    account.when("recordEntry", entry("back", "debit", "1", "2026-11-05"), { now: noonOf("2026-11-07") });
    let replayed = kind.initialState("BANKA:1001");
    for (const event of account.journal) replayed = kind.evolve(replayed, event);
    expect(kind.encodeState(replayed)).to.deep.equal(kind.encodeState(account.state));
    expect(kind.encodeState(replayed)["ledgerDays"]).to.deep.equal([
      { day: "2026-11-05", net: "-1" },
      { day: "2026-11-06", net: "3" },
      { day: "2026-11-07", net: "4" },
    ]);
  });

  it("replays events written before booking dates: they move the ledger but no day, and no day is known until the next dated one", () => {
    const account = given(
      {
        kind: accountKind,
        actorId: "BANKA:1001",
        now: noonOf("2026-11-25"),
        decodeReply: (reply: Json, type: string) =>
          type === "ledgerAsOf" ? decodeLedgerAsOfReply(reply, "as of") : decodeAccountReply(reply, type),
      },
      stored({ type: "accountOpened", ...opening, overdraftLimit: "0", countInTransitCredit: true }),
      stored({ type: "entryRecorded", entryId: "old-1", direction: "credit", amount: "100", description: "" }),
      stored({ type: "transitReserved", reservationId: "r1", direction: "debit", amount: "30", transferId: "t" }),
      stored({ type: "transitSettled", reservationId: "r1", direction: "debit", amount: "30" }),
      stored({
        type: "ledgerSynced",
        statementId: "s-old",
        asOf: "2026-11-20T00:00:00.000Z",
        statementBalance: "75",
        previousLedger: "70",
        difference: "5",
      }),
    );
    expect(account.state.ledger.toFixed()).to.equal("75");
    expect(account.state.ledgerDays.size, "no day holds an undated movement").to.equal(0);
    expect(account.state.undatedMovement).to.equal(true);
    account
      .when("ledgerAsOf", { date: "2026-11-25" })
      .thenRejected("as_of_beyond_retention", /recorded before booking dates have no day/);
    account
      .when("recordEntry", entry("back", "credit", "1", "2026-11-24"))
      .thenRejected("booking_date_beyond_retention", /before 2026-11-25/);
    account
      .when("recordEntry", entry("ahead", "credit", "1", "2026-11-26"))
      .thenRejected("booking_date_too_far_ahead", /after 2026-11-25, the latest day an entry may be booked on now/);
    account
      .when("syncStatement", { statementId: "s-old", balance: "75", asOf: "2026-11-25", ...eur })
      .thenRejected("statement_already_compared", /as of 2026-11-20/);
    account.when("recordEntry", entry("new-1", "debit", "5")).thenEvents([{ bookingDate: "2026-11-25" }]);
    expect(account.state.oldestDayKept, "the window opens at the first dated day").to.equal("2026-11-25");
    expect(account.when("ledgerAsOf", { date: "2026-11-25" }).reply).to.include({ ledger: "70.0000" });
    account.when("ledgerAsOf", { date: "2026-11-24" }).thenRejected("as_of_beyond_retention");
  });

  it("keeps the days through a snapshot, written in day order however they were booked", () => {
    const account = accountOf(accountKind, "2026-11-25");
    account.when("open", opening);
    account.when("recordEntry", entry("a", "credit", "3"));
    account.when("recordEntry", entry("b", "credit", "1", "2026-11-23"));
    account.when("recordEntry", entry("c", "debit", "2", "2026-11-24"));
    account.when("syncStatement", { statementId: "s-9", balance: "1", asOf: "2026-11-23", ...eur });
    const encoded = JSON.parse(JSON.stringify(accountKind.encodeState(account.state))) as JsonObject;
    expect(encoded).to.deep.include({
      ledgerDays: [
        { day: "2026-11-23", net: "1" },
        { day: "2026-11-24", net: "-2" },
        { day: "2026-11-25", net: "3" },
      ],
      oldestDayKept: "2025-10-22",
      undatedMovement: false,
      comparedStatements: [{ statementId: "s-9", asOf: "2026-11-23" }],
    });
    expect(accountKind.decodeState(encoded)).to.deep.equal(account.state);
  });
});
