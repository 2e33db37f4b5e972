import { status } from "@grpc/grpc-js";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { differenceIdOf } from "../../actors/reconciliation/index.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import type { Difference__Output } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResult__Output } from "../../protos/generated/liquidity/v1/DifferenceResult.js";
import type { DifferenceUpdate__Output } from "../../protos/generated/liquidity/v1/DifferenceUpdate.js";
import type { GetAccountHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { ListDifferencesResponse__Output } from "../../protos/generated/liquidity/v1/ListDifferencesResponse.js";
import type { AccountView__Output } from "../../protos/generated/liquidity/v1/AccountView.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Json } from "../../runtime/json.js";
import { silentLogger } from "../../runtime/logger.js";
import { accessFile } from "../support/access-file.js";
import { servingAndReflected, TestPositionsClient } from "../support/grpc-client.js";
import { TestDifferencesClient } from "../support/grpc-differences-client.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { eventually } from "../support/tally.js";

/** Olivia records entries and resolves (and may check others' resolutions); Ada checks; Vera only looks. */
const principals = { olivia: ["operator", "approver"], alice: ["operator"], ada: ["approver"], vera: ["viewer"] };
type Person = keyof typeof principals;

const account = { bank_code: "BANKA", account_number: "R1" };
const accountId = "BANKA:R1";
// The statement day: today, so the adjustments' booking day is one the account takes.
const date = new Date().toISOString().slice(0, 10);
const reconciliationId = `${accountId}:${date}`;
const key = { accountId, date };

/** Below the engine's threshold (1000.00 here): resolved at once. */
const missingInEngine = { class: "missingInEngine", lines: [1], records: [], amount: "250.50", detail: "line 1" };
/** Above it: proposed, then confirmed by another person. */
const closing = { class: "closingBalanceDiffers", lines: [], records: [], amount: "-2500", detail: "closing" };
/** Above it: proposed, then rejected. */
const amountDiffers = { class: "amountDiffers", lines: [2], records: ["entry:E-2"], amount: "5000", detail: "2" };
const idOf = (d: { class: string; lines: number[]; records: string[] }) =>
  differenceIdOf(key, d.class as "missingInEngine", d.lines, d.records);

describe("reconciliation differences over gRPC against a real engine (NATS, a MongoDB-wire server)", function () {
  this.timeout(120_000);
  let engine: RunningEngine;
  let env: Record<string, string>;
  let tokens: Record<string, string>;
  let people: Record<Person, TestDifferencesClient>;
  let positions: TestPositionsClient;
  let nc: NatsConnection;
  const watched: DifferenceUpdate__Output[] = [];
  let stopWatch: () => void = () => {};
  let requests = 0;
  const requestId = () => `req-${++requests}`;

  before(async () => {
    const access = accessFile(principals);
    tokens = access.tokens;
    env = await isolatedEngineEnv({
      LIQ_ACCESS_FILE: access.file,
      LIQ_DEV_ACCESS: "false",
      LIQ_RECON_APPROVAL_ABOVE: "1000.00",
    });
    engine = await startEngine(configFrom(env), silentLogger);
    const address = `127.0.0.1:${engine.grpcPort}`;
    await servingAndReflected(address, "liquidity.v1.Differences");
    people = Object.fromEntries(
      Object.keys(principals).map((name) => [name, new TestDifferencesClient(address, tokens[name])]),
    ) as Record<Person, TestDifferencesClient>;
    positions = new TestPositionsClient(address, tokens["olivia"]);
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    await positions.must("OpenAccount", { account, currency: "EUR", pool: "main", request_id: "open-r1" });
    await positions.must("RecordEntry", {
      account,
      entry_id: "E-1",
      direction: "credit",
      amount: "5000",
      currency: "EUR",
    });
  });

  after(async () => {
    stopWatch();
    for (const client of Object.values(people ?? {})) client.close();
    positions?.close();
    await nc?.close();
    await engine?.stop();
  });

  /** The run a reconciler records: sent to the reconciliation actor through the engine's own dispatch. */
  async function record(inputs: string, differences: Json[]): Promise<void> {
    const reply = await engine.system.dispatch({
      kind: "reconciliation",
      actorId: reconciliationId,
      commandId: `run-${inputs}`,
      type: "record",
      payload: {
        statementVersion: "a".repeat(64),
        statementId: "STMT-R1",
        inputsDigest: inputs.repeat(64),
        currency: "EUR",
        matched: { serial: 3 },
        pendingLines: 0,
        lineCount: 5,
        recordCount: 4,
        differences,
      },
      principal: "system:reconciler",
    });
    if (!reply.ok) throw new Error(`record refused: ${JSON.stringify(reply.error)}`);
  }

  const ledger = async () =>
    (await positions.must<AccountView__Output>("GetPosition", { account })).position?.ledger ?? "-";
  const get = (differenceId: string) =>
    people.vera.must<Difference__Output>("GetDifference", { difference_id: differenceId });
  const resolve = (who: Person, differenceId: string, action: string) =>
    people[who].call<DifferenceResult__Output>("ResolveDifference", {
      difference_id: differenceId,
      action,
      reason: `resolved by ${who}`,
      request_id: requestId(),
    });
  const seen = (differenceId: string, cause: string) => () =>
    watched.some((update) => update.difference?.difference_id === differenceId && update.cause === cause);

  it("lists the differences a run found, filtered, and watches them from their state now", async () => {
    await record("1", [missingInEngine, closing, amountDiffers]);
    await eventually("the directory holds the run's differences", async () => {
      const listed = await people.vera.must<ListDifferencesResponse__Output>("ListDifferences", {
        account_id: accountId,
      });
      return listed.differences.length === 3;
    });
    const call = people.vera.watch({ account_id: accountId });
    call.on("data", (update: DifferenceUpdate__Output) => watched.push(update));
    call.on("error", () => {});
    stopWatch = () => call.cancel();
    await eventually("the watch's current state", () => watched.filter((u) => u.cause === "current").length === 3);

    const listed = await people.vera.must<ListDifferencesResponse__Output>("ListDifferences", {
      account_id: accountId,
      classes: ["closingBalanceDiffers", "amountDiffers"],
      statuses: ["open"],
      page_size: 1,
    });
    expect(listed.differences).to.have.length(1);
    expect(listed.next_page_token).to.not.equal("");
    const next = await people.vera.must<ListDifferencesResponse__Output>("ListDifferences", {
      account_id: accountId,
      classes: ["closingBalanceDiffers", "amountDiffers"],
      statuses: ["open"],
      page_token: listed.next_page_token,
    });
    expect([...listed.differences, ...next.differences].map((d) => d.difference_id)).to.have.members([
      idOf(closing),
      idOf(amountDiffers),
    ]);
    expect(next.differences[0]).to.deep.include({ account_id: accountId, date, currency: "EUR", status: "open" });
    const refused = await people.vera.call("ListDifferences", { statuses: ["closed"] });
    expect(refused).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT, engineCode: "invalid_argument" });
  });

  it("explains, then resolves below the threshold by adjust: the ledger moves by exactly the amount, as adjustment:<id>", async () => {
    const id = idOf(missingInEngine);
    const explained = await people.alice.must<DifferenceResult__Output>("ExplainDifference", {
      difference_id: id,
      note: "incoming payment not booked",
      evidence: "call with the bank",
      request_id: requestId(),
    });
    expect(explained.difference).to.deep.include({ status: "explained" });
    const refused = await people.vera.call("ExplainDifference", { difference_id: id, note: "n", request_id: "v-1" });
    expect(refused).to.deep.include({ ok: false, code: status.PERMISSION_DENIED });

    const before = await ledger();
    expect(before).to.equal("5000.0000");
    const resolved = await resolve("olivia", id, "adjust");
    expect(resolved.ok && resolved.value.difference).to.deep.include({ status: "resolved" });
    await eventually("the adjustment is booked", async () => (await get(id)).booking?.status === "booked");
    expect(await ledger()).to.equal("5250.5000");
    const history = await positions.must<GetAccountHistoryResponse__Output>("GetAccountHistory", { account });
    const adjustment = history.entries.find((entry) => entry.command_id === `entry:adjustment:${id}`);
    expect(adjustment, "the account's entry of the adjustment").to.not.equal(undefined);
    expect(adjustment!.principal).to.equal(`system:reconciliation:${reconciliationId}`);
    expect(adjustment!.events[0]!.type).to.equal("entryRecorded");

    const d = await get(id);
    expect(d.resolution).to.deep.include({ action: "adjust", principal: "grpc:olivia", confirmed_by: "" });
    expect(d.history.map((entry) => [entry.change, entry.principal])).to.deep.equal([
      ["differenceFound", "system:reconciler"],
      ["differenceExplained", "grpc:alice"],
      ["differenceResolved", "grpc:olivia"],
      ["resolutionBooked", "system:effect"],
    ]);
    await eventually("the watch saw it explained, resolved and booked", () =>
      ["differenceExplained", "differenceResolved", "resolutionBooked"].every((cause) => seen(id, cause)()),
    );
  });

  it("holds a resolution above the threshold for a second person: not its maker, then another confirms it", async () => {
    const id = idOf(closing);
    const proposed = await resolve("olivia", id, "adjust");
    expect(proposed.ok && proposed.value.difference?.proposal).to.deep.include({
      action: "adjust",
      principal: "grpc:olivia",
      approval_above: "1000.0000",
    });
    expect(await ledger()).to.equal("5250.5000");
    const self = await people.olivia.call("ConfirmResolution", { difference_id: id, request_id: requestId() });
    expect(self).to.deep.include({ ok: false, code: status.PERMISSION_DENIED, engineCode: "same_principal" });
    const operator = await people.alice.call("ConfirmResolution", { difference_id: id, request_id: requestId() });
    expect(operator).to.deep.include({ ok: false, code: status.PERMISSION_DENIED, engineCode: "permission_denied" });
    expect((await get(id)).status).to.equal("proposed");

    const confirmation = { difference_id: id, comment: "matches the bank's letter", request_id: "ada-confirm-1" };
    const confirmed = await people.ada.must<DifferenceResult__Output>("ConfirmResolution", confirmation);
    expect(confirmed.difference?.resolution).to.deep.include({ principal: "grpc:olivia", confirmed_by: "grpc:ada" });
    const again = await people.ada.must<DifferenceResult__Output>("ConfirmResolution", confirmation);
    expect(again.duplicate, "a retry of the same request").to.equal(true);
    await eventually("the adjustment is booked", async () => (await get(id)).booking?.status === "booked");
    expect(await ledger()).to.equal("2750.5000");
    await eventually(
      "the watch saw it proposed and resolved",
      () => seen(id, "resolutionProposed")() && seen(id, "differenceResolved")(),
    );
  });

  it("lets a checker reject a proposal: the difference is open again, nothing booked", async () => {
    const id = idOf(amountDiffers);
    expect((await resolve("alice", id, "no_booking")).ok).to.equal(true);
    const rejected = await people.ada.must<DifferenceResult__Output>("RejectResolution", {
      difference_id: id,
      reason: "the bank charged twice: adjust instead",
      request_id: requestId(),
    });
    expect(rejected.difference).to.deep.include({ status: "open", proposal: null });
    const unknownAction = await people.olivia.call("ResolveDifference", {
      difference_id: id,
      action: "settleTransfer",
      reason: "r",
      request_id: requestId(),
    });
    expect(unknownAction).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT });
    const unknown = await people.vera.call("GetDifference", { difference_id: "duplicate-0000000000000000" });
    expect(unknown).to.deep.include({ ok: false, code: status.NOT_FOUND, engineCode: "difference_not_found" });
    const direct = await people.vera.must<Difference__Output>("GetDifference", {
      difference_id: id,
      account_id: accountId,
      date,
    });
    expect(direct.status).to.equal("open");
    await eventually("the watch saw it rejected", seen(id, "resolutionRejected"));
    expect(await ledger()).to.equal("2750.5000");
  });

  it("refuses a client's resolve at the NATS door, whatever its token: the threshold cannot be skipped", async () => {
    const id = idOf(amountDiffers);
    const client = new NatsActorClient(nc, env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, {
      token: tokens["olivia"]!,
    });
    const reply = await client.send({
      kind: "reconciliation",
      actorId: reconciliationId,
      commandId: "nats-resolve-1",
      type: "resolve",
      payload: { differenceId: id, action: "adjust", reason: "no checker" },
    });
    expect(reply).to.deep.include({ ok: false });
    expect(!reply.ok && reply.error.code).to.equal("permission_denied");
    expect(!reply.ok && reply.error.message).to.match(/only through the Differences service/);
    const read = await client.send({ kind: "reconciliation", actorId: reconciliationId, commandId: "g", type: "get" });
    expect(read.ok).to.equal(true);
    expect((await get(id)).status).to.equal("open");
    expect(await ledger()).to.equal("2750.5000");
  });

  it("rebuilds the directory after a restart from the reconciliations' events, every change folded", async () => {
    stopWatch();
    for (const client of Object.values(people)) client.close();
    await engine.stop();
    engine = await startEngine(configFrom(env), silentLogger);
    const address = `127.0.0.1:${engine.grpcPort}`;
    await servingAndReflected(address, "liquidity.v1.Differences");
    const vera = new TestDifferencesClient(address, tokens["vera"]);
    try {
      const listed = await vera.must<ListDifferencesResponse__Output>("ListDifferences", { account_id: accountId });
      const statuses = Object.fromEntries(listed.differences.map((d) => [d.difference_id, d.status]));
      expect(statuses).to.deep.equal({
        [idOf(missingInEngine)]: "resolved",
        [idOf(closing)]: "resolved",
        [idOf(amountDiffers)]: "open",
      });
      const closed = listed.differences.find((d) => d.difference_id === idOf(closing));
      expect(closed).to.deep.include({ currency: "EUR", booking_status: "booked" });
      expect(closed!.resolution).to.deep.include({ principal: "grpc:olivia", confirmed_by: "grpc:ada" });
    } finally {
      vera.close();
    }
  });
});
