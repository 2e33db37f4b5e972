import type { LogFields, Logger } from "./ports.js";

export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * One JSON object per line on stderr (stdout stays free for the engine's readiness line). A line's own fields win
 * over its logger's (`child`), which win over `base`; `time`, `level` and `msg` come first and cannot be overridden.
 * Lines below `minLevel` are not written (LIQ_LOG_LEVEL).
 */
export function jsonLogger(base: LogFields = {}, write: (line: string) => void = (line) => process.stderr.write(line), minLevel: LogLevel = "info"): Logger {
  const threshold = logLevels.indexOf(minLevel);
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (logLevels.indexOf(level) < threshold) return;
    const time = new Date().toISOString();
    const record: LogFields = { time, level, msg: message, ...base, ...fields };
    Object.assign(record, { time, level, msg: message });
    if (record["error"] instanceof Error) {
      const error = record["error"];
      record["error"] = { name: error.name, message: error.message };
    }
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => jsonLogger({ ...base, ...fields }, write, minLevel),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silentLogger };
