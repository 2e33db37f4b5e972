import { pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from "pino";
import type { LogFields, Logger } from "./ports.js";

export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Values that must never reach a log line, by path (pino's redaction): at the top of a line's fields and one level
 * down (`*.`), so a logged request, headers object or configuration is covered too. A path names a key, not a
 * pattern in a value: a secret inside a URL or a message is not found.
 */
export const redactedPaths: readonly string[] = [
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
].flatMap((key) => [`["${key}"]`, `*["${key}"]`, `*.headers["${key}"]`]);

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
      redact: { paths: [...redactedPaths], censor: redactedValue },
    },
    destination,
  );
  return boundLogger(root, base);
}

function boundLogger(root: PinoLogger, bindings: LogFields): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (!root.isLevelEnabled(level)) return;
      const record: LogFields = {};
      for (const [key, value] of Object.entries({ ...bindings, ...fields })) if (!ownKeys.has(key)) record[key] = value;
      root[level](record, message);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (fields) => boundLogger(root, { ...bindings, ...fields }),
  };
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
