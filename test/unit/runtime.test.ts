import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem, type ActorSystemOptions } from "../../runtime/actor-system.js";
import type { EffectHandler } from "../../runtime/effect-runner.js";
import type { AppendBatch } from "../../runtime/ports.js";
import { eventually, sendTally } from "../support/tally.js";

function newSystem(
  store = new MemoryActorStore(),
  bus = new MemoryEventBus(),
  limits: ActorSystemOptions["limits"] = {},
): { system: ActorSystem; store: MemoryActorStore; bus: MemoryEventBus } {
  const system = new ActorSystem({
    kinds: [tallyKind],
    store,
    publisher: bus,
    limits: { reminderPollIntervalMs: 20, ...limits },
  });
  return { system, store, bus };
}

describe("actor runtime (memory adapters)", () => {
  const systems: ActorSystem[] = [];
  const make = (...args: Parameters<typeof newSystem>) => {
    const made = newSystem(...args);
    systems.push(made.system);
    return made;
  };
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop()));
  });

  it("applies 1,000 concurrent commands to one actor exactly, in fewer journal writes than commands (group commit)", async () => {
    const { system, store } = make();
    const appends: number[] = [];
    const append = store.append.bind(store);
    store.append = (batches: readonly AppendBatch[]) => {
      appends.push(batches.length);
      return append(batches);
    };
    const replies = await Promise.all(
      Array.from({ length: 1_000 }, (_, index) => sendTally(system, "hot", `c-${index}`, "add", { amount: "0.0001" })),
    );
    expect(replies.every((reply) => reply.ok)).to.equal(true);
    const { state, entrySeq } = await system.inspect({ kind: "tally", actorId: "hot" });
    expect((state as { total: { toFixed(): string } }).total.toFixed()).to.equal("0.1");
    expect(entrySeq).to.equal(1_000);
    expect(appends.length).to.be.lessThan(100);
    const entries = await store.readEntries({ kind: "tally", actorId: "hot" }, 0, 2_000);
    expect(entries.map((entry) => entry.seq)).to.deep.equal(Array.from({ length: 1_000 }, (_, index) => index + 1));
  });

  it("answers a read from the committed state beside the mailbox: nothing journaled, a writing command refused as a bug", async () => {
    const { system, store } = make();
    await sendTally(system, "q", "a-1", "add", { amount: "2.5" });
    await sendTally(system, "q", "a-2", "add", { amount: "0.5" });
    const read = await system.query("tally", "q", "get", {}, "test");
    expect(read.ok && read.result).to.deep.include({ total: "3" });
    expect(await store.readEntries({ kind: "tally", actorId: "q" }, 0, 10)).to.have.length(2);
    const unknown = await system.query("nothing", "q", "get", {}, "test");
    expect(!unknown.ok && unknown.error.code).to.equal("unknown_actor_kind");
    const malformed = await system.query("tally", "q", "add", { amount: 3 }, "test");
    expect(!malformed.ok && malformed.error.code).to.equal("invalid_command");
    let thrown: unknown;
    await system.query("tally", "q", "add", { amount: "1" }, "test").catch((error: unknown) => (thrown = error));
    expect(String(thrown)).to.match(/not read-only/);
    expect(await store.readEntries({ kind: "tally", actorId: "q" }, 0, 10)).to.have.length(2);
  });

  it("rejects a command that breaks a rule, persists nothing, and decides a retry of it afresh", async () => {
    const { system, store } = make();
    const rejected = await sendTally(system, "r", "take", "add", { amount: "-3" });
    expect(rejected).to.deep.include({ ok: false });
    expect(rejected.ok ? undefined : rejected.error.code).to.equal("total_would_go_negative");
    expect(await store.readEntries({ kind: "tally", actorId: "r" }, 0, 10)).to.have.length(0);
    await sendTally(system, "r", "fund", "add", { amount: "10" });
    const retried = await sendTally(system, "r", "take", "add", { amount: "-3" });
    expect(retried).to.deep.include({ ok: true, result: { total: "7" } });
  });

  it("refuses malformed commands with clear codes and changes nothing", async () => {
    const { system, store } = make();
    const cases: Array<[Parameters<typeof system.dispatch>[0], string]> = [
      [{ kind: "nope", actorId: "x", commandId: "1", type: "add", payload: {}, principal: "t" }, "unknown_actor_kind"],
      [
        { kind: "tally", actorId: "has space", commandId: "1", type: "add", payload: {}, principal: "t" },
        "invalid_actor_id",
      ],
      [{ kind: "tally", actorId: "x", commandId: "", type: "add", payload: {}, principal: "t" }, "invalid_envelope"],
      [
        { kind: "tally", actorId: "x", commandId: "1", type: "explode", payload: {}, principal: "t" },
        "unknown_command",
      ],
      [
        { kind: "tally", actorId: "x", commandId: "1", type: "add", payload: { amount: 1.5 }, principal: "t" },
        "invalid_command",
      ],
      [
        { kind: "tally", actorId: "x", commandId: "1", type: "add", payload: { amount: "1e5" }, principal: "t" },
        "invalid_command",
      ],
      [
        { kind: "tally", actorId: "x", commandId: "1", type: "add", payload: { amount: "0.00001" }, principal: "t" },
        "invalid_command",
      ],
      [
        { kind: "tally", actorId: "x", commandId: "1", type: "add", payload: "not an object", principal: "t" },
        "invalid_command",
      ],
    ];
    for (const [request, code] of cases) {
      const reply = await system.dispatch(request);
      expect(reply.ok ? "accepted" : reply.error.code, JSON.stringify(request)).to.equal(code);
    }
    expect(await store.readEntries({ kind: "tally", actorId: "x" }, 0, 10)).to.have.length(0);
  });

  it("answers mailbox_full instead of queueing without bound", async () => {
    const { system } = make(undefined, undefined, { mailboxCapacity: 4, batchSizeMax: 1 });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) => sendTally(system, "m", `m-${index}`, "add", { amount: "1" })),
    );
    const refused = replies.filter((reply) => !reply.ok && reply.error.code === "mailbox_full");
    const accepted = replies.filter((reply) => reply.ok);
    expect(refused.length).to.be.greaterThan(0);
    expect(refused.every((reply) => !reply.ok && reply.error.retryable)).to.equal(true);
    const { entrySeq } = await system.inspect({ kind: "tally", actorId: "m" });
    expect(entrySeq).to.equal(accepted.length);
  });

  it("rebuilds the same state from snapshot + tail as from a full replay", async () => {
    const store = new MemoryActorStore();
    const { system } = make(store, undefined, { snapshotEveryEvents: 7 });
    for (let index = 0; index < 30; index++)
      await sendTally(system, "s", `s-${index}`, "add", { amount: `${index}.25` });
    await eventually("a snapshot", async () => (await store.loadSnapshot({ kind: "tally", actorId: "s" })) !== null);
    const snapshot = await store.loadSnapshot({ kind: "tally", actorId: "s" });
    expect(snapshot?.entrySeq).to.be.greaterThan(0).and.lessThan(31);
    const fromSnapshot = make(store).system;
    const replayStore = new MemoryActorStore();
    await replayStore.append([{ entries: await store.readEntries({ kind: "tally", actorId: "s" }, 0, 100) }]);
    const fromReplay = make(replayStore).system;
    const a = await fromSnapshot.inspect({ kind: "tally", actorId: "s" });
    const b = await fromReplay.inspect({ kind: "tally", actorId: "s" });
    expect(tallyKind.encodeState(a.state as never)).to.deep.equal(tallyKind.encodeState(b.state as never));
    expect(tallyKind.encodeState(a.state as never)["total"]).to.equal("442.5");
  });

  it("loads the same state wherever the snapshot lies against the first entries read beside it", async () => {
    // Entries 1-16 are read together with the snapshot: histories around that window, with no snapshot, one inside
    // it, one at its end and one beyond it.
    for (const entries of [1, 15, 16, 17, 40]) {
      for (const snapshotEvery of [5, 16, 20, 1_000]) {
        const store = new MemoryActorStore();
        const writer = make(store, undefined, { snapshotEveryEvents: snapshotEvery }).system;
        for (let index = 1; index <= entries; index++)
          await sendTally(writer, "h", `h-${index}`, "add", { amount: `${index}.5` });
        const snapshotAt = Math.floor(entries / snapshotEvery) * snapshotEvery;
        const ref = { kind: "tally", actorId: "h" };
        await eventually(
          `a snapshot at ${snapshotAt}`,
          async () => ((await store.loadSnapshot(ref))?.entrySeq ?? 0) === snapshotAt,
        );
        const reader = make(store).system;
        const loaded = await reader.inspect(ref);
        const total = (entries * (entries + 1)) / 2 + entries / 2;
        const what = `${entries} entries, a snapshot at ${snapshotAt}`;
        expect([loaded.entrySeq, tallyKind.encodeState(loaded.state as never)["total"]], what).to.deep.equal([
          entries,
          String(total),
        ]);
        expect((await sendTally(reader, "h", "next", "add", { amount: "1" })).ok, what).to.equal(true);
        expect((await store.readEntries(ref, 0, 100)).length, what).to.equal(entries + 1);
      }
    }
  });

  it("fences two activations of one actor: one gap-free journal, every command applied once", async () => {
    const store = new MemoryActorStore();
    const one = make(store).system;
    const two = make(store).system;
    await Promise.all([one.inspect({ kind: "tally", actorId: "f" }), two.inspect({ kind: "tally", actorId: "f" })]);
    const send = async (system: ActorSystem, id: string) => {
      for (;;) {
        const reply = await sendTally(system, "f", id, "add", { amount: "1" });
        if (reply.ok || !reply.error.retryable) return reply;
      }
    };
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, index) => send(index % 2 ? one : two, `f-${index}`)),
    );
    expect(replies.every((reply) => reply.ok)).to.equal(true);
    const entries = await store.readEntries({ kind: "tally", actorId: "f" }, 0, 1_000);
    expect(entries.map((entry) => entry.seq)).to.deep.equal(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(new Set(entries.map((entry) => entry.commandId)).size).to.equal(200);
    expect(entries.at(-1)?.events[0]).to.deep.include({ total: "200" });
  });

  it("fires a durable reminder, also after the actor was passivated", async () => {
    const { system, bus } = make();
    system.start();
    const dueAt = Date.now() + 150;
    await sendTally(system, "rem", "sched", "schedule", { key: "wake", dueAt });
    await eventually("the actor idle and passivated", () => system.passivate({ kind: "tally", actorId: "rem" }));
    expect(system.activeCount).to.equal(0);
    await eventually("the reminded event", () => bus.events.some((event) => event.event.type === "reminded"));
    const reminded = bus.events.find((event) => event.event.type === "reminded");
    expect(Number(reminded?.event["firedAt"])).to.be.at.least(dueAt);
    expect(bus.events.filter((event) => event.event.type === "reminded")).to.have.length(1);
  });

  it("arms a reminder on the clock's own timers when the clock brings them, and fires it when they run (a simulation's virtual clock)", async () => {
    let now = 1_000_000;
    const timers = new Set<{ dueAt: number; callback: () => void }>();
    const clock = {
      now: () => now,
      startTimer: (callback: () => void, delayMs: number) => {
        const timer = { dueAt: now + delayMs, callback };
        timers.add(timer);
        return { cancel: () => void timers.delete(timer) };
      },
    };
    const bus = new MemoryEventBus();
    const system = new ActorSystem({ kinds: [tallyKind], store: new MemoryActorStore(), publisher: bus, clock });
    systems.push(system);
    const dueAt = now + 86_400_000;
    await sendTally(system, "virtual", "sched", "schedule", { key: "wake", dueAt });
    expect([...timers].map((timer) => timer.dueAt)).to.deep.equal([dueAt]);
    now = dueAt;
    const [timer] = [...timers];
    timers.delete(timer!);
    timer!.callback();
    await eventually("the reminded event", () => bus.events.some((event) => event.event.type === "reminded"));
    expect(bus.events.find((event) => event.event.type === "reminded")?.event["firedAt"]).to.equal(dueAt);
  });

  it("publishes every event once and in order after the bus fails, by repairing from the journal", async () => {
    const { system, bus } = make(undefined, undefined, {
      publicationRetryDelayMsMin: 5,
      publicationRetryDelayMsMax: 20,
    });
    let failures = 3;
    bus.beforePublish = () => {
      if (failures-- > 0) throw new Error("bus down");
    };
    for (let index = 0; index < 20; index++) await sendTally(system, "p", `p-${index}`, "add", { amount: "1" });
    await eventually("all events published", () => bus.events.length === 20);
    expect(bus.events.map((event) => event.eventSeq)).to.deep.equal(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
  });

  describe("effects (ADR 006 §1)", () => {
    const makeWithHandler = (handler: EffectHandler) => {
      const store = new MemoryActorStore();
      const system = new ActorSystem({
        kinds: [tallyKind],
        store,
        publisher: new MemoryEventBus(),
        effectHandlers: { tally: handler },
      });
      systems.push(system);
      return { system, store };
    };
    const fulfilledOf = async (system: ActorSystem, actorId: string) =>
      ((await system.inspect({ kind: "tally", actorId })).state as { fulfilled: string[] }).fulfilled;

    it("runs an effect only after its entry is written, and applies its result once as command effect:<id>", async () => {
      const seenAtCall: number[] = [];
      let store: MemoryActorStore | undefined;
      const made = makeWithHandler(async (effect, actor) => {
        seenAtCall.push((await store!.readEntries(actor, 0, 10)).length);
        return { type: "fulfil", payload: { key: (effect.payload as { key: string }).key, value: "42" } };
      });
      store = made.store;
      await sendTally(made.system, "e", "ask-1", "request", { key: "k1" });
      await eventually("effect result applied", async () => (await fulfilledOf(made.system, "e")).length === 1);
      expect(seenAtCall).to.deep.equal([1]);
      const entries = await made.store.readEntries({ kind: "tally", actorId: "e" }, 0, 10);
      expect(entries.map((entry) => [entry.commandId, entry.principal])).to.deep.equal([
        ["ask-1", "test"],
        ["effect:req.k1", "system:effect"],
      ]);
      expect(entries[0]!.effects).to.deep.equal([{ id: "req.k1", type: "lookup", payload: { key: "k1" } }]);
      // The same result delivered again (a duplicated callback, a retry) changes nothing.
      const again = await made.system.dispatch({
        kind: "tally",
        actorId: "e",
        commandId: "effect:req.k1",
        type: "fulfil",
        payload: { key: "k1", value: "42" },
        principal: "system:effect",
      });
      expect(again).to.deep.include({ ok: true, duplicate: true });
      expect(await fulfilledOf(made.system, "e")).to.deep.equal(["k1=42"]);
    });

    it("loses an effect whose handler throws (the actor's guard reminder must cover it) and runs none for a repeated command", async () => {
      let calls = 0;
      const made = makeWithHandler(async () => {
        calls++;
        throw new Error("bank unreachable");
      });
      await sendTally(made.system, "f", "ask-1", "request", { key: "k1" });
      await sendTally(made.system, "f", "ask-1", "request", { key: "k1" });
      await eventually("handler called", () => calls === 1);
      await sendTally(made.system, "f", "other", "add", { amount: "1" });
      expect(calls).to.equal(1);
      expect(await fulfilledOf(made.system, "f")).to.deep.equal([]);
    });
  });
});
