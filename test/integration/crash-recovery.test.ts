import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { streamNameFor } from "../../adapters/nats/jetstream-event-publisher.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import { eventSubject, partitionOf } from "../../runtime/subjects.js";
import { EngineProcess } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { servingAndReflected } from "../support/grpc-client.js";
import { readEventsOnSubject } from "../support/jetstream.js";
import { eventually } from "../support/tally.js";

describe("crash recovery (engine as a real process, SIGKILL)", function () {
  this.timeout(120_000);
  let env: Record<string, string>;
  let nc: NatsConnection;
  let store: MongoActorStore;
  let engine: EngineProcess | undefined;
  const nats = () => new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount);
  const events = (actorId: string) =>
    readEventsOnSubject(
      nc,
      streamNameFor(env["LIQ_SUBJECT_PREFIX"]!),
      eventSubject(env["LIQ_SUBJECT_PREFIX"]!, "tally", actorId),
    );
  /** Whether the stored publication checkpoint has passed every entry of the actor (ADR 002). */
  const checkpointPassed = async (actorId: string) => {
    const [entries, checkpoints] = await Promise.all([
      store.readEntries({ kind: "tally", actorId }, 0, 1_000),
      store.loadPublicationCheckpoints([partitionOf(actorId, defaultLimits.partitionCount)]),
    ]);
    const checkpoint = [...checkpoints.values()][0] ?? 0;
    return entries.length > 0 && entries.every((entry) => entry.recordedAt < checkpoint);
  };
  const restart = async (extra: Record<string, string> = {}) => {
    engine = await EngineProcess.start({
      env: {
        ...env,
        LIQ_PUBLICATION_CHECKPOINT_INTERVAL_MS: "100",
        LIQ_PUBLICATION_CHECKPOINT_LAG_MS: "1",
        LIQ_REMINDER_POLL_INTERVAL_MS: "100",
        ...extra,
      },
    });
    return engine;
  };

  beforeEach(async () => {
    env = await isolatedEngineEnv();
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
  });
  afterEach(async () => {
    await engine?.kill();
    engine = undefined;
    await store.close();
    await nc.close();
  });

  for (const [label, extra] of [
    ["from the recent-id window restored from the snapshot", { LIQ_SNAPSHOT_EVERY_EVENTS: "2" }],
    [
      "from the journal's unique key once the id left the window",
      { LIQ_SNAPSHOT_EVERY_EVENTS: "2", LIQ_COMMAND_ID_WINDOW_SIZE: "1" },
    ],
  ] as const) {
    it(`applies a command retried after a restart once, with the same reply (${label})`, async () => {
      await restart(extra);
      const first = await nats().send({
        kind: "tally",
        actorId: "retry",
        commandId: "pay-1",
        type: "add",
        payload: { amount: "100.0001" },
      });
      expect(first).to.deep.include({ ok: true, entrySeq: 1 });
      for (let index = 0; index < 5; index++)
        await nats().send({
          kind: "tally",
          actorId: "retry",
          commandId: `more-${index}`,
          type: "add",
          payload: { amount: "1" },
        });
      await eventually(
        "a snapshot covering the first command",
        async () => ((await store.loadSnapshot({ kind: "tally", actorId: "retry" }))?.entrySeq ?? 0) >= 2,
      );
      await engine!.kill();
      await restart(extra);
      const retried = await nats().send({
        kind: "tally",
        actorId: "retry",
        commandId: "pay-1",
        type: "add",
        payload: { amount: "100.0001" },
      });
      expect(retried).to.deep.equal(first.ok ? { ...first, duplicate: true } : first);
      const get = await nats().send({ kind: "tally", actorId: "retry", commandId: "read", type: "get" });
      expect(get).to.deep.include({
        ok: true,
        result: { total: "105.0001", additions: 6, reminded: [], fulfilled: [] },
      });
      expect(await store.readEntries({ kind: "tally", actorId: "retry" }, 0, 100)).to.have.length(6);
    });
  }

  it("publishes an event exactly once when the engine was killed between the journal write and the publish", async () => {
    await restart({ LIQ_FAULT_POINT: "hold-publication" });
    const reply = await nats().send({
      kind: "tally",
      actorId: "unpub",
      commandId: "c-1",
      type: "add",
      payload: { amount: "7" },
    });
    expect(reply).to.deep.include({ ok: true, entrySeq: 1 });
    await engine!.waitForLine((line) => line["event"] === "fault-point");
    await engine!.kill();
    expect(await events("unpub")).to.have.length(0);
    expect(await checkpointPassed("unpub")).to.equal(false);
    await restart();
    await eventually(
      "recovery republished the entry and the checkpoint passed it",
      () => checkpointPassed("unpub"),
      20_000,
      50,
    );
    await nats().send({ kind: "tally", actorId: "unpub", commandId: "c-2", type: "add", payload: { amount: "1" } });
    await eventually("the next event published", async () => (await events("unpub")).length >= 2, 20_000, 50);
    const seen = await events("unpub");
    expect(seen.map((event) => [event.eventSeq, event.commandId, event.event["type"]])).to.deep.equal([
      [1, "c-1", "added"],
      [2, "c-2", "added"],
    ]);
  });

  it("does not publish twice when the engine was killed after the publish but before the checkpoint passed it", async () => {
    await restart({ LIQ_FAULT_POINT: "hold-checkpoint" });
    await nats().send({ kind: "tally", actorId: "unmarked", commandId: "c-1", type: "add", payload: { amount: "7" } });
    await engine!.waitForLine((line) => line["event"] === "fault-point");
    await eventually("the event on the stream", async () => (await events("unmarked")).length === 1, 20_000, 50);
    await engine!.kill();
    expect(await checkpointPassed("unmarked")).to.equal(false);
    await restart();
    await eventually(
      "recovery checked the stream and the checkpoint passed the entry",
      () => checkpointPassed("unmarked"),
      20_000,
      50,
    );
    await nats().send({ kind: "tally", actorId: "unmarked", commandId: "c-2", type: "add", payload: { amount: "1" } });
    await eventually("the next event published", async () => (await events("unmarked")).length >= 2, 20_000, 50);
    expect((await events("unmarked")).map((event) => event.eventSeq)).to.deep.equal([1, 2]);
  });

  it("serves while recovery is held on one actor: commands answered, the others republished, the checkpoint short of that actor's entry", async () => {
    await restart({ LIQ_FAULT_POINT: "hold-publication" });
    const add = (actorId: string, commandId: string) =>
      nats().send({ kind: "tally", actorId, commandId, type: "add", payload: { amount: "1" } });
    expect(await add("first", "c-1")).to.deep.include({ ok: true });
    expect(await add("held", "c-1")).to.deep.include({ ok: true });
    await engine!.waitForLine((line) => line["event"] === "fault-point");
    await engine!.kill();
    expect([...(await events("first")), ...(await events("held"))]).to.have.length(0);

    // Every activation of "held" waits forever: recovery cannot finish.
    await restart({ LIQ_FAULT_POINT: "hold-activation:held" });
    const ready = engine!.lines.find((line) => line["event"] === "ready")!;
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${String(ready["adminPort"])}/readyz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    await eventually("ready", async () => (await readyz()).status === 200, 20_000, 50);
    await servingAndReflected(`127.0.0.1:${String(ready["grpcPort"])}`, "liquidity.v1.Positions");
    await eventually("the first actor's event republished", async () => (await events("first")).length === 1);
    await eventually("the checkpoint past the first actor's entry", () => checkpointPassed("first"), 20_000, 50);
    expect((await readyz()).body).to.deep.include({ publicationRecovered: false, recoveryActorsRemaining: 1 });
    expect(await checkpointPassed("held")).to.equal(false);
    expect(await add("first", "c-2")).to.deep.include({ ok: true, entrySeq: 2 });
    expect(await add("new", "c-1")).to.deep.include({ ok: true, entrySeq: 1 });
    await eventually("the next events published", async () => (await events("first")).length === 2, 20_000, 50);
    expect(await checkpointPassed("held")).to.equal(false);
    expect(await events("held")).to.have.length(0);
  });

  it("fires a reminder scheduled before a restart after it", async () => {
    await restart();
    const dueAt = Date.now() + 1_500;
    const reply = await nats().send({
      kind: "tally",
      actorId: "alarm",
      commandId: "s-1",
      type: "schedule",
      payload: { key: "wake", dueAt },
    });
    expect(reply).to.deep.include({ ok: true });
    await engine!.kill();
    await restart();
    await eventually(
      "the reminded event",
      async () => (await events("alarm")).some((event) => event.event["type"] === "reminded"),
      20_000,
      100,
    );
    const reminded = (await events("alarm")).filter((event) => event.event["type"] === "reminded");
    expect(reminded).to.have.length(1);
    expect(Number(reminded[0]!.event["firedAt"])).to.be.at.least(dueAt);
  });
});
