import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import fc from "fast-check";
import { deadLetterSubject, entrySubject, streamNamesFor } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import type { AccountView } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { GetAccountHistoryResponse } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { commandSubject } from "../../runtime/subjects.js";
import { accessFile } from "../support/access-file.js";
import { EngineProcess } from "../support/engine-process.js";
import { TestPositionsClient } from "../support/grpc-client.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { readStoredMessages } from "../support/jetstream.js";
import {
  encodeFields,
  RawGrpcClient,
  wire,
  withWireType,
  type RawOutcome,
  type WireField,
} from "../support/protobuf-wire.js";
import { eventually } from "../support/tally.js";

/**
 * Bad bytes at every door of a real engine process (real NATS, real FerretDB): each case must be refused with a
 * typed error, write nothing, and leave the engine serving. A failure prints fast-check's seed and path; replay it
 * with FUZZ_SEED=<seed> (and the same file).
 */
const fuzzSeed = process.env["FUZZ_SEED"] === undefined ? undefined : Number(process.env["FUZZ_SEED"]);
const runs = (numRuns: number) => ({ numRuns, ...(fuzzSeed !== undefined && { seed: fuzzSeed }) });

const bank = "FUZZ";
const accountNumber = "1";
const accountId = `${bank}:${accountNumber}`;

/** Byte sequences that are never UTF-8: stray continuation, overlong, encoded surrogates, past U+10FFFF, cut short. */
const notUtf8 = fc
  .constantFrom(
    [0x80],
    [0xbf],
    [0xc0, 0x80],
    [0xc1, 0xbf],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xed, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xfe],
    [0xff],
    [0xc3],
    [0xe2, 0x82],
  )
  .map((values) => Uint8Array.from(values));
const text = fc.string({ unit: "grapheme", maxLength: 12 });
/**
 * Text around one lone surrogate, high or low. A character on each side keeps it lone: a shrunk `text` may end in
 * half of a pair, which the unit would otherwise complete into a well-formed character (seed 323606617 did that).
 */
const withLoneSurrogate = fc
  .tuple(text, fc.integer({ min: 0xd800, max: 0xdfff }), text)
  .map(([before, unit, after]) => `${before}|${String.fromCharCode(unit)}|${after}`);
const notUtf8Inside = fc
  .tuple(text, notUtf8, text)
  .map(([before, bad, after]) => Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]));
const huge = fc
  .tuple(fc.integer({ min: 257, max: 60_000 }), fc.constantFrom("x", "é", "😀"))
  .map(([count, character]) => character.repeat(count));
const unknownNumber = fc.integer({ min: 13, max: 536_870_911 });
const unknownField = fc.tuple(unknownNumber, fc.constantFrom(0, 1, 2, 5)).map(([number, wireType]): WireField => {
  const values: Record<number, WireField> = {
    0: wire.varint(number, 1),
    1: wire.fixed64(number, 1),
    2: wire.string(number, "x"),
    5: wire.fixed32(number, 1),
  };
  return values[wireType]!;
});

/** A request as named string fields (a value may be raw bytes), and how it goes on the wire. */
type Values = Record<string, string | Uint8Array>;
interface RequestShape {
  readonly valid: (id: string) => Values;
  readonly fields: (values: Values) => WireField[];
  /** Each value's name in field errors. */
  readonly paths: Record<string, string>;
  /** Values whose absence is refused. */
  readonly required: readonly string[];
}

const stringField = (number: number, value: string | Uint8Array | undefined): WireField[] =>
  value === undefined ? [] : [typeof value === "string" ? wire.string(number, value) : wire.bytes(number, value)];
const encode = (shape: RequestShape, values: Values, extra?: { at: number; field: WireField }) => {
  const fields = shape.fields(values);
  const at = (extra?.at ?? 0) % (fields.length + 1);
  return encodeFields(extra ? [...fields.slice(0, at), extra.field, ...fields.slice(at)] : fields);
};

/** RecordEntry for the fuzzed account; currency goes last, so a body cut anywhere lacks a required field. */
const recordEntry: RequestShape = {
  valid: (id) => ({
    bank,
    number: accountNumber,
    entryId: id,
    direction: "credit",
    amount: "1.00",
    description: "fuzz",
    currency: "EUR",
  }),
  fields: (v) => [
    wire.message(1, [...stringField(1, v["bank"]), ...stringField(2, v["number"])]),
    ...stringField(2, v["entryId"]),
    ...stringField(3, v["direction"]),
    ...stringField(4, v["amount"]),
    ...stringField(6, v["description"]),
    ...stringField(5, v["currency"]),
  ],
  paths: {
    bank: "account.bank_code",
    number: "account.account_number",
    entryId: "entry_id",
    direction: "direction",
    amount: "amount",
    description: "description",
    currency: "currency",
  },
  required: ["bank", "number", "entryId", "direction", "amount", "currency"],
};

const watchPositions: RequestShape = {
  valid: () => ({ bank, number: accountNumber, filterBank: bank, currency: "EUR" }),
  fields: (v) => [
    wire.message(1, [...stringField(1, v["bank"]), ...stringField(2, v["number"])]),
    ...stringField(2, v["filterBank"]),
    ...stringField(4, v["currency"]),
  ],
  paths: {
    bank: "accounts[0].bank_code",
    number: "accounts[0].account_number",
    filterBank: "bank_code",
    currency: "currency",
  },
  required: [],
};

const watchTransfers: RequestShape = {
  valid: (id) => ({ transferId: id, bank, number: accountNumber, status: "SUCCESS" }),
  fields: (v) => [
    ...stringField(1, v["transferId"]),
    wire.message(2, [...stringField(1, v["bank"]), ...stringField(2, v["number"])]),
    ...stringField(3, v["status"]),
  ],
  paths: {
    transferId: "transfer_ids[0]",
    bank: "account.bank_code",
    number: "account.account_number",
    status: "statuses[0]",
  },
  required: [],
};

const createTransfer: RequestShape = {
  valid: (id) => ({
    requestId: id,
    fromBank: bank,
    fromNumber: accountNumber,
    toBank: "OTHER",
    toNumber: "2",
    amount: "1.00",
    currency: "EUR",
    reference: "fuzz",
  }),
  fields: (v) => [
    ...stringField(1, v["requestId"]),
    wire.message(2, [...stringField(1, v["fromBank"]), ...stringField(2, v["fromNumber"])]),
    wire.message(3, [...stringField(1, v["toBank"]), ...stringField(2, v["toNumber"])]),
    ...stringField(4, v["amount"]),
    ...stringField(11, v["reference"]),
    ...stringField(5, v["currency"]),
  ],
  paths: {
    requestId: "request_id",
    fromBank: "from.bank_code",
    fromNumber: "from.account_number",
    toBank: "to.bank_code",
    toNumber: "to.account_number",
    amount: "amount",
    currency: "currency",
    reference: "reference",
  },
  required: ["requestId", "fromBank", "fromNumber", "toBank", "toNumber", "amount", "currency"],
};

/** One bad body, and what must come back: `malformed_request` for what does not decode, else any typed refusal. */
interface BadBody {
  readonly label: string;
  readonly body: Uint8Array;
  readonly malformed: boolean;
  /** The field a decoding refusal must name first. */
  readonly names?: string;
}

/** Bodies that must not decode: a field with another wire type, bytes not UTF-8, a lone surrogate, an unknown field. */
function undecodable(shape: RequestShape, id: string): fc.Arbitrary<BadBody> {
  const valid = shape.valid(id);
  const keys = Object.keys(valid);
  const fields = shape.fields(valid);
  return fc.oneof(
    fc
      .tuple(fc.nat(fields.length - 1), fc.constantFrom(0, 1, 5) as fc.Arbitrary<0 | 1 | 5>)
      .map(([index, wireType]) => ({
        label: `field ${fields[index]!.number} as wire type ${wireType}`,
        body: encodeFields(
          fields.map((field, position) => (position === index ? withWireType(field, wireType) : field)),
        ),
        malformed: true,
      })),
    fc.tuple(fc.constantFrom(...keys), notUtf8Inside).map(([key, bytes]) => ({
      label: `${key} not UTF-8`,
      body: encode(shape, { ...valid, [key]: bytes }),
      malformed: true,
      names: shape.paths[key]!,
    })),
    fc.tuple(fc.constantFrom(...keys), withLoneSurrogate).map(([key, value]) => ({
      label: `${key} with a lone surrogate`,
      body: encode(shape, { ...valid, [key]: value }),
      malformed: true,
      names: shape.paths[key]!,
    })),
    fc.tuple(fc.nat(), unknownField).map(([at, field]) => ({
      label: `unknown field ${field.number}`,
      body: encode(shape, valid, { at, field }),
      malformed: true,
    })),
  );
}

/** Everything else a request may get wrong: random bytes, a cut body, huge and empty fields. */
function refusable(shape: RequestShape, id: string): fc.Arbitrary<BadBody> {
  const valid = shape.valid(id);
  const keys = Object.keys(valid);
  return fc.oneof(
    undecodable(shape, id),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ label: "random bytes", body: bytes, malformed: false })),
    fc.integer({ min: 1, max: 10_000 }).map((cut) => {
      const body = encode(shape, valid);
      return {
        label: `cut to ${cut % body.length} bytes`,
        body: body.subarray(0, cut % body.length),
        malformed: false,
      };
    }),
    fc.tuple(fc.constantFrom(...keys), huge).map(([key, value]) => ({
      label: `${key} of ${value.length} UTF-16 units`,
      body: encode(shape, { ...valid, [key]: value }),
      malformed: false,
    })),
    fc
      .constantFrom(...shape.required)
      .map((key) => ({ label: `${key} empty`, body: encode(shape, { ...valid, [key]: "" }), malformed: false })),
  );
}

function expectRefused(outcome: RawOutcome, bad: BadBody): void {
  const context = `${bad.label}: ${JSON.stringify(outcome)}`;
  expect(outcome.ok, context).to.equal(false);
  if (outcome.ok) return;
  expect(outcome.code, context).to.equal(status.INVALID_ARGUMENT);
  expect(outcome.engineCode, context).to.be.a("string").and.not.equal("");
  expect(outcome.details, context).to.match(/\w/);
  if (bad.malformed) expect(outcome.engineCode, context).to.equal("malformed_request");
  if (bad.names) expect(outcome.details.startsWith(bad.names), context).to.equal(true);
}

describe("bad bytes at the doors (fuzzed, real engine process)", function () {
  this.timeout(120_000);
  let engine: EngineProcess;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let prefix: string;
  let positions: TestPositionsClient;
  let raw: RawGrpcClient;
  let commands: NatsActorClient;
  let counter = 0;
  const nextId = (what: string) => `${what}-${counter++}`;

  /** What must not change: the account's journal (its history) and its position. */
  const accountState = async () => {
    const history = await positions.must<GetAccountHistoryResponse>("GetAccountHistory", {
      account: { bank_code: bank, account_number: accountNumber },
      page_size: 1000,
    });
    const view = await positions.must<AccountView>("GetPosition", {
      account: { bank_code: bank, account_number: accountNumber },
    });
    return { entries: history.entries?.length, position: view.position };
  };
  const validEntry = async () => {
    const id = nextId("valid");
    await positions.must("RecordEntry", {
      account: { bank_code: bank, account_number: accountNumber },
      entry_id: id,
      direction: "credit",
      amount: "0.01",
      currency: "EUR",
    });
  };

  before(async () => {
    const access = accessFile({ olivia: ["operator"] });
    const env = await isolatedEngineEnv({ LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false" });
    prefix = env["LIQ_SUBJECT_PREFIX"]!;
    engine = await EngineProcess.start({ env });
    const address = `127.0.0.1:${String(engine.lines.find((line) => line["event"] === "ready")!["grpcPort"])}`;
    positions = new TestPositionsClient(address, access.tokens["olivia"]);
    raw = new RawGrpcClient(address, access.tokens["olivia"]);
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    js = jetstream(nc);
    commands = new NatsActorClient(nc, prefix, defaultLimits.partitionCount, "fuzz");
    await positions.must("OpenAccount", {
      account: { bank_code: bank, account_number: accountNumber },
      currency: "EUR",
      pool: "fuzz",
      request_id: "open",
    });
    await validEntry();
  });
  after(async () => {
    raw?.close();
    positions?.close();
    await nc?.close();
    await engine?.stop();
  });

  describe("gRPC", () => {
    it("refuses every malformed, cut, huge or empty RecordEntry with INVALID_ARGUMENT and an engine code, and writes nothing", async () => {
      const before = await accountState();
      await fc.assert(
        fc.asyncProperty(refusable(recordEntry, nextId("grpc")), async (bad) => {
          expectRefused(await raw.unary("/liquidity.v1.Positions/RecordEntry", bad.body), bad);
        }),
        runs(80),
      );
      expect(await accountState()).to.deep.equal(before);
      await validEntry();
      expect((await accountState()).entries).to.equal(before.entries! + 1);
    });

    it("refuses undecodable CreateTransfer bodies as malformed_request, and creates nothing", async () => {
      const id = nextId("transfer");
      await fc.assert(
        fc.asyncProperty(undecodable(createTransfer, id), async (bad) => {
          expectRefused(await raw.unary("/liquidity.v1.Transfers/CreateTransfer", bad.body), bad);
        }),
        runs(30),
      );
      const lookup = await raw.unary("/liquidity.v1.Transfers/GetTransfer", encodeFields([wire.string(1, id)]));
      expect(lookup).to.deep.include({ ok: false, code: status.NOT_FOUND, engineCode: "transfer_not_found" });
    });

    it("refuses undecodable WatchPositions and WatchTransfers requests before they start, and still serves watches", async () => {
      for (const [path, shape] of [
        ["/liquidity.v1.Positions/WatchPositions", watchPositions],
        ["/liquidity.v1.Transfers/WatchTransfers", watchTransfers],
      ] as const) {
        await fc.assert(
          fc.asyncProperty(undecodable(shape, nextId("watch")), async (bad) => {
            expectRefused(await raw.serverStream(path, bad.body), bad);
          }),
          runs(20),
        );
      }
      expect(
        await raw.serverStream(
          "/liquidity.v1.Positions/WatchPositions",
          encode(watchPositions, watchPositions.valid("")),
        ),
      ).to.deep.equal({ ok: true });
    });
  });

  describe("NATS commands", () => {
    const subject = () => commandSubject(prefix, "account", accountId, defaultLimits.partitionCount);
    const envelope = (id: string, payload: Record<string, unknown>) => ({
      commandId: `entry:${id}`,
      type: "recordEntry",
      payload,
    });
    const validPayload = (id: string): Record<string, unknown> => ({
      entryId: id,
      direction: "credit",
      amount: "1.00",
      currency: "EUR",
      description: "fuzz",
    });
    const marker = "\u0000MARK\u0000";
    /** The envelope as JSON bytes, with `bytes` where `marker` was (inside a string). */
    const withBytes = (body: unknown, bytes: Uint8Array) => {
      const json = Buffer.from(JSON.stringify(body));
      const at = json.indexOf(Buffer.from(JSON.stringify(marker).slice(1, -1)));
      return Buffer.concat([json.subarray(0, at), bytes, json.subarray(at + JSON.stringify(marker).length - 2)]);
    };
    const payloadKeys = ["entryId", "direction", "amount", "currency", "description"];

    interface BadMessage {
      readonly label: string;
      readonly body: Uint8Array;
      /** The code the reply must carry, when one is certain. */
      readonly code?: string;
      /** A field the message must name. */
      readonly names?: string;
    }

    const badMessages = (id: string): fc.Arbitrary<BadMessage> =>
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ label: "random bytes", body: bytes })),
        fc.tuple(fc.constantFrom(...payloadKeys), notUtf8Inside).map(([key, bytes]) => ({
          label: `${key} not UTF-8`,
          body: withBytes(envelope(id, { ...validPayload(id), [key]: marker }), bytes),
          code: "malformed_message",
        })),
        fc.tuple(fc.constantFrom(...payloadKeys), withLoneSurrogate).map(([key, value]) => ({
          label: `${key} with a lone surrogate`,
          body: Buffer.from(JSON.stringify(envelope(id, { ...validPayload(id), [key]: value }))),
          code: "invalid_command",
          names: key,
        })),
        withLoneSurrogate.map((name) => ({
          label: "a field name with a lone surrogate",
          body: Buffer.from(JSON.stringify(envelope(id, { ...validPayload(id), [name]: "x" }))),
          code: "invalid_command",
        })),
        fc.tuple(fc.constantFrom(...payloadKeys), huge).map(([key, value]) => ({
          label: `${key} of ${value.length} UTF-16 units`,
          body: Buffer.from(JSON.stringify(envelope(id, { ...validPayload(id), [key]: value }))),
        })),
        fc.constantFrom("entryId", "direction", "amount", "currency").map((key) => ({
          label: `${key} empty`,
          body: Buffer.from(JSON.stringify(envelope(id, { ...validPayload(id), [key]: "" }))),
          code: "invalid_command",
        })),
        fc.string({ maxLength: 20 }).map((name) => ({
          label: `unknown field ${JSON.stringify(name)}`,
          body: Buffer.from(JSON.stringify(envelope(id, { ...validPayload(id), [`x-${name}`]: 1 }))),
          code: "invalid_command",
        })),
        fc.integer({ min: 1, max: 400 }).map((cut) => {
          const body = Buffer.from(JSON.stringify(envelope(id, validPayload(id))));
          return { label: `cut to ${cut % body.length} bytes`, body: body.subarray(0, cut % body.length) };
        }),
      );

    it("answers every bad command with a typed error reply, writes nothing, and keeps serving", async () => {
      const before = await accountState();
      await fc.assert(
        fc.asyncProperty(badMessages(nextId("nats")), async (bad) => {
          const reply: Reply = await commands.sendRaw(subject(), bad.body);
          const context = `${bad.label}: ${JSON.stringify(reply).slice(0, 500)}`;
          expect(reply.ok, context).to.equal(false);
          if (reply.ok) return;
          expect(reply.error.code, context).to.be.a("string").and.not.equal("");
          expect(reply.error.retryable, context).to.equal(false);
          if (bad.code) expect(reply.error.code, context).to.equal(bad.code);
          if (bad.names)
            expect(reply.error.message.startsWith(`${bad.names} must be well-formed Unicode text`), context).to.equal(
              true,
            );
        }),
        runs(60),
      );
      expect(await accountState()).to.deep.equal(before);
      const id = nextId("nats-valid");
      expect(
        await commands.sendRaw(subject(), Buffer.from(JSON.stringify(envelope(id, validPayload(id))))),
      ).to.deep.include({ ok: true });
    });
  });

  describe("NATS entry ingestion", () => {
    const validBody = (id: string): Record<string, unknown> => ({
      entryId: id,
      direction: "credit",
      amount: "1.00",
      currency: "EUR",
      description: "fuzz",
    });
    const keys = ["direction", "amount", "currency", "description"];
    const deadLetterOf = async (seq: number) => {
      const letters = await readStoredMessages(nc, streamNamesFor(prefix).deadLetters, deadLetterSubject(prefix));
      return letters.find((letter) => letter.headers["Liq-Original-Seq"] === String(seq));
    };

    const badEntries = (id: string): fc.Arbitrary<{ label: string; body: Uint8Array; code?: string }> =>
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ label: "random bytes", body: bytes })),
        fc.tuple(fc.constantFrom(...keys), notUtf8Inside).map(([key, bytes]) => {
          const json = Buffer.from(JSON.stringify({ ...validBody(id), [key]: "MARK" }));
          const at = json.indexOf("MARK");
          return {
            label: `${key} not UTF-8`,
            body: Buffer.concat([json.subarray(0, at), bytes, json.subarray(at + 4)]),
            code: "malformed_message",
          };
        }),
        fc.tuple(fc.constantFrom(...keys), withLoneSurrogate).map(([key, value]) => ({
          label: `${key} with a lone surrogate`,
          body: Buffer.from(JSON.stringify({ ...validBody(id), [key]: value })),
          code: "invalid_command",
        })),
        huge.map((value) => ({
          label: `description of ${value.length} UTF-16 units`,
          body: Buffer.from(JSON.stringify({ ...validBody(id), description: value })),
        })),
        fc.constantFrom("direction", "amount", "currency").map((key) => ({
          label: `${key} empty`,
          body: Buffer.from(JSON.stringify({ ...validBody(id), [key]: "" })),
          code: "invalid_command",
        })),
        fc.constant({
          label: "an unknown field",
          body: Buffer.from(JSON.stringify({ ...validBody(id), memo: "x" })),
          code: "invalid_command",
        }),
      );

    it("dead-letters every bad entry with a code, applies none, and still applies a good one", async () => {
      const before = await accountState();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), badEntries(nextId("entry")), async (salt, bad) => {
          const ack = await js.publish(entrySubject(prefix, bank, accountNumber), bad.body, {
            msgID: `fuzz-${salt}-${nextId("msg")}`,
          });
          let letter: Awaited<ReturnType<typeof deadLetterOf>>;
          await eventually(
            `the entry at seq ${ack.seq} (${bad.label}) is dead-lettered`,
            async () => (letter = await deadLetterOf(ack.seq)) !== undefined,
          );
          const code = letter!.headers["Liq-Dead-Code"];
          expect(code, bad.label).to.be.a("string").and.not.equal("");
          if (bad.code) expect(code, `${bad.label}: ${letter!.headers["Liq-Dead-Reason"]}`).to.equal(bad.code);
        }),
        runs(15),
      );
      expect(await accountState()).to.deep.equal(before);
      const id = nextId("entry-valid");
      await js.publish(
        entrySubject(prefix, bank, accountNumber),
        Buffer.from(JSON.stringify({ ...validBody(id), amount: "0.01" })),
      );
      await eventually("the good entry is applied", async () => (await accountState()).entries === before.entries! + 1);
    });
  });
});
