import { readFileSync } from "node:fs";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import { fileURLToPath } from "node:url";
import { ServerCredentials, status, type MethodDefinition, type ServiceDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { expect } from "chai";
import fc from "fast-check";
import { HealthImplementation } from "grpc-health-check";
import { grpcError } from "../../adapters/grpc/status.js";
import {
  MalformedRequest,
  requestTypeOf,
  StrictDecodingServer,
  strictDeserializer,
  wireProblem,
} from "../../adapters/grpc/strict-decoding.js";
import { encodeFields, RawGrpcClient, wire, withWireType, type WireField } from "../support/protobuf-wire.js";

const services = {
  ...loadSync("liquidity/v1/positions.proto", loaderOptions),
  ...loadSync("liquidity/v1/transfers.proto", loaderOptions),
  ...loadSync("liquidity/v1/channels.proto", loaderOptions),
};
const method = (service: string, name: string) =>
  (services[service] as unknown as ServiceDefinition)[name] as MethodDefinition<unknown, unknown>;
const recordEntry = method("liquidity.v1.Positions", "RecordEntry");
const recordEntryType = requestTypeOf(recordEntry)!;

const account = wire.message(1, [wire.string(1, "BANKA"), wire.string(2, "100")]);
const validEntry: WireField[] = [
  account,
  wire.string(2, "E-1"),
  wire.string(3, "credit"),
  wire.string(4, "10.50"),
  wire.string(5, "EUR"),
  wire.string(6, "fee"),
];
const problemOf = (fields: readonly WireField[], type = recordEntryType) => wireProblem(type, encodeFields(fields));
const replace = (fields: readonly WireField[], index: number, field: WireField) =>
  fields.map((original, at) => (at === index ? field : original));

describe("strict decoding of gRPC requests", () => {
  it("resolves the request type of every method of the engine's services", () => {
    for (const service of ["liquidity.v1.Positions", "liquidity.v1.Transfers", "liquidity.v1.Channels"]) {
      const methods = Object.values(services[service] as unknown as ServiceDefinition);
      expect(methods, service).to.not.be.empty;
      for (const entry of methods)
        expect(requestTypeOf(entry as MethodDefinition<unknown, unknown>)?.fullName, entry.path).to.be.a("string");
    }
    expect(recordEntryType.fullName).to.equal(".liquidity.v1.RecordEntryRequest");
  });

  it("accepts what a generated client sends, and decodes it as before", () => {
    const body = recordEntry.requestSerialize({
      account: { bank_code: "BANKA", account_number: "100" },
      entry_id: "E-1",
      direction: "credit",
      amount: "10.50",
      currency: "EUR",
      description: "Zahlung für 😀",
    });
    expect(wireProblem(recordEntryType, body)).to.equal(undefined);
    expect(strictDeserializer(recordEntryType, recordEntry.requestDeserialize)(body)).to.deep.include({
      entry_id: "E-1",
      description: "Zahlung für 😀",
    });
    expect(problemOf(validEntry)).to.equal(undefined);
    expect(problemOf([])).to.equal(undefined);
  });

  it("refuses a string or message field sent with another wire type, naming the field", () => {
    expect(problemOf(replace(validEntry, 5, wire.varint(6, 7)))).to.equal(
      "description was sent as wire type 0 (varint), but it is a string, wire type 2 (length-delimited)",
    );
    expect(problemOf(replace(validEntry, 0, wire.fixed32(1, 7)))).to.equal(
      "account was sent as wire type 5 (32-bit), but it is a AccountKey, wire type 2 (length-delimited)",
    );
    const nested = wire.message(1, [wire.fixed64(1, 7), wire.string(2, "100")]);
    expect(problemOf(replace(validEntry, 0, nested))).to.equal(
      "account.bank_code was sent as wire type 1 (64-bit), but it is a string, wire type 2 (length-delimited)",
    );
    const bool = method("liquidity.v1.Positions", "OpenAccount");
    expect(wireProblem(requestTypeOf(bool)!, encodeFields([wire.string(5, "yes")]))).to.equal(
      "count_in_transit_credit was sent as wire type 2 (length-delimited), but it is a bool, wire type 0 (varint)",
    );
    for (const wireType of [3, 4, 6, 7]) {
      const body = Buffer.concat([encodeFields(validEntry), Buffer.from([(6 << 3) | wireType, 0])]);
      expect(wireProblem(recordEntryType, body), `wire type ${wireType}`).to.match(
        /^description was sent as wire type \d/,
      );
    }
  });

  it("names the element of a repeated field", () => {
    const watch = requestTypeOf(method("liquidity.v1.Transfers", "WatchTransfers"))!;
    expect(wireProblem(watch, encodeFields([wire.string(1, "t-1"), wire.varint(1, 2)]))).to.equal(
      "transfer_ids[1] was sent as wire type 0 (varint), but it is a string, wire type 2 (length-delimited)",
    );
  });

  it("refuses bytes that are not UTF-8 in a string field, an encoded lone surrogate among them", () => {
    expect(problemOf(replace(validEntry, 5, wire.string(6, "refund \ud800")))).to.equal(
      "description is not well-formed UTF-8 (a broken byte sequence, or an encoded lone UTF-16 surrogate)",
    );
    for (const broken of [[0xff], [0xc0, 0x80], [0x61, 0x80], [0xe2, 0x82]]) {
      expect(problemOf(replace(validEntry, 4, wire.bytes(5, Uint8Array.from(broken)))), String(broken)).to.match(
        /^currency is not well-formed UTF-8/,
      );
    }
    const inAccount = wire.message(1, [wire.string(1, "BANKA"), wire.bytes(2, Uint8Array.from([0xed, 0xb0, 0x80]))]);
    expect(problemOf(replace(validEntry, 0, inAccount))).to.match(/^account\.account_number is not well-formed UTF-8/);
  });

  it("refuses a field number the message does not define", () => {
    expect(problemOf([...validEntry, wire.string(99, "x")])).to.equal(
      "the request has a field number 99, which liquidity.v1.RecordEntryRequest does not define",
    );
    const inAccount = wire.message(1, [wire.string(1, "BANKA"), wire.string(2, "100"), wire.varint(3, 1)]);
    expect(problemOf(replace(validEntry, 0, inAccount))).to.equal(
      "account has a field number 3, which liquidity.v1.AccountKey does not define",
    );
    expect(problemOf([wire.varint(0, 1)])).to.equal(
      "the request has a field number 0, which liquidity.v1.RecordEntryRequest does not define",
    );
  });

  it("refuses a body cut inside a field", () => {
    const body = encodeFields(validEntry);
    const boundaries = new Set<number>();
    let offset = 0;
    for (const field of validEntry) boundaries.add((offset += encodeFields([field]).length));
    for (let length = 1; length < body.length; length++) {
      const problem = wireProblem(recordEntryType, body.subarray(0, length));
      if (boundaries.has(length)) expect(problem, `cut at ${length}, a field boundary`).to.equal(undefined);
      else expect(problem, `cut at ${length}`).to.be.a("string");
    }
    expect(wireProblem(recordEntryType, body.subarray(0, 3))).to.equal(
      "the request body is truncated: a field runs past its end",
    );
  });

  it("checks map entries: key and value types, UTF-8", () => {
    const transfer = recordEntryType.root.lookupType("liquidity.v1.Transfer");
    const references = (entry: WireField[]) => encodeFields([wire.message(18, entry)]);
    expect(wireProblem(transfer, references([wire.string(1, "debit"), wire.string(2, "REF-1")]))).to.equal(undefined);
    expect(wireProblem(transfer, references([wire.string(1, "debit"), wire.varint(2, 1)]))).to.equal(
      "bank_references[0].value was sent as wire type 0 (varint), but it is a string, wire type 2 (length-delimited)",
    );
    expect(wireProblem(transfer, references([wire.bytes(1, Uint8Array.from([0xff]))]))).to.match(
      /^bank_references\[0\]\.key is not well-formed UTF-8/,
    );
    expect(wireProblem(transfer, references([wire.string(3, "x")]))).to.match(
      /^bank_references\[0\] has a field number 3, which liquidity\.v1\.Transfer\.\w+ does not define$/,
    );
  });

  it("never throws, whatever the bytes: a request or a MalformedRequest", () => {
    const strict = strictDeserializer(recordEntryType, recordEntry.requestDeserialize);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = strict(Buffer.from(bytes));
        expect(decoded).to.be.an("object");
        if (!(decoded instanceof MalformedRequest)) expect(wireProblem(recordEntryType, bytes)).to.equal(undefined);
      }),
      { numRuns: 500 },
    );
  });

  it("accepts every well-formed request a client can build, and decodes it exactly", () => {
    const strict = strictDeserializer(recordEntryType, recordEntry.requestDeserialize);
    const text = fc.string({ unit: "grapheme", maxLength: 30 });
    fc.assert(
      fc.property(
        fc.record({
          entry_id: text,
          direction: text,
          amount: text,
          currency: text,
          description: text,
          booking_date: text,
          bank_code: text,
        }),
        (values) => {
          const { bank_code, ...rest } = values;
          const request = { ...rest, account: { bank_code, account_number: "1" } };
          expect(strict(recordEntry.requestSerialize(request))).to.deep.equal(request);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("turns a deserializer that throws into a MalformedRequest instead of letting grpc-js answer INTERNAL", () => {
    const decoded = strictDeserializer(undefined, () => {
      throw new Error("bad");
    })(Buffer.from([1]));
    expect(decoded).to.be.instanceOf(MalformedRequest);
  });

  it("wraps services added to the server by anyone: a malformed health check is INVALID_ARGUMENT with the engine code", async () => {
    const refusals: string[] = [];
    const server = new StrictDecodingServer(
      readFileSync(fileURLToPath(new URL("../../protos/descriptor.binpb", import.meta.url))),
      (name, _metadata, reason) => {
        refusals.push(name);
        return grpcError(status.INVALID_ARGUMENT, reason, "malformed_request");
      },
    );
    new HealthImplementation({ "": "SERVING" }).addToServer(server);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const client = new RawGrpcClient(`127.0.0.1:${port}`, undefined);
    try {
      expect(await client.unary("/grpc.health.v1.Health/Check", encodeFields([wire.string(1, "")]))).to.deep.equal({
        ok: true,
      });
      const malformed = await client.unary("/grpc.health.v1.Health/Check", encodeFields([wire.varint(1, 3)]));
      expect(malformed).to.deep.equal({
        ok: false,
        code: status.INVALID_ARGUMENT,
        details: "service was sent as wire type 0 (varint), but it is a string, wire type 2 (length-delimited)",
        engineCode: "malformed_request",
      });
      const watch = await client.serverStream(
        "/grpc.health.v1.Health/Watch",
        encodeFields([withWireType(wire.string(1, ""), 5)]),
      );
      expect(watch).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT, engineCode: "malformed_request" });
      expect(refusals).to.deep.equal(["Check", "Watch"]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
