import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  type Metadata,
  type MethodDefinition,
  type ServiceDefinition,
  type ServiceError,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { assert } from "../../runtime/assert.js";
import { decodeUtf8 } from "../../runtime/text.js";
import { ReflectingServer } from "./reflection.js";

/** A request body that did not decode strictly; the method receives it in place of the request and refuses it. */
export class MalformedRequest {
  constructor(readonly reason: string) {}
}

/** How a malformed request is answered: the method's name in its service, the call's metadata, the sentence. */
export type RefuseMalformed = (method: string, metadata: Metadata, reason: string) => Partial<ServiceError>;

/**
 * A grpc-js Server on which every service, whoever adds it, decodes its requests strictly. grpc-js answers INTERNAL
 * when a method's deserializer throws, a status clients retry; and protobufjs decodes leniently (a field sent with
 * the wrong wire type, a string that is not UTF-8). Here a body that does not decode strictly reaches the method as
 * a {@link MalformedRequest}, which is answered with `refuse` instead of running the method. Methods that stream
 * requests keep grpc-js's own handling (the engine's services have none).
 */
export class StrictDecodingServer extends ReflectingServer {
  private readonly refuse: RefuseMalformed;

  /** `descriptorSet`: the compiled protos that reflection serves (reflection.ts). */
  constructor(descriptorSet: Buffer, refuse: RefuseMalformed) {
    super(descriptorSet);
    this.refuse = refuse;
  }

  override addService(service: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    const strictService: Record<string, MethodDefinition<unknown, unknown>> = { ...service };
    const strictImplementation: UntypedServiceImplementation = { ...implementation };
    for (const [name, method] of Object.entries(service)) {
      if (method.requestStream) continue;
      const handler =
        implementation[name] ?? (method.originalName === undefined ? undefined : implementation[method.originalName]);
      if (handler === undefined) continue;
      strictService[name] = {
        ...method,
        requestDeserialize: strictDeserializer(requestTypeOf(method), method.requestDeserialize),
      };
      strictImplementation[name] = refusingMalformed(
        name,
        method.responseStream,
        handler.bind(implementation) as UntypedHandleCall,
        this.refuse,
      );
    }
    super.addService(strictService, strictImplementation);
  }
}

function refusingMalformed(
  name: string,
  streaming: boolean,
  handler: UntypedHandleCall,
  refuse: RefuseMalformed,
): UntypedHandleCall {
  if (streaming) {
    const serve = handler as handleServerStreamingCall<unknown, unknown>;
    return ((call) => {
      if (call.request instanceof MalformedRequest)
        call.emit("error", refuse(name, call.metadata, call.request.reason));
      else serve(call);
    }) as handleServerStreamingCall<unknown, unknown>;
  }
  const answer = handler as handleUnaryCall<unknown, unknown>;
  return ((call, callback) => {
    if (call.request instanceof MalformedRequest) callback(refuse(name, call.metadata, call.request.reason));
    else answer(call, callback);
  }) as handleUnaryCall<unknown, unknown>;
}

/**
 * `deserialize` behind a strict check against `type` (when known): a body that fails the check, or that
 * `deserialize` itself cannot read, becomes a {@link MalformedRequest}.
 */
export function strictDeserializer(
  type: protobuf.Type | undefined,
  deserialize: (bytes: Buffer) => unknown,
): (bytes: Buffer) => unknown {
  return (bytes) => {
    const problem = type === undefined ? undefined : wireProblem(type, bytes);
    if (problem !== undefined) return new MalformedRequest(problem);
    try {
      return deserialize(bytes);
    } catch {
      return new MalformedRequest("the request body is not a protobuf message of the method's request type");
    }
  };
}

/** proto-loader's service definitions carry the descriptors of every file they were loaded with. */
type LoadedMethod = MethodDefinition<unknown, unknown> & {
  readonly requestType?: { readonly fileDescriptorProtos?: readonly Buffer[] };
};

const rootsByFiles = new WeakMap<readonly Buffer[], protobuf.Root>();

/** The protobufjs type of a method's request, rebuilt from the descriptors it was loaded with; undefined without them. */
export function requestTypeOf(method: LoadedMethod): protobuf.Type | undefined {
  const files = method.requestType?.fileDescriptorProtos;
  if (files === undefined) return undefined;
  let root = rootsByFiles.get(files);
  if (!root) {
    const fromDescriptor = (protobuf.Root as unknown as { fromDescriptor(set: object): protobuf.Root }).fromDescriptor;
    root = fromDescriptor({ file: files.map((file) => descriptor.FileDescriptorProto.decode(file)) });
    root.resolveAll();
    rootsByFiles.set(files, root);
  }
  const [, serviceName = "", methodName = ""] = /^\/([^/]+)\/([^/]+)$/.exec(method.path) ?? [];
  const type = root.lookupService(serviceName).methods[methodName]?.resolvedRequestType ?? undefined;
  assert(type !== undefined, `the descriptors of ${method.path} must define its request type`);
  return type;
}

const wireTypeNames = ["varint", "64-bit", "length-delimited", "group start", "group end", "32-bit"];
/** Messages inside messages a request may nest; the engine's requests nest two. */
const nestingMax = 32;

/**
 * Why `bytes` is not a strict encoding of `type`, as a sentence naming the field; undefined when it is. Strict:
 * every field is one `type` defines, with its own wire type (packed or not, for repeated numbers), every string is
 * well-formed UTF-8, every enum value is defined, and nothing is cut short. Types rebuilt from descriptors see a map
 * as what it is on the wire, a repeated entry message (key 1, value 2), so maps need no case of their own. An unknown field is refused: a client
 * built from newer protos must not have a field it relies on (say, a validate-only flag) silently ignored.
 */
export function wireProblem(type: protobuf.Type, bytes: Uint8Array): string | undefined {
  try {
    return messageProblem(type, bytes, "", 0);
  } catch {
    // protobufjs's Reader throws when a length or varint runs past the end.
    return "the request body is truncated: a field runs past its end";
  }
}

function messageProblem(type: protobuf.Type, bytes: Uint8Array, path: string, depth: number): string | undefined {
  if (depth > nestingMax) return `${path.slice(0, -1)} nests messages more than ${nestingMax} deep`;
  const reader = protobuf.Reader.create(bytes);
  const occurrences = new Map<number, number>();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = type.fieldsById[number];
    if (field === undefined)
      return `${path ? path.slice(0, -1) : "the request"} has a field number ${number}, which ${type.fullName.replace(/^\./, "")} does not define`;
    const occurrence = occurrences.get(number) ?? 0;
    occurrences.set(number, occurrence + 1);
    const name = `${path}${field.name}${field.repeated ? `[${occurrence}]` : ""}`;
    const problem =
      field.repeated && wireType === 2 && packedWireType(field) !== undefined
        ? packedProblem(field, reader, name)
        : valueProblem(field, wireType, reader, name, depth);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function valueProblem(
  field: protobuf.Field,
  wireType: number,
  reader: protobuf.Reader,
  name: string,
  depth: number,
): string | undefined {
  const expected = wireTypeOf(field);
  if (wireType !== expected) {
    return `${name} was sent as wire type ${wireType} (${wireTypeNames[wireType] ?? "not a wire type"}), but it is a ${field.type}, wire type ${expected} (${wireTypeNames[expected]})`;
  }
  if (field.resolvedType instanceof protobuf.Enum) {
    const value = reader.int32();
    return field.resolvedType.valuesById[value] === undefined
      ? `${name} is ${value}, which is not a value of ${field.type}`
      : undefined;
  }
  if (wireType !== 2) {
    reader.skipType(wireType);
    return undefined;
  }
  const content = reader.bytes();
  if (field.resolvedType instanceof protobuf.Type)
    return messageProblem(field.resolvedType, content, `${name}.`, depth + 1);
  if (field.type === "string" && decodeUtf8(content) === undefined) {
    return `${name} is not well-formed UTF-8 (a broken byte sequence, or an encoded lone UTF-16 surrogate)`;
  }
  return undefined;
}

/** Packed repeated numbers: a run of varints, or whole 4- or 8-byte values. */
function packedProblem(field: protobuf.Field, reader: protobuf.Reader, name: string): string | undefined {
  const content = reader.bytes();
  const elementWireType = packedWireType(field);
  const width = elementWireType === 5 ? 4 : elementWireType === 1 ? 8 : 0;
  if (width > 0)
    return content.length % width === 0 ? undefined : `${name} is a packed list of ${field.type} cut inside a value`;
  const values = protobuf.Reader.create(content);
  while (values.pos < values.len) {
    const problem = valueProblem(field, 0, values, name, 0);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function packedWireType(field: protobuf.Field): number | undefined {
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  return (protobuf.types.packed as Record<string, number | undefined>)[field.type];
}

function wireTypeOf(field: protobuf.Field): number {
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  if (field.resolvedType instanceof protobuf.Type) return 2;
  const basic = (protobuf.types.basic as Record<string, number | undefined>)[field.type];
  assert(basic !== undefined, `protobuf type ${field.type} must have a wire type`);
  return basic;
}
