import type { LogFields, Logger } from "./ports.js";

/** One JSON object per line on stderr (stdout stays free for the engine's readiness line). */
export function jsonLogger(base: LogFields = {}, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string, fields?: LogFields): void => {
    const record: LogFields = { time: new Date().toISOString(), level, msg: message, ...base, ...fields };
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
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
