import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { accessFile } from "../support/access-file.js";
import { Grpcurl } from "../support/grpcurl.js";
import { TransferWorld } from "../support/transfer-world.js";

const descriptorSet = readFileSync(fileURLToPath(new URL("../../protos/descriptor.binpb", import.meta.url)));
const account = (accountNumber: string) => ({ bank_code: "BANKA", account_number: accountNumber });
/** The services the engine serves today; more may be listed (every listed one is described below). */
const servedServices = [
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
  "liquidity.v1.Differences",
  "liquidity.v1.Positions",
  "liquidity.v1.Statements",
  "liquidity.v1.Suggestions",
  "liquidity.v1.Transfers",
];

/** The fully-qualified type names a `describe` output refers to (`.pkg.Type`), comments left out. */
function referencedTypes(described: string): string[] {
  const code = described
    .split("\n")
    .slice(1)
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("\n");
  return [...code.matchAll(/(?<![\w.])\.([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)/g)].map((match) => match[1]!);
}

/** Runs `task` over `items`, `parallel` at a time (grpcurl processes on a small machine). */
async function inBatches<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let index = 0; index < items.length; index += parallel)
    await Promise.all(items.slice(index, index + parallel).map(task));
}

describe("server reflection, as grpcurl uses it with no copy of the protos, over a real engine process", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  let grpcurl: Grpcurl;
  let tokens: Record<string, string>;

  before(async () => {
    const access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    tokens = access.tokens;
    world = await TransferWorld.start({ env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" } });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    grpcurl = await Grpcurl.at(`127.0.0.1:${String(ready["grpcPort"])}`);
  });
  after(async () => {
    await world?.stop();
  });

  it("lists every service the engine serves, reflection included", async () => {
    const listed = (await grpcurl.text("list")).trim().split("\n");
    expect(listed).to.include.members(servedServices);
    expect(listed).to.deep.equal([...listed].sort());
  });

  it("describes every method of every listed service and every message and enum they use, map entries and imports included", async () => {
    const services = (await grpcurl.text("list")).trim().split("\n");
    const methods: string[] = [];
    const types = new Set<string>();
    for (const service of services) {
      const described = await grpcurl.text("describe", service);
      expect(described.split("\n")[0], service).to.equal(`${service} is a service:`);
      for (const [, name] of described.matchAll(/^\s*rpc (\w+) \(/gm)) methods.push(`${service}.${name!}`);
      for (const type of referencedTypes(described)) types.add(type);
    }
    await inBatches(methods, 4, async (method) => {
      expect((await grpcurl.text("describe", method)).split("\n")[0], method).to.equal(`${method} is a method:`);
    });
    const described = new Map<string, string>();
    // Every type a described type refers to is described in turn, until none is new.
    for (let wave = [...types]; wave.length > 0; wave = [...types].filter((type) => !described.has(type))) {
      await inBatches(wave, 4, async (type) => {
        const text = await grpcurl.text("describe", type);
        expect(text.split("\n")[0], type).to.match(
          new RegExp(`^${type.replaceAll(".", "\\.")} is an? (message|enum):$`),
        );
        described.set(type, text);
        for (const referenced of referencedTypes(text)) types.add(referenced);
      });
    }
    expect(methods).to.include.members([
      "liquidity.v1.Positions.WatchPositions",
      "liquidity.v1.Transfers.CreateTransfer",
      "liquidity.v1.Differences.ResolveDifference",
      "liquidity.v1.Differences.WatchDifferences",
      "grpc.health.v1.Health.List",
    ]);
    expect([...described.keys()]).to.include.members([
      "liquidity.v1.Transfer",
      "google.protobuf.Struct",
      "google.protobuf.Value",
      "google.protobuf.NullValue",
      "grpc.health.v1.HealthListResponse",
      "grpc.health.v1.HealthCheckResponse.ServingStatus",
      "grpc.reflection.v1.ServerReflectionRequest",
      "grpc.reflection.v1alpha.ServerReflectionResponse",
    ]);
    expect(described.get("liquidity.v1.Transfer")).to.match(/^\s*map<string, string> bank_references = 18;$/m);
    expect(described.get("grpc.health.v1.HealthListResponse")).to.match(
      /^\s*map<string, \.grpc\.health\.v1\.HealthCheckResponse> statuses = 1;$/m,
    );
  });

  it("calls Positions: opens an account, records an entry a watch sees, reads the position and the history", async () => {
    const olivia = tokens["olivia"]!;
    const victor = tokens["victor"]!;
    const opened = await grpcurl.must(
      "liquidity.v1.Positions/OpenAccount",
      { account: account("R1"), currency: "CNY", pool: "reflection", request_id: "open-r1" },
      olivia,
    );
    expect(opened).to.deep.include({ accountId: "BANKA:R1", currency: "CNY", pool: "reflection", status: "open" });
    const watch = grpcurl.stream("liquidity.v1.Positions/WatchPositions", { accounts: [account("R1")] }, victor);
    try {
      await watch.waitFor("the current position", (update) => update["cause"] === "current");
      const recorded = await grpcurl.must(
        "liquidity.v1.Positions/RecordEntry",
        { account: account("R1"), entry_id: "R-1", direction: "credit", amount: "12.5", currency: "CNY" },
        olivia,
      );
      expect(recorded).to.deep.include({ commandId: "entry:R-1" });
      const update = await watch.waitFor("the entry", (message) => message["commandId"] === "entry:R-1");
      expect(update).to.deep.nested.include({ cause: "entryRecorded", "summary.position.available": "12.5000" });
    } finally {
      await watch.stop();
    }
    const view = await grpcurl.must("liquidity.v1.Positions/GetPosition", { account: account("R1") }, victor);
    expect(view).to.deep.nested.include({ "position.ledger": "12.5000", "position.available": "12.5000" });
    const history = await grpcurl.must("liquidity.v1.Positions/GetAccountHistory", { account: account("R1") }, victor);
    const entries = history["entries"] as Array<{
      commandId: string;
      principal: string;
      events: Array<{ data: Record<string, unknown> }>;
    }>;
    const entry = entries.find((candidate) => candidate.commandId === "entry:R-1");
    expect(entry).to.deep.include({ principal: "grpc:olivia" });
    // google.protobuf.Struct, known to grpcurl only through the imports reflection served: a plain JSON object.
    expect(entry!.events[0]!.data).to.deep.include({
      type: "entryRecorded",
      entryId: "R-1",
      direction: "credit",
      amount: "12.5000",
    });
  });

  it("calls Transfers: creates a transfer and reads it back settled, with its bank references (a map field)", async () => {
    const created = await grpcurl.must(
      "liquidity.v1.Transfers/CreateTransfer",
      {
        request_id: "reflect-1",
        from: { bank_code: "BANKA", account_number: "A1" },
        to: { bank_code: "BANKB", account_number: "B1" },
        amount: "20",
        currency: "CNY",
      },
      tokens["olivia"],
    );
    expect(created).to.deep.nested.include({ "transfer.transferId": "reflect-1", "transfer.amount": "20.0000" });
    await world.settled("reflect-1", ["SUCCESS"]);
    const transfer = await grpcurl.must(
      "liquidity.v1.Transfers/GetTransfer",
      { transfer_id: "reflect-1" },
      tokens["victor"],
    );
    expect(transfer["status"]).to.equal("SUCCESS");
    expect(Object.keys(transfer["bankReferences"] as object).sort()).to.deep.equal(["credit", "debit"]);
  });

  it("calls the health service: Check, and List with its map of statuses", async () => {
    expect(await grpcurl.must("grpc.health.v1.Health/Check", { service: "liquidity.v1.Transfers" })).to.deep.equal({
      status: "SERVING",
    });
    const listed = await grpcurl.must("grpc.health.v1.Health/List", {});
    expect(listed).to.deep.nested.include({ "statuses.liquidity\\.v1\\.Positions": { status: "SERVING" } });
  });

  it("answers the same through grpc.reflection.v1 and v1alpha, with the compiler's own bytes for each file and its imports", async () => {
    const requests = [
      { list_services: "" },
      { file_containing_symbol: "liquidity.v1.Transfer.bank_references" },
      { file_by_filename: "grpc/health/v1/health.proto" },
      { file_containing_symbol: "no.such.Symbol" },
    ];
    const [v1, v1alpha] = await Promise.all(
      ["v1", "v1alpha"].map((version) =>
        grpcurl.call(`grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`, requests),
      ),
    );
    expect(v1!.code, v1!.stderr).to.equal(0);
    expect(v1!.messages).to.have.length(4);
    expect(v1alpha!.messages).to.deep.equal(v1!.messages);
    const [services, transfer, health, unknown] = v1!.messages as Array<Record<string, Record<string, unknown>>>;
    expect(
      (services!["listServicesResponse"]!["service"] as Array<{ name: string }>).map((service) => service.name),
    ).to.include.members(servedServices);
    for (const [answer, files] of [
      [transfer, 3],
      [health, 1],
    ] as const) {
      const served = (answer!["fileDescriptorResponse"]!["fileDescriptorProto"] as string[]).map((base64) =>
        Buffer.from(base64, "base64"),
      );
      expect(served).to.have.length(files);
      for (const file of served)
        expect(descriptorSet.indexOf(file), "served verbatim from protos/descriptor.binpb").to.be.greaterThan(0);
    }
    expect(unknown!["errorResponse"]).to.deep.include({ errorCode: 5 });
  });
});
