import { randomBytes } from "node:crypto";
import { expect } from "chai";
import { parseTraceparent } from "../../runtime/trace-context.js";
import { accessFile } from "../support/access-file.js";
import { TestTransfersClient } from "../support/grpc-transfers-client.js";
import { JaegerServer, type JaegerSpan, type JaegerTrace } from "../support/jaeger-server.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const createTransferOperation = "liquidity.v1.Transfers/CreateTransfer";

describe("spans exported over OTLP to a real Jaeger, from a real engine process (ADR 009 §7)", function () {
  // The first run builds Jaeger (a few minutes); later runs find it cached.
  this.timeout(600_000);
  const service = `liquidity-engine-test-${hex(4)}`;
  let jaeger: JaegerServer;
  let world: TransferWorld;
  let client: TestTransfersClient;

  before(async () => {
    jaeger = await JaegerServer.start();
    const access = accessFile({ olivia: ["operator"] });
    world = await TransferWorld.start({
      env: {
        LIQ_ACCESS_FILE: access.file,
        LIQ_DEV_ACCESS: "false",
        // The standard variables, as an operator sets them; spans leave every 100 ms instead of every 5 s.
        OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
        OTEL_SERVICE_NAME: service,
        OTEL_BSP_SCHEDULE_DELAY: "100",
      },
    });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    client = new TestTransfersClient(`127.0.0.1:${String(ready["grpcPort"])}`, access.tokens["olivia"]);
  });
  after(async () => {
    client?.close();
    await world?.stop();
    await jaeger?.stop();
  });

  const tag = (span: JaegerSpan, key: string): unknown => span.tags.find((candidate) => candidate.key === key)?.value;
  const parentOf = (span: JaegerSpan): string | undefined =>
    span.references.find((reference) => reference.refType === "CHILD_OF")?.spanID;

  it("shows a gRPC CreateTransfer's whole trace under the caller's trace id: the call, the commands, the effects and both bank calls, with the ids the engine logs and sends", async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const transferId = `otlp-${hex(4)}`;
    const { responseTraceparent } = await client.createTraced(
      {
        request_id: transferId,
        from: { bank_code: "BANKA", account_number: "A1" },
        to: { bank_code: "BANKB", account_number: "B1" },
        amount: "12.34",
        currency: "CNY",
      },
      `00-${traceId}-${callerSpan}-01`,
    );
    await world.settled(transferId, ["SUCCESS"]);

    // Spans arrive in batches and a parent ends after its children: wait until both bank calls are there and every
    // span's parent is in the trace (the call's parent is the caller's span, which only the caller could export).
    let found: JaegerTrace | undefined;
    let seen = "nothing yet";
    await eventually(
      "the transfer's trace in Jaeger, whole",
      async () => {
        found = (await jaeger.traces(service, createTransferOperation)).find(
          (candidate) => candidate.traceID === traceId,
        );
        if (!found) return false;
        const ids = new Set(found.spans.map((span) => span.spanID));
        seen = found.spans.map((span) => `${span.operationName} ${span.spanID}<-${String(parentOf(span))}`).join(", ");
        const bankCalls = found.spans.filter((span) => span.operationName.startsWith("bank "));
        return (
          bankCalls.length >= 2 &&
          found.spans.every((span) => span.operationName === createTransferOperation || ids.has(parentOf(span) ?? ""))
        );
      },
      30_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; spans: ${seen}; engine log tail:\n${world.engine!.logTail}`);
    });
    const spans = found!.spans;
    const byId = new Map(spans.map((span) => [span.spanID, span]));
    expect(Object.values(found!.processes).map((process) => process.serviceName)).to.deep.equal([service]);
    expect(spans.every((span) => span.traceID === traceId)).to.equal(true);

    // The gRPC server span: the caller's span is its parent, and its id is the one the engine answered with.
    const call = spans.filter((span) => span.operationName === createTransferOperation);
    expect(call, "one server span").to.have.length(1);
    expect(parentOf(call[0]!)).to.equal(callerSpan);
    expect(tag(call[0]!, "span.kind")).to.equal("server");
    expect(tag(call[0]!, "rpc.grpc.status_code")).to.equal(0);
    expect(parseTraceparent(responseTraceparent)?.parentId).to.equal(call[0]!.spanID);

    // The transfer's create command, a child of the call.
    const create = spans.filter((span) => span.operationName === "transfer create");
    expect(create, "one create command span").to.have.length(1);
    expect(parentOf(create[0]!)).to.equal(call[0]!.spanID);
    expect(tag(create[0]!, "liquidity.actor.id")).to.equal(transferId);

    // Both bank calls: client spans under their effect's span, which descends from the create.
    const bankCalls = spans.filter((span) => span.operationName.startsWith("bank "));
    expect(bankCalls.map((span) => span.operationName).sort()).to.deep.equal(["bank credit", "bank debit"]);
    const ancestorsOf = (span: JaegerSpan): string[] => {
      const chain: string[] = [];
      for (let parent = byId.get(parentOf(span) ?? ""); parent; parent = byId.get(parentOf(parent) ?? ""))
        chain.push(parent.operationName);
      return chain;
    };
    for (const bankCall of bankCalls) {
      expect(tag(bankCall, "span.kind")).to.equal("client");
      expect(tag(bankCall, "liquidity.bank.outcome")).to.equal("succeeded");
      const chain = ancestorsOf(bankCall);
      expect(chain[0], `${bankCall.operationName}'s parent`).to.equal("effect bank.send");
      expect(chain.at(-1), `${bankCall.operationName}'s root`).to.equal(createTransferOperation);
      expect(chain).to.include("transfer create");
    }

    // The same ids the bank received as traceparent and the engine logged for each call.
    const transactions = await world.simulator.transactions({ serialPrefix: `${transferId}.` });
    expect(transactions.map((transaction) => parseTraceparent(transaction.traceparent)?.parentId).sort()).to.deep.equal(
      bankCalls.map((span) => span.spanID).sort(),
    );
    const logged = world.engine!.logs.filter(
      (line) => line["transferId"] === transferId && line["msg"] === "bank call",
    );
    expect(logged.map((line) => line["spanId"]).sort()).to.deep.equal(bankCalls.map((span) => span.spanID).sort());
  });
});
