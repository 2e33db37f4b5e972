import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { Decimal } from "decimal.js";
import { MongoClient } from "mongodb";
import { entrySubject, streamNamesFor } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import type { AccountView } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { ListPositionsResponse__Output } from "../../protos/generated/liquidity/v1/ListPositionsResponse.js";
import { accessFile } from "../support/access-file.js";
import { TestPositionsClient } from "../support/grpc-client.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";

const accountCount = 100;
const entryCount = 10_000;

interface PlannedEntry {
  readonly account: number;
  readonly entryId: string;
  readonly direction: "credit" | "debit";
  readonly amount: string;
}

/** Runs `tasks` with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

describe("positions under load: 10,000 entries over 100 accounts through JetStream and gRPC, with duplicates", function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let engine: RunningEngine;
  let publishers: NatsConnection[];
  let callers: TestPositionsClient[];
  let mongo: MongoClient;

  before(async () => {
    const access = accessFile({ loader: ["operator"] });
    env = await isolatedEngineEnv({
      LIQ_ACCESS_FILE: access.file,
      LIQ_DEV_ACCESS: "false",
      LIQ_RATE_LIMIT_PER_SECOND: "100000",
      LIQ_RATE_LIMIT_BURST: "100000",
    });
    engine = await startEngine(configFrom(env), silentLogger);
    publishers = await Promise.all(Array.from({ length: 4 }, () => connect({ servers: env["LIQ_NATS_URL"]! })));
    callers = Array.from(
      { length: 4 },
      () => new TestPositionsClient(`127.0.0.1:${engine.grpcPort}`, access.tokens["loader"]),
    );
    mongo = await MongoClient.connect(env["LIQ_MONGO_URL"]!);
  });
  after(async () => {
    for (const caller of callers) caller.close();
    await Promise.all(publishers.map((nc) => nc.close()));
    await mongo.close();
    await engine.stop();
  });

  it("every balance is exact and every duplicate is applied once", async () => {
    const prefix = env["LIQ_SUBJECT_PREFIX"]!;
    const key = (account: number) => ({ bank_code: "LOAD", account_number: `A${account}` });
    await inParallel([...Array(accountCount).keys()], 16, async (account) => {
      await callers[account % callers.length]!.must("OpenAccount", {
        account: key(account),
        currency: "EUR",
        pool: "load",
        request_id: `open-${account}`,
      });
    });

    const planned: PlannedEntry[] = Array.from({ length: entryCount }, (_, index) => ({
      account: (index * 37) % accountCount,
      entryId: `L-${index}`,
      direction: index % 3 === 0 ? "debit" : "credit",
      amount: new Decimal(index % 1_000)
        .plus(new Decimal((index * 7919) % 10_000).div(10_000))
        .plus("0.0001")
        .toFixed(4),
    }));
    const expected = new Map<number, Decimal>();
    for (const entry of planned) {
      const signed = entry.direction === "credit" ? new Decimal(entry.amount) : new Decimal(entry.amount).negated();
      expected.set(entry.account, (expected.get(entry.account) ?? new Decimal(0)).plus(signed));
    }
    // Even entries go through JetStream, odd ones through gRPC; every tenth is sent again through the other door,
    // every seventh published twice under different message ids (a publisher that lost its ack and restarted).
    const viaStream = planned.filter((_, index) => index % 2 === 0 || index % 10 === 1);
    const viaGrpc = planned.filter((_, index) => index % 2 === 1 || index % 10 === 0);
    const republished = planned.filter((_, index) => index % 2 === 0 && index % 7 === 0);
    const published: Array<{ entry: PlannedEntry; msgID: string }> = [
      ...viaStream.map((entry) => ({ entry, msgID: entry.entryId })),
      ...republished.map((entry) => ({ entry, msgID: `${entry.entryId}-again` })),
    ];
    let sent = 0;
    const publishing = inParallel(published, 64, async ({ entry, msgID }) => {
      const js = jetstream(publishers[sent++ % publishers.length]!);
      const body = { entryId: entry.entryId, direction: entry.direction, amount: entry.amount, currency: "EUR" };
      await js.publish(entrySubject(prefix, "LOAD", `A${entry.account}`), JSON.stringify(body), { msgID });
    });
    const failures: string[] = [];
    let called = 0;
    const calling = inParallel(viaGrpc, 64, async (entry) => {
      const outcome = await callers[called++ % callers.length]!.call("RecordEntry", {
        account: key(entry.account),
        entry_id: entry.entryId,
        direction: entry.direction,
        amount: entry.amount,
        currency: "EUR",
      });
      if (!outcome.ok) failures.push(`${entry.entryId}: ${outcome.code} ${outcome.details}`);
    });
    await Promise.all([publishing, calling]);
    expect(failures.slice(0, 5)).to.deep.equal([]);

    const jsm = await jetstreamManager(publishers[0]!);
    await eventually(
      "the ingestion consumer has acknowledged everything",
      async () => {
        const info = await jsm.consumers.info(streamNamesFor(prefix).entries, `${prefix}-ingest`);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      120_000,
      50,
    );

    for (let account = 0; account < accountCount; account++) {
      const view = await callers[0]!.must<AccountView>("GetPosition", { account: key(account) });
      expect(view.position?.ledger, `account A${account}`).to.equal(expected.get(account)!.toFixed(4));
      expect(view.position?.available, `account A${account}`).to.equal(expected.get(account)!.toFixed(4));
    }
    const journaled = await mongo
      .db(env["LIQ_MONGO_DB"])
      .collection("journal")
      .find({ commandType: "recordEntry" }, { projection: { _id: 0, commandId: 1 } })
      .toArray();
    expect(journaled).to.have.length(entryCount);
    expect(new Set(journaled.map((entry) => entry["commandId"])).size).to.equal(entryCount);

    // The directory (list, watch, gauges) converges on the same numbers.
    await eventually(
      "the directory shows every final ledger",
      async () => {
        const page = await callers[0]!.must<ListPositionsResponse__Output>("ListPositions", {
          pool: "load",
          page_size: 1000,
        });
        return (
          page.positions.length === accountCount &&
          page.positions.every(
            (position) =>
              position.position?.ledger === expected.get(Number(position.account_number.slice(1)))!.toFixed(4),
          )
        );
      },
      20_000,
      50,
    );
  });
});
