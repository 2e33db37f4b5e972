import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { Decimal } from "decimal.js";
import type { ListTransfersResponse__Output } from "../../protos/generated/liquidity/v1/ListTransfersResponse.js";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import { accessFile } from "../support/access-file.js";
import { servingAndReflected } from "../support/grpc-client.js";
import { TestChannelsClient, TestTransfersClient, type TransferMethod } from "../support/grpc-transfers-client.js";
import type { Channel__Output } from "../../protos/generated/liquidity/v1/Channel.js";
import type { ListChannelsResponse__Output } from "../../protos/generated/liquidity/v1/ListChannelsResponse.js";
import { exposedSamples, fetchMetrics } from "../support/metrics.js";
import { eventually } from "../support/tally.js";
import { funding, TransferWorld } from "../support/transfer-world.js";

const key = (bankCode: string, accountNumber: string) => ({ bank_code: bankCode, account_number: accountNumber });
const A1 = key("BANKA", "A1");
const A2 = key("BANKA", "A2");
const B1 = key("BANKB", "B1");
/** Consecutive repeats removed: the statuses a transfer went through. */
const path = (statuses: readonly string[]) => statuses.filter((value, index) => value !== statuses[index - 1]);

describe("gRPC Transfers API over a real engine process, NATS, a MongoDB-wire server and the bank simulator (ADR 007)", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let olivia: TestTransfersClient; // operator
  let ada: TestTransfersClient; // approver
  let maker: TestTransfersClient; // operator and approver: may create and approve, never both on one transfer
  let victor: TestTransfersClient; // viewer
  let address: string;
  let adminPort: number;
  let victorToken: string;

  before(async () => {
    const access = accessFile({
      olivia: ["operator"],
      ada: ["approver"],
      maker: ["operator", "approver"],
      victor: ["viewer"],
    });
    world = await TransferWorld.start({
      env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" },
      accounts: [
        { bankCode: "BANKA", account: "A1", funding },
        { bankCode: "BANKA", account: "A2" },
        { bankCode: "BANKB", account: "B1" },
      ],
    });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    address = `127.0.0.1:${String(ready["grpcPort"])}`;
    adminPort = Number(ready["adminPort"]);
    const client = (name: string) => new TestTransfersClient(address, access.tokens[name]);
    victorToken = access.tokens["victor"]!;
    [olivia, ada, maker, victor] = [client("olivia"), client("ada"), client("maker"), client("victor")];
  });
  after(async () => {
    for (const client of [olivia, ada, maker, victor]) client?.close();
    await world?.stop();
  });

  const createRequest = (requestId: string, amount: string, extra: object = {}) => ({
    request_id: requestId,
    from: A1,
    to: B1,
    amount,
    currency: "CNY",
    ...extra,
  });
  const get = (transferId: string) => victor.must<Transfer__Output>("GetTransfer", { transfer_id: transferId });
  async function settled(transferId: string, statuses: readonly string[]): Promise<Transfer__Output> {
    let last: Transfer__Output | undefined;
    await eventually(
      `transfer ${transferId} in ${statuses.join("/")}`,
      async () => {
        last = await get(transferId);
        return statuses.includes(last.status) && last.position_tasks_pending === 0;
      },
      30_000,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${last?.status}`);
    });
    return last!;
  }
  async function listAll(request: object, pageSize: number): Promise<string[][]> {
    const pages: string[][] = [];
    let token = "";
    do {
      const page = await victor.must<ListTransfersResponse__Output>("ListTransfers", {
        ...request,
        page_size: pageSize,
        page_token: token,
      });
      pages.push(page.transfers.map((transfer) => transfer.transfer_id));
      token = page.next_page_token;
    } while (token !== "" && pages.length < 100);
    return pages;
  }

  it("creates a transfer that runs to SUCCESS, on the account's configured channels, read back with its timeline", async () => {
    const created = await olivia.must<TransferResult__Output>(
      "CreateTransfer",
      createRequest("g-ok-1", "125.50", { reference: "invoice 77" }),
    );
    expect(created.duplicate).to.equal(false);
    expect(created.transfer).to.deep.include({
      transfer_id: "g-ok-1",
      amount: "125.5000",
      currency: "CNY",
      speed: "normal",
      failover: "failover",
      reference: "invoice 77",
      debit_channel: "BANKA-direct",
      credit_channel: "BANKB-direct",
      created_by: "grpc:olivia",
      approval_required: false,
    });
    expect(created.transfer!.from).to.deep.equal(A1);
    const done = await settled("g-ok-1", ["SUCCESS"]);
    expect(Object.keys(done.bank_references).sort()).to.deep.equal(["credit", "debit"]);
    expect(done).to.deep.include({ debit_reservation: "settled", credit_reservation: "settled", failure: null });
    expect(path(done.timeline.map((item) => item.status))).to.deep.equal([
      "CREATED",
      "DEBIT_PENDING",
      "DEBIT_SUCCESS",
      "CREDIT_PENDING",
      "SUCCESS",
    ]);
    expect(done.timeline[0]).to.deep.include({ event: "transferCreated", status: "CREATED" });
    expect((await world.simulator.account("BANKB", "B1")).balance).to.match(/^125\.5/);
  });

  it("is idempotent by request_id: the same fields answer the same transfer, other fields are refused and change nothing", async () => {
    const first = await olivia.must<TransferResult__Output>(
      "CreateTransfer",
      createRequest("g-idem-1", "10.00", { approval_required: true }),
    );
    const again = await olivia.must<TransferResult__Output>(
      "CreateTransfer",
      createRequest("g-idem-1", "10", { approval_required: true }),
    );
    expect(again.duplicate).to.equal(true);
    expect(again.transfer).to.deep.include({
      transfer_id: "g-idem-1",
      created_at_ms: first.transfer!.created_at_ms,
      amount: "10.0000",
    });
    const other = await olivia.call("CreateTransfer", createRequest("g-idem-1", "11.00", { approval_required: true }));
    expect(other).to.deep.include({ ok: false, code: status.ALREADY_EXISTS, engineCode: "idempotency_key_reused" });
    // A transfer created through NATS (another command id): the actor compares the requests itself.
    await world.expectOk(world.createTransfer("g-nats-1", "5.00", { approvalRequired: true }));
    const sameThroughGrpc = await olivia.must<TransferResult__Output>(
      "CreateTransfer",
      createRequest("g-nats-1", "5.0000", { approval_required: true }),
    );
    expect(sameThroughGrpc).to.deep.include({ duplicate: true });
    expect(sameThroughGrpc.transfer!.created_by).to.equal("nats:world");
    const otherThroughGrpc = await olivia.call(
      "CreateTransfer",
      createRequest("g-nats-1", "6.00", { approval_required: true }),
    );
    expect(otherThroughGrpc).to.deep.include({
      ok: false,
      code: status.ALREADY_EXISTS,
      engineCode: "idempotency_key_reused",
    });
    expect((await get("g-idem-1")).amount).to.equal("10.0000");
    expect((await get("g-nats-1")).amount).to.equal("5.0000");
  });

  it("lists transfers by status, account and creation time, newest first, across pages", async () => {
    const since = Date.now();
    for (let index = 0; index < 5; index++)
      await olivia.must("CreateTransfer", createRequest(`g-list-${index}`, "1.00", { approval_required: true }));
    // A2 holds nothing, so CreateTransfer would refuse it up front; the actor's own door (NATS) takes it, its
    // reservation is refused and the transfer fails without a bank call.
    await world.expectOk(world.createTransfer("g-list-a2", "1.00", { from: "BANKA:A2", approvalRequired: true }));
    await settled("g-list-a2", ["FAILED"]);
    const until = Date.now() + 1;
    const range = { created_from_ms: String(since), created_to_ms: String(until) };
    await eventually(
      "the read model has the six transfers in their statuses",
      async () => {
        const page = await victor.must<ListTransfersResponse__Output>("ListTransfers", {
          ...range,
          statuses: ["PENDING_APPROVAL", "FAILED"],
          page_size: 100,
        });
        return page.transfers.length === 6;
      },
      30_000,
      100,
    );
    expect(await listAll({ ...range, statuses: ["PENDING_APPROVAL"] }, 2)).to.deep.equal([
      ["g-list-4", "g-list-3"],
      ["g-list-2", "g-list-1"],
      ["g-list-0"],
    ]);
    expect(await listAll({ ...range, account: A2 }, 100)).to.deep.equal([["g-list-a2"]]);
    expect((await listAll({ ...range, account: B1 }, 4)).flat()).to.deep.equal([
      "g-list-a2",
      "g-list-4",
      "g-list-3",
      "g-list-2",
      "g-list-1",
      "g-list-0",
    ]);
    expect(await listAll({ ...range, statuses: ["FAILED"] }, 100)).to.deep.equal([["g-list-a2"]]);
    expect(await listAll({ created_to_ms: String(since), statuses: ["SUCCESS"] }, 100)).to.deep.equal([["g-ok-1"]]);
    const summary = (await victor.must<ListTransfersResponse__Output>("ListTransfers", { ...range, account: A2 }))
      .transfers[0]!;
    expect(summary).to.deep.include({
      transfer_id: "g-list-a2",
      status: "FAILED",
      amount: "1.0000",
      currency: "CNY",
      approval_required: true,
    });
    expect(summary.from).to.deep.equal(A2);
  });

  it("watches a transfer by id: every change up to SUCCESS in order; a later watch gets its current state", async () => {
    const watch = victor.watch({ transfer_ids: ["g-ok-1", "g-watch-1"] });
    await watch.live;
    await eventually("the current state of the finished transfer", async () => watch.updates.length >= 1);
    expect(watch.updates[0]).to.deep.include({ cause: "current" });
    expect(watch.updates[0]!.transfer).to.deep.include({
      transfer_id: "g-ok-1",
      status: "SUCCESS",
      amount: "125.5000",
    });
    await olivia.must("CreateTransfer", createRequest("g-watch-1", "7.25"));
    const ofWatched = () => watch.updates.filter((update) => update.transfer?.transfer_id === "g-watch-1");
    await settled("g-watch-1", ["SUCCESS"]);
    const later = victor.watch({ transfer_ids: ["g-watch-1"] });
    await eventually("the later watch's current state", async () => later.updates.length === 1);
    later.stream.cancel();
    expect(later.updates[0]).to.deep.include({ cause: "current" });
    const last = later.updates[0]!.transfer!;
    expect(last.status).to.equal("SUCCESS");
    await eventually(
      "the first watch has every change up to the last",
      async () => ofWatched().at(-1)?.transfer?.event_seq === last.event_seq,
      10_000,
      50,
    );
    watch.stream.cancel();
    const updates = ofWatched();
    expect(updates[0]).to.deep.include({ cause: "transferCreated" });
    expect(updates[0]!.transfer).to.deep.include({ amount: "7.2500", created_by: "grpc:olivia" });
    expect(path(updates.map((update) => update.transfer!.status))).to.deep.equal([
      "CREATED",
      "DEBIT_PENDING",
      "DEBIT_SUCCESS",
      "CREDIT_PENDING",
      "SUCCESS",
    ]);
    const seqs = updates.map((update) => Number(update.transfer!.event_seq));
    expect(seqs, "every event once, in order, none missing").to.deep.equal(
      Array.from({ length: Number(last.event_seq) }, (_, index) => index + 1),
    );
  });

  it("watches by account and status: only the matching changes of matching transfers", async () => {
    const watch = victor.watch({ account: A2, statuses: ["FAILED"] });
    await watch.live;
    await olivia.must("CreateTransfer", createRequest("g-watch-a1", "1.00"));
    await world.expectOk(world.createTransfer("g-watch-a2", "1.00", { from: "BANKA:A2" }));
    await eventually("the A2 transfer's failure", async () => watch.updates.length >= 1, 30_000, 50);
    await settled("g-watch-a1", ["SUCCESS"]);
    watch.stream.cancel();
    expect(watch.updates.map((update) => [update.transfer?.transfer_id, update.transfer?.status])).to.deep.equal([
      ["g-watch-a2", "FAILED"],
    ]);
  });

  it("cancels a transfer waiting for approval (its reservation released), and refuses once the debit was sent", async () => {
    await olivia.must("CreateTransfer", createRequest("g-cancel-1", "3.00", { approval_required: true }));
    await settled("g-cancel-1", ["PENDING_APPROVAL"]);
    const cancelled = await olivia.must<TransferResult__Output>("CancelTransfer", {
      transfer_id: "g-cancel-1",
      request_id: "c-1",
      reason: "customer withdrew",
    });
    expect(cancelled).to.deep.include({ duplicate: false });
    expect(cancelled.transfer).to.deep.include({
      status: "CANCELLED",
      failure: { code: "cancelled", message: "customer withdrew" },
    });
    expect(
      await olivia.must("CancelTransfer", {
        transfer_id: "g-cancel-1",
        request_id: "c-1",
        reason: "customer withdrew",
      }),
    ).to.deep.include({ duplicate: true });
    expect(await settled("g-cancel-1", ["CANCELLED"])).to.deep.include({ debit_reservation: "released" });
    const late = await olivia.call("CancelTransfer", { transfer_id: "g-ok-1", request_id: "c-2", reason: "too late" });
    expect(late).to.deep.include({ ok: false, code: status.FAILED_PRECONDITION, engineCode: "too_late_to_cancel" });
    expect((await get("g-ok-1")).status).to.equal("SUCCESS");
  });

  it("approves through an approver other than the creator; refuses the creator, an operator and a viewer", async () => {
    await maker.must("CreateTransfer", createRequest("g-approve-1", "4.00", { approval_required: true }));
    await settled("g-approve-1", ["PENDING_APPROVAL"]);
    const approve = (client: TestTransfersClient, requestId: string) =>
      client.call("ApproveTransfer", { transfer_id: "g-approve-1", request_id: requestId, comment: "ok" });
    expect(await approve(maker, "a-1")).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "maker_checker_violation",
    });
    expect(await approve(olivia, "a-2")).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "permission_denied",
    });
    expect(await approve(victor, "a-3")).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "permission_denied",
    });
    expect(await get("g-approve-1")).to.deep.include({ status: "PENDING_APPROVAL", approved_by: "" });
    const approved = await ada.must<TransferResult__Output>("ApproveTransfer", {
      transfer_id: "g-approve-1",
      request_id: "a-4",
      comment: "checked",
    });
    expect(approved.transfer!.approved_by).to.equal("grpc:ada");
    await settled("g-approve-1", ["SUCCESS"]);
  });

  it("refuses bad input with the status that fits and a clear message, and changes nothing", async () => {
    await olivia.must("CreateTransfer", createRequest("g-bad-target", "2.00", { approval_required: true }));
    const target = await settled("g-bad-target", ["PENDING_APPROVAL"]);
    const positionBefore = await world.position("BANKA:A1");
    const create = (id: string, fields: object) =>
      ["CreateTransfer", olivia, { ...createRequest(id, "1.00"), ...fields }] as const;
    const onTarget = (method: TransferMethod, fields: object, client = olivia) =>
      [method, client, { transfer_id: "g-bad-target", request_id: "bad-1", ...fields }] as const;
    const cases: Array<[string, readonly [TransferMethod, TestTransfersClient, object], status, string]> = [
      ["no request id", create("", {}), status.INVALID_ARGUMENT, "invalid_argument"],
      ["request id with a space", create("g bad", {}), status.INVALID_ARGUMENT, "invalid_argument"],
      ["request id with a dot", create("g.bad", {}), status.INVALID_ARGUMENT, "invalid_argument"],
      ["no source account", create("g-bad-1", { from: null }), status.INVALID_ARGUMENT, "invalid_argument"],
      [
        "bank code with a dot",
        create("g-bad-2", { from: key("BANK.A", "A1") }),
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      ["amount in exponent notation", create("g-bad-3", { amount: "1e3" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["negative amount", create("g-bad-4", { amount: "-5" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["five decimal places", create("g-bad-5", { amount: "1.00001" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["empty amount", create("g-bad-6", { amount: "" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["zero amount", create("g-bad-7", { amount: "0" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["not a currency", create("g-bad-8", { currency: "EURO" }), status.INVALID_ARGUMENT, "invalid_command"],
      ["unknown speed", create("g-bad-9", { speed: "warp" }), status.INVALID_ARGUMENT, "invalid_command"],
      [
        "unknown failover policy",
        create("g-bad-10", { failover: "maybe" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "reference too long",
        create("g-bad-11", { reference: "x".repeat(501) }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "unknown channel",
        create("g-bad-12", { debit_channel: "NOPE-direct" }),
        status.INVALID_ARGUMENT,
        "unknown_channel",
      ],
      [
        "channel of another bank",
        create("g-bad-13", { debit_channel: "BANKB-direct" }),
        status.INVALID_ARGUMENT,
        "channel_bank_mismatch",
      ],
      ["same account twice", create("g-bad-14", { to: A1 }), status.INVALID_ARGUMENT, "same_account"],
      [
        "a bank without a channel",
        create("g-bad-15", { to: key("BANKZ", "Z1") }),
        status.FAILED_PRECONDITION,
        "channel_not_configured",
      ],
      ["get without an id", ["GetTransfer", victor, { transfer_id: "" }], status.INVALID_ARGUMENT, "invalid_argument"],
      [
        "get an unknown transfer",
        ["GetTransfer", victor, { transfer_id: "g-never" }],
        status.NOT_FOUND,
        "transfer_not_found",
      ],
      [
        "page size too large",
        ["ListTransfers", victor, { page_size: 1001 }],
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "forged page token",
        ["ListTransfers", victor, { page_token: "bm9wZQ" }],
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "unknown status",
        ["ListTransfers", victor, { statuses: ["DONE"] }],
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "time range backwards",
        ["ListTransfers", victor, { created_from_ms: "10", created_to_ms: "5" }],
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "list by a malformed account",
        ["ListTransfers", victor, { account: key("", "A1") }],
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "cancel an unknown transfer",
        onTarget("CancelTransfer", { transfer_id: "g-never", reason: "x" }),
        status.NOT_FOUND,
        "transfer_not_found",
      ],
      [
        "cancel without a request id",
        onTarget("CancelTransfer", { request_id: "", reason: "x" }),
        status.INVALID_ARGUMENT,
        "invalid_argument",
      ],
      [
        "cancel without a reason",
        onTarget("CancelTransfer", { reason: "" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      ["retry without a reason", onTarget("RetryTransfer", { reason: "" }), status.INVALID_ARGUMENT, "invalid_command"],
      [
        "retry what is not halted",
        onTarget("RetryTransfer", { reason: "why not" }),
        status.FAILED_PRECONDITION,
        "not_retryable",
      ],
      [
        "resolve with an unknown outcome",
        onTarget("ResolveTransfer", { outcome: "maybe", evidence: "e" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "resolve without evidence",
        onTarget("ResolveTransfer", { outcome: "returned", evidence: "" }),
        status.INVALID_ARGUMENT,
        "invalid_command",
      ],
      [
        "resolve outside manual intervention",
        onTarget("ResolveTransfer", { outcome: "returned", evidence: "statement" }),
        status.FAILED_PRECONDITION,
        "not_in_manual_intervention",
      ],
      [
        "approve an unknown transfer",
        onTarget("ApproveTransfer", { transfer_id: "g-never" }, ada),
        status.NOT_FOUND,
        "transfer_not_found",
      ],
      [
        "a viewer creates",
        ["CreateTransfer", victor, createRequest("g-bad-16", "1.00")],
        status.PERMISSION_DENIED,
        "permission_denied",
      ],
    ];
    for (const [name, [method, client, request], code, engineCode] of cases) {
      const outcome = await client.call(method, request);
      expect(outcome.ok, name).to.equal(false);
      if (outcome.ok) continue;
      expect({ name, code: status[outcome.code], engineCode: outcome.engineCode }).to.deep.equal({
        name,
        code: status[code],
        engineCode,
      });
      expect(outcome.details.length, name).to.be.greaterThan(10);
    }
    const watch = victor.watch({ statuses: ["DONE"] });
    expect((await watch.error).code).to.equal(status.INVALID_ARGUMENT);
    for (let index = 1; index <= 16; index++) {
      expect(await victor.call("GetTransfer", { transfer_id: `g-bad-${index}` }), `g-bad-${index}`).to.deep.include({
        ok: false,
        code: status.NOT_FOUND,
      });
    }
    expect(await get("g-bad-target")).to.deep.equal(target);
    expect(await world.position("BANKA:A1")).to.deep.equal(positionBefore);
  });

  it("resolves only in MANUAL_INTERVENTION, on an operator's request and another person's confirmation", async () => {
    const early = await olivia.call("ResolveTransfer", {
      transfer_id: "g-ok-1",
      request_id: "r-0",
      outcome: "credited",
      evidence: "statement",
    });
    expect(early).to.deep.include({
      ok: false,
      code: status.FAILED_PRECONDITION,
      engineCode: "not_in_manual_intervention",
    });
    // The credit is refused and so is the reversal: money is stuck in transit until an operator proves where it is.
    await world.simulator.block("BANKB", "B1", true);
    await world.simulator.setFaults("BANKA", {
      script: [{ op: "reversal", serialPrefix: "g-mi-1.", fault: "reject", times: 1 }],
    });
    try {
      await olivia.must("CreateTransfer", createRequest("g-mi-1", "8.00"));
      await settled("g-mi-1", ["MANUAL_INTERVENTION"]);
    } finally {
      await world.simulator.block("BANKB", "B1", false);
      await world.simulator.resetFaults("BANKA");
    }
    const sourceBefore = await world.position("BANKA:A1");
    const asked = await olivia.must<TransferResult__Output>("ResolveTransfer", {
      transfer_id: "g-mi-1",
      request_id: "r-1",
      outcome: "returned",
      evidence: "BANKA statement line 14",
    });
    expect(asked.transfer).to.deep.include({ status: "MANUAL_INTERVENTION", resolution: null });
    expect(asked.transfer!.pending_resolution).to.deep.include({
      outcome: "returned",
      evidence: "BANKA statement line 14",
      resolved_by: "grpc:olivia",
    });
    expect(await world.position("BANKA:A1"), "a request moves no money").to.deep.equal(sourceBefore);
    const confirm = (who: TestTransfersClient, requestId: string, outcome = "returned") =>
      who.call("ConfirmResolution", { transfer_id: "g-mi-1", request_id: requestId, outcome, comment: "seen" });
    // The approver role is needed, the asker may not confirm through either door, and a swap is caught.
    expect(await confirm(olivia, "c-1")).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "permission_denied",
    });
    await maker.must("ResolveTransfer", {
      transfer_id: "g-mi-1",
      request_id: "r-2",
      outcome: "returned",
      evidence: "BANKA statement line 14, checked twice",
    });
    expect(await confirm(maker, "c-2")).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "maker_checker_violation",
    });
    expect(await confirm(ada, "c-3", "credited")).to.deep.include({
      ok: false,
      code: status.FAILED_PRECONDITION,
      engineCode: "resolution_mismatch",
    });
    const resolved = await ada.must<TransferResult__Output>("ConfirmResolution", {
      transfer_id: "g-mi-1",
      request_id: "c-4",
      outcome: "returned",
      comment: "matches the statement",
    });
    expect(resolved.transfer).to.deep.include({
      status: "CLOSED",
      pending_resolution: null,
      resolution: {
        outcome: "returned",
        evidence: "BANKA statement line 14, checked twice",
        resolved_by: "grpc:maker",
        confirmed_by: "grpc:ada",
        requested_at_ms: "0",
      },
    });
    const again = await olivia.call("ResolveTransfer", {
      transfer_id: "g-mi-1",
      request_id: "r-3",
      outcome: "credited",
      evidence: "other",
    });
    expect(again).to.deep.include({
      ok: false,
      code: status.FAILED_PRECONDITION,
      engineCode: "not_in_manual_intervention",
    });
  });

  it("refuses up front a transfer bound to fail, saying why, and creates nothing", async () => {
    const cases: Array<[string, object, number, string, RegExp]> = [
      [
        "unopened source",
        { from: key("BANKA", "NOPE") },
        status.FAILED_PRECONDITION,
        "account_not_open",
        /source account BANKA:NOPE has not been opened/,
      ],
      [
        "unopened target",
        { to: key("BANKB", "NOPE") },
        status.FAILED_PRECONDITION,
        "account_not_open",
        /target account BANKB:NOPE has not been opened/,
      ],
      [
        "currency mismatch",
        { currency: "EUR" },
        status.FAILED_PRECONDITION,
        "currency_mismatch",
        /source account BANKA:A1 holds CNY, not EUR/,
      ],
      [
        "insufficient funds",
        { from: A2 },
        status.FAILED_PRECONDITION,
        "insufficient_available",
        /BANKA:A2 has 0\.0000 CNY available, not enough for 10\.0000/,
      ],
      ["same account", { to: A1 }, status.INVALID_ARGUMENT, "same_account", /two different accounts/],
      ["unknown speed", { speed: "instant" }, status.INVALID_ARGUMENT, "invalid_command", /speed/],
    ];
    for (const [name, change, code, engineCode, message] of cases) {
      for (const validateOnly of [false, true]) {
        const requestId = `g-pre-${name.replace(/ /g, "-")}-${String(validateOnly)}`;
        const refused = await olivia.call("CreateTransfer", {
          ...createRequest(requestId, "10"),
          ...change,
          validate_only: validateOnly,
        });
        expect(refused, `${name}, validate_only ${String(validateOnly)}`).to.deep.include({
          ok: false,
          code,
          engineCode,
        });
        expect(refused.ok === false && refused.details, name).to.match(message);
        expect(await victor.call("GetTransfer", { transfer_id: requestId }), name).to.deep.include({
          ok: false,
          code: status.NOT_FOUND,
        });
      }
    }
  });

  it("validate_only answers the transfer that would be created, channels resolved, and creates nothing", async () => {
    const checked = await olivia.must<TransferResult__Output>("CreateTransfer", {
      ...createRequest("g-check-1", "99.5", { speed: "urgent" }),
      validate_only: true,
    });
    expect(checked).to.deep.include({ validated: true, duplicate: false });
    expect(checked.transfer).to.deep.include({
      transfer_id: "g-check-1",
      status: "",
      amount: "99.5000",
      currency: "CNY",
      speed: "urgent",
      debit_channel: "BANKA-direct",
      credit_channel: "BANKB-direct",
      created_by: "grpc:olivia",
    });
    expect(await victor.call("GetTransfer", { transfer_id: "g-check-1" })).to.deep.include({
      ok: false,
      code: status.NOT_FOUND,
    });
    // The same request without validate_only creates it; validating its id again is refused: it is no longer new.
    const created = await olivia.must<TransferResult__Output>(
      "CreateTransfer",
      createRequest("g-check-1", "99.5", { speed: "urgent" }),
    );
    expect(created).to.deep.include({ validated: false, duplicate: false });
    const again = await olivia.call("CreateTransfer", {
      ...createRequest("g-check-1", "99.5", { speed: "urgent" }),
      validate_only: true,
    });
    expect(again).to.deep.include({ ok: false, code: status.ALREADY_EXISTS, engineCode: "transfer_exists" });
    await settled("g-check-1", ["SUCCESS"]);
    // A repeat of the create is answered by the transfer, not checked again.
    expect(
      await olivia.must<TransferResult__Output>(
        "CreateTransfer",
        createRequest("g-check-1", "99.5", { speed: "urgent" }),
      ),
    ).to.deep.include({ duplicate: true });
  });

  it("lists and gets the channels: configuration, fees and cut-offs, today's usage against the limit, circuit", async () => {
    const channels = new TestChannelsClient(address, victorToken);
    try {
      const listed = await channels.must<ListChannelsResponse__Output>("ListChannels", {});
      expect(listed.channels.map((channel) => channel.channel_id)).to.deep.equal([
        "BANKA-backup",
        "BANKA-direct",
        "BANKB-direct",
      ]);
      const direct = listed.channels.find((channel) => channel.channel_id === "BANKA-direct")!;
      expect(direct).to.deep.include({
        bank_code: "BANKA",
        configured: true,
        currency: "CNY",
        alternative: "BANKA-backup",
      });
      expect(direct.speeds).to.deep.equal([
        { speed: "normal", fee: "1.5000", cutoff: "23:59" },
        { speed: "urgent", fee: "25.0000", cutoff: "23:59" },
      ]);
      expect(direct.breaker).to.deep.include({ circuit: "closed", failure_threshold: 3, open_for_ms: "60000" });
      const usage = direct.usage!;
      expect(usage.daily_limit).to.equal("100000000.0000");
      expect(Number(usage.debits)).to.be.greaterThan(0);
      expect(new Decimal(usage.daily_limit).minus(usage.used_today).toFixed(4)).to.equal(usage.remaining);
      expect(new Decimal(usage.used_today).isPositive() && !new Decimal(usage.used_today).isZero()).to.equal(true);
      expect(Number(direct.health!.succeeded)).to.be.greaterThan(0);
      const bankB = await channels.must<ListChannelsResponse__Output>("ListChannels", { bank_code: "BANKB" });
      expect(bankB.channels.map((channel) => channel.channel_id)).to.deep.equal(["BANKB-direct"]);
      const one = await channels.must<Channel__Output>("GetChannel", { channel_id: "BANKB-direct" });
      expect(one).to.deep.include({ channel_id: "BANKB-direct", bank_code: "BANKB", currency: "CNY", alternative: "" });
      expect(await channels.call("GetChannel", { channel_id: "BANKZ-direct" })).to.deep.include({
        ok: false,
        code: status.NOT_FOUND,
        engineCode: "channel_not_found",
      });
      const anonymous = new TestChannelsClient(address, undefined);
      expect(await anonymous.call("ListChannels", {})).to.deep.include({ ok: false, code: status.UNAUTHENTICATED });
      anonymous.close();
    } finally {
      channels.close();
    }
  });

  it("serves the Transfers health status, lists the service in reflection, and exports liq_transfers per status", async () => {
    expect(await servingAndReflected(address, "liquidity.v1.Transfers")).to.include.members([
      "liquidity.v1.Transfers",
      "liquidity.v1.Positions",
      "grpc.health.v1.Health",
    ]);
    const gauge = async () => {
      const samples = exposedSamples(await fetchMetrics(adminPort)).filter((sample) => sample.name === "liq_transfers");
      return Object.fromEntries(samples.map((sample) => [sample.labels["status"]!, sample.value]));
    };
    // SUCCESS: g-ok-1, g-watch-1, g-watch-a1, g-approve-1, g-check-1; CLOSED: g-mi-1; CANCELLED: g-cancel-1.
    await eventually(
      "liq_transfers counts the read model",
      async () => {
        const counts = await gauge();
        return counts["SUCCESS"] === 5 && counts["CLOSED"] === 1 && counts["CANCELLED"] === 1;
      },
      30_000,
      500,
    );
    const counts = await gauge();
    expect(Object.keys(counts)).to.have.length(14);
    expect(counts["FAILED"]).to.equal(2);
    expect(counts["MANUAL_INTERVENTION"]).to.equal(0);
  });
});
