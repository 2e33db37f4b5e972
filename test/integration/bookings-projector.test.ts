import { randomBytes } from "node:crypto";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { MemoryAccountBookings } from "../../adapters/memory/memory-account-bookings.js";
import { JetStreamBookingsProjector } from "../../adapters/nats/jetstream-bookings-projector.js";
import { JetStreamEventPublisher, streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { silentLogger } from "../../runtime/logger.js";
import type { OutboundEvent } from "../../runtime/ports.js";
import { eventSubject } from "../../runtime/subjects.js";
import { rigServers } from "../rig/global.js";
import { eventually } from "../support/tally.js";

const account = "BANKA:A1";

function entryEvent(eventSeq: number, entryId: string): OutboundEvent {
  return {
    kind: "account",
    actorId: account,
    eventSeq,
    entrySeq: eventSeq,
    commandId: `entry:${entryId}`,
    recordedAt: Date.parse("2026-12-07T10:00:00Z"),
    event: {
      type: "entryRecorded",
      entryId,
      direction: "credit",
      amount: "5.0000",
      description: "",
      bookingDate: "2026-12-07",
    },
  };
}

describe("bookings projector over JetStream: each account's events fold in order across redeliveries", function () {
  this.timeout(60_000);
  let nc: NatsConnection;
  let prefix: string;
  let projector: JetStreamBookingsProjector | undefined;

  beforeEach(async () => {
    nc = await connect({ servers: (await rigServers()).natsUrl });
    prefix = `t${randomBytes(4).toString("hex")}`;
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await nc.close();
  });

  it("holds an account's later events while an earlier one is away with a stopped consumer, then folds both", async () => {
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    await publisher.publish([entryEvent(1, "first"), entryEvent(2, "second")]);
    const ackWaitMs = 2_000;
    const consumerName = `${prefix}-account-bookings`;
    const stream = streamNameFor(prefix);
    await (
      await jetstreamManager(nc)
    ).consumers.add(stream, {
      durable_name: consumerName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventSubject(prefix, "account", ">"),
      ack_wait: ackWaitMs * 1_000_000,
      max_ack_pending: 100,
      max_deliver: -1,
    });
    // A node that took the first event and stopped before folding it: the server gives it out again after the ack wait.
    const taken = await (await jetstream(nc).consumers.get(stream, consumerName)).next({ expires: 5_000 });
    expect(taken?.seq).to.equal(1);

    const store = new MemoryAccountBookings();
    projector = await JetStreamBookingsProjector.start(
      nc,
      store,
      { prefix, ackWaitMs, heldDelayMs: 100 },
      silentLogger,
    );
    await eventually("both events folded", async () => (await store.appliedThrough(account)) === 2, 20_000, 20);
    const records = await store.recordsOf(account, "2026-12-07", "2026-12-07");
    expect(records.map((record) => record.recordId)).to.deep.equal(["entry:first", "entry:second"]);
    expect(projector.ready).to.equal(true);
  });

  it("a restart catches up on the events published while it was stopped", async () => {
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    const store = new MemoryAccountBookings();
    projector = await JetStreamBookingsProjector.start(nc, store, { prefix }, silentLogger);
    await publisher.publish([entryEvent(1, "before")]);
    await eventually("the first event folded", async () => (await store.appliedThrough(account)) === 1);
    await projector.stop();
    await publisher.publish([entryEvent(2, "while-stopped"), entryEvent(3, "also-while-stopped")]);
    projector = await JetStreamBookingsProjector.start(nc, store, { prefix }, silentLogger);
    await eventually(
      "the events published while stopped folded",
      async () => (await store.appliedThrough(account)) === 3,
    );
    const records = await store.recordsOf(account, "2026-12-07", "2026-12-07");
    expect(records.map((record) => record.recordId)).to.deep.equal([
      "entry:also-while-stopped",
      "entry:before",
      "entry:while-stopped",
    ]);
  });
});
