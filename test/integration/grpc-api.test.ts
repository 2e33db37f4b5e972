import { randomBytes } from "node:crypto";
import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import type { AccountView } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { CommandResult } from "../../protos/generated/liquidity/v1/CommandResult.js";
import type { GetAccountHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { ListPositionsResponse__Output } from "../../protos/generated/liquidity/v1/ListPositionsResponse.js";
import type { PositionUpdate__Output } from "../../protos/generated/liquidity/v1/PositionUpdate.js";
import { accessFile } from "../support/access-file.js";
import { servingAndReflected, TestPositionsClient } from "../support/grpc-client.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";
import { jsonOfStruct } from "../../adapters/grpc/struct.js";
import { addDays, bookingDayOf } from "../../actors/shared/booking-day.js";
import type { LedgerAsOf__Output } from "../../protos/generated/liquidity/v1/LedgerAsOf.js";

const account = (accountNumber: string, bankCode = "BANKA") => ({ bank_code: bankCode, account_number: accountNumber });
/**
 * A booking day `days` from the test's own UTC day. Sent as explicit booking dates, such days hold whatever the
 * engine's clock says, so long as they stay inside the window (a day ahead at most, 400 back).
 */
const dayFromToday = (days: number) => addDays(bookingDayOf(Date.now()), days);

describe("gRPC API over a real engine (NATS + MongoDB-wire)", () => {
  let engine: RunningEngine;
  let operator: TestPositionsClient;
  let viewer: TestPositionsClient;
  let anonymous: TestPositionsClient;
  let stranger: TestPositionsClient;

  before(async () => {
    const access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    engine = await startEngine(
      configFrom(await isolatedEngineEnv({ LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" })),
      silentLogger,
    );
    const address = `127.0.0.1:${engine.grpcPort}`;
    operator = new TestPositionsClient(address, access.tokens["olivia"]);
    viewer = new TestPositionsClient(address, access.tokens["victor"]);
    anonymous = new TestPositionsClient(address, undefined);
    stranger = new TestPositionsClient(address, "not-a-configured-token");
    await operator.must("OpenAccount", {
      account: account("100"),
      currency: "EUR",
      pool: "settlement",
      request_id: "open-100",
    });
  });
  after(async () => {
    for (const client of [operator, viewer, anonymous, stranger]) client.close();
    await engine.stop();
  });

  it("opens an account, records entries, freezes, compares a statement and reads the position back", async () => {
    const booked = dayFromToday(-2);
    const opened = await operator.must<AccountView>("OpenAccount", {
      account: account("200"),
      currency: "USD",
      pool: "payout",
      overdraft_limit: "50.00",
      count_in_transit_credit: false,
      request_id: "open-200",
    });
    expect(opened).to.deep.include({
      account_id: "BANKA:200",
      currency: "USD",
      pool: "payout",
      status: "open",
      overdraft_limit: "50.0000",
      count_in_transit_credit: false,
    });
    await operator.must("RecordEntry", {
      account: account("200"),
      entry_id: "E-1",
      direction: "credit",
      amount: "1000.10",
      currency: "USD",
      booking_date: booked,
    });
    await operator.must("RecordEntry", {
      account: account("200"),
      entry_id: "E-2",
      direction: "debit",
      amount: "0.1",
      currency: "USD",
      description: "fee",
      booking_date: booked,
    });
    const frozen = await operator.must<CommandResult>("Freeze", {
      account: account("200"),
      freeze_id: "F-1",
      amount: "250",
      currency: "USD",
      reason: "court order",
    });
    expect(frozen.position).to.deep.include({ ledger: "1000.0000", frozen: "250.0000", available: "750.0000" });
    const compared = await operator.must<CommandResult>("SyncStatement", {
      account: account("200"),
      statement_id: "S-1",
      balance: "990",
      currency: "USD",
      as_of: booked,
    });
    expect(compared.position, "a statement no longer moves the ledger").to.deep.include({
      ledger: "1000.0000",
      available: "750.0000",
    });
    await operator.must("Unfreeze", { account: account("200"), freeze_id: "F-1", reason: "lifted" });
    const view = await viewer.must<AccountView>("GetPosition", { account: account("200") });
    expect(view.position).to.deep.equal({
      ledger: "1000.0000",
      frozen: "0.0000",
      in_transit_debit: "0.0000",
      in_transit_credit: "0.0000",
      available: "1000.0000",
    });
    expect(view.active_freezes).to.equal(0);
    const history = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("200"),
    });
    const comparison = history.entries.find((entry) => entry.command_id === "statement:S-1")?.events[0];
    expect(comparison?.type).to.equal("ledgerCompared");
    expect(jsonOfStruct(comparison!.data!)).to.deep.include({
      statementId: "S-1",
      asOf: booked,
      statementBalance: "990.0000",
      engineLedger: "1000.0000",
      difference: "-10.0000",
    });
    const again = await operator.call("SyncStatement", {
      account: account("200"),
      statement_id: "S-1-again",
      balance: "1",
      currency: "USD",
      as_of: booked,
    });
    expect(again.ok, "another statement of the same day is compared too").to.equal(true);
  });

  it("books entries on their booking days and answers the ledger at the end of each day", async () => {
    await operator.must("OpenAccount", {
      account: account("310"),
      currency: "EUR",
      pool: "settlement",
      request_id: "open-310",
    });
    const [first, second] = [dayFromToday(-3), dayFromToday(-2)];
    const record = (entryId: string, direction: string, amount: string, bookingDate?: string) =>
      operator.must<CommandResult>("RecordEntry", {
        account: account("310"),
        entry_id: entryId,
        direction,
        amount,
        currency: "EUR",
        ...(bookingDate !== undefined && { booking_date: bookingDate }),
      });
    await record("D-1", "credit", "100.25", first);
    await record("D-2", "debit", "30", second);
    await record("D-2b", "credit", "0.0001", second);
    // No booking date: the engine's own day, which is at least the day after `second`.
    const now = await record("D-3", "credit", "5");
    expect(now.position?.ledger).to.equal("75.2501");
    const asOf = (date: string) => viewer.must<LedgerAsOf__Output>("GetLedgerAsOf", { account: account("310"), date });
    expect(await asOf(addDays(first, -1))).to.deep.equal({
      account_id: "BANKA:310",
      date: addDays(first, -1),
      ledger: "0.0000",
      booked_after: "75.2501",
    });
    expect(await asOf(first)).to.deep.include({ date: first, ledger: "100.2500", booked_after: "-24.9999" });
    expect(await asOf(second)).to.deep.include({ date: second, ledger: "70.2501", booked_after: "5.0000" });
    expect(await asOf(dayFromToday(2))).to.deep.include({ ledger: "75.2501", booked_after: "0.0000" });
    const history = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("310"),
    });
    const bookingDates = history.entries
      .flatMap((entry) => entry.events)
      .filter((event) => event.type === "entryRecorded")
      .map((event) => jsonOfStruct(event.data!)["bookingDate"]);
    expect(bookingDates.slice(0, 3)).to.deep.equal([first, second, second]);
    expect(bookingDates[3]! > second, "the default is the engine's day").to.equal(true);
    expect(history.entries.map((entry) => entry.command_type)).to.not.include("ledgerAsOf");
  });

  it("applies a retried entry once and says it was a duplicate", async () => {
    const request = {
      account: account("100"),
      entry_id: "DUP-1",
      direction: "credit",
      amount: "5.0001",
      currency: "EUR",
    };
    const first = await operator.must<CommandResult>("RecordEntry", request);
    const second = await operator.must<CommandResult>("RecordEntry", request);
    expect(first).to.deep.include({ duplicate: false, command_id: "entry:DUP-1" });
    expect(second).to.deep.include({ duplicate: true, entry_seq: first.entry_seq });
    const history = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("100"),
    });
    expect(history.entries.filter((entry) => entry.command_id === "entry:DUP-1")).to.have.length(1);
  });

  it("refuses bad input with the status that fits, a readable message, and no change", async () => {
    await operator.must("RecordEntry", {
      account: account("100"),
      entry_id: "BASE",
      direction: "credit",
      amount: "100",
      currency: "EUR",
    });
    const before = await viewer.must<AccountView>("GetPosition", { account: account("100") });
    const historyBefore = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("100"),
      page_size: 1000,
    });
    const entry = (fields: object) => ({
      account: account("100"),
      entry_id: `bad-${randomBytes(4).toString("hex")}`,
      direction: "credit",
      amount: "1",
      currency: "EUR",
      ...fields,
    });
    const cases: Array<[string, string, object, status, string]> = [
      [
        "amount in exponent notation",
        "RecordEntry",
        entry({ amount: "1e5" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      ["five decimal places", "RecordEntry", entry({ amount: "1.00001" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["negative amount", "RecordEntry", entry({ amount: "-3" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["empty amount", "RecordEntry", entry({ amount: "" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["NaN", "RecordEntry", entry({ amount: "NaN" }), status.INVALID_ARGUMENT, "invalid_command"],
      [
        "21 digits",
        "RecordEntry",
        entry({ amount: "12345678901234567.0000" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "direction sideways",
        "RecordEntry",
        entry({ direction: "sideways" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      ["no entry id", "RecordEntry", entry({ entry_id: "" }), status.INVALID_ARGUMENT, "invalid_argument"],
      [
        "no account",
        "RecordEntry",
        { entry_id: "x", direction: "credit", amount: "1", currency: "EUR" },
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "bank code with a dot",
        "RecordEntry",
        entry({ account: account("100", "BANK.A") }),
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      ["currency mismatch", "RecordEntry", entry({ currency: "USD" }), status.FAILED_PRECONDITION, "currency_mismatch"],
      [
        "booking date that is no calendar day",
        "RecordEntry",
        entry({ booking_date: "2026-02-30" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "booking date days ahead",
        "RecordEntry",
        entry({ booking_date: dayFromToday(5) }),
        status.OUT_OF_RANGE,
        "booking_date_too_far_ahead",
      ],
      [
        "booking date before the days kept",
        "RecordEntry",
        entry({ booking_date: dayFromToday(-500) }),
        status.OUT_OF_RANGE,
        "booking_date_beyond_retention",
      ],
      [
        "ledger as of a date that is no date",
        "GetLedgerAsOf",
        { account: account("100"), date: "yesterday" },
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "ledger as of a day before the days kept",
        "GetLedgerAsOf",
        { account: account("100"), date: dayFromToday(-500) },
        status.OUT_OF_RANGE,
        "as_of_beyond_retention",
      ],
      [
        "ledger as of a day of an unknown account",
        "GetLedgerAsOf",
        { account: account("404"), date: dayFromToday(0) },
        status.NOT_FOUND,
        "account_not_open",
      ],
      [
        "entry id reused with another amount",
        "RecordEntry",
        entry({ entry_id: "BASE", amount: "100.01" }),
        status.ALREADY_EXISTS,
        "command_id_reused",
      ],
      ["not a currency", "RecordEntry", entry({ currency: "EURO" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["unknown account", "RecordEntry", entry({ account: account("999") }), status.NOT_FOUND, "account_not_open"],
      [
        "open twice",
        "OpenAccount",
        { account: account("100"), currency: "EUR", pool: "settlement", request_id: "open-100-again" },
        status.ALREADY_EXISTS,
        "account_already_open",
      ],
      [
        "open without request id",
        "OpenAccount",
        { account: account("300"), currency: "EUR", pool: "p" },
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "freeze beyond available",
        "Freeze",
        { account: account("100"), freeze_id: "F-big", amount: "1000000", currency: "EUR", reason: "x" },
        status.FAILED_PRECONDITION,
        "insufficient_available",
      ],
      [
        "unfreeze unknown",
        "Unfreeze",
        { account: account("100"), freeze_id: "F-none" },
        status.NOT_FOUND,
        "freeze_not_found",
      ],
      [
        "statement date malformed",
        "SyncStatement",
        { account: account("100"), statement_id: "S-x", balance: "1", currency: "EUR", as_of: "yesterday" },
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "close with money in it",
        "CloseAccount",
        { account: account("100"), request_id: "close-100" },
        status.FAILED_PRECONDITION,
        "account_not_empty",
      ],
      [
        "position of an unknown account",
        "GetPosition",
        { account: account("404") },
        status.NOT_FOUND,
        "account_not_open",
      ],
      [
        "history of an unknown account",
        "GetAccountHistory",
        { account: account("404") },
        status.NOT_FOUND,
        "account_not_open",
      ],
      ["page size too large", "ListPositions", { page_size: 5000 }, status.INVALID_ARGUMENT, "invalid_argument"],
      ["forged page token", "ListPositions", { page_token: "bm9wZQ" }, status.INVALID_ARGUMENT, "invalid_argument"],
    ];
    for (const [name, method, request, code, engineCode] of cases) {
      const outcome = await operator.call(method as "RecordEntry", request);
      expect(outcome.ok, name).to.equal(false);
      if (outcome.ok) continue;
      expect({ name, code: status[outcome.code], engineCode: outcome.engineCode }).to.deep.equal({
        name,
        code: status[code],
        engineCode,
      });
      expect(outcome.details.length, name).to.be.greaterThan(10);
    }
    expect(await viewer.must<AccountView>("GetPosition", { account: account("100") })).to.deep.equal(before);
    const historyAfter = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("100"),
      page_size: 1000,
    });
    expect(historyAfter.entries).to.have.length(historyBefore.entries.length);
  });

  it("refuses calls without a token, with an unknown token, or with a role that does not cover the method", async () => {
    const read = { account: account("100") };
    const write = { account: account("100"), entry_id: "AUTH-1", direction: "credit", amount: "1", currency: "EUR" };
    const noToken = await anonymous.call("GetPosition", read);
    const unknownToken = await stranger.call("GetPosition", read);
    const viewerWrites = await viewer.call("RecordEntry", write);
    expect(noToken).to.deep.include({ ok: false, code: status.UNAUTHENTICATED });
    expect(unknownToken).to.deep.include({ ok: false, code: status.UNAUTHENTICATED });
    expect(viewerWrites).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "permission_denied",
    });
    const history = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("100"),
      page_size: 1000,
    });
    expect(history.entries.map((entry) => entry.command_id)).to.not.include("entry:AUTH-1");
    const watch = anonymous.watch({});
    const refused = await new Promise<number>((resolve) =>
      watch.on("error", (error: { code: number }) => resolve(error.code)),
    );
    expect(refused).to.equal(status.UNAUTHENTICATED);
  });

  it("records the caller's principal with every command in the account history", async () => {
    await operator.must("RecordEntry", {
      account: account("100"),
      entry_id: "WHO-1",
      direction: "debit",
      amount: "1",
      currency: "EUR",
    });
    const history = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("100"),
      page_size: 1000,
    });
    const who = history.entries.find((entry) => entry.command_id === "entry:WHO-1");
    expect(who).to.deep.include({ principal: "grpc:olivia", command_type: "recordEntry" });
    const event = jsonOfStruct(who!.events[0]!.data);
    expect(event).to.deep.include({ type: "entryRecorded", entryId: "WHO-1", direction: "debit", amount: "1.0000" });
    expect(history.entries[0]).to.deep.include({ entry_seq: "1", command_type: "open", principal: "grpc:olivia" });
  });

  it("pages through the history", async () => {
    for (let index = 0; index < 5; index++) {
      await operator
        .must("RecordEntry", {
          account: account("PAGE"),
          entry_id: `P-${index}`,
          direction: "credit",
          amount: "1",
          currency: "EUR",
        })
        .catch(() => undefined);
    }
    await operator.must("OpenAccount", {
      account: account("PAGE"),
      currency: "EUR",
      pool: "settlement",
      request_id: "open-page",
    });
    for (let index = 0; index < 5; index++) {
      await operator.must("RecordEntry", {
        account: account("PAGE"),
        entry_id: `P-${index}`,
        direction: "credit",
        amount: "1",
        currency: "EUR",
      });
    }
    const first = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("PAGE"),
      page_size: 4,
    });
    const second = await viewer.must<GetAccountHistoryResponse__Output>("GetAccountHistory", {
      account: account("PAGE"),
      after_entry_seq: first.next_after_entry_seq,
      page_size: 4,
    });
    expect(first.entries.map((entry) => entry.entry_seq)).to.deep.equal(["1", "2", "3", "4"]);
    expect(first.next_after_entry_seq).to.equal("4");
    expect(second.entries.map((entry) => entry.entry_seq)).to.deep.equal(["5", "6"]);
    expect(second.next_after_entry_seq).to.equal("0");
  });

  it("lists positions with filters and pages, and a watch sees the current position and then each change", async () => {
    for (let index = 0; index < 7; index++) {
      const bank = index % 2 === 0 ? "LISTB" : "LISTC";
      await operator.must("OpenAccount", {
        account: account(`L${index}`, bank),
        currency: index < 5 ? "CHF" : "JPY",
        pool: "list",
        request_id: `open-l${index}`,
      });
    }
    await eventually("directory has the new accounts", async () => {
      const page = await viewer.must<ListPositionsResponse__Output>("ListPositions", { pool: "list", page_size: 100 });
      return page.positions.length === 7;
    });
    const pages: string[][] = [];
    let token = "";
    do {
      const page = await viewer.must<ListPositionsResponse__Output>("ListPositions", {
        pool: "list",
        currency: "CHF",
        page_size: 2,
        page_token: token,
      });
      pages.push(page.positions.map((position) => position.account_id));
      token = page.next_page_token;
    } while (token !== "");
    expect(pages).to.deep.equal([["LISTB:L0", "LISTB:L2"], ["LISTB:L4", "LISTC:L1"], ["LISTC:L3"]]);
    const bankC = await viewer.must<ListPositionsResponse__Output>("ListPositions", { bank_code: "LISTC" });
    expect(bankC.positions.map((position) => position.account_id)).to.deep.equal(["LISTC:L1", "LISTC:L3", "LISTC:L5"]);

    const updates: PositionUpdate__Output[] = [];
    const watch = viewer.watch({ accounts: [account("L0", "LISTB")] });
    watch.on("data", (update: PositionUpdate__Output) => updates.push(update));
    watch.on("error", () => undefined);
    await eventually("the watch sends the current position", async () => updates.length === 1);
    expect(updates[0]).to.deep.include({ cause: "current", command_id: "" });
    await operator.must("RecordEntry", {
      account: account("L0", "LISTB"),
      entry_id: "W-1",
      direction: "credit",
      amount: "10",
      currency: "CHF",
    });
    await operator.must("RecordEntry", {
      account: account("L2", "LISTB"),
      entry_id: "W-other",
      direction: "credit",
      amount: "99",
      currency: "CHF",
    });
    await operator.must("Freeze", {
      account: account("L0", "LISTB"),
      freeze_id: "WF-1",
      amount: "4",
      currency: "CHF",
      reason: "hold",
    });
    await eventually("the watch sends both changes", async () => updates.length === 3);
    watch.cancel();
    expect(
      updates.slice(1).map((update) => [update.cause, update.command_id, update.summary?.position?.available]),
    ).to.deep.equal([
      ["entryRecorded", "entry:W-1", "10.0000"],
      ["fundsFrozen", "freeze:WF-1", "6.0000"],
    ]);
    expect(Number(updates[2]!.summary!.event_seq)).to.be.greaterThan(Number(updates[1]!.summary!.event_seq));
  });

  it("serves the standard health service and server reflection without a token", async () => {
    expect(await servingAndReflected(`127.0.0.1:${engine.grpcPort}`, "liquidity.v1.Positions")).to.include.members([
      "liquidity.v1.Positions",
      "grpc.health.v1.Health",
    ]);
  });
});
