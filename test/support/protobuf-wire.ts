import { credentials, Client, type ServiceError } from "@grpc/grpc-js";
import protobuf from "protobufjs";
import { refusalOf, TestGrpcClient, type Refusal } from "./grpc-client.js";

/**
 * Protobuf bodies built field by field, so tests can send what no generated client would: a field with the wrong
 * wire type, bytes that are not UTF-8, a field number no message defines, a body cut short.
 */
export interface WireField {
  readonly number: number;
  readonly wireType: number;
  /** The encoded value after the tag (with its length prefix for wire type 2). */
  readonly value: Uint8Array;
}

export const wire = {
  /**
   * A string as protobufjs's own encoder writes it: a lone surrogate becomes its 3-byte encoding, not UTF-8. The
   * base Writer always; `Writer.create()` gives Node's BufferWriter, which hands strings of 40 bytes and more to
   * Buffer, and Buffer writes a lone surrogate as U+FFFD (well-formed), so a long test string lost its surrogate.
   */
  string: (number: number, text: string): WireField => ({
    number,
    wireType: 2,
    value: new protobuf.Writer().string(text).finish(),
  }),
  bytes: (number: number, bytes: Uint8Array): WireField => ({
    number,
    wireType: 2,
    value: protobuf.Writer.create().bytes(bytes).finish(),
  }),
  message: (number: number, fields: readonly WireField[]): WireField => wire.bytes(number, encodeFields(fields)),
  varint: (number: number, value: number): WireField => ({
    number,
    wireType: 0,
    value: protobuf.Writer.create().uint32(value).finish(),
  }),
  fixed32: (number: number, value: number): WireField => ({
    number,
    wireType: 5,
    value: protobuf.Writer.create().fixed32(value).finish(),
  }),
  fixed64: (number: number, value: number): WireField => ({
    number,
    wireType: 1,
    value: protobuf.Writer.create().fixed64(value).finish(),
  }),
};

export function encodeFields(fields: readonly WireField[]): Buffer {
  const parts = fields.map((field) =>
    Buffer.concat([
      protobuf.Writer.create()
        .uint32((field.number << 3) | field.wireType)
        .finish(),
      field.value,
    ]),
  );
  return Buffer.concat(parts);
}

/** The same field with a value of another wire type (a string sent as a number, a message as 4 bytes...). */
export function withWireType(field: WireField, wireType: 0 | 1 | 2 | 5): WireField {
  switch (wireType) {
    case 0:
      return wire.varint(field.number, 7);
    case 1:
      return wire.fixed64(field.number, 7);
    case 2:
      return wire.bytes(field.number, new Uint8Array([0x37]));
    case 5:
      return wire.fixed32(field.number, 7);
  }
}

export type RawOutcome = { ok: true } | Refusal;

/** A gRPC client that sends bodies as given, to any method by its path (`/liquidity.v1.Positions/RecordEntry`). */
export class RawGrpcClient extends TestGrpcClient<Client, never> {
  constructor(address: string, token: string | undefined) {
    super(new Client(address, credentials.createInsecure()), token);
  }

  unary(path: string, body: Uint8Array): Promise<RawOutcome> {
    return new Promise((resolve) => {
      this.raw.makeUnaryRequest(
        path,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from(body),
        this.metadata(),
        (error) => resolve(error ? refusalOf(error) : { ok: true }),
      );
    });
  }

  /** A server-streaming call: how it ended if it ends before its first message, else ok at the first message. */
  serverStream(path: string, body: Uint8Array): Promise<RawOutcome> {
    return new Promise((resolve) => {
      const stream = this.raw.makeServerStreamRequest(
        path,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from(body),
        this.metadata(),
      );
      const done = (outcome: RawOutcome): void => {
        resolve(outcome);
        stream.cancel();
      };
      stream.on("error", (error: ServiceError) => done(refusalOf(error)));
      stream.on("data", () => done({ ok: true }));
      stream.on("end", () => done({ ok: true }));
    });
  }

  close(): void {
    this.raw.close();
  }
}
