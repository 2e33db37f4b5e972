import { expect } from "chai";
import { ConfigError, loadConfig } from "../../bin/config.js";
import { jsonLogger } from "../../runtime/logger.js";

describe("JSON logger", () => {
  it("writes one JSON object per line, a child's fields included, and drops lines below its level (LIQ_LOG_LEVEL)", () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = jsonLogger({ service: "s" }, (line) => lines.push(JSON.parse(line) as Record<string, unknown>), "warn");
    const child = logger.child({ transferId: "t-1" });
    child.info("bank call", { outcome: "succeeded" });
    child.warn("bank call", { outcome: "unknown" });
    logger.error("journal write failed", { error: new Error("down") });
    expect(lines.map((line) => [line["level"], line["msg"], line["transferId"] ?? null])).to.deep.equal([["warn", "bank call", "t-1"], ["error", "journal write failed", null]]);
    expect(lines[1]).to.deep.include({ service: "s", error: { name: "Error", message: "down" } });
  });

  it("takes LIQ_LOG_LEVEL from the configuration, info by default, and refuses an unknown level", () => {
    expect(loadConfig({}).logLevel).to.equal("info");
    expect(loadConfig({ LIQ_LOG_LEVEL: "error" }).logLevel).to.equal("error");
    expect(loadConfig({ LIQ_LOG_LEVEL: "debug" }).logLevel).to.equal("debug");
    expect(() => loadConfig({ LIQ_LOG_LEVEL: "verbose" })).to.throw(ConfigError, 'LIQ_LOG_LEVEL is "verbose"; it must be one of debug, info, warn, error');
  });

  it("writes debug lines only at the debug level", () => {
    const levels = (minLevel: "debug" | "info") => {
      const lines: string[] = [];
      const logger = jsonLogger({}, (line) => lines.push((JSON.parse(line) as { level: string }).level), minLevel);
      logger.debug("detail");
      logger.info("event");
      return lines;
    };
    expect(levels("debug")).to.deep.equal(["debug", "info"]);
    expect(levels("info")).to.deep.equal(["info"]);
  });
});
