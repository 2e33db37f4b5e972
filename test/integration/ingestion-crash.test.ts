import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { Decimal } from "decimal.js";
import { MongoClient } from "mongodb";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { entrySubject, streamNamesFor } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { defaultLimits } from "../../runtime/limits.js";
import { EngineProcess } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";

const accounts = 20;
const entriesPerAccount = 250;

describe("ingestion: engine killed mid-ingestion (real process, SIGKILL)", function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let nc: NatsConnection;
  let mongo: MongoClient;
  let engine: EngineProcess | undefined;

  before(async () => {
    env = await isolatedEngineEnv({ LIQ_INGEST_CONCURRENCY: "64", LIQ_INGEST_ACK_WAIT_MS: "2000" });
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    mongo = await MongoClient.connect(env["LIQ_MONGO_URL"]!);
  });
  after(async () => {
    await engine?.kill();
    await mongo.close();
    await nc.close();
  });

  it("loses no entry and applies none twice", async () => {
    const prefix = env["LIQ_SUBJECT_PREFIX"]!;
    const total = accounts * entriesPerAccount;
    // Progress is read from the consumer, not the journal: a scan per poll would slow the store under test.
    const acked = async () =>
      (await (await jetstreamManager(nc)).consumers.info(streamNamesFor(prefix).entries, `${prefix}-ingest`)).ack_floor
        .stream_seq;
    const journaledEntries = () =>
      mongo
        .db(env["LIQ_MONGO_DB"])
        .collection("journal")
        .find({ commandType: "recordEntry" }, { projection: { _id: 0, actorId: 1, commandId: 1 } })
        .toArray();
    // First run: creates the streams and the durable consumer, opens the accounts; then a clean stop.
    engine = await EngineProcess.start({ env });
    const commands = new NatsActorClient(nc, prefix, defaultLimits.partitionCount, "tests");
    for (let account = 0; account < accounts; account++) {
      const reply = await commands.send({
        kind: "account",
        actorId: `CRASH:${account}`,
        commandId: "open",
        type: "open",
        payload: { bankCode: "CRASH", accountNumber: String(account), currency: "EUR", pool: "crash" },
      });
      expect(reply.ok, JSON.stringify(reply)).to.equal(true);
    }
    await engine.stop();
    engine = undefined;

    // The backlog, published while no engine runs: amounts with 4 places, so a lost or doubled entry shows.
    const expected = new Map<number, Decimal>();
    const js = jetstream(nc);
    for (let index = 0; index < accounts * entriesPerAccount; index += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, offset) => {
          const entry = index + offset;
          const account = entry % accounts;
          const amount = new Decimal(entry % 97).plus(new Decimal(entry).mod(10_000).div(10_000)).plus("0.0001");
          const direction = entry % 5 === 0 ? "debit" : "credit";
          expected.set(
            account,
            (expected.get(account) ?? new Decimal(0)).plus(direction === "credit" ? amount : amount.negated()),
          );
          const body = { entryId: `X-${entry}`, direction, amount: amount.toFixed(4), currency: "EUR" };
          return js.publish(entrySubject(prefix, "CRASH", String(account)), JSON.stringify(body), {
            msgID: body.entryId,
          });
        }),
      );
    }

    engine = await EngineProcess.start({ env });
    await eventually("some entries applied", async () => (await acked()) >= 300, 60_000, 5);
    await engine.kill();
    engine = undefined;
    const appliedAtKill = (await journaledEntries()).length;
    expect(appliedAtKill, "killed mid-ingestion, not after it").to.be.within(300, total - 1);

    engine = await EngineProcess.start({ env });
    await eventually("every entry acknowledged", async () => (await acked()) >= total, 120_000, 50);
    const journaled = await journaledEntries();
    for (let account = 0; account < accounts; account++) {
      const reply = await commands.send({
        kind: "account",
        actorId: `CRASH:${account}`,
        commandId: `get-${account}`,
        type: "get",
      });
      const ledger = reply.ok
        ? (reply.result as { position: { ledger: string } }).position.ledger
        : JSON.stringify(reply);
      expect(ledger, `account ${account}`).to.equal(expected.get(account)!.toFixed(4));
      const ids = journaled
        .filter((entry) => entry["actorId"] === `CRASH:${account}`)
        .map((entry) => String(entry["commandId"]));
      expect(new Set(ids).size, `account ${account}: distinct entries`).to.equal(entriesPerAccount);
      expect(ids, `account ${account}: no entry twice`).to.have.length(entriesPerAccount);
    }
    expect(journaled).to.have.length(total);
  });
});
