import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import type { ListTransfersResponse__Output } from "../../protos/generated/liquidity/v1/ListTransfersResponse.js";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import { accessFile } from "../support/access-file.js";
import { TestTransfersClient } from "../support/grpc-transfers-client.js";
import { eventually } from "../support/tally.js";
import { funding, TransferWorld } from "../support/transfer-world.js";

const A1 = { bank_code: "BANKA", account_number: "A1" };
const A2 = { bank_code: "BANKA", account_number: "A2" };
const B1 = { bank_code: "BANKB", account_number: "B1" };

describe("future-dated transfers: execute_at_ms (engine as a real process, SIGKILL before the start)", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let tokens: Record<string, string>;
  let olivia: TestTransfersClient; // operator
  let victor: TestTransfersClient; // viewer

  /** Clients of the engine now running (its gRPC port changes with every start). */
  const connectClients = async () => {
    olivia?.close();
    victor?.close();
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    const address = `127.0.0.1:${String(ready["grpcPort"])}`;
    olivia = new TestTransfersClient(address, tokens["olivia"]);
    victor = new TestTransfersClient(address, tokens["victor"]);
  };
  const request = (requestId: string, executeAt: number, extra: object = {}) => ({
    request_id: requestId,
    from: A1,
    to: B1,
    amount: "25.00",
    currency: "CNY",
    execute_at_ms: String(executeAt),
    ...extra,
  });
  const get = (transferId: string) => victor.must<Transfer__Output>("GetTransfer", { transfer_id: transferId });

  before(async () => {
    const access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    tokens = access.tokens;
    world = await TransferWorld.start({
      env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" },
      accounts: [
        { bankCode: "BANKA", account: "A1", funding },
        { bankCode: "BANKA", account: "A2" },
        { bankCode: "BANKB", account: "B1" },
      ],
    });
    await connectClients();
  });
  after(async () => {
    olivia?.close();
    victor?.close();
    await world?.stop();
  });

  it("is SCHEDULED with nothing reserved, shown by Get, List and Watch, and starts at its time after a SIGKILL", async () => {
    const executeAt = Date.now() + 15_000;
    const created = await olivia.must<TransferResult__Output>("CreateTransfer", request("s-1", executeAt));
    expect(created.transfer).to.deep.include({
      status: "SCHEDULED",
      execute_at_ms: String(executeAt),
      debit_reservation: "none",
      position_tasks_pending: 0,
    });
    expect((await world.position("BANKA:A1")).inTransitDebit, "nothing reserved").to.equal("0.0000");
    const watch = victor.watch({ transfer_ids: ["s-1"] });
    await eventually("the watch's current state", () => watch.updates.length > 0, 10_000, 20);
    expect(watch.updates[0]!.transfer).to.deep.include({ status: "SCHEDULED", execute_at_ms: String(executeAt) });
    watch.stream.cancel();
    await eventually(
      "the read model lists it as SCHEDULED",
      async () => {
        const page = await victor.must<ListTransfersResponse__Output>("ListTransfers", { statuses: ["SCHEDULED"] });
        return page.transfers.some(
          (summary) => summary.transfer_id === "s-1" && summary.execute_at_ms === String(executeAt),
        );
      },
      15_000,
      100,
    );

    // The start is a durable reminder: an engine killed before it starts the transfer after its restart.
    expect((await get("s-1")).status).to.equal("SCHEDULED");
    await world.engine!.kill();
    await world.startEngine();
    await connectClients();
    await eventually(
      "s-1 succeeded",
      async () => {
        const transfer = await get("s-1");
        return transfer.status === "SUCCESS" && transfer.position_tasks_pending === 0;
      },
      60_000,
      200,
    );
    const done = await get("s-1");
    const started = done.timeline.find((item) => item.event === "transferStarted");
    expect(started, "its start is in the timeline").to.not.equal(undefined);
    expect(Number(started!.at_ms)).to.be.at.least(executeAt);
    expect(done.timeline[0]).to.deep.include({ event: "transferCreated", status: "SCHEDULED" });
  });

  it("checks accounts and channels at creation but funds only at its start, and is cancelled before it with nothing to release", async () => {
    const executeAt = Date.now() + 3_600_000;
    const unopened = await olivia.call("CreateTransfer", {
      ...request("s-2", executeAt),
      from: { bank_code: "BANKA", account_number: "NOPE" },
    });
    expect(unopened).to.deep.include({ ok: false, code: status.FAILED_PRECONDITION, engineCode: "account_not_open" });
    // A2 holds nothing today; by the transfer's date it may.
    const dated = await olivia.must<TransferResult__Output>("CreateTransfer", {
      ...request("s-3", executeAt),
      from: A2,
    });
    expect(dated.transfer).to.deep.include({ status: "SCHEDULED" });
    const cancelled = await olivia.must<TransferResult__Output>("CancelTransfer", {
      transfer_id: "s-3",
      request_id: "c-1",
      reason: "paid another way",
    });
    expect(cancelled.transfer).to.deep.include({
      status: "CANCELLED",
      debit_reservation: "none",
      position_tasks_pending: 0,
    });
    expect(await world.position("BANKA:A2")).to.deep.include({ inTransitDebit: "0.0000", available: "0.0000" });
  });

  it("refuses a time in the past or more than 366 days ahead, naming execute_at_ms, and creates nothing", async () => {
    const cases: Array<[string, number, RegExp]> = [
      ["past", Date.now() - 600_000, /^execute_at_ms \d+ \(.+\) is in the past/],
      ["far", Date.now() + 367 * 86_400_000, /^execute_at_ms \d+ \(.+\) is more than 366 days ahead$/],
    ];
    for (const [name, executeAt, message] of cases) {
      const refused = await olivia.call("CreateTransfer", request(`s-bad-${name}`, executeAt));
      expect(refused, name).to.deep.include({
        ok: false,
        code: status.INVALID_ARGUMENT,
        engineCode: "execute_at_out_of_range",
      });
      expect(refused.ok === false && refused.details, name).to.match(message);
      expect(await victor.call("GetTransfer", { transfer_id: `s-bad-${name}` })).to.deep.include({
        ok: false,
        code: status.NOT_FOUND,
      });
    }
  });
});
