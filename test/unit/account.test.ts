import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { accountKind } from "../../actors/account/index.js";
import { Money } from "../../actors/shared/amount.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { Reply } from "../../runtime/messages.js";

const eur = { currency: "EUR" };

describe("account actor (ADR 003)", () => {
  let system: ActorSystem;
  let counter = 0;
  beforeEach(() => {
    system = new ActorSystem({ kinds: [accountKind], store: new MemoryActorStore(), publisher: new MemoryEventBus() });
  });
  afterEach(() => system.stop());
  const send = (type: string, payload: unknown = {}, actorId = "BANKA:1001"): Promise<Reply> =>
    system.dispatch({ kind: "account", actorId, commandId: `c-${counter++}`, type, payload, principal: "test" });
  const open = (extra: Record<string, unknown> = {}) => send("open", { bankCode: "BANKA", accountNumber: "1001", pool: "eur-main", ...eur, ...extra });
  const outcome = (reply: Reply) => (reply.ok ? reply.result : reply.error.code);
  const position = async () => ((await send("get")) as unknown as { result: { position: Record<string, string> } }).result.position;

  it("keeps available = ledger - frozen - in-transit debit + in-transit credit through entries, freezes and reservations", async () => {
    await open();
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "1000.00", ...eur });
    await send("recordEntry", { entryId: "e2", direction: "debit", amount: "0.0001", ...eur });
    await send("freeze", { freezeId: "f1", amount: "100", reason: "court order", ...eur });
    await send("reserve", { reservationId: "r1", direction: "debit", amount: "250.5", transferId: "t1", ...eur });
    await send("reserve", { reservationId: "r2", direction: "credit", amount: "40", transferId: "t2", ...eur });
    expect(await position()).to.deep.equal({ ledger: "999.9999", frozen: "100.0000", inTransitDebit: "250.5000", inTransitCredit: "40.0000", available: "689.4999" });
    await send("settle", { reservationId: "r1" });
    await send("release", { reservationId: "r2", reason: "credit failed" });
    await send("unfreeze", { freezeId: "f1" });
    expect(await position()).to.deep.equal({ ledger: "749.4999", frozen: "0.0000", inTransitDebit: "0.0000", inTransitCredit: "0.0000", available: "749.4999" });
  });

  it("leaves in-transit credit out of available when the account is opened with the conservative policy", async () => {
    await open({ countInTransitCredit: false });
    await send("reserve", { reservationId: "r1", direction: "credit", amount: "40", transferId: "t", ...eur });
    expect(await position()).to.deep.include({ inTransitCredit: "40.0000", available: "0.0000" });
  });

  it("refuses freezes and debit reservations beyond available and the overdraft limit, and changes nothing", async () => {
    await open({ overdraftLimit: "50" });
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", ...eur });
    const before = await position();
    expect(outcome(await send("reserve", { reservationId: "r1", direction: "debit", amount: "150.0001", transferId: "t", ...eur }))).to.equal("insufficient_available");
    expect(outcome(await send("freeze", { freezeId: "f1", amount: "150.0001", reason: "x", ...eur }))).to.equal("insufficient_available");
    expect(await position()).to.deep.equal(before);
    expect(await send("reserve", { reservationId: "r1", direction: "debit", amount: "150", transferId: "t", ...eur })).to.deep.include({ ok: true });
    expect(await position()).to.deep.include({ available: "-50.0000" });
  });

  it("records upstream debits even below zero: the bank already booked them", async () => {
    await open();
    expect(await send("recordEntry", { entryId: "e1", direction: "debit", amount: "10", ...eur })).to.deep.include({ ok: true });
    expect(await position()).to.deep.include({ ledger: "-10.0000", available: "-10.0000" });
  });

  it("settles or releases a reservation once, and says so when asked again", async () => {
    await open();
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", ...eur });
    await send("reserve", { reservationId: "r1", direction: "debit", amount: "10", transferId: "t", ...eur });
    expect(await send("settle", { reservationId: "r1" })).to.deep.include({ ok: true });
    expect(outcome(await send("settle", { reservationId: "r1" }))).to.equal("reservation_already_settled");
    expect(outcome(await send("release", { reservationId: "r1" }))).to.equal("reservation_already_settled");
    expect(outcome(await send("settle", { reservationId: "nope" }))).to.equal("reservation_not_found");
    expect(outcome(await send("reserve", { reservationId: "r1", direction: "debit", amount: "1", transferId: "t", ...eur }))).to.equal("reservation_exists");
    expect(await position()).to.deep.include({ ledger: "90.0000", inTransitDebit: "0.0000" });
  });

  it("syncs the ledger to a statement balance and keeps the difference", async () => {
    await open();
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "100", ...eur });
    const synced = await send("syncStatement", { statementId: "s-1", balance: "97.25", asOf: "2026-11-24", ...eur });
    expect(synced).to.deep.include({ ok: true });
    expect(await position()).to.deep.include({ ledger: "97.2500" });
    expect(outcome(await send("syncStatement", { statementId: "s-0", balance: "1", asOf: "2026-11-23", ...eur }))).to.equal("statement_out_of_order");
    expect(outcome(await send("syncStatement", { statementId: "s-1", balance: "1", asOf: "2026-11-24", ...eur }))).to.equal("statement_already_synced");
  });

  it("refuses what does not fit the account: not open, opened twice, wrong id, wrong currency, closed, not empty", async () => {
    expect(outcome(await send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", ...eur }))).to.equal("account_not_open");
    expect(outcome(await send("open", { bankCode: "BANKA", accountNumber: "9", pool: "p", ...eur }))).to.equal("account_id_mismatch");
    await open();
    expect(outcome(await open())).to.equal("account_already_open");
    expect(outcome(await send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", currency: "USD" }))).to.equal("currency_mismatch");
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "1", ...eur });
    expect(outcome(await send("close"))).to.equal("account_not_empty");
    await send("recordEntry", { entryId: "e2", direction: "debit", amount: "1", ...eur });
    expect(await send("close", { reason: "moved" })).to.deep.include({ ok: true });
    expect(outcome(await send("recordEntry", { entryId: "e3", direction: "credit", amount: "1", ...eur }))).to.equal("account_closed");
  });

  it("refuses bad input with a message naming the field, and persists nothing", async () => {
    await open();
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
      const payload: Record<string, unknown> = { entryId: `bad-${index}`, direction: "credit", amount: "1", ...eur, ...change };
      const reply = await send("recordEntry", payload);
      expect(reply.ok ? "accepted" : reply.error.code, name).to.equal("invalid_command");
      expect(reply.ok ? "" : reply.error.message, name).to.match(message);
    }
    expect(outcome(await send("teleport"))).to.equal("unknown_command");
    expect((await system.inspect({ kind: "account", actorId: "BANKA:1001" })).entrySeq).to.equal(1);
  });

  it("refuses a change that would take the position out of DECIMAL(20,4)", async () => {
    await open();
    await send("recordEntry", { entryId: "e1", direction: "credit", amount: "9999999999999999.9999", ...eur });
    expect(outcome(await send("recordEntry", { entryId: "e2", direction: "credit", amount: "0.0001", ...eur }))).to.equal("amount_out_of_range");
    expect(await position()).to.deep.include({ ledger: "9999999999999999.9999" });
  });

  it("adds DECIMAL(20,4) amounts exactly (21 significant digits do not round)", () => {
    const big = new Money("9999999999999999.9999");
    expect(big.plus(big).toFixed()).to.equal("19999999999999999.9998");
  });
});
