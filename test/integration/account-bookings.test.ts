import { expect } from "chai";
import { connect } from "@nats-io/transport-node";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { JetStreamEventPublisher } from "../../adapters/nats/jetstream-event-publisher.js";
import { accountKind } from "../../actors/account/index.js";
import { addDays, bookingDayOf } from "../../actors/shared/booking-day.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import type { InternalRecord } from "../../reconciliation/model.js";
import { awaitRecords } from "../../reconciliation/records.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { silentLogger } from "../../runtime/logger.js";
import { configFrom } from "../support/integration.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

/**
 * What a test compares of a record: the amount as its fixed-point string, and for a booking date set by the engine
 * (the UTC day of the turn) whether it is a day the test ran on, so that a run across midnight compares the same.
 */
function shown(record: InternalRecord, ranOn: readonly string[]): Record<string, unknown> {
  return {
    ...record,
    amount: record.amount.toFixed(4),
    bookingDate: ranOn.includes(record.bookingDate) || record.bookingDate,
  };
}

describe("account bookings in a real engine (NATS, a MongoDB-wire server, the bank simulator)", function () {
  this.timeout(120_000);
  let world: TransferWorld;
  let engine: RunningEngine | undefined;
  let startDay: string;

  before(async () => {
    startDay = bookingDayOf(Date.now());
    world = await TransferWorld.start();
    // The world's engine process opened and funded the accounts; this test's engine runs in-process, to read its
    // records model. The process stops gracefully, handing back what its consumer held.
    await world.engine!.stop();
    world.engine = undefined;
    engine = await startEngine(configFrom(world.env), silentLogger);
  });
  after(async () => {
    await engine?.stop();
    await world?.stop();
  });

  /** The account's records around today, once the model has folded every event the account has journaled. */
  async function recordsAround(running: RunningEngine, accountId: string): Promise<Record<string, unknown>[]> {
    const { eventSeq } = await running.system.inspect({ kind: "account", actorId: accountId });
    await awaitRecords(running.accountBookings, accountId, eventSeq, 30_000);
    const ranOn = [startDay, bookingDayOf(Date.now())];
    const records = await running.accountBookings.recordsOf(accountId, addDays(startDay, -1), addDays(ranOn[1]!, 1));
    return records.map((record) => shown(record, ranOn));
  }

  it("holds each entry and both steps of a settled transfer, with serials, booked", async () => {
    const today = bookingDayOf(Date.now());
    await world.expectOk(
      world.send("account", "BANKA:A1", "bookings-entry-1", "recordEntry", {
        entryId: "bk-entry-1",
        direction: "debit",
        amount: "12.3400",
        currency: "CNY",
        bookingDate: today,
      }),
    );
    await world.expectOk(world.createTransfer("bk-1", "250.7500"));
    await world.settled("bk-1", ["SUCCESS"]);

    const a1 = await recordsAround(engine!, "BANKA:A1");
    const common = { bankReference: undefined, booked: true };
    expect(a1).to.have.deep.members([
      {
        ...common,
        recordId: "entry:bk-entry-1",
        kind: "entry",
        direction: "debit",
        amount: "12.3400",
        bookingDate: true,
        serial: undefined,
        reference: "bk-entry-1",
        transferId: undefined,
      },
      {
        ...common,
        recordId: "entry:opening-A1",
        kind: "entry",
        direction: "credit",
        amount: "1000000.0000",
        bookingDate: true,
        serial: undefined,
        reference: "opening-A1",
        transferId: undefined,
      },
      {
        ...common,
        recordId: "transfer:bk-1:debit",
        kind: "transferStep",
        direction: "debit",
        amount: "250.7500",
        bookingDate: true,
        serial: "bk-1.debit",
        reference: undefined,
        transferId: "bk-1",
      },
    ]);
    expect(await recordsAround(engine!, "BANKB:B1")).to.deep.equal([
      {
        ...common,
        recordId: "transfer:bk-1:credit",
        kind: "transferStep",
        direction: "credit",
        amount: "250.7500",
        bookingDate: true,
        serial: "bk-1.credit",
        reference: undefined,
        transferId: "bk-1",
      },
    ]);
  });

  it("keeps its records over a restart and catches up on the events recorded while it was down", async () => {
    const before = await recordsAround(engine!, "BANKA:A1");
    await engine!.stop();
    engine = undefined;
    const downtimeEntry = await recordWithoutTheModel("bk-entry-down");

    engine = await startEngine(configFrom(world.env), silentLogger);
    const after = await recordsAround(engine, "BANKA:A1");
    expect(after).to.have.deep.members([...before, downtimeEntry]);
  });

  /**
   * Records an entry through the engine's actors over the same journal and events stream, with no records model
   * running (as another node would while this one is down); returns the record it should become.
   */
  async function recordWithoutTheModel(entryId: string): Promise<Record<string, unknown>> {
    const store = await MongoActorStore.connect({
      url: world.env["LIQ_MONGO_URL"]!,
      database: world.env["LIQ_MONGO_DB"]!,
    });
    const nc = await connect({ servers: world.env["LIQ_NATS_URL"]! });
    const publisher = await JetStreamEventPublisher.create(nc, { prefix: world.prefix });
    const system = new ActorSystem({ kinds: [accountKind], store, publisher, logger: silentLogger });
    const actor = { kind: "account", actorId: "BANKA:A1" };
    try {
      const reply = await system.dispatch({
        ...actor,
        commandId: `entry:${entryId}`,
        type: "recordEntry",
        payload: { entryId, direction: "credit", amount: "3.0000", currency: "CNY" },
        principal: "test",
      });
      expect(reply.ok, JSON.stringify(reply)).to.equal(true);
      const { eventSeq } = await system.inspect(actor);
      await eventually("the entry is on the events stream", async () => {
        return (await publisher.lastPublishedEventSeq(actor)) >= eventSeq;
      });
    } finally {
      await system.stop();
      await store.close();
      await nc.close();
    }
    return {
      recordId: `entry:${entryId}`,
      kind: "entry",
      direction: "credit",
      amount: "3.0000",
      bookingDate: true,
      serial: undefined,
      bankReference: undefined,
      reference: entryId,
      booked: true,
      transferId: undefined,
    };
  }
});

describe("account bookings in the embedded engine (in memory, fed by the in-process bus)", () => {
  it("holds an entry as soon as the account has recorded it", async () => {
    const engine = await startEngine(
      configFrom({ LIQ_ADMIN_PORT: "0", LIQ_GRPC_PORT: "0", LIQ_DEV_ACCESS: "true" }),
      silentLogger,
    );
    try {
      const send = (commandId: string, type: string, payload: Record<string, unknown>) =>
        engine.system.dispatch({ kind: "account", actorId: "BANKA:E1", commandId, type, payload, principal: "test" });
      expect(
        (await send("open", "open", { bankCode: "BANKA", accountNumber: "E1", currency: "CNY", pool: "main" })).ok,
      ).to.equal(true);
      const today = bookingDayOf(Date.now());
      const entry = { entryId: "emb-1", direction: "credit", amount: "7.5000", currency: "CNY", bookingDate: today };
      expect((await send("entry", "recordEntry", entry)).ok).to.equal(true);
      const { eventSeq } = await engine.system.inspect({ kind: "account", actorId: "BANKA:E1" });
      await awaitRecords(engine.accountBookings, "BANKA:E1", eventSeq, 5_000);
      const records = await engine.accountBookings.recordsOf("BANKA:E1", today, today);
      expect(records.map((record) => [record.recordId, record.amount.toFixed(4), record.booked])).to.deep.equal([
        ["entry:emb-1", "7.5000", true],
      ]);
    } finally {
      await engine.stop();
    }
  });
});
