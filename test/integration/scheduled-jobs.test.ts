import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { Decimal } from "decimal.js";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { slotCommandId } from "../../actors/schedule/effects.js";
import { defaultLimits } from "../../runtime/limits.js";
import { accessFile } from "../support/access-file.js";
import { EngineProcess } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";

const jobId = "every-10s";
const tallyId = "scheduled-tally";
/** Longer than an engine restart here (about 5 s on a busy machine), so a kill spans at most one slot. */
const slotIntervalMs = 10_000;

describe("scheduled jobs (engine as a real process, SIGKILL around a slot)", function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let nc: NatsConnection;
  let store: MongoActorStore;
  let engine: EngineProcess | undefined;
  let adminToken: string;
  // Jobs send their commands as the engine, so they are an admin's to edit, over NATS too (ADR 005 §5).
  const nats = () =>
    new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, { token: adminToken });
  const start = async () => {
    engine = await EngineProcess.start({ env: { ...env, LIQ_REMINDER_POLL_INTERVAL_MS: "100" } });
  };
  const job = async (): Promise<Record<string, any>> => {
    const reply = await nats().send({
      kind: "schedule",
      actorId: jobId,
      commandId: `get-${Date.now()}`,
      type: "get",
      payload: {},
    });
    if (!reply.ok) throw new Error(`get refused: ${reply.error.code}`);
    return reply.result as Record<string, any>;
  };
  /** The slots the job journaled as fired, in order. */
  const firedSlots = async (): Promise<number[]> => {
    const entries = await store.readEntries({ kind: "schedule", actorId: jobId }, 0, 1_000);
    return entries.flatMap((entry) =>
      entry.events.filter((event) => event.type === "slotFired").map((event) => event["slot"] as number),
    );
  };

  beforeEach(async () => {
    const access = accessFile({ scheduler: ["admin"] });
    adminToken = access.tokens["scheduler"]!;
    env = await isolatedEngineEnv({ LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" });
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
  });
  afterEach(async () => {
    await engine?.kill();
    engine = undefined;
    await store.close();
    await nc.close();
  });

  it("applies every slot's command exactly once, none missed under run_once, across SIGKILLs before and after a slot", async () => {
    await start();
    const put = await nats().send({
      kind: "schedule",
      actorId: jobId,
      commandId: "put-1",
      type: "put",
      payload: {
        expectedVersion: 0,
        cron: "*/10 * * * * *",
        timeZone: "Europe/Berlin",
        target: { kind: "tally", actorId: tallyId, type: "add", payload: { amount: "1.25" } },
        missedSlots: "run_once",
      },
    });
    expect(put.ok, JSON.stringify(put)).to.equal(true);
    await eventually("the first slot fired", async () => (await job()).slotsFired >= 1, 20_000, 100);

    // Killed just before a slot: its reminder is due while the engine is down, and runs after the restart.
    const before = (await job()).nextSlot as number;
    await eventually("just before the next slot", () => Date.now() >= before - 300, 10_000, 20);
    await engine!.kill();
    await start();
    await eventually("the slot due while down fired", async () => (await firedSlots()).includes(before), 20_000, 100);

    // Killed right after a slot's entry was written: its command may or may not have left; the guard resends it.
    const after = (await job()).nextSlot as number;
    await eventually("the next slot fired", async () => (await firedSlots()).includes(after), 20_000, 20);
    await engine!.kill();
    await start();
    const lastFired = after + slotIntervalMs;
    await eventually(
      "one more slot fired and every slot delivered",
      async () => {
        const view = await job();
        return view.lastSlot >= lastFired && view.pending.length === 0;
      },
      60_000,
      200,
    );

    const slots = await firedSlots();
    const gaps = slots.slice(1).map((slot, index) => slot - slots[index]!);
    expect(gaps, "consecutive slots, none missed").to.satisfy((all: number[]) =>
      all.every((gap) => gap === slotIntervalMs),
    );
    expect(slots).to.include.members([before, after, lastFired]);
    const tallyEntries = await store.readEntries({ kind: "tally", actorId: tallyId }, 0, 1_000);
    // In any order: a slot whose command was lost in the kill is resent by its guard 10 s later, when the next slot
    // (10 s later too) may already have been applied.
    expect(
      tallyEntries.map((entry) => entry.commandId).sort(),
      "one tally entry per slot, by the slot's command id",
    ).to.deep.equal(slots.map((slot) => slotCommandId(jobId, slot)).sort());
    const tally = await nats().send({
      kind: "tally",
      actorId: tallyId,
      commandId: "get-tally",
      type: "get",
      payload: {},
    });
    expect(tally.ok && tally.result).to.deep.include({
      additions: slots.length,
      total: new Decimal("1.25").times(slots.length).toFixed(),
    });
  });
});
