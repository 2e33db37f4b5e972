import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { RuntimeLimits } from "../../runtime/limits.js";
import { silentLogger } from "../../runtime/logger.js";
import {
  noopMetrics,
  type ActorRef,
  type ActorStore,
  type EventPublisher,
  type LogFields,
  type Logger,
} from "../../runtime/ports.js";
import { actorKeyOf } from "../../runtime/subjects.js";
import { eventually, sendTally } from "../support/tally.js";

/**
 * Recovery after a crash (ADR 002 §4, §7), on the memory adapters: what an engine that died left in the journal
 * (entries never published, a stored checkpoint below them) is recovered in parallel with a bound, the checkpoint
 * advances while it runs and never passes an entry still unpublished, commands are answered before it ends, and a
 * crash during recovery keeps the progress made.
 */
const partitions = Array.from({ length: 64 }, (_, index) => index);
const startCheckpoint = 500;
/** Actor `r<i>`'s one entry is recorded at `entryTime(i)`: 100 ms apart, in the order recovery takes them. */
const entryTime = (index: number) => 1_000 + index * 100;
const actorName = (index: number) => `r${String(index).padStart(3, "0")}`;
const tally = (actorId: string): ActorRef => ({ kind: "tally", actorId });
const fastLimits: Partial<RuntimeLimits> = {
  publicationCheckpointIntervalMs: 5,
  publicationCheckpointLagMs: 1,
  publicationRetryDelayMsMin: 5,
  publicationRetryDelayMsMax: 10,
  reminderPollIntervalMs: 50,
  // One window holds every entry of these journals (ADR 002 §9 is exercised with narrower ones).
  recoverySearchWindowMs: 60_000,
};

/**
 * The journal an engine left when it was killed: `count` actors with one entry each (`add 1`), none of them on the
 * bus, and the checkpoint it had saved below them. Written by a real ActorSystem on a clock set per entry, never
 * started (no recovery, no checkpoint of its own), whose publisher was cut off.
 */
async function crashedEngineJournal(count: number): Promise<{ store: MemoryActorStore; leftovers: ActorSystem }> {
  const store = new MemoryActorStore();
  let now = 0;
  const cutOff: EventPublisher = {
    publish: async () => Promise.reject(new Error("engine gone")),
    lastPublishedEventSeq: async () => 0,
    close: async () => {},
  };
  const leftovers = new ActorSystem({
    kinds: [tallyKind],
    store,
    publisher: cutOff,
    clock: { now: () => now },
    limits: { ...fastLimits, publicationRetryDelayMsMin: 60_000, publicationRetryDelayMsMax: 60_000 },
  });
  for (let index = 0; index < count; index++) {
    now = entryTime(index);
    const reply = await sendTally(leftovers, actorName(index), `c-${index}`, "add", { amount: "1" });
    expect(reply).to.deep.include({ ok: true });
  }
  await store.savePublicationCheckpoints(partitions, startCheckpoint);
  return { store, leftovers };
}

/** A gate per actor on one store call: a call for a closed actor waits until its gate opens. */
class Gates {
  /** Closed gates and the calls waiting at them. */
  private readonly waiting = new Map<string, Array<() => void>>();
  /** With every gate closed: the ones opened since. */
  private allClosed = false;
  private readonly opened = new Set<string>();
  inFlight = 0;
  inFlightMax = 0;

  closeAll(): void {
    this.allClosed = true;
  }

  close(ref: ActorRef): void {
    this.waiting.set(actorKeyOf(ref.kind, ref.actorId), []);
  }

  open(ref: ActorRef): void {
    const key = actorKeyOf(ref.kind, ref.actorId);
    this.opened.add(key);
    for (const release of this.waiting.get(key) ?? []) release();
    this.waiting.delete(key);
  }

  openAll(): void {
    this.allClosed = false;
    for (const releases of this.waiting.values()) for (const release of releases) release();
    this.waiting.clear();
  }

  async pass(ref: ActorRef): Promise<void> {
    const key = actorKeyOf(ref.kind, ref.actorId);
    if (this.allClosed && !this.opened.has(key) && !this.waiting.has(key)) this.waiting.set(key, []);
    const releases = this.waiting.get(key);
    this.inFlight++;
    this.inFlightMax = Math.max(this.inFlightMax, this.inFlight);
    try {
      if (releases) await new Promise<void>((resolve) => releases.push(resolve));
    } finally {
      this.inFlight--;
    }
  }
}

/**
 * The store as the restarted engine sees it: `loadSnapshot` (the first read of every activation, and only of
 * activations) passes its gate first; every checkpoint saved is remembered; `dead` makes every call fail, as for
 * an engine killed at that moment.
 */
function watchedStore(store: MemoryActorStore, gates: Gates) {
  const saved: number[] = [];
  const listings: number[] = [];
  /** Each search's window, `[since, before)`, in the order asked. */
  const windows: Array<[number, number | undefined]> = [];
  /** A search for a window starting at or after this waits until `answerSearches` (the store is slow for it). */
  let slowFrom = Infinity;
  let answerSearches: () => void = () => {};
  const searchesAnswered = new Promise<void>((resolve) => (answerSearches = resolve));
  let dead = false;
  const alive = () => (dead ? Promise.reject(new Error("killed")) : Promise.resolve());
  const watched: ActorStore = Object.assign(Object.create(store) as ActorStore, {
    loadSnapshot: async (ref: ActorRef) => {
      await alive();
      await gates.pass(ref);
      await alive();
      return store.loadSnapshot(ref);
    },
    readEntries: async (...args: Parameters<ActorStore["readEntries"]>) => {
      await alive();
      return store.readEntries(...args);
    },
    findActorsRecordedSince: async (since: number, before?: number) => {
      await alive();
      windows.push([since, before]);
      if (since >= slowFrom) await searchesAnswered;
      await alive();
      const found = await store.findActorsRecordedSince(since, before);
      listings.push(found.length);
      return found;
    },
    savePublicationCheckpoints: async (owned: readonly number[], recordedBefore: number) => {
      await alive();
      await store.savePublicationCheckpoints(owned, recordedBefore);
      saved.push(recordedBefore);
    },
  });
  return {
    store: watched,
    saved,
    listings,
    windows,
    last: () => saved.at(-1),
    slowFrom: (time: number) => {
      slowFrom = time;
    },
    answerSearches: () => answerSearches(),
    kill: () => {
      dead = true;
    },
  };
}

describe("recovery after a crash (ADR 002 §4, §7; memory adapters)", () => {
  const systems: ActorSystem[] = [];
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop(50)));
  });
  /** Checkpoint rounds of the systems started (each one computes and saves the checkpoint, or finds it unchanged). */
  let rounds = 0;
  const fiveMoreRounds = () => {
    const then = rounds;
    return eventually("five more checkpoint rounds", () => rounds >= then + 5);
  };
  const start = (
    store: ActorStore,
    publisher: EventPublisher,
    limits: Partial<RuntimeLimits> = {},
    logger: Logger = silentLogger,
  ) => {
    const system = new ActorSystem({
      kinds: [tallyKind],
      store,
      publisher,
      limits: { ...fastLimits, ...limits },
      metrics: { ...noopMetrics, publicationCheckpointLag: () => void rounds++ },
      logger,
    });
    systems.push(system);
    system.start();
    return system;
  };
  const published = (bus: MemoryEventBus, actorId: string) =>
    bus.events.filter((event) => event.actorId === actorId).map((event) => [event.eventSeq, event.commandId]);
  /** Starts another engine on the journal; once it has recovered, every one of `count` actors' events is on the bus once. */
  const restartRecoversEveryActor = async (
    store: MemoryActorStore,
    bus: MemoryEventBus,
    count: number,
    limits: Partial<RuntimeLimits>,
  ) => {
    const restart = watchedStore(store, new Gates());
    const restarted = start(restart.store, bus, limits);
    await eventually("recovery done", () => restarted.recovered);
    await eventually("every actor's event on the bus", () => bus.events.length === count);
    for (let index = 0; index < count; index++) expect(published(bus, actorName(index))).to.have.length(1);
    return restart;
  };

  it("advances the checkpoint while recovering, up to the earliest entry of an actor not yet recovered and never past it", async () => {
    const { store, leftovers } = await crashedEngineJournal(10);
    systems.push(leftovers);
    const gates = new Gates();
    const held = tally(actorName(5));
    gates.close(held);
    const watched = watchedStore(store, gates);
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus, { recoveryActivationsInFlightMax: 1 });

    // r000..r004 recovered and republished; r005's activation waits: nothing of it or after it is on the bus.
    // At r005's entry, not a lag below it: the journal holds every entry of it already (ADR 002 §9).
    await eventually("the checkpoint at r005's entry", () => watched.last() === entryTime(5));
    await fiveMoreRounds();
    expect(Math.max(...watched.saved)).to.equal(entryTime(5));
    expect(Math.min(...watched.saved)).to.be.at.least(startCheckpoint);
    expect(system.recovered).to.equal(false);
    expect(system.recoveryActorsRemaining).to.equal(5);
    expect(bus.events.map((event) => event.actorId).sort()).to.deep.equal([0, 1, 2, 3, 4].map(actorName));

    gates.open(held);
    await eventually("recovery done", () => system.recovered);
    await eventually("a checkpoint past every entry", () => (watched.last() ?? 0) > entryTime(9));
    expect(system.recoveryActorsRemaining).to.equal(0);
    expect(bus.events.map((event) => event.actorId).sort()).to.deep.equal(
      Array.from({ length: 10 }, (_, index) => actorName(index)),
    );
  });

  it("keeps the checkpoint below a recovered actor whose republication still fails, while recovery goes past it", async () => {
    const { store, leftovers } = await crashedEngineJournal(6);
    systems.push(leftovers);
    const watched = watchedStore(store, new Gates());
    const bus = new MemoryEventBus();
    let busRefuses = true;
    bus.beforePublish = (events) => {
      if (busRefuses && events.some((event) => event.actorId === actorName(2))) throw new Error("bus refuses r002");
    };
    const system = start(watched.store, bus, { recoveryActivationsInFlightMax: 2 });

    await eventually("recovery done (every actor activated)", () => system.recovered);
    await eventually("every other actor republished", () => bus.events.length === 5);
    await fiveMoreRounds();
    // At r002's entry: its activation holds it by its stamp, with no margin (ADR 002 §9).
    expect(Math.max(...watched.saved)).to.equal(entryTime(2));

    busRefuses = false;
    await eventually("a checkpoint past every entry", () => (watched.last() ?? 0) > entryTime(5));
    expect(published(bus, actorName(2))).to.deep.equal([[1, "c-2"]]);
  });

  it("activates at most recoveryActivationsInFlightMax actors at once, and more than one", async () => {
    const { store, leftovers } = await crashedEngineJournal(40);
    systems.push(leftovers);
    const gates = new Gates();
    gates.closeAll();
    const watched = watchedStore(store, gates);
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus, { recoveryActivationsInFlightMax: 6 });

    await eventually("six activations waiting", () => gates.inFlight === 6);
    await fiveMoreRounds();
    expect(gates.inFlight).to.equal(6);
    // The first six by their entries hold the checkpoint at the first one's.
    expect(watched.last()).to.equal(entryTime(0));

    gates.openAll();
    await eventually("recovery done", () => system.recovered);
    expect(gates.inFlightMax).to.equal(6);
    expect(bus.events).to.have.length(40);
  });

  it("answers a command for an actor recovery has not reached before recovery ends, its old events first and once", async () => {
    const { store, leftovers } = await crashedEngineJournal(12);
    systems.push(leftovers);
    const gates = new Gates();
    gates.closeAll();
    const target = tally(actorName(11));
    gates.open(target);
    const watched = watchedStore(store, gates);
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus, { recoveryActivationsInFlightMax: 2 });
    await eventually("recovery stuck on the first two actors", () => gates.inFlight === 2);

    const reply = await sendTally(system, target.actorId, "after-restart", "add", { amount: "2" });
    expect(reply).to.deep.include({ ok: true, entrySeq: 2 });
    expect(system.recovered).to.equal(false);
    await eventually("the target's events on the bus", () => published(bus, target.actorId).length === 2);
    expect(published(bus, target.actorId)).to.deep.equal([
      [1, "c-11"],
      [2, "after-restart"],
    ]);
    // Taken over by its command's activation: recovery does not count it any more.
    expect(system.recoveryActorsRemaining).to.equal(11);

    gates.openAll();
    await eventually("recovery done", () => system.recovered);
    expect(bus.events).to.have.length(13);
    expect(published(bus, target.actorId)).to.have.length(2);
  });

  it("leaves out of the recovery an actor a command activated before the list was read", async () => {
    const { store, leftovers } = await crashedEngineJournal(5);
    systems.push(leftovers);
    const watched = watchedStore(store, new Gates());
    let releaseListing: () => void = () => {};
    const listingHeld = new Promise<void>((resolve) => (releaseListing = resolve));
    const find = watched.store.findActorsRecordedSince.bind(watched.store);
    watched.store.findActorsRecordedSince = async (since, before) => {
      const found = await find(since, before);
      await listingHeld;
      return found;
    };
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus);

    const reply = await sendTally(system, actorName(3), "early", "add", { amount: "1" });
    expect(reply).to.deep.include({ ok: true, entrySeq: 2 });
    await eventually("r003's events on the bus", () => published(bus, actorName(3)).length === 2);
    expect(system.recoveryActorsRemaining).to.equal(undefined);
    expect(watched.saved).to.deep.equal([]);

    releaseListing();
    await eventually("recovery done", () => system.recovered);
    expect(bus.events).to.have.length(6);
    expect(published(bus, actorName(3))).to.deep.equal([
      [1, "c-3"],
      [2, "early"],
    ]);
  });

  it("says recovery is done, once, when a command activates the last actor a failed recovery pass left", async () => {
    const { store, leftovers } = await crashedEngineJournal(4);
    systems.push(leftovers);
    const watched = watchedStore(store, new Gates());
    const left = actorName(2);
    let refusing = true;
    const load = watched.store.loadSnapshot.bind(watched.store);
    watched.store.loadSnapshot = async (ref) => {
      if (refusing && ref.actorId === left) throw new Error("store unavailable");
      return load(ref);
    };
    const lines: Array<[string, LogFields | undefined]> = [];
    const logger: Logger = {
      ...silentLogger,
      info: (message, fields) => void lines.push([message, fields]),
      warn: (message, fields) => void lines.push([message, fields]),
      child: () => logger,
    };
    // No checkpoint round for a minute: nothing but the command retries the actor the first pass left.
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus, { publicationCheckpointIntervalMs: 60_000 }, logger);
    await eventually("the first pass over", () => lines.some(([message]) => message.includes("incomplete")));
    expect(system.recoveryActorsRemaining).to.equal(1);
    expect(system.recovered).to.equal(false);

    refusing = false;
    const reply = await sendTally(system, left, "after-restart", "add", { amount: "1" });
    expect(reply).to.deep.include({ ok: true, entrySeq: 2 });
    expect(system.recovered).to.equal(true);
    await sendTally(system, actorName(0), "another", "add", { amount: "1" });
    const done = lines.filter(([message]) => message === "publication recovery done");
    expect(done).to.have.length(1);
    expect(done[0]![1]).to.include({ actors: 4 });
  });

  it("keeps across a crash during recovery the progress made: the next start lists only what was left", async () => {
    const { store, leftovers } = await crashedEngineJournal(30);
    systems.push(leftovers);
    const bus = new MemoryEventBus();

    // First restart: recovery gets through r000..r009, then waits on r010 when the engine is killed.
    const gates = new Gates();
    gates.close(tally(actorName(10)));
    const first = watchedStore(store, gates);
    const crashed = start(first.store, bus, { recoveryActivationsInFlightMax: 1 });
    await eventually("checkpoint at r010's entry", () => first.last() === entryTime(10));
    expect(crashed.recovered).to.equal(false);
    first.kill();
    expect(first.listings.filter((count) => count > 0)).to.deep.equal([30]);

    // Second restart on the same journal: only r010..r029 are left.
    const second = await restartRecoversEveryActor(store, bus, 30, { recoveryActivationsInFlightMax: 4 });
    expect(second.listings.filter((count) => count > 0)).to.deep.equal([20]);
  });

  it("republishes what an activation loaded without reading the journal again", async () => {
    const { store, leftovers } = await crashedEngineJournal(3);
    systems.push(leftovers);
    const watched = watchedStore(store, new Gates());
    const reads: string[] = [];
    const read = watched.store.readEntries.bind(watched.store);
    watched.store.readEntries = async (ref, afterSeq, limit) => {
      reads.push(`${ref.actorId}>${afterSeq}`);
      return read(ref, afterSeq, limit);
    };
    const bus = new MemoryEventBus();
    const system = start(watched.store, bus);
    await eventually("recovery done", () => system.recovered);
    await eventually("every actor's event on the bus", () => bus.events.length === 3);
    // One read per activation (its journal from the start: no snapshot), none by the repairs.
    expect(reads.sort()).to.deep.equal([0, 1, 2].map((index) => `${actorName(index)}>0`));
  });

  it("answers a retry of a command the stopped engine journaled from the loaded journal, without a lookup by id", async () => {
    const { store, leftovers } = await crashedEngineJournal(2);
    systems.push(leftovers);
    const watched = watchedStore(store, new Gates());
    const lookups: string[][] = [];
    watched.store.findEntriesByCommandIds = async (ref, ids) => {
      lookups.push([...ids]);
      return store.findEntriesByCommandIds(ref, ids);
    };
    const system = start(watched.store, new MemoryEventBus());

    // The sender never got c-1's reply from the engine that stopped, and sends it again.
    const reply = await sendTally(system, actorName(1), "c-1", "add", { amount: "1" });
    expect(reply).to.deep.include({ ok: true, entrySeq: 1, duplicate: true });
    expect(lookups).to.deep.equal([]);
    await eventually("recovery done", () => system.recovered);
  });

  describe("the search in windows of recordedAt (ADR 002 §9)", () => {
    /** Windows of a few actors: entries are 100 ms apart, so about three to a window once sized. */
    const narrow: Partial<RuntimeLimits> = { recoverySearchWindowMs: 300, recoverySearchWindowActors: 3 };

    it("searches window after window, each from where the last ended, the last one open-ended", async () => {
      const { store, leftovers } = await crashedEngineJournal(30);
      systems.push(leftovers);
      const watched = watchedStore(store, new Gates());
      const bus = new MemoryEventBus();
      const system = start(watched.store, bus, narrow);

      await eventually("recovery done", () => system.recovered);
      const windows = watched.windows;
      expect(windows[0]).to.deep.equal([startCheckpoint, startCheckpoint + 300]);
      for (let index = 1; index < windows.length; index++) expect(windows[index]![0]).to.equal(windows[index - 1]![1]);
      expect(windows.at(-1)![1]).to.equal(undefined);
      expect(windows.slice(0, -1).every(([, before]) => before !== undefined)).to.equal(true);
      // Sized by what they list: never all thirty in one window, and every actor in exactly one.
      expect(Math.max(...watched.listings)).to.be.below(10);
      expect(watched.listings.reduce((sum, count) => sum + count, 0)).to.equal(30);
      await eventually("every actor's event on the bus", () => bus.events.length === 30);
    });

    it("moves the checkpoint past the windows searched while a later window's search has not answered", async () => {
      const { store, leftovers } = await crashedEngineJournal(30);
      systems.push(leftovers);
      const first = watchedStore(store, new Gates());
      first.slowFrom(entryTime(15));
      const bus = new MemoryEventBus();
      const crashed = start(first.store, bus, narrow);

      // The window the store cannot answer starts at `stuckAt`: everything before it recovered, nothing after.
      await eventually("a search that does not answer", () => (first.windows.at(-1)?.[0] ?? 0) >= entryTime(15));
      const stuckAt = first.windows.at(-1)![0];
      const before = Array.from({ length: 30 }, (_, index) => index).filter((index) => entryTime(index) < stuckAt);
      await eventually("the checkpoint at the unsearched window", () => first.last() === stuckAt);
      await fiveMoreRounds();
      expect(Math.max(...first.saved)).to.equal(stuckAt);
      expect(crashed.recovered).to.equal(false);
      expect(crashed.recoveryActorsRemaining).to.equal(undefined);
      expect(bus.events.map((event) => event.actorId).sort()).to.deep.equal(before.map(actorName));
      first.kill();

      // The next start searches from there: only the actors after it are listed.
      const second = await restartRecoversEveryActor(store, bus, 30, narrow);
      expect(second.windows[0]![0]).to.equal(stuckAt);
      expect(second.listings.reduce((sum, count) => sum + count, 0)).to.equal(30 - before.length);
    });

    it("answers a command for an actor in a window not searched yet, its old events first, and leaves it out of that window", async () => {
      const { store, leftovers } = await crashedEngineJournal(30);
      systems.push(leftovers);
      const watched = watchedStore(store, new Gates());
      watched.slowFrom(entryTime(10));
      const lines: Array<[string, LogFields | undefined]> = [];
      const logger: Logger = {
        ...silentLogger,
        info: (message, fields) => void lines.push([message, fields]),
        child: () => logger,
      };
      const bus = new MemoryEventBus();
      const system = start(watched.store, bus, narrow, logger);
      await eventually("a search that does not answer", () => (watched.windows.at(-1)?.[0] ?? 0) >= entryTime(10));

      const target = actorName(25);
      const reply = await sendTally(system, target, "early", "add", { amount: "1" });
      expect(reply).to.deep.include({ ok: true, entrySeq: 2 });
      await eventually("the target's events on the bus", () => published(bus, target).length === 2);
      expect(published(bus, target)).to.deep.equal([
        [1, "c-25"],
        [2, "early"],
      ]);

      watched.answerSearches();
      await eventually("recovery done", () => system.recovered);
      const done = lines.filter(([message]) => message === "publication recovery done");
      expect(done[0]![1]).to.include({ actors: 29 });
      await eventually("every actor's event on the bus", () => bus.events.length === 31);
      expect(published(bus, target)).to.have.length(2);
    });
  });
});
