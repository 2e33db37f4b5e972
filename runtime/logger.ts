import type { LogFields, Logger } from "./ports.js";

/**
 * One JSON object per line on stderr (stdout stays free for the engine's readiness line). A line's own fields win
 * over its logger's (`child`), which win over `base`; `time`, `level` and `msg` come first and cannot be overridden.
 */
export function jsonLogger(base: LogFields = {}, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string, fields?: LogFields): void => {
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
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => jsonLogger({ ...base, ...fields }, write),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, child: () => silentLogger };
