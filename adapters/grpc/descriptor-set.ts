/**
 * A FileDescriptorSet compiled by buf (protos/descriptor.binpb), indexed for server reflection: each file's bytes
 * exactly as the compiler wrote them, the file that declares each fully-qualified name, each file's imports, and
 * the extensions. Only the few descriptor.proto fields the index needs are read; nothing is decoded into objects
 * and encoded again, so a client gets what the compiler made (map entries, proto3 optional, options, comments).
 */
export class DescriptorSet {
  private readonly files = new Map<string, { readonly bytes: Uint8Array; readonly dependencies: readonly string[] }>();
  /** Fully-qualified name (no leading dot) -> the name of the file that declares it. */
  private readonly symbols = new Map<string, string>();
  private readonly services = new Set<string>();
  /** Extended message (no leading dot) -> extension number -> file. */
  private readonly extensions = new Map<string, Map<number, string>>();

  private constructor() {}

  /** Indexes a serialized FileDescriptorSet; throws when it is malformed or lacks a file another one imports. */
  static read(bytes: Uint8Array): DescriptorSet {
    const set = new DescriptorSet();
    for (const file of messages(fieldsOf(bytes), 1)) set.addFile(file);
    for (const [name, file] of set.files) {
      for (const dependency of file.dependencies) {
        if (!set.files.has(dependency))
          throw new Error(
            `descriptor set: ${name} imports ${dependency}, which the set lacks (build it with its imports)`,
          );
      }
    }
    return set;
  }

  /** Whether `name` (`package.Service`) is a service the set declares. */
  describesService(name: string): boolean {
    return this.services.has(name);
  }

  /** Whether the set declares `name`: a message, enum, enum value, field, oneof, extension, service or method. */
  declares(name: string): boolean {
    return this.symbols.has(name);
  }

  /** The serialized file and every file it imports, transitively, the file first; undefined when absent. */
  fileByName(name: string): Uint8Array[] | undefined {
    if (!this.files.has(name)) return undefined;
    const order: string[] = [];
    const visit = (file: string): void => {
      if (order.includes(file)) return;
      order.push(file);
      for (const dependency of this.files.get(file)!.dependencies) visit(dependency);
    };
    visit(name);
    return order.map((file) => this.files.get(file)!.bytes);
  }

  /** Like `fileByName`, for the file that declares `symbol` (fully qualified, no leading dot). */
  fileContainingSymbol(symbol: string): Uint8Array[] | undefined {
    const file = this.symbols.get(symbol);
    return file === undefined ? undefined : this.fileByName(file);
  }

  /** Like `fileByName`, for the file that declares extension `number` of message `extendee`. */
  fileContainingExtension(extendee: string, number: number): Uint8Array[] | undefined {
    const file = this.extensions.get(extendee)?.get(number);
    return file === undefined ? undefined : this.fileByName(file);
  }

  /** The numbers of the extensions of message `extendee`, ascending; undefined when the set does not declare it. */
  extensionNumbers(extendee: string): number[] | undefined {
    if (!this.symbols.has(extendee)) return undefined;
    return [...(this.extensions.get(extendee)?.keys() ?? [])].sort((a, b) => a - b);
  }

  // FileDescriptorProto: 1 name, 2 package, 3 dependency, 4 message_type, 5 enum_type, 6 service, 7 extension.
  private addFile(bytes: Uint8Array): void {
    const fields = fieldsOf(bytes);
    const name = text(fields, 1);
    if (name === "" || this.files.has(name)) throw new Error(`descriptor set: a file without a name, or ${name} twice`);
    this.files.set(name, { bytes, dependencies: strings(fields, 3) });
    const scope = text(fields, 2);
    const declare = (symbol: string): void => {
      if (this.symbols.has(symbol))
        throw new Error(`descriptor set: ${symbol} is declared in ${this.symbols.get(symbol)} and in ${name}`);
      this.symbols.set(symbol, name);
    };
    for (const message of messages(fields, 4)) this.addMessage(message, scope, name, declare);
    for (const enumeration of messages(fields, 5)) addEnum(enumeration, scope, declare);
    for (const service of messages(fields, 6)) {
      // ServiceDescriptorProto: 1 name, 2 method (MethodDescriptorProto: 1 name).
      const serviceFields = fieldsOf(service);
      const serviceName = qualified(scope, text(serviceFields, 1));
      declare(serviceName);
      this.services.add(serviceName);
      for (const method of messages(serviceFields, 2)) declare(qualified(serviceName, text(fieldsOf(method), 1)));
    }
    for (const extension of messages(fields, 7)) this.addExtension(fieldsOf(extension), scope, name, declare);
  }

  // DescriptorProto: 1 name, 2 field, 3 nested_type, 4 enum_type, 6 extension, 8 oneof_decl.
  private addMessage(bytes: Uint8Array, scope: string, file: string, declare: (symbol: string) => void): void {
    const fields = fieldsOf(bytes);
    const name = qualified(scope, text(fields, 1));
    declare(name);
    for (const field of messages(fields, 2)) declare(qualified(name, text(fieldsOf(field), 1)));
    for (const oneof of messages(fields, 8)) declare(qualified(name, text(fieldsOf(oneof), 1)));
    for (const nested of messages(fields, 3)) this.addMessage(nested, name, file, declare);
    for (const enumeration of messages(fields, 4)) addEnum(enumeration, name, declare);
    for (const extension of messages(fields, 6)) this.addExtension(fieldsOf(extension), name, file, declare);
  }

  // FieldDescriptorProto: 1 name, 2 extendee (".package.Message"), 3 number.
  private addExtension(fields: WireFields, scope: string, file: string, declare: (symbol: string) => void): void {
    declare(qualified(scope, text(fields, 1)));
    const extendee = text(fields, 2).replace(/^\./, "");
    const numbers = this.extensions.get(extendee) ?? new Map<number, string>();
    numbers.set(varint(fields, 3), file);
    this.extensions.set(extendee, numbers);
  }
}

// EnumDescriptorProto: 1 name, 2 value (EnumValueDescriptorProto: 1 name). As in C++, enum values are siblings of
// their enum: `package.Color` has `package.RED`.
function addEnum(bytes: Uint8Array, scope: string, declare: (symbol: string) => void): void {
  const fields = fieldsOf(bytes);
  declare(qualified(scope, text(fields, 1)));
  for (const value of messages(fields, 2)) declare(qualified(scope, text(fieldsOf(value), 1)));
}

function qualified(scope: string, name: string): string {
  if (name === "")
    throw new Error(`descriptor set: a declaration without a name in ${scope || "a file without a package"}`);
  return scope === "" ? name : `${scope}.${name}`;
}

/** A message's fields by number, in wire order: a varint as a number, a length-delimited value as its bytes. */
type WireFields = Map<number, Array<number | Uint8Array>>;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function messages(fields: WireFields, number: number): Uint8Array[] {
  return (fields.get(number) ?? []).map((value) => {
    if (typeof value === "number")
      throw new Error(`descriptor set: field ${number} is a varint where a message belongs`);
    return value;
  });
}

function strings(fields: WireFields, number: number): string[] {
  return messages(fields, number).map((bytes) => utf8.decode(bytes));
}

/** The last value of a singular string field ("" when absent, as protobuf reads it). */
function text(fields: WireFields, number: number): string {
  return strings(fields, number).at(-1) ?? "";
}

function varint(fields: WireFields, number: number): number {
  const value = fields.get(number)?.at(-1) ?? 0;
  if (typeof value !== "number") throw new Error(`descriptor set: field ${number} is not a varint`);
  return value;
}

/** Reads one message's fields (wire format). Groups never occur in descriptor.proto; fixed-width values are skipped. */
function fieldsOf(message: Uint8Array): WireFields {
  const fields: WireFields = new Map();
  let offset = 0;
  const readVarint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (offset >= message.length) break;
      const byte = message[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error("descriptor set: a truncated or overlong varint");
  };
  while (offset < message.length) {
    const key = readVarint();
    const [number, wireType] = [Math.floor(key / 8), key % 8];
    let value: number | Uint8Array | undefined;
    if (wireType === 0) value = readVarint();
    else if (wireType === 2) {
      const length = readVarint();
      if (offset + length > message.length) throw new Error("descriptor set: a value runs past the end of its message");
      value = message.subarray(offset, offset + length);
      offset += length;
    } else if (wireType === 1 || wireType === 5) offset += wireType === 1 ? 8 : 4;
    else throw new Error(`descriptor set: wire type ${wireType}, which descriptor.proto does not use`);
    if (value === undefined) continue;
    const values = fields.get(number);
    if (values) values.push(value);
    else fields.set(number, [value]);
  }
  if (offset !== message.length)
    throw new Error("descriptor set: a fixed-width value runs past the end of its message");
  return fields;
}
