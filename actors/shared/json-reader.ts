import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";

/**
 * Reads a JSON document the engine wrote itself (a snapshot's state, an actor's reply). A field that is not what the
 * code expects is corruption or a bug, never a caller's mistake: it throws a TypeError that names the document and
 * the field's path, e.g. "not an encoded transfer state: step.phase must be one of acquire, wait, ...".
 */
export class JsonReader {
  private constructor(
    private readonly document: string,
    private readonly fields: JsonObject,
    private readonly path: string,
  ) {}

  /** `document` says what is read, with its article: "an encoded transfer state", "the view of transfer t-1". */
  static of(document: string, value: Json | undefined): JsonReader {
    if (!isJsonObject(value)) throw new TypeError(`not ${document}: it must be a JSON object`);
    return new JsonReader(document, value, "");
  }

  fail(name: string, rule: string): never {
    throw new TypeError(`not ${this.document}: ${this.path}${name} must be ${rule}`);
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined;
  }

  isNull(name: string): boolean {
    return this.fields[name] === null;
  }

  text(name: string): string {
    const value = this.fields[name];
    return typeof value === "string" ? value : this.fail(name, "a string");
  }

  textOrNull(name: string): string | null {
    return this.isNull(name) ? null : this.text(name);
  }

  integer(name: string): number {
    const value = this.fields[name];
    return typeof value === "number" && Number.isSafeInteger(value) ? value : this.fail(name, "an integer");
  }

  integerOrNull(name: string): number | null {
    return this.isNull(name) ? null : this.integer(name);
  }

  /** Absent reads as undefined (a field added after older documents were written). */
  optionalInteger(name: string): number | undefined {
    return this.has(name) ? this.integer(name) : undefined;
  }

  boolean(name: string): boolean {
    const value = this.fields[name];
    return typeof value === "boolean" ? value : this.fail(name, "true or false");
  }

  optionalBoolean(name: string): boolean | undefined {
    return this.has(name) ? this.boolean(name) : undefined;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.fields[name];
    return (values as readonly Json[]).includes(value ?? null)
      ? (value as T)
      : this.fail(name, `one of ${values.join(", ")}`);
  }

  object(name: string): JsonReader {
    const value = this.fields[name];
    return isJsonObject(value)
      ? new JsonReader(this.document, value, `${this.path}${name}.`)
      : this.fail(name, "an object");
  }

  objectOrNull(name: string): JsonReader | null {
    return this.isNull(name) ? null : this.object(name);
  }

  optionalObject(name: string): JsonReader | undefined {
    return this.has(name) ? this.object(name) : undefined;
  }

  /** A nested object kept as it is (a command's payload). */
  jsonObject(name: string): JsonObject {
    const value = this.fields[name];
    return isJsonObject(value) ? value : this.fail(name, "an object");
  }

  texts(name: string): string[] {
    return this.array(name).map((item, index) =>
      typeof item === "string" ? item : this.fail(`${name}[${index}]`, "a string"),
    );
  }

  integers(name: string): number[] {
    return this.array(name).map((item, index) =>
      typeof item === "number" && Number.isSafeInteger(item) ? item : this.fail(`${name}[${index}]`, "an integer"),
    );
  }

  objects(name: string): JsonReader[] {
    return this.array(name).map((item, index) =>
      isJsonObject(item)
        ? new JsonReader(this.document, item, `${this.path}${name}[${index}].`)
        : this.fail(`${name}[${index}]`, "an object"),
    );
  }

  /** The names of the object's fields that are present. */
  keys(): string[] {
    return Object.keys(this.fields).filter((key) => this.fields[key] !== undefined);
  }

  private array(name: string): Json[] {
    const value = this.fields[name];
    return Array.isArray(value) ? value : this.fail(name, "a list");
  }
}
