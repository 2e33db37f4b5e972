import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ServiceDefinition } from "@grpc/grpc-js";
import { expect } from "chai";
import { HealthImplementation } from "grpc-health-check";
import { DescriptorSet } from "../../adapters/grpc/descriptor-set.js";
import { ReflectingServer } from "../../adapters/grpc/reflection.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const buf = join(root, "node_modules/.bin/buf");

/** Protos with what the engine's own do not have yet: nesting at every level, proto2 extensions, a file without package. */
const sources: Record<string, string> = {
  "a/base.proto": `syntax = "proto2";
package sample.base;
message Extendable { optional string id = 1; extensions 100 to 199; }`,
  "b/uses.proto": `syntax = "proto3";
package sample.uses;
import "a/base.proto";
import "google/protobuf/struct.proto";
message Outer {
  message Inner { enum Color { COLOR_UNSPECIFIED = 0; RED = 1; } Color color = 1; }
  oneof choice { Inner inner = 1; google.protobuf.Struct data = 2; }
  map<string, Inner> by_name = 3;
  sample.base.Extendable base = 4;
}
enum Top { TOP_UNSPECIFIED = 0; }
service Things { rpc Get(Outer) returns (stream Outer); }`,
  "c/ext.proto": `syntax = "proto2";
import "a/base.proto";
extend sample.base.Extendable { optional string note = 101; }
message Holder { extend sample.base.Extendable { optional int32 count = 102; } }`,
};

/** A FileDescriptorProto's name: buf writes field 1 first (tag 0x0a), and these names are short. */
function nameOf(file: Uint8Array): string {
  expect(file[0]).to.equal(0x0a);
  return Buffer.from(file.subarray(2, 2 + file[1]!)).toString("utf8");
}

describe("descriptor set (the compiled protos reflection serves)", function () {
  this.timeout(30_000);
  let work: string;
  let bytes: Buffer;
  let set: DescriptorSet;
  const names = (files: Uint8Array[] | undefined) => files?.map(nameOf);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "liq-descriptors-"));
    for (const [file, text] of Object.entries(sources)) {
      mkdirSync(dirname(join(work, "protos", file)), { recursive: true });
      writeFileSync(join(work, "protos", file), text);
    }
    await promisify(execFile)(buf, [
      "build",
      join(work, "protos"),
      "--as-file-descriptor-set",
      "-o",
      join(work, "set.binpb"),
    ]);
    await promisify(execFile)(buf, [
      "build",
      join(work, "protos"),
      "--as-file-descriptor-set",
      "--exclude-imports",
      "--path",
      join(work, "protos/b/uses.proto"),
      "-o",
      join(work, "alone.binpb"),
    ]);
    bytes = readFileSync(join(work, "set.binpb"));
    set = DescriptorSet.read(bytes);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it("finds the file of every kind of name, nested at any depth, enum values beside their enum as protobuf scopes them", () => {
    const symbols = [
      "sample.uses.Outer",
      "sample.uses.Outer.Inner",
      "sample.uses.Outer.Inner.Color",
      "sample.uses.Outer.Inner.RED",
      "sample.uses.Outer.Inner.color",
      "sample.uses.Outer.choice",
      "sample.uses.Outer.by_name",
      "sample.uses.Outer.ByNameEntry",
      "sample.uses.Top",
      "sample.uses.TOP_UNSPECIFIED",
      "sample.uses.Things",
      "sample.uses.Things.Get",
    ];
    for (const symbol of symbols) expect(names(set.fileContainingSymbol(symbol))?.[0], symbol).to.equal("b/uses.proto");
    for (const symbol of ["note", "Holder", "Holder.count"])
      expect(names(set.fileContainingSymbol(symbol))?.[0], symbol).to.equal("c/ext.proto");
    for (const unknown of [
      "sample.uses.Outer.Inner.Color.RED",
      "sample.uses",
      ".sample.uses.Outer",
      "sample.uses.Nope",
      "",
    ]) {
      expect(set.fileContainingSymbol(unknown), unknown).to.equal(undefined);
    }
    expect(set.describesService("sample.uses.Things")).to.equal(true);
    expect(set.describesService("sample.uses.Outer")).to.equal(false);
  });

  it("serves a file with everything it imports, transitively, the file first, each as the compiler's own bytes", () => {
    const served = set.fileByName("b/uses.proto")!;
    expect(names(served)).to.deep.equal(["b/uses.proto", "a/base.proto", "google/protobuf/struct.proto"]);
    for (const file of served) expect(bytes.indexOf(file), nameOf(file)).to.be.greaterThan(0);
    expect(names(set.fileByName("a/base.proto"))).to.deep.equal(["a/base.proto"]);
    expect(set.fileByName("b/nope.proto")).to.equal(undefined);
  });

  it("finds extensions by the message they extend and their number", () => {
    expect(names(set.fileContainingExtension("sample.base.Extendable", 101))).to.deep.equal([
      "c/ext.proto",
      "a/base.proto",
    ]);
    expect(names(set.fileContainingExtension("sample.base.Extendable", 102))?.[0]).to.equal("c/ext.proto");
    expect(set.fileContainingExtension("sample.base.Extendable", 103)).to.equal(undefined);
    expect(set.extensionNumbers("sample.base.Extendable")).to.deep.equal([101, 102]);
    expect(set.extensionNumbers("sample.uses.Outer")).to.deep.equal([]);
    expect(set.extensionNumbers("sample.uses.Nope")).to.equal(undefined);
  });

  it("refuses a set that lacks a file one of its files imports, and bytes that are not a descriptor set", () => {
    expect(() => DescriptorSet.read(readFileSync(join(work, "alone.binpb")))).to.throw(
      "b/uses.proto imports a/base.proto, which the set lacks",
    );
    expect(() => DescriptorSet.read(bytes.subarray(0, bytes.length - 3))).to.throw(/descriptor set/);
    expect(() => DescriptorSet.read(Buffer.from("not a descriptor set"))).to.throw(/descriptor set/);
  });

  it("the engine's server registers only what protos/descriptor.binpb describes, health's full service included", () => {
    const server = new ReflectingServer(readFileSync(join(root, "protos/descriptor.binpb")));
    new HealthImplementation().addToServer(server);
    const method = {
      path: "/sample.uses.Things/Get",
      requestStream: false,
      responseStream: true,
      requestSerialize: Buffer.from,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: Buffer.from,
      responseDeserialize: (b: Buffer) => b,
    };
    expect(() => server.addService({ Get: method } as unknown as ServiceDefinition, { Get: () => undefined })).to.throw(
      "gRPC method sample.uses.Things.Get is served but protos/descriptor.binpb does not describe it: run npm run protos",
    );
    expect(() => new ReflectingServer(bytes)).to.throw("the descriptor set lacks grpc.reflection.v1.ServerReflection");
  });
});
