import { pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from "pino";
import type { LogFields, Logger } from "./ports.js";

export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Keys whose values must never reach a log line: at the top of a line's fields, one level down (a logged request,
 * headers object or configuration) and in a nested `headers` object. A key, not a pattern in a value: a secret
 * inside a URL or a message is not found.
 */
export const redactedKeys: ReadonlySet<string> = new Set([
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "password",
  "secret",
  "credentials",
  "natsPassword",
  "natsToken",
  "natsCreds",
  "natsCredsFile",
  "liq-signature",
]);

/** What a redacted value is replaced by. */
export const redactedValue = "[redacted]";

/** The keys every line has; a line's fields cannot replace them. */
const ownKeys = new Set(["time", "level", "msg"]);

/**
 * One JSON object per line on stderr (stdout stays free for the engine's readiness line), written by pino:
 * `level` (a word), `time` (ISO 8601), the logger's and the line's fields, `msg`. A line's own fields win over its
 * logger's (`child`), which win over `base`, and each key appears once: the fields are merged before pino writes
 * them (pino's own child loggers would repeat a key given both by the child and by the line). Lines below
 * `minLevel` are not written (LIQ_LOG_LEVEL). `write` replaces stderr (tests keep the lines in memory).
 */
export function jsonLogger(base: LogFields = {}, write?: (line: string) => void, minLevel: LogLevel = "info"): Logger {
  const destination: DestinationStream = write ? { write } : pino.destination({ dest: 2, sync: true });
  const root = pino(
    {
      level: minLevel,
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: errorFields },
    },
    destination,
  );
  return new BoundLogger(root, undefined, base);
}

/**
 * A logger and the fields it adds. Every actor in memory has one (ADR 009 §6), so it is a small object with its
 * methods on the prototype, and its own fields are merged with its parent's when a line is written, not when the
 * child is made: before, each child held a merged copy of the fields and five closures, about 1 KiB an actor.
 */
class BoundLogger implements Logger {
  constructor(
    private readonly root: PinoLogger,
    private readonly parent: BoundLogger | undefined,
    private readonly fields: LogFields,
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.write("debug", message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.write("info", message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write("warn", message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write("error", message, fields);
  }

  child(fields: LogFields): Logger {
    return new BoundLogger(this.root, this, fields);
  }

  private write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.root.isLevelEnabled(level)) return;
    const record: LogFields = {};
    this.addFields(record);
    for (const [key, value] of Object.entries(fields ?? {})) if (!ownKeys.has(key)) record[key] = value;
    this.root[level](redacted(record), message);
  }

  /** The ancestors' fields first, so a child's field wins over its parent's of the same key. */
  private addFields(record: LogFields): void {
    this.parent?.addFields(record);
    for (const [key, value] of Object.entries(this.fields)) if (!ownKeys.has(key)) record[key] = value;
  }
}

/**
 * The record with every secret replaced (`redactedKeys`), in one walk of its keys and of its objects' keys. An
 * object that holds a secret is copied, never changed: it is the caller's. pino's own redaction did this by 36
 * paths, 24 of them wildcards, each walked on its own for every line (about 3% of the engine's CPU in the transfer
 * benchmark, where each bank call writes a line).
 */
function redacted(record: LogFields): LogFields {
  for (const [key, value] of Object.entries(record)) {
    if (redactedKeys.has(key)) record[key] = redactedValue;
    else if (isRedactable(value)) {
      const inner = redactedObject(value);
      if (inner !== value) record[key] = inner;
    }
  }
  return record;
}

/** A field's object one level down, its secrets and its `headers` object's replaced; itself when it has none. */
function redactedObject(value: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (redactedKeys.has(key)) (copy ??= { ...value })[key] = redactedValue;
    else if (key === "headers" && isRedactable(inner) && Object.keys(inner).some((name) => redactedKeys.has(name))) {
      const headers: Record<string, unknown> = { ...inner };
      for (const name of Object.keys(headers)) if (redactedKeys.has(name)) headers[name] = redactedValue;
      (copy ??= { ...value })[key] = headers;
    }
  }
  return copy ?? value;
}

/** A plain object or array (an Error is written as its name and message only: see `errorFields`). */
function isRedactable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !(value instanceof Error);
}

/** An error as `{name, message}`: its stack would fill the line, and a cause may hold what the caller sent. */
function errorFields(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
