import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import { accessFile } from "../support/access-file.js";
import { TestTransfersClient } from "../support/grpc-transfers-client.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const key = (bankCode: string, accountNumber: string) => ({ bank_code: bankCode, account_number: accountNumber });

/**
 * CreateTransfer without channels chooses the route (ADR 010 §6): bank A has BANKA-direct (fee 1.50) and
 * BANKA-backup (fee 0.40, cheaper); bank B has BANKB-direct (fee 1.50). Channels are local noon.
 */
describe("route choice: CreateTransfer without channels takes the cheapest route usable at both ends", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let ops: TestTransfersClient;

  before(async () => {
    const access = accessFile({ ops: ["admin"] });
    world = await TransferWorld.start({
      env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" },
      channelConfigs: {
        "BANKA-backup": {
          speeds: { normal: { fee: "0.40", cutoff: "23:59" }, urgent: { fee: "25.00", cutoff: "23:59" } },
        },
      },
    });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    ops = new TestTransfersClient(`127.0.0.1:${String(ready["grpcPort"])}`, access.tokens["ops"]);
  });
  after(async () => {
    ops?.close();
    await world?.stop();
  });

  const create = (requestId: string, amount: string, extra: object = {}) => ({
    request_id: requestId,
    from: key("BANKA", "A1"),
    to: key("BANKB", "B1"),
    amount,
    currency: "CNY",
    ...extra,
  });

  async function settled(transferId: string, statuses: readonly string[]): Promise<Transfer__Output> {
    let last: Transfer__Output | undefined;
    await eventually(
      `transfer ${transferId} in ${statuses.join("/")}`,
      async () => {
        last = await ops.must<Transfer__Output>("GetTransfer", { transfer_id: transferId });
        return statuses.includes(last.status) && last.position_tasks_pending === 0;
      },
      30_000,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${last?.status}`);
    });
    return last!;
  }

  const sends = (transfer: Transfer__Output) =>
    transfer.timeline.filter((item) => item.event === "bankCalled").map((item) => item.note);

  const channelView = (channelId: string) =>
    world.expectOk(world.send("channel", channelId, `get-${Date.now()}-${Math.random()}`, "get", {}));

  /** Sends the channel its configuration with `change` over it (as an operator may); returns the undo. */
  async function reconfigure(channelId: string, change: Record<string, unknown>): Promise<() => Promise<void>> {
    const config = (await channelView(channelId))["config"] as Record<string, unknown>;
    const send = (payload: Record<string, unknown>) =>
      world.expectOk(
        world.send("channel", channelId, `configure-${Date.now()}-${Math.random()}`, "configure", payload),
      );
    await send({ ...config, ...change });
    return async () => {
      await send(config);
    };
  }

  it("takes the cheaper debit channel: validate_only shows the route and its fee, and the transfer follows it", async () => {
    const checked = await ops.must<TransferResult__Output>("CreateTransfer", {
      ...create("route-1", "20.00"),
      validate_only: true,
    });
    expect(checked.validated).to.equal(true);
    expect(checked.transfer).to.deep.include({ debit_channel: "BANKA-backup", credit_channel: "BANKB-direct" });
    expect(checked.route).to.deep.include({
      debit_channel: "BANKA-backup",
      credit_channel: "BANKB-direct",
      fee: "1.9000",
      debit_fee: "0.4000",
      credit_fee: "1.5000",
    });
    expect(checked.route!.considered.map((c) => [c.end, c.channel_id, c.usable, c.fee, c.reason])).to.deep.equal([
      ["debit", "BANKA-direct", true, "1.5000", ""],
      ["debit", "BANKA-backup", true, "0.4000", ""],
      ["credit", "BANKB-direct", true, "1.5000", ""],
    ]);

    const created = await ops.must<TransferResult__Output>("CreateTransfer", create("route-1", "20.00"));
    expect(created.route).to.deep.include({ debit_channel: "BANKA-backup", fee: "1.9000" });
    const done = await settled("route-1", ["SUCCESS"]);
    expect(sends(done)).to.deep.equal(["send route-1.debit via BANKA-backup", "send route-1.credit via BANKB-direct"]);
    // A repeat is answered by the transfer as it was chosen, whatever the channels are now.
    const repeat = await ops.must<TransferResult__Output>("CreateTransfer", create("route-1", "20.00"));
    expect(repeat).to.deep.include({ duplicate: true, route: null });
    expect(repeat.transfer).to.deep.include({ debit_channel: "BANKA-backup" });
  });

  it("passes over the cheaper channel once its cut-off has passed, and uses the other", async () => {
    const restore = await reconfigure("BANKA-backup", {
      speeds: { normal: { fee: "0.40", cutoff: "06:00" }, urgent: { fee: "25.00", cutoff: "23:59" } },
    });
    try {
      const created = await ops.must<TransferResult__Output>("CreateTransfer", create("route-cutoff", "21.00"));
      expect(created.route).to.deep.include({ debit_channel: "BANKA-direct", fee: "3.0000" });
      const backup = created.route!.considered.find((c) => c.channel_id === "BANKA-backup")!;
      expect(backup.usable).to.equal(false);
      expect(backup.reason).to.match(/^the normal cut-off \(06:00 local\) has passed until \d{4}-\d\d-\d\dT/);
      expect(Number(backup.usable_at_ms)).to.be.greaterThan(Date.now());
      const done = await settled("route-cutoff", ["SUCCESS"]);
      expect(sends(done)).to.deep.equal([
        "send route-cutoff.debit via BANKA-direct",
        "send route-cutoff.credit via BANKB-direct",
      ]);
    } finally {
      await restore();
    }
  });

  it("refuses a create while the target bank's only channel is in maintenance: nothing is created, no debit is sent", async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const restore = await reconfigure("BANKB-direct", {
      maintenanceWindows: [{ from: new Date(Date.now() - 60_000).toISOString(), to: until }],
    });
    try {
      for (const validateOnly of [true, false]) {
        const refused = await ops.call("CreateTransfer", {
          ...create("route-maint", "22.00"),
          validate_only: validateOnly,
        });
        expect(refused).to.deep.include({
          ok: false,
          code: status.FAILED_PRECONDITION,
          engineCode: "no_channel_available",
        });
        const message = refused.ok ? "" : refused.details;
        expect(message).to.contain(`credit BANKB-direct: it is in maintenance until ${until}`);
        expect(message).to.contain(`the next window opens at ${until}`);
        expect(message).to.not.contain(
          "debit BANKA-",
          "both debit channels are usable: only the credit end is refused",
        );
      }
      expect(await ops.call("GetTransfer", { transfer_id: "route-maint" })).to.deep.include({
        ok: false,
        code: status.NOT_FOUND,
      });
      expect(await world.simulator.transactions({ serialPrefix: "route-maint." })).to.deep.equal([]);
      expect((await world.position("BANKA:A1"))["inTransitDebit"], "no source reservation").to.match(/^0(\.0+)?$/);

      // Naming both channels keeps the saga's own handling: created, it waits for the maintenance with nothing sent.
      await ops.must("CreateTransfer", {
        ...create("route-named", "23.00"),
        debit_channel: "BANKA-direct",
        credit_channel: "BANKB-direct",
        failover: "wait",
      });
      await eventually(
        "the named transfer waits for BANKB-direct",
        async () => {
          const transfer = await ops.must<Transfer__Output>("GetTransfer", { transfer_id: "route-named" });
          return transfer.status === "DEBIT_PENDING" && transfer.step?.phase === "wait";
        },
        15_000,
        100,
      );
      expect(await world.simulator.transactions({ serialPrefix: "route-named." })).to.deep.equal([]);
      await ops.must("CancelTransfer", { transfer_id: "route-named", request_id: "cancel-1", reason: "test over" });
      await settled("route-named", ["CANCELLED"]);
    } finally {
      await restore();
    }
  });

  // Last: it leaves BANKA-backup's circuit open for the world's openForMs (a minute).
  it("passes over the cheaper channel while its circuit is open, and uses the other", async () => {
    await world.simulator.setFaults("BANKA", {
      script: [
        { op: "debit", serialPrefix: "route-trip.", fault: "error503", times: 1 },
        { op: "query", serialPrefix: "route-trip.", fault: "error503", times: 2 },
      ],
    });
    await ops.must("CreateTransfer", {
      ...create("route-trip", "5.00"),
      debit_channel: "BANKA-backup",
      credit_channel: "BANKB-direct",
    });
    await eventually(
      "three unknown outcomes open BANKA-backup's circuit",
      async () => ((await channelView("BANKA-backup"))["breaker"] as { circuit: string }).circuit === "open",
      20_000,
      100,
    );
    const created = await ops.must<TransferResult__Output>("CreateTransfer", create("route-open", "24.00"));
    expect(created.route).to.deep.include({ debit_channel: "BANKA-direct", credit_channel: "BANKB-direct" });
    const backup = created.route!.considered.find((c) => c.channel_id === "BANKA-backup")!;
    expect(backup.reason).to.match(/^its circuit is open until \d{4}-\d\d-\d\dT/);
    const done = await settled("route-open", ["SUCCESS"]);
    expect(sends(done)).to.deep.equal([
      "send route-open.debit via BANKA-direct",
      "send route-open.credit via BANKB-direct",
    ]);
  });
});
