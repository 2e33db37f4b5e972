import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { ActorPublication } from "../../runtime/actor-publication.js";
import { resolveLimits, type RuntimeLimits } from "../../runtime/limits.js";
import { silentLogger } from "../../runtime/logger.js";
import {
  noopMetrics,
  type ActorRef,
  type EventPublisher,
  type JournalEntry,
  type OutboundEvent,
  type Snapshot,
} from "../../runtime/ports.js";
import { eventually } from "../support/tally.js";

const actor: ActorRef = { kind: "tally", actorId: "p" };

/** A publish the bus has not answered yet. */
interface Pending {
  readonly events: readonly OutboundEvent[];
  readonly path: object;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * A bus whose acknowledgements the test gives one by one, in the order publishes were made, keeping the ordered
 * path's promise: once a publish is lost, every later one on that path is lost with it, and the path changes.
 * Like JetStream, it stores an event once (message-id dedupe) and answers the last event of the actor.
 */
class AckedByHandBus implements EventPublisher {
  readonly stored: OutboundEvent[] = [];
  readonly pending: Pending[] = [];
  readonly sent: number[][] = [];
  path: object | undefined = {};

  orderedPath(): object | undefined {
    return this.path;
  }

  publish(events: readonly OutboundEvent[]): Promise<void> {
    this.sent.push(events.map((event) => event.eventSeq));
    return new Promise((resolve, reject) => {
      this.pending.push({ events, path: this.path ?? {}, resolve, reject });
    });
  }

  async lastPublishedEventSeq(): Promise<number> {
    return this.stored.at(-1)?.eventSeq ?? 0;
  }

  async close(): Promise<void> {}

  /** The oldest pending publish is stored and acknowledged. */
  acknowledge(): void {
    const next = this.take();
    this.store(next.events);
    next.resolve();
  }

  /** The oldest pending publish is stored, but its acknowledgement is lost (a timeout after the write). */
  storeWithoutAcknowledgement(): void {
    const next = this.take();
    this.store(next.events);
    next.reject(new Error("ack timeout"));
  }

  /** The oldest pending publish never reaches the stream, nor does anything sent after it on its path. */
  lose(): void {
    const lost = this.take();
    lost.reject(new Error("connection lost"));
    for (const later of this.pending.splice(0).filter((pending) => pending.path === lost.path)) {
      later.reject(new Error("connection lost"));
    }
    this.path = {};
  }

  private take(): Pending {
    const next = this.pending.shift();
    expect(next, "a publish awaiting its acknowledgement").to.not.equal(undefined);
    return next!;
  }

  private store(events: readonly OutboundEvent[]): void {
    for (const event of events) {
      if (this.stored.some((stored) => stored.eventSeq === event.eventSeq)) continue;
      this.stored.push(event);
    }
  }
}

function entry(seq: number): JournalEntry {
  return {
    kind: actor.kind,
    actorId: actor.actorId,
    seq,
    firstEventSeq: seq,
    events: [{ type: "added", amount: "1", total: String(seq) }],
    commandId: `c-${seq}`,
    commandType: "add",
    principal: "test",
    reply: { total: String(seq) },
    reminders: null,
    recordedAt: 1_000 + seq,
  };
}

function snapshotAt(entrySeq: number): Snapshot {
  return {
    kind: actor.kind,
    actorId: actor.actorId,
    entrySeq,
    eventSeq: entrySeq,
    state: { total: String(entrySeq), additions: entrySeq, reminded: [] },
    recentCommandIds: [],
    reminders: [],
    takenAt: 0,
  };
}

describe("actor publication: pipelined batches (ADR 002 §8)", () => {
  let store: MemoryActorStore;
  let bus: AckedByHandBus;
  const publications: ActorPublication[] = [];

  const start = (limits: Partial<RuntimeLimits> = {}): ActorPublication => {
    const publication = new ActorPublication(
      actor,
      {
        publisher: bus,
        store,
        limits: resolveLimits({ publicationRetryDelayMsMin: 1, publicationRetryDelayMsMax: 5, ...limits }),
        metrics: noopMetrics,
        logger: silentLogger,
      },
      silentLogger,
      0,
    );
    publications.push(publication);
    return publication;
  };

  /** Commits entries the way an activation does: written to the journal, then handed to the publication. */
  const commit = async (publication: ActorPublication, ...seqs: number[]) => {
    const entries = seqs.map(entry);
    expect(await store.append([{ entries }])).to.deep.equal(["written"]);
    publication.enqueue(entries);
  };

  const storedSeqs = () => bus.stored.map((event) => event.eventSeq);
  const upTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

  beforeEach(() => {
    store = new MemoryActorStore();
    bus = new AckedByHandBus();
  });
  afterEach(() => {
    for (const publication of publications.splice(0)) publication.stop();
  });

  it("sends the next batches while earlier acknowledgements are awaited, in order, up to the bound", async () => {
    const publication = start({ publicationUnackedEventsMax: 3 });
    for (let seq = 1; seq <= 5; seq++) await commit(publication, seq);
    expect(bus.sent).to.deep.equal([[1], [2], [3]]);
    expect(publication.unpublishedSince).to.equal(1_001);

    bus.acknowledge();
    await eventually("the fourth batch sent", () => bus.sent.length === 4);
    // Sent as soon as there was room, and the fifth waits: three unacknowledged again.
    expect(bus.sent).to.deep.equal([[1], [2], [3], [4]]);
    expect(publication.unpublishedSince).to.equal(1_002);

    while (bus.pending.length > 0) {
      bus.acknowledge();
      await eventually("the next acknowledgement handled", () => bus.pending.length > 0 || publication.idle);
    }
    expect(storedSeqs()).to.deep.equal(upTo(5));
    expect(bus.sent.flat()).to.deep.equal(upTo(5));
    expect(publication.idle).to.equal(true);
    expect(publication.unpublishedSince).to.equal(undefined);
  });

  it("sends queued batches together when room frees up, but a batch over the bound only alone", async () => {
    const publication = start({ publicationUnackedEventsMax: 2 });
    await commit(publication, 1);
    await commit(publication, 2);
    await commit(publication, 3);
    await commit(publication, 4, 5, 6);
    expect(bus.sent).to.deep.equal([[1], [2]]);
    bus.acknowledge();
    bus.acknowledge();
    await eventually("the queued batch sent", () => bus.sent.length === 3);
    expect(bus.sent[2]).to.deep.equal([3]);
    bus.acknowledge();
    await eventually("the large batch sent alone", () => bus.sent.length === 4);
    expect(bus.sent[3]).to.deep.equal([4, 5, 6]);
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    expect(storedSeqs()).to.deep.equal(upTo(6));
  });

  it("loses nothing when a publish in the middle of the pipeline fails: repairs from the journal, each event once", async () => {
    const publication = start();
    for (let seq = 1; seq <= 5; seq++) await commit(publication, seq);
    expect(bus.sent).to.deep.equal([[1], [2], [3], [4], [5]]);
    bus.acknowledge();
    bus.lose(); // 2 is lost, and 3, 4, 5 after it on the same connection
    // Committed while the pipeline is failing: not sent on the broken path, published by the repair.
    await commit(publication, 6);
    expect(bus.sent).to.have.length(5);
    expect(publication.unpublishedSince).to.equal(1_002);

    await eventually("the repair's publish", () => bus.pending.length > 0);
    expect(bus.sent.at(-1)).to.deep.equal([2, 3, 4, 5, 6]);
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    expect(storedSeqs()).to.deep.equal(upTo(6));
    expect(publication.unpublishedSince).to.equal(undefined);

    // And the pipeline works again after the repair.
    await commit(publication, 7);
    await commit(publication, 8);
    expect(bus.sent.slice(-2)).to.deep.equal([[7], [8]]);
    bus.acknowledge();
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    expect(storedSeqs()).to.deep.equal(upTo(8));
  });

  it("publishes nothing twice when an acknowledgement is lost after the stream stored the events", async () => {
    const publication = start();
    for (let seq = 1; seq <= 4; seq++) await commit(publication, seq);
    bus.acknowledge();
    bus.storeWithoutAcknowledgement();
    bus.acknowledge();
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    // The repair asked the stream for its last event (4) and found nothing to send.
    expect(bus.sent).to.deep.equal([[1], [2], [3], [4]]);
    expect(storedSeqs()).to.deep.equal(upTo(4));
  });

  it("sends one batch at a time without an ordered path, and after the path changed", async () => {
    bus.path = undefined;
    const publication = start();
    await commit(publication, 1);
    await commit(publication, 2);
    expect(bus.sent).to.deep.equal([[1]]);
    bus.acknowledge();
    await eventually("the second batch sent", () => bus.sent.length === 2);

    bus.path = {};
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    await commit(publication, 3);
    bus.path = {}; // a new connection: what follows must wait for the acknowledgement of 3
    await commit(publication, 4);
    expect(bus.sent.slice(2)).to.deep.equal([[3]]);
    bus.acknowledge();
    await eventually("the fourth batch sent", () => bus.sent.length === 4);
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    expect(storedSeqs()).to.deep.equal(upTo(4));
  });

  it("repairs a gap (an entry written by a write it did not see succeed) instead of publishing past it", async () => {
    const publication = start();
    await commit(publication, 1);
    // Entry 2 reached the journal without being handed over (an uncertain write that turned out written).
    expect(await store.append([{ entries: [entry(2)] }])).to.deep.equal(["written"]);
    await commit(publication, 3);
    expect(bus.sent).to.deep.equal([[1]]);
    bus.acknowledge();
    await eventually("the repair's publish", () => bus.pending.length > 0);
    expect(bus.sent.at(-1)).to.deep.equal([2, 3]);
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
    expect(storedSeqs()).to.deep.equal(upTo(3));
  });

  it("saves a snapshot only once every entry it covers is acknowledged", async () => {
    const saved: number[] = [];
    store.saveSnapshot = async (snapshot) => void saved.push(snapshot.entrySeq);
    const publication = start();
    await commit(publication, 1);
    await commit(publication, 2);
    await commit(publication, 3);
    publication.snapshotWhenPublished(snapshotAt(2));
    bus.acknowledge();
    await eventually("the first acknowledgement handled", () => publication.unpublishedSince === 1_002);
    expect(saved).to.deep.equal([]);
    bus.acknowledge();
    await eventually("the snapshot saved", () => saved.length > 0);
    expect(saved).to.deep.equal([2]);
    bus.acknowledge();
    await eventually("idle", () => publication.idle);
  });

  it("saves no snapshot past an acknowledgement lost in the pipeline until the repair has checked the stream", async () => {
    const saved: number[] = [];
    store.saveSnapshot = async (snapshot) => void saved.push(snapshot.entrySeq);
    const publication = start();
    await commit(publication, 1);
    await commit(publication, 2);
    await commit(publication, 3);
    publication.snapshotWhenPublished(snapshotAt(2));
    bus.storeWithoutAcknowledgement(); // 1: stored, but not known to be
    bus.acknowledge(); // 2: acknowledged behind it
    expect(saved).to.deep.equal([]);
    bus.acknowledge();
    await eventually("the publication repaired and idle", () => publication.idle);
    expect(saved).to.deep.equal([2]);
    expect(storedSeqs()).to.deep.equal(upTo(3));
    expect(bus.sent).to.have.length(3);
  });
});
