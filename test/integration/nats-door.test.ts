import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { accessFile } from "../support/access-file.js";
import { EngineProcess } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { TransferWorld } from "../support/transfer-world.js";

/** A refusal at the NATS door: the same reply shape as the door's other refusals, nothing applied. */
function expectRefused(reply: Reply, code: string, message?: RegExp): void {
  expect(reply, JSON.stringify(reply)).to.deep.include({ ok: false });
  if (reply.ok) return;
  expect(reply.error).to.deep.include({ code, retryable: false });
  expect(Object.keys(reply.error).sort()).to.deep.equal(["code", "message", "retryable"]);
  if (message) expect(reply.error.message).to.match(message);
}

describe("the NATS command door holds commands to the gRPC roles (engine as a real process)", function () {
  this.timeout(120_000);
  let world: TransferWorld;
  let tokens: Record<string, string>;
  const as = (caller: string | { token: string } | undefined) =>
    new NatsActorClient(world.nc, world.prefix, defaultLimits.partitionCount, caller);
  const create = (client: NatsActorClient, transferId: string) =>
    client.send({
      kind: "transfer",
      actorId: transferId,
      commandId: `create-${transferId}`,
      type: "create",
      payload: {
        from: "BANKA:A1",
        to: "BANKB:B1",
        amount: "12.50",
        currency: "CNY",
        debitChannel: "BANKA-direct",
        creditChannel: "BANKB-direct",
        approvalRequired: true,
      },
    });
  const approve = (client: NatsActorClient, transferId: string, attempt: string) =>
    client.send({ kind: "transfer", actorId: transferId, commandId: `approve-${attempt}`, type: "approve" });

  before(async () => {
    const access = accessFile({ olivia: ["operator"], ada: ["approver"], vera: ["viewer"] });
    tokens = access.tokens;
    world = await TransferWorld.start({ env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" } });
  });
  after(async () => {
    await world?.stop();
  });

  it("approves only with an approver's token; a claimed name, no token or an operator's changes nothing", async () => {
    const olivia = as({ token: tokens["olivia"]! });
    await world.expectOk(create(olivia, "door-1"));
    await world.settled("door-1", ["PENDING_APPROVAL"]);
    expectRefused(
      await approve(as(undefined), "door-1", "1"),
      "unauthenticated",
      /needs a token with the approver role: send the header "Liq-Token: <token>"/,
    );
    expectRefused(await approve(as("ada"), "door-1", "2"), "unauthenticated");
    expectRefused(await approve(as({ token: "not-a-token" }), "door-1", "3"), "unauthenticated", /not known/);
    expectRefused(await approve(olivia, "door-1", "4"), "permission_denied", /olivia needs the approver role/);
    expectRefused(await approve(as({ token: tokens["vera"]! }), "door-1", "5"), "permission_denied");
    expect(await world.transfer("door-1")).to.deep.include({ status: "PENDING_APPROVAL", approvedBy: null });
    const approved = await world.expectOk(approve(as({ token: tokens["ada"]! }), "door-1", "6"));
    expect(approved).to.deep.include({ approvedBy: "nats:ada", createdBy: "nats:olivia" });
    await world.settled("door-1", ["SUCCESS"]);
  });

  it("refuses a confirmation of a resolution without an approver's token before the transfer is asked", async () => {
    const confirm = (caller: string | { token: string } | undefined, attempt: string) =>
      as(caller).send({
        kind: "transfer",
        actorId: "door-1",
        commandId: `confirm-${attempt}`,
        type: "confirmResolution",
        payload: { outcome: "credited" },
      });
    expectRefused(await confirm("ada", "1"), "unauthenticated");
    expectRefused(await confirm({ token: tokens["olivia"]! }, "2"), "permission_denied");
    // Past the door, the transfer itself answers: it is not halted.
    const reply = await confirm({ token: tokens["ada"]! }, "3");
    expect(reply.ok === false && reply.error.code).to.equal("not_in_manual_intervention");
  });

  it("creates no transfer without a token, and takes an upstream system's entry without one", async () => {
    expectRefused(
      await create(as("core-banking"), "door-2"),
      "unauthenticated",
      /transfer create over NATS needs a token with the operator role/,
    );
    const never = await world.send("transfer", "door-2", "get-door-2", "get", {});
    expect(never.ok && (never.result as { status: string }).status).to.equal("NEW");
    const entry = await as("core-banking").send({
      kind: "account",
      actorId: "BANKB:B1",
      commandId: "entry:door-e1",
      type: "recordEntry",
      payload: { entryId: "door-e1", direction: "credit", amount: "1.00", currency: "CNY" },
    });
    expect(entry.ok, JSON.stringify(entry)).to.equal(true);
    // A reservation is the saga's: no client takes one, with or without a name.
    const reserve = await as("core-banking").send({
      kind: "account",
      actorId: "BANKB:B1",
      commandId: "door-reserve",
      type: "reserve",
      payload: { reservationId: "x", direction: "debit", amount: "1.00", currency: "CNY", transferId: "x" },
    });
    expectRefused(reserve, "unauthenticated");
  });
});

describe("the NATS command door with development access (no access file)", function () {
  this.timeout(60_000);
  let engine: EngineProcess;
  let nc: NatsConnection;
  let env: Record<string, string>;

  before(async () => {
    env = await isolatedEngineEnv({ LIQ_DEV_ACCESS: "true" });
    engine = await EngineProcess.start({ env });
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
  });
  after(async () => {
    await nc?.close();
    await engine?.kill();
  });

  it("takes the printed development token (admin) over NATS as over gRPC, and nothing less", async () => {
    const token = /export LIQ_TOKEN=(dev-\S+)/.exec(engine.logTail)?.[1];
    expect(token, "the engine prints its development token").to.be.a("string");
    const client = (caller: string | { token: string }) =>
      new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, caller);
    const get = { kind: "transfer", actorId: "dev-1", commandId: "get-dev-1", type: "get" };
    expectRefused(await client("developer").send(get), "unauthenticated");
    const reply = await client({ token: token! }).send(get);
    expect(reply.ok && (reply.result as { status: string }).status).to.equal("NEW");
  });
});
