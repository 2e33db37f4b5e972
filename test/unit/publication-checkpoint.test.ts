import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { noopMetrics, type EventPublisher } from "../../runtime/ports.js";
import { partitionOf } from "../../runtime/subjects.js";
import { eventually, sendTally } from "../support/tally.js";

const limits = {
  publicationCheckpointIntervalMs: 5,
  publicationCheckpointLagMs: 1,
  publicationRetryDelayMsMin: 5,
  publicationRetryDelayMsMax: 10,
};

/** A publisher in front of the shared bus that a test can cut off, as if its engine had died mid-publication. */
function severable(bus: MemoryEventBus): { publisher: EventPublisher; sever: () => void } {
  let severed = false;
  return {
    publisher: {
      publish: async (events) => {
        if (severed) throw new Error("engine gone");
        await bus.publish(events);
      },
      lastPublishedEventSeq: (actor) => bus.lastPublishedEventSeq(actor),
      close: async () => {},
    },
    sever: () => {
      severed = true;
    },
  };
}

/** Remembers the last checkpoint saved for the partition of `actorId`. */
function watchCheckpoints(store: MemoryActorStore, actorId: string): { last: () => number | undefined } {
  const partition = partitionOf(actorId, 64);
  let last: number | undefined;
  const save = store.savePublicationCheckpoints.bind(store);
  store.savePublicationCheckpoints = async (partitions, recordedBefore) => {
    await save(partitions, recordedBefore);
    if (partitions.includes(partition)) last = recordedBefore;
  };
  return { last: () => last };
}

describe("publication checkpoint (ADR 002, memory adapters)", () => {
  const systems: ActorSystem[] = [];
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop()));
  });
  const start = (store: MemoryActorStore, publisher: EventPublisher, metrics = noopMetrics) => {
    const system = new ActorSystem({ kinds: [tallyKind], store, publisher, limits, metrics });
    systems.push(system);
    system.start();
    return system;
  };

  it("stays below an entry the bus has not taken, and passes it once the bus takes it", async () => {
    const [store, bus] = [new MemoryActorStore(), new MemoryEventBus()];
    let busDown = true;
    bus.beforePublish = () => {
      if (busDown) throw new Error("bus down");
    };
    const checkpoints = watchCheckpoints(store, "held");
    let rounds = 0;
    const system = start(store, bus, { ...noopMetrics, publicationCheckpointLag: () => void rounds++ });
    await eventually("recovery done", () => system.recovered);
    expect(await sendTally(system, "held", "c-1", "add", { amount: "1" })).to.deep.include({ ok: true });
    const [entry] = await store.readEntries({ kind: "tally", actorId: "held" }, 0, 1);
    const roundsAfterWrite = rounds;
    await eventually("five checkpoint rounds while the bus is down", () => rounds >= roundsAfterWrite + 5);
    // "Every entry recorded before the checkpoint is on the bus": the entry itself is not before it.
    expect(checkpoints.last()).to.be.at.most(entry!.recordedAt);
    expect(bus.events).to.have.length(0);
    busDown = false;
    await eventually("a checkpoint past the entry", () => (checkpoints.last() ?? 0) > entry!.recordedAt);
    expect(bus.events.map((event) => event.commandId)).to.deep.equal(["c-1"]);
  });

  it("holds an actor's unpublished entries by their smallest stamp when the clock stepped back between them", async () => {
    const [store, bus] = [new MemoryActorStore(), new MemoryEventBus()];
    // The bus takes both entries and acknowledges neither until released: both are in flight, c-1 first.
    let release: () => void = () => {};
    const acknowledged = new Promise<void>((resolve) => (release = resolve));
    const slowBus: EventPublisher = {
      publish: async (events) => {
        await acknowledged;
        await bus.publish(events);
      },
      orderedPath: () => bus.orderedPath(),
      lastPublishedEventSeq: (actor) => bus.lastPublishedEventSeq(actor),
      close: async () => {},
    };
    const checkpoints = watchCheckpoints(store, "stepped");
    let rounds = 0;
    let now = 100_000;
    const system = new ActorSystem({
      kinds: [tallyKind],
      store,
      publisher: slowBus,
      clock: { now: () => now },
      // A lag of 2 s absorbs the 1 s step back below.
      limits: { ...limits, publicationCheckpointLagMs: 2_000 },
      metrics: { ...noopMetrics, publicationCheckpointLag: () => void rounds++ },
    });
    systems.push(system);
    system.start();
    await eventually("recovery done", () => system.recovered);
    expect(await sendTally(system, "stepped", "c-1", "add", { amount: "1" })).to.deep.include({ ok: true });
    now -= 1_000;
    expect(await sendTally(system, "stepped", "c-2", "add", { amount: "1" })).to.deep.include({ ok: true });
    // Long after both: `now` less the lag is past them, so only the hold keeps the checkpoint below them.
    now += 60_000;
    const roundsAfter = rounds;
    await eventually("five checkpoint rounds before the acknowledgements", () => rounds >= roundsAfter + 5);
    expect(checkpoints.last()).to.equal(99_000);
    release();
    await eventually("a checkpoint past both entries", () => (checkpoints.last() ?? 0) > 100_000);
    expect(bus.events.map((event) => event.commandId)).to.deep.equal(["c-1", "c-2"]);
  });

  it("after a crash, a new engine republishes what the old one wrote but did not publish, and nothing twice", async () => {
    const [store, bus] = [new MemoryActorStore(), new MemoryEventBus()];
    const crashed = severable(bus);
    let rounds = 0;
    const old = start(store, crashed.publisher, { ...noopMetrics, publicationCheckpointLag: () => void rounds++ });
    await sendTally(old, "victim", "c-1", "add", { amount: "1" });
    await eventually("c-1 published", () => bus.events.length === 1);
    crashed.sever();
    await sendTally(old, "victim", "c-2", "add", { amount: "2" });
    await sendTally(old, "victim", "c-3", "add", { amount: "3" });
    const roundsAfterWrites = rounds;
    await eventually("the old engine saved its checkpoint a few times", () => rounds >= roundsAfterWrites + 3);
    expect(bus.events).to.have.length(1);

    const restarted = start(store, bus);
    await eventually("recovery done", () => restarted.recovered);
    await eventually("c-2 and c-3 republished", () => bus.events.length >= 3);
    await sendTally(restarted, "victim", "c-4", "add", { amount: "4" });
    await eventually("c-4 published", () => bus.events.length >= 4);
    expect(bus.events.map((event) => [event.eventSeq, event.commandId])).to.deep.equal([
      [1, "c-1"],
      [2, "c-2"],
      [3, "c-3"],
      [4, "c-4"],
    ]);
  });

  it("a stop while the bus is down saves a checkpoint below the unpublished entries; the next start publishes them", async () => {
    const [store, bus] = [new MemoryActorStore(), new MemoryEventBus()];
    const checkpoints = watchCheckpoints(store, "stopped");
    const stopping = severable(bus);
    stopping.sever();
    const first = new ActorSystem({ kinds: [tallyKind], store, publisher: stopping.publisher, limits });
    first.start();
    await eventually("recovery done", () => first.recovered);
    await sendTally(first, "stopped", "c-1", "add", { amount: "1" });
    const [entry] = await store.readEntries({ kind: "tally", actorId: "stopped" }, 0, 1);
    await first.stop(50);
    expect(checkpoints.last() ?? 0).to.be.below(entry!.recordedAt);

    const second = start(store, bus);
    await eventually("c-1 published by the next start", () => bus.events.length === 1);
    await eventually("a checkpoint past the entry", () => (checkpoints.last() ?? 0) > entry!.recordedAt);
    expect(bus.events.map((event) => event.commandId)).to.deep.equal(["c-1"]);
    expect(second.recovered).to.equal(true);
  });
});
