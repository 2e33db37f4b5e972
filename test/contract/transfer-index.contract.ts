import { expect } from "chai";
import type { PublishedTransferEvent, TransferIndex, TransferRecord } from "../../read-models/transfer-read-model.js";
import type { TransferStatus } from "../../actors/transfer/state.js";

/** A `transferCreated` event as the transfer actor publishes it. */
export function createdEvent(
  transferId: string,
  at: number,
  fields: { from?: string; to?: string; amount?: string; createdBy?: string } = {},
): PublishedTransferEvent {
  return {
    transferId,
    eventSeq: 1,
    event: {
      type: "transferCreated",
      status: "CREATED",
      previousStatus: "NEW",
      transferId,
      at,
      createdAt: at,
      createdBy: fields.createdBy ?? "grpc:olivia",
      from: fields.from ?? "BANKA:A1",
      to: fields.to ?? "BANKB:B1",
      amount: fields.amount ?? "10.0000",
      currency: "CNY",
      speed: "normal",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
      approvalRequired: false,
      failover: "failover",
      reference: "",
    },
  };
}

/**
 * A later event that changed the status (it names the one before, as the actor's events do), or with `changed`
 * false one that did not: only status, sequence, time and that mark matter to the read model.
 */
export function laterEvent(
  transferId: string,
  eventSeq: number,
  status: TransferStatus,
  at: number,
  type = "stepStarted",
  changed = true,
): PublishedTransferEvent {
  return {
    transferId,
    eventSeq,
    event: { type, status, transferId, at, ...(changed && { previousStatus: "CREATED" }) },
  };
}

/** The TransferIndex contract (ADR 007), run against every adapter: same cases, same outcomes. */
export function describeTransferIndexContract(adapterName: string, open: () => Promise<TransferIndex>): void {
  describe(`TransferIndex contract: ${adapterName}`, () => {
    let index: TransferIndex;
    beforeEach(async () => {
      index = await open();
    });
    afterEach(async () => {
      await index.close();
    });
    const statusOf = async (id: string) => (await index.get(id))?.status;

    it("projects a transfer's creation and later events into one record: the request and the latest status", async () => {
      await index.apply([createdEvent("t1", 1_000), laterEvent("t1", 2, "DEBIT_PENDING", 1_010)]);
      await index.apply([laterEvent("t1", 3, "SUCCESS", 1_020)]);
      const record = await index.get("t1");
      expect(record).to.deep.include({
        transferId: "t1",
        status: "SUCCESS",
        eventSeq: 3,
        updatedAt: 1_020,
        createdAt: 1_000,
      });
      expect(record?.request).to.deep.include({
        from: "BANKA:A1",
        to: "BANKB:B1",
        amount: "10.0000",
        currency: "CNY",
        createdBy: "grpc:olivia",
        createdAt: 1_000,
      });
      expect(await index.get("unknown")).to.equal(undefined);
    });

    it("keeps the highest event sequence whatever the order within and across batches, and ignores replays", async () => {
      await index.apply([
        laterEvent("t1", 4, "CREDIT_PENDING", 1_040),
        createdEvent("t1", 1_000),
        laterEvent("t1", 2, "DEBIT_PENDING", 1_010),
      ]);
      expect(await index.get("t1")).to.deep.include({
        status: "CREDIT_PENDING",
        eventSeq: 4,
        updatedAt: 1_040,
        createdAt: 1_000,
      });
      await index.apply([laterEvent("t1", 3, "DEBIT_SUCCESS", 1_030)]);
      await index.apply([createdEvent("t1", 1_000), laterEvent("t1", 4, "CREDIT_PENDING", 1_040)]);
      expect(await index.get("t1")).to.deep.include({ status: "CREDIT_PENDING", eventSeq: 4 });
    });

    it("applies the fresh updates of a batch that also holds a stale one (a redelivery next to new events)", async () => {
      await index.apply([
        createdEvent("t1", 1_000),
        laterEvent("t1", 5, "SUCCESS", 1_050),
        createdEvent("t2", 1_001),
        createdEvent("t3", 1_002),
      ]);
      // t1's event is older than the record (a duplicate key on MongoDB); t2 and t3 must still move, t4 appear.
      await index.apply([
        laterEvent("t1", 3, "DEBIT_SUCCESS", 1_030),
        laterEvent("t2", 2, "FAILED", 1_060),
        laterEvent("t3", 2, "CANCELLED", 1_061),
        createdEvent("t4", 1_003),
      ]);
      expect([await statusOf("t1"), await statusOf("t2"), await statusOf("t3"), await statusOf("t4")]).to.deep.equal([
        "SUCCESS",
        "FAILED",
        "CANCELLED",
        "CREATED",
      ]);
    });

    it("takes a creation that arrives after a newer event: the status stays, the request and creation time are filled", async () => {
      await index.apply([laterEvent("t1", 6, "SUCCESS", 2_000)]);
      expect(await index.get("t1")).to.deep.include({ status: "SUCCESS", request: null, createdAt: 2_000 });
      await index.apply([createdEvent("t1", 1_000)]);
      const record = await index.get("t1");
      expect(record).to.deep.include({ status: "SUCCESS", eventSeq: 6, createdAt: 1_000 });
      expect(record?.request?.from).to.equal("BANKA:A1");
    });

    it("writes status changes only: an event that leaves the status as it was changes nothing", async () => {
      await index.apply([createdEvent("t1", 1_000), laterEvent("t1", 2, "DEBIT_PENDING", 1_010)]);
      const before = await index.get("t1");
      await index.apply([
        laterEvent("t1", 3, "DEBIT_PENDING", 1_020, "bankCalled", false),
        laterEvent("t1", 4, "DEBIT_PENDING", 1_030, "bankAnswered", false),
      ]);
      expect(await index.get("t1")).to.deep.equal(before);
      await index.apply([
        laterEvent("t1", 5, "DEBIT_PENDING", 1_040, "positionTaskIssued", false),
        laterEvent("t1", 6, "UNKNOWN", 1_050, "bankAnswered"),
      ]);
      expect(await index.get("t1")).to.deep.include({ status: "UNKNOWN", eventSeq: 6, updatedAt: 1_050 });
    });

    it("skips events without the fields every transfer event carries", async () => {
      await index.apply([
        { transferId: "bad", eventSeq: 1, event: { type: "transferCreated" } },
        { transferId: "bad", eventSeq: 0, event: { status: "CREATED", at: 1 } },
      ]);
      expect(await index.get("bad")).to.equal(undefined);
    });

    it("lists newest first with status, account and creation-time filters, in pages that neither skip nor repeat", async () => {
      const accounts = ["BANKA:A1", "BANKA:A2"];
      await index.apply(
        Array.from({ length: 7 }, (_, i) =>
          createdEvent(`t${i}`, 1_000 + Math.floor(i / 2), { from: accounts[i % 2]! }),
        ),
      );
      await index.apply([
        laterEvent("t0", 2, "SUCCESS", 3_000),
        laterEvent("t3", 2, "SUCCESS", 3_000),
        laterEvent("t6", 2, "FAILED", 3_000),
      ]);
      const ids = (records: TransferRecord[]) => records.map((record) => record.transferId);
      const all = await index.list({ statuses: [], limit: 100 });
      // Same creation time (t4, t5): the higher id first.
      expect(ids(all.records)).to.deep.equal(["t6", "t5", "t4", "t3", "t2", "t1", "t0"]);
      expect(all.more).to.equal(false);
      expect(ids((await index.list({ statuses: ["SUCCESS", "FAILED"], limit: 100 })).records)).to.deep.equal([
        "t6",
        "t3",
        "t0",
      ]);
      expect(ids((await index.list({ statuses: [], account: "BANKA:A2", limit: 100 })).records)).to.deep.equal([
        "t5",
        "t3",
        "t1",
      ]);
      expect(ids((await index.list({ statuses: [], account: "BANKB:B1", limit: 100 })).records)).to.have.length(7);
      expect(
        ids((await index.list({ statuses: [], createdFrom: 1_001, createdTo: 1_003, limit: 100 })).records),
      ).to.deep.equal(["t5", "t4", "t3", "t2"]);
      const pages: string[][] = [];
      let after: { createdAt: number; transferId: string } | undefined;
      for (;;) {
        const page = await index.list({ statuses: [], limit: 3, ...(after && { after }) });
        pages.push(ids(page.records));
        const last = page.records.at(-1);
        if (!page.more || !last) break;
        after = { createdAt: last.createdAt, transferId: last.transferId };
      }
      expect(pages).to.deep.equal([["t6", "t5", "t4"], ["t3", "t2", "t1"], ["t0"]]);
    });

    it("counts transfers per status with the oldest time a transfer entered it", async () => {
      await index.apply([
        createdEvent("a", 1),
        createdEvent("b", 2),
        createdEvent("c", 3),
        laterEvent("c", 2, "SUCCESS", 4),
      ]);
      expect(Object.fromEntries(await index.statusSummary())).to.deep.equal({
        CREATED: { count: 2, oldestUpdatedAt: 1 },
        SUCCESS: { count: 1 },
      });
    });
  });
}
