import { jetstream, jetstreamManager, type JetStreamClient } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { deadLetterSubject, entrySubject, streamNamesFor } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import { addDays, bookingDayOf } from "../../actors/shared/booking-day.js";
import { readStoredMessages } from "../support/jetstream.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";

describe("ingestion of upstream entries from JetStream (ADR 004)", () => {
  let env: Record<string, string>;
  let engine: RunningEngine;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let store: MongoActorStore;
  let commands: NatsActorClient;
  const prefix = () => env["LIQ_SUBJECT_PREFIX"]!;
  const encode = (value: unknown) =>
    new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

  const publish = async (
    bank: string,
    accountNumber: string,
    body: unknown,
    options: { msgID?: string; subject?: string } = {},
  ) => {
    const publishHeaders = headers();
    publishHeaders.set("Liq-Principal", "core-banking");
    return js.publish(options.subject ?? entrySubject(prefix(), bank, accountNumber), encode(body), {
      headers: publishHeaders,
      ...(options.msgID && { msgID: options.msgID }),
    });
  };
  const open = async (accountNumber: string, currency = "EUR") => {
    const reply = await commands.send({
      kind: "account",
      actorId: `BANKX:${accountNumber}`,
      commandId: `open-${accountNumber}`,
      type: "open",
      payload: { bankCode: "BANKX", accountNumber, currency, pool: "ingest" },
    });
    expect(reply.ok, JSON.stringify(reply)).to.equal(true);
  };
  const position = async (accountNumber: string) => {
    const reply = await commands.send({
      kind: "account",
      actorId: `BANKX:${accountNumber}`,
      commandId: `get-${Math.random()}`,
      type: "get",
    });
    return reply.ok ? (reply.result as { position: Record<string, string> }).position : undefined;
  };
  const consumerSettled = async () => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.consumers.info(streamNamesFor(prefix()).entries, `${prefix()}-ingest`);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  };
  const deadLetters = () => readStoredMessages(nc, streamNamesFor(prefix()).deadLetters, deadLetterSubject(prefix()));

  before(async () => {
    env = await isolatedEngineEnv();
    engine = await startEngine(configFrom(env), silentLogger);
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    js = jetstream(nc);
    store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
    commands = new NatsActorClient(nc, prefix(), engine.system.limits.partitionCount, "tests");
  });
  after(async () => {
    await store.close();
    await nc.close();
    await engine.stop();
  });

  it("applies published entries, acks them only once applied, and records the publisher as principal", async () => {
    await open("A1");
    await publish(
      "BANKX",
      "A1",
      { entryId: "E-1", direction: "credit", amount: "100.10", currency: "EUR" },
      { msgID: "E-1" },
    );
    await publish(
      "BANKX",
      "A1",
      { entryId: "E-2", direction: "debit", amount: "0.05", currency: "EUR", description: "fee" },
      { msgID: "E-2" },
    );
    await eventually(
      "both entries applied and acked",
      async () => (await position("A1"))?.["ledger"] === "100.0500" && (await consumerSettled()),
    );
    const entries = await store.readEntries({ kind: "account", actorId: "BANKX:A1" }, 0, 10);
    expect(entries.map((entry) => [entry.commandId, entry.principal])).to.deep.equal([
      ["open-A1", "nats:tests"],
      ["entry:E-1", "ingest:core-banking"],
      ["entry:E-2", "ingest:core-banking"],
    ]);
  });

  it("applies an entry once however it is repeated: same message id, new message id, and through the command door", async () => {
    await open("A2");
    const entry = { entryId: "D-1", direction: "credit", amount: "7.0001", currency: "EUR" };
    await publish("BANKX", "A2", entry, { msgID: "D-1" });
    const stored = await publish("BANKX", "A2", entry, { msgID: "D-1" });
    expect(stored.duplicate, "the stream drops a repeat inside its window").to.equal(true);
    await publish("BANKX", "A2", entry, { msgID: "D-1-resent-by-a-restarted-publisher" });
    const viaCommand = await commands.send({
      kind: "account",
      actorId: "BANKX:A2",
      commandId: "entry:D-1",
      type: "recordEntry",
      payload: entry,
    });
    await eventually("settled", consumerSettled);
    expect(viaCommand).to.deep.include({ ok: true });
    expect(await position("A2")).to.deep.include({ ledger: "7.0001" });
    const entries = await store.readEntries({ kind: "account", actorId: "BANKX:A2" }, 0, 10);
    expect(entries.filter((stored) => stored.commandType === "recordEntry")).to.have.length(1);
  });

  it("books a published entry on the booking day it names, and answers the ledger as of a day at the command door", async () => {
    await open("A4");
    const today = bookingDayOf(Date.now());
    const [earlier, later] = [addDays(today, -2), addDays(today, -1)];
    const entry = { direction: "credit", currency: "EUR" };
    await publish("BANKX", "A4", { ...entry, entryId: "B-1", amount: "40", bookingDate: earlier });
    await publish("BANKX", "A4", { ...entry, entryId: "B-2", direction: "debit", amount: "15", bookingDate: later });
    await eventually("both entries applied", async () => (await position("A4"))?.["ledger"] === "25.0000");
    const events = (await store.readEntries({ kind: "account", actorId: "BANKX:A4" }, 0, 10)).flatMap(
      (stored) => stored.events,
    );
    expect(events.filter((event) => event.type === "entryRecorded").map((event) => event["bookingDate"])).to.deep.equal(
      [earlier, later],
    );
    const asOf = await commands.send({
      kind: "account",
      actorId: "BANKX:A4",
      commandId: `ledger-as-of-${earlier}`,
      type: "ledgerAsOf",
      payload: { date: earlier },
    });
    expect(asOf).to.deep.include({ ok: true, result: { date: earlier, ledger: "40.0000", bookedAfter: "-15.0000" } });
  });

  it("dead-letters poison with its reason, changes nothing, and keeps the stream moving", async () => {
    await open("A3");
    await open("A3USD", "USD");
    await open("A3SHUT");
    expect(
      (
        await commands.send({
          kind: "account",
          actorId: "BANKX:A3SHUT",
          commandId: "close",
          type: "close",
          payload: {},
        })
      ).ok,
    ).to.equal(true);
    const good = { entryId: "G", direction: "credit", amount: "1", currency: "EUR" };
    await publish("BANKX", "A3", { ...good, entryId: "ORIGINAL", amount: "5" });
    await eventually("the original entry applied", async () => (await position("A3"))?.["ledger"] === "5.0000");
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      ["not JSON", () => publish("BANKX", "A3", "{nope"), "malformed_message"],
      ["a JSON array", () => publish("BANKX", "A3", [1, 2]), "invalid_command"],
      [
        "no entry id",
        () => publish("BANKX", "A3", { direction: "credit", amount: "1", currency: "EUR" }),
        "invalid_command",
      ],
      ["exponent amount", () => publish("BANKX", "A3", { ...good, entryId: "P-1", amount: "1e5" }), "invalid_command"],
      [
        "five decimals",
        () => publish("BANKX", "A3", { ...good, entryId: "P-2", amount: "1.00001" }),
        "invalid_command",
      ],
      [
        "unknown field",
        () => publish("BANKX", "A3", { ...good, entryId: "P-3", valueDate: "2026-11-25" }),
        "invalid_command",
      ],
      [
        "booking date that is no calendar day",
        () => publish("BANKX", "A3", { ...good, entryId: "P-8", bookingDate: "2026-11-31" }),
        "invalid_command",
      ],
      [
        "booking date days ahead",
        () => publish("BANKX", "A3", { ...good, entryId: "P-9", bookingDate: addDays(bookingDayOf(Date.now()), 5) }),
        "booking_date_too_far_ahead",
      ],
      ["unknown account", () => publish("BANKX", "NOPE", { ...good, entryId: "P-4" }), "account_not_open"],
      ["currency mismatch", () => publish("BANKX", "A3USD", { ...good, entryId: "P-5" }), "currency_mismatch"],
      ["closed account", () => publish("BANKX", "A3SHUT", { ...good, entryId: "P-6" }), "account_closed"],
      [
        "entry id reused with another amount",
        () => publish("BANKX", "A3", { ...good, entryId: "ORIGINAL", amount: "50" }),
        "command_id_reused",
      ],
      [
        "subject without an account",
        () => publish("", "", { ...good, entryId: "P-7" }, { subject: `${prefix()}.entries.BANKX` }),
        "invalid_subject",
      ],
    ];
    const before = (await deadLetters()).length;
    for (const [, send] of cases) await send();
    await publish("BANKX", "A3", { ...good, entryId: "AFTER-POISON" });
    await eventually(
      "every poison message dead-lettered and the good entry applied",
      async () =>
        (await deadLetters()).length === before + cases.length && (await position("A3"))?.["ledger"] === "6.0000",
    );
    await eventually("settled", consumerSettled);
    // Handled concurrently, so dead letters may be stored out of order: the original sequence says which is which.
    const letters = (await deadLetters())
      .slice(before)
      .sort((a, b) => Number(a.headers["Liq-Original-Seq"]) - Number(b.headers["Liq-Original-Seq"]));
    expect(letters.map((letter) => letter.headers["Liq-Dead-Code"])).to.deep.equal(cases.map(([, , code]) => code));
    for (const letter of letters) {
      expect(letter.headers["Liq-Dead-Reason"]!.length, letter.body).to.be.greaterThan(10);
      expect(letter.headers["Liq-Original-Subject"]).to.match(new RegExp(`^${prefix()}\\.entries\\.`));
      expect(Number(letter.headers["Liq-Original-Seq"])).to.be.greaterThan(0);
    }
    expect(letters[0]!.body, "the original body is kept").to.equal("{nope");
    for (const accountNumber of ["A3USD", "A3SHUT"])
      expect(await position(accountNumber)).to.deep.include({ ledger: "0.0000" });
    const a3 = await store.readEntries({ kind: "account", actorId: "BANKX:A3" }, 0, 10);
    expect(a3.map((entry) => entry.commandId)).to.deep.equal(["open-A3", "entry:ORIGINAL", "entry:AFTER-POISON"]);
  });
});
