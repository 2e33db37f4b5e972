import { expect } from "chai";
import { ChannelsService } from "../../adapters/grpc/channels-service.js";
import { Registry } from "prom-client";
import {
  coalesceTransferEvents,
  type PublishedTransferEvent,
  type TransferEventFeed,
  type TransferIndex,
} from "../../read-models/transfer-read-model.js";
import type { TransferStatus } from "../../actors/transfer/state.js";
import type { TransferView } from "../../actors/transfer/view.js";
import { MemoryTransferIndex } from "../../adapters/memory/memory-transfer-index.js";
import { TransferWatches, type WatchedTransfer } from "../../adapters/grpc/transfer-watches.js";
import { TransfersService } from "../../adapters/grpc/transfers-service.js";
import { registerTransferStatusMetrics } from "../../adapters/prometheus/transfer-status-metrics.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { silentLogger } from "../../runtime/logger.js";
import type { CommandRequest, Reply } from "../../runtime/messages.js";
import { newTrace } from "../../runtime/trace-context.js";
import { createdEvent, laterEvent } from "../contract/transfer-index.contract.js";
import { eventually } from "../support/tally.js";

/** A feed driven by hand; `latest` answers from what was published, after an optional gate. */
class ManualFeed implements TransferEventFeed {
  readonly published: PublishedTransferEvent[] = [];
  private readonly listeners = new Set<(event: PublishedTransferEvent) => void>();
  gate: Promise<void> = Promise.resolve();
  /** Whether `latest` reads the stream after the gate opens (it then sees what was published meanwhile). */
  readsAfterGate = false;

  publish(...events: PublishedTransferEvent[]): void {
    for (const event of events) {
      this.published.push(event);
      for (const listener of this.listeners) listener(event);
    }
  }

  subscribe(listener: (event: PublishedTransferEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async latest(transferId: string): Promise<PublishedTransferEvent | undefined> {
    const last = () => this.published.filter((event) => event.transferId === transferId).at(-1);
    const early = last();
    await this.gate;
    return this.readsAfterGate ? last() : early;
  }
}

describe("transfer read model: coalescing (ADR 007 §3)", () => {
  it("makes one update per transfer: the highest sequence's state, the request from the creation, the earliest time", () => {
    const updates = coalesceTransferEvents([
      laterEvent("t1", 3, "DEBIT_SUCCESS", 1_030),
      createdEvent("t1", 1_000),
      createdEvent("t2", 1_005),
      laterEvent("t1", 2, "DEBIT_PENDING", 1_010),
    ]);
    expect(updates).to.have.length(2);
    const t1 = updates.find((update) => update.transferId === "t1")!;
    expect(t1).to.deep.include({ status: "DEBIT_SUCCESS", eventSeq: 3, updatedAt: 1_030, firstAt: 1_000 });
    expect(t1.request).to.deep.include({ from: "BANKA:A1", createdAt: 1_000 });
    expect(updates.find((update) => update.transferId === "t2")).to.deep.include({ status: "CREATED", eventSeq: 1 });
  });

  it("guards by sequence in the memory index: a replayed batch and a stale event change nothing", async () => {
    const index = new MemoryTransferIndex();
    const batch = [
      createdEvent("t1", 1_000),
      laterEvent("t1", 2, "DEBIT_PENDING", 1_010),
      laterEvent("t1", 3, "SUCCESS", 1_020),
    ];
    await index.apply(batch);
    const before = await index.get("t1");
    await index.apply(batch);
    await index.apply([laterEvent("t1", 2, "DEBIT_PENDING", 1_010)]);
    expect(await index.get("t1")).to.deep.equal(before);
  });
});

describe("transfer watches (ADR 007 §5)", () => {
  const lookups: string[] = [];
  const lookupIn = (index: TransferIndex) => async (transferId: string) => {
    lookups.push(transferId);
    return (await index.get(transferId))?.request ?? null;
  };
  beforeEach(() => lookups.splice(0));

  for (const readsAfterGate of [false, true]) {
    const current = readsAfterGate ? 4 : 2;
    it(`sends the current state of a watched id (read ${readsAfterGate ? "after" : "before"} the changes that race it), then only later events: none lost, none twice, in order`, async () => {
      const feed = new ManualFeed();
      feed.readsAfterGate = readsAfterGate;
      const watches = new TransferWatches(feed, async () => null, silentLogger);
      feed.publish(createdEvent("t1", 1_000), laterEvent("t1", 2, "DEBIT_PENDING", 1_010));
      let open!: () => void;
      feed.gate = new Promise((resolve) => (open = resolve));
      const seen: WatchedTransfer[] = [];
      const handle = watches.open(
        { transferIds: new Set(["t1"]), statuses: [] },
        (change) => seen.push(change),
        () => undefined,
      );
      // While the current state is being read, the transfer moves on: what the current state lacks must follow it, once.
      feed.publish(
        laterEvent("t1", 3, "DEBIT_SUCCESS", 1_020),
        createdEvent("t9", 1_021),
        laterEvent("t1", 4, "CREDIT_PENDING", 1_030),
      );
      open();
      await handle.started;
      feed.publish(laterEvent("t1", 5, "SUCCESS", 1_040));
      await eventually("the last change", () => seen.at(-1)?.record.eventSeq === 5);
      expect(seen.map((change) => [change.cause, change.record.eventSeq])).to.deep.equal([
        ["current", current],
        ...[3, 4, 5].filter((seq) => seq > current).map((seq) => ["stepStarted", seq]),
      ]);
      expect(
        seen.every((change) => change.record.request?.amount === "10.0000"),
        "the request from the cached creation",
      ).to.equal(true);
      handle.close();
      feed.publish(laterEvent("t1", 6, "SUCCESS", 1_050));
      await Promise.resolve();
      expect(seen.at(-1)?.record.eventSeq).to.equal(5);
      expect(watches.watcherCount).to.equal(0);
    });
  }

  it("filters by account and status; a transfer created before the watch gets its request from the lookup", async () => {
    const feed = new ManualFeed();
    const index = new MemoryTransferIndex();
    await index.apply([createdEvent("old", 900, { from: "BANKA:A2" })]);
    const watches = new TransferWatches(feed, lookupIn(index), silentLogger);
    const seen: WatchedTransfer[] = [];
    const handle = watches.open(
      { transferIds: new Set(), account: "BANKA:A2", statuses: ["FAILED", "SUCCESS"] },
      (change) => seen.push(change),
      () => undefined,
    );
    await handle.started;
    feed.publish(
      createdEvent("a1", 1_000),
      createdEvent("a2", 1_001, { from: "BANKA:A2" }),
      laterEvent("a1", 2, "FAILED", 1_010),
      laterEvent("a2", 2, "FAILED", 1_011),
      laterEvent("old", 5, "SUCCESS", 1_012),
    );
    await eventually("both matching changes", () => seen.length === 2);
    expect(seen.map((change) => [change.record.transferId, change.record.status])).to.deep.equal([
      ["a2", "FAILED"],
      ["old", "SUCCESS"],
    ]);
    expect(lookups, "only the transfer whose creation was not seen").to.deep.equal(["old"]);
    handle.close();
  });

  it("keeps its request cache bounded and cuts watches off when they fall too far behind", async () => {
    const feed = new ManualFeed();
    const index = new MemoryTransferIndex();
    const watches = new TransferWatches(feed, lookupIn(index), silentLogger, { requestCacheSizeMax: 2, queueMax: 3 });
    feed.publish(createdEvent("c1", 1), createdEvent("c2", 2), createdEvent("c3", 3));
    await index.apply([createdEvent("c1", 1)]);
    const seen: WatchedTransfer[] = [];
    const failures: string[] = [];
    const handle = watches.open(
      { transferIds: new Set(), statuses: [] },
      (change) => seen.push(change),
      (error) => failures.push(error.engineCode),
    );
    await handle.started;
    feed.publish(laterEvent("c1", 2, "FAILED", 10));
    await eventually("the change of c1", () => seen.length === 1);
    expect(lookups, "c1 was evicted by c2 and c3").to.deep.equal(["c1"]);
    // Four events at once while the first waits for its lookup: beyond queueMax.
    feed.publish(
      laterEvent("x1", 2, "FAILED", 11),
      laterEvent("x2", 2, "FAILED", 12),
      laterEvent("x3", 2, "FAILED", 13),
      laterEvent("x4", 2, "FAILED", 14),
      laterEvent("x5", 2, "FAILED", 15),
    );
    expect(failures).to.deep.equal(["watcher_too_slow"]);
    expect(watches.watcherCount).to.equal(0);
  });

  it("looks a request up only for an event some watcher may send, and not again for a transfer just missed", async () => {
    const feed = new ManualFeed();
    let now = 0;
    const watches = new TransferWatches(
      feed,
      lookupIn(new MemoryTransferIndex()),
      silentLogger,
      { requestCacheSizeMax: 100, queueMax: 100 },
      () => now,
    );
    const seen: WatchedTransfer[] = [];
    const byId = watches.open(
      { transferIds: new Set(["w1"]), statuses: [] },
      (change) => seen.push(change),
      () => undefined,
    );
    const byStatus = watches.open(
      { transferIds: new Set(), statuses: ["FAILED"] },
      (change) => seen.push(change),
      () => undefined,
    );
    await Promise.all([byId.started, byStatus.started]);
    // Another id in a status nobody watches: no lookup. A watched id, twice: one lookup (the miss is remembered).
    feed.publish(
      laterEvent("u1", 2, "DEBIT_PENDING", 10),
      laterEvent("w1", 2, "DEBIT_PENDING", 11),
      laterEvent("w1", 3, "DEBIT_SUCCESS", 12),
    );
    await eventually("both changes of w1", () => seen.length === 2);
    expect(lookups).to.deep.equal(["w1"]);
    expect(
      seen.map((change) => [change.record.transferId, change.record.eventSeq, change.record.request]),
    ).to.deep.equal([
      ["w1", 2, null],
      ["w1", 3, null],
    ]);
    // After a while the miss is looked up again; a watched status of another transfer is looked up too.
    now = 60_000;
    feed.publish(laterEvent("w1", 4, "CREDIT_PENDING", 13), laterEvent("u1", 3, "FAILED", 14));
    await eventually("the later changes", () => seen.length === 4);
    expect(lookups).to.deep.equal(["w1", "w1", "u1"]);
    byId.close();
    byStatus.close();
  });
});

describe("Transfers service (ADR 007)", () => {
  /** The transfer actor's view (actors/transfer/view.ts) in `status`. */
  const view = (status: TransferStatus): TransferView => ({
    transferId: "t1",
    status,
    createdBy: "grpc:olivia",
    createdAt: 1_000,
    updatedAt: 1_000,
    request: {
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "10.0000",
      currency: "CNY",
      speed: "normal",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
      approvalRequired: true,
      failover: "failover",
      reference: "",
    },
    step: null,
    reservations: { debit: "reserved", credit: "none" },
    positionTasksPending: 0,
    bankReferences: {},
    failure: null,
    approvedBy: null,
    resolution: null,
    pendingResolution: null,
  });

  it("answers a command with the view its reply carries, and asks the actor again only for a stored (duplicate) reply", async () => {
    const calls: string[] = [];
    let duplicate = false;
    // The reply is the transfer right after the command; a `get` sees it later (CANCELLED here).
    const system = {
      dispatch: async (command: CommandRequest): Promise<Reply> => {
        calls.push(command.type);
        return {
          ok: true,
          commandId: command.commandId,
          result: view(command.type === "get" ? "CANCELLED" : "PENDING_APPROVAL"),
          ...(duplicate && { duplicate: true }),
        };
      },
    } as unknown as ActorSystem;
    const service = new TransfersService(
      system,
      new MemoryTransferIndex(),
      new ManualFeed(),
      [],
      new ChannelsService(system, []),
      silentLogger,
    );
    const caller = { principal: "grpc:ada", trace: newTrace() };
    const approved = await service.approveTransfer({ transfer_id: "t1", request_id: "a-1", comment: "ok" }, caller);
    expect(calls).to.deep.equal(["approve"]);
    expect(approved).to.deep.include({ duplicate: false });
    expect(approved.transfer).to.deep.include({ transfer_id: "t1", status: "PENDING_APPROVAL", amount: "10.0000" });
    duplicate = true;
    const again = await service.approveTransfer({ transfer_id: "t1", request_id: "a-1", comment: "ok" }, caller);
    expect(calls).to.deep.equal(["approve", "approve", "get"]);
    expect(again).to.deep.include({ duplicate: true });
    expect(again.transfer).to.deep.include({ status: "CANCELLED" });
  });
});

describe("liq_transfers (ADR 007 §6)", () => {
  it("serves counts from a short cache, refreshes after it, and never waits long for a slow read model", async () => {
    let now = 0;
    let counts = 0;
    let slow: Promise<void> | undefined;
    const index = new MemoryTransferIndex();
    const counting: TransferIndex = Object.assign(Object.create(index) as TransferIndex, {
      statusSummary: async () => {
        counts++;
        await slow;
        return index.statusSummary();
      },
    });
    const registry = new Registry();
    registerTransferStatusMetrics(registry, counting, silentLogger, { cacheMs: 5_000, scrapeWaitMsMax: 50 }, () => now);
    const success = async () =>
      (await registry.getSingleMetric("liq_transfers")!.get()).values.find(
        (value) => value.labels["status"] === "SUCCESS",
      )?.value;
    await index.apply([createdEvent("t1", 1), laterEvent("t1", 2, "SUCCESS", 2)]);
    expect(await success()).to.equal(1);
    await index.apply([createdEvent("t2", 3), laterEvent("t2", 2, "SUCCESS", 4)]);
    now = 4_999;
    expect(await success(), "cached").to.equal(1);
    now = 5_000;
    expect(await success(), "refreshed").to.equal(2);
    expect(counts).to.equal(2);
    let release!: () => void;
    slow = new Promise((resolve) => (release = resolve));
    await index.apply([createdEvent("t3", 5), laterEvent("t3", 2, "SUCCESS", 6)]);
    now = 20_000;
    const started = Date.now();
    expect(await success(), "the last counts while the read model is slow").to.equal(2);
    expect(Date.now() - started).to.be.lessThan(1_000);
    release();
    await eventually("the slow count lands", async () => (await success()) === 3);
  });
});
