/**
 * Throughput of the transfer read model's projector (ADR 007): `node --import tsx test/bench/transfer-index-bench.ts`.
 * Starts nats-server and a MongoDB-wire server as the test rig does (FerretDB 1.24 unless MONGO_URL or mongod).
 * Not a test: prints a table.
 *
 * Workload: transfers of 20 events each with 5 status changes (what a successful transfer publishes), interleaved
 * as BENCH_IN_FLIGHT (100) concurrent transfers publish them.
 *  1. index only: `MongoTransferIndex.apply` in batches of 512 events (the projector's batch), BENCH_TRANSFERS
 *     (200) transfers, into a collection that already holds 0, 1,000 or 5,000 transfers (BENCH_PRELOAD);
 *  2. end to end: the events of BENCH_TRANSFERS transfers published to JetStream first, then the durable projector
 *     catches up.
 */
import { connect } from "@nats-io/transport-node";
import { MongoClient } from "mongodb";
import type { PublishedTransferEvent } from "../../read-models/transfer-read-model.js";
import type { TransferStatus } from "../../actors/transfer/state.js";
import { MongoTransferIndex, transferIndexCollection } from "../../adapters/mongo/mongo-transfer-index.js";
import { JetStreamEventPublisher } from "../../adapters/nats/jetstream-event-publisher.js";
import { JetStreamTransferProjector } from "../../adapters/nats/jetstream-transfer-projector.js";
import { silentLogger } from "../../runtime/logger.js";
import type { OutboundEvent } from "../../runtime/ports.js";
import { uniqueDatabaseName } from "../rig/global.js";
import { startMongo, startNats } from "../rig/servers.js";
import { createdEvent, laterEvent } from "../contract/transfer-index.contract.js";
import { eventually } from "../support/tally.js";
import { positiveInt } from "./env.js";

const transfers = positiveInt("BENCH_TRANSFERS", 200);
const inFlight = positiveInt("BENCH_IN_FLIGHT", 100);
/** How long the end-to-end run may take to project its backlog before it fails (a stuck projector, not a slow one). */
const catchUpMsMax = 10 * 60_000;
const preloads = (process.env["BENCH_PRELOAD"] ?? "0,1000,5000").split(",").map(Number);
const eventsPerTransfer = 20;
/** The event sequence numbers that change the status, and to what. */
const changes = new Map<number, TransferStatus>([
  [4, "DEBIT_PENDING"],
  [8, "DEBIT_SUCCESS"],
  [12, "CREDIT_PENDING"],
  [16, "SUCCESS"],
]);

/** Events in the order concurrent transfers publish them: a window of `inFlight` transfers, one event each in turn. */
function workload(run: string): PublishedTransferEvent[] {
  const events: PublishedTransferEvent[] = [];
  for (let start = 0; start < transfers; start += inFlight) {
    const ids = Array.from({ length: Math.min(inFlight, transfers - start) }, (_, i) => `${run}-${start + i}`);
    const statuses = new Map(ids.map((id) => [id, "CREATED" as TransferStatus]));
    for (let seq = 1; seq <= eventsPerTransfer; seq++) {
      for (const id of ids) {
        const at = Date.now();
        if (seq === 1) {
          events.push(createdEvent(id, at));
          continue;
        }
        const changed = changes.get(seq);
        if (changed) statuses.set(id, changed);
        events.push(
          laterEvent(
            id,
            seq,
            statuses.get(id)!,
            at,
            changed ? "stepSucceeded" : "positionTaskIssued",
            changed !== undefined,
          ),
        );
      }
    }
  }
  return events;
}

interface Row {
  readonly variant: string;
  readonly events: number;
  readonly seconds: number;
  readonly writes: number;
}

async function indexOnly(mongoUrl: string, preload: number): Promise<Row> {
  const database = uniqueDatabaseName("bench_ti");
  const index = await MongoTransferIndex.connect({ url: mongoUrl, database, writeConcern: { w: 1 } });
  const client = await MongoClient.connect(mongoUrl);
  try {
    const done = Array.from({ length: preload }, (_, i) => ({
      _id: `old-${i}`,
      status: "SUCCESS",
      eventSeq: 16,
      updatedAt: i,
      createdAt: i,
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "1.0000",
      currency: "CNY",
      speed: "normal",
      approvalRequired: false,
      reference: "",
      createdBy: "bench",
    }));
    for (let offset = 0; offset < done.length; offset += 1_000) {
      await client
        .db(database)
        .collection<{ _id: string }>(transferIndexCollection)
        .insertMany(done.slice(offset, offset + 1_000));
    }
    const events = workload(`p${preload}`);
    let writes = 0;
    const started = performance.now();
    for (let offset = 0; offset < events.length; offset += 512) {
      const batch = events.slice(offset, offset + 512);
      writes += new Set(
        batch.filter((event) => event.event["previousStatus"] !== undefined).map((event) => event.transferId),
      ).size;
      await index.apply(batch);
    }
    return {
      variant: `index only, ${preload.toLocaleString("en-US")} transfers already in it`,
      events: events.length,
      seconds: (performance.now() - started) / 1_000,
      writes,
    };
  } finally {
    await client.close();
    await index.close();
  }
}

async function endToEnd(natsUrl: string, mongoUrl: string): Promise<Row> {
  const nc = await connect({ servers: natsUrl, noAsyncTraces: true });
  const prefix = `bench${Date.now().toString(36)}`;
  const index = await MongoTransferIndex.connect({
    url: mongoUrl,
    database: uniqueDatabaseName("bench_e2e"),
    writeConcern: { w: 1 },
  });
  try {
    const publisher = await JetStreamEventPublisher.create(nc, { prefix });
    const events = workload("e2e");
    const outbound: OutboundEvent[] = events.map((event) => ({
      kind: "transfer",
      actorId: event.transferId,
      eventSeq: event.eventSeq,
      entrySeq: event.eventSeq,
      commandId: `c${event.eventSeq}`,
      recordedAt: Number(event.event["at"]),
      event: { type: String(event.event["type"]), ...event.event },
    }));
    for (let offset = 0; offset < outbound.length; offset += 1_000)
      await publisher.publish(outbound.slice(offset, offset + 1_000));
    const started = performance.now();
    const projector = await JetStreamTransferProjector.start(nc, index, { prefix }, silentLogger);
    const lastId = events.at(-1)!.transferId;
    // Batches are written in delivery order: once the last change is in, all are (checked below, off the clock).
    await eventually(
      `the projector has caught up (${lastId} in SUCCESS)`,
      async () => (await index.get(lastId))?.status === "SUCCESS",
      catchUpMsMax,
      50,
    );
    const seconds = (performance.now() - started) / 1_000;
    await projector.stop();
    const succeeded = (await index.statusSummary()).get("SUCCESS")?.count;
    if (succeeded !== transfers)
      throw new Error(`${String(succeeded)} transfers projected as SUCCESS, expected ${transfers}`);
    return {
      variant: "JetStream -> projector -> index (catch-up of a backlog)",
      events: events.length,
      seconds,
      writes: Number.NaN,
    };
  } finally {
    await index.close();
    await nc.close();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
const [nats, mongo] = await Promise.all([startNats(), startMongo()]);
try {
  console.log(
    `\n${mongo.kind}; ${transfers} transfers x ${eventsPerTransfer} events (5 status changes), ${inFlight} in flight\n`,
  );
  console.log("| variant | events | seconds | events/s | document writes/s | ms per write |");
  console.log("|---|---|---|---|---|---|");
  const print = (row: Row) => {
    const writes = Number.isNaN(row.writes)
      ? " | "
      : `${Math.round(row.writes / row.seconds).toLocaleString("en-US")} | ${((row.seconds * 1_000) / row.writes).toFixed(1)}`;
    console.log(
      `| ${row.variant} | ${row.events.toLocaleString("en-US")} | ${row.seconds.toFixed(1)} | ${Math.round(row.events / row.seconds).toLocaleString("en-US")} | ${writes} |`,
    );
  };
  for (const preload of preloads) print(await indexOnly(mongo.url, preload));
  print(await endToEnd(nats.url, mongo.url));
} finally {
  await Promise.all([nats.stop(), mongo.stop()]);
}
