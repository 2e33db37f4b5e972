import { expect } from "chai";
import { ConfigError, loadConfig } from "../../engine/config.js";
import { jsonLogger, redactedValue } from "../../runtime/logger.js";

type Line = Record<string, unknown>;

/** A logger at `level` whose lines are parsed into `lines`, and the raw text of each. */
function capture(level: Parameters<typeof jsonLogger>[2]) {
  const lines: Line[] = [];
  const texts: string[] = [];
  const logger = jsonLogger(
    { service: "s" },
    (text) => {
      texts.push(text);
      lines.push(JSON.parse(text) as Line);
    },
    level,
  );
  return { logger, lines, texts };
}

describe("JSON logger (pino)", () => {
  it("writes one JSON object per line, a child's fields included, and drops lines below its level (LIQ_LOG_LEVEL)", () => {
    const { logger, lines } = capture("warn");
    const child = logger.child({ transferId: "t-1" });
    child.info("bank call", { outcome: "succeeded" });
    child.warn("bank call", { outcome: "unknown" });
    logger.error("journal write failed", { error: new Error("down") });
    expect(lines.map((line) => [line["level"], line["msg"], line["transferId"] ?? null])).to.deep.equal([
      ["warn", "bank call", "t-1"],
      ["error", "journal write failed", null],
    ]);
    expect(lines[1]).to.deep.include({ service: "s", error: { name: "Error", message: "down" } });
  });

  it("writes debug lines only at level debug", () => {
    const quiet = capture("info");
    quiet.logger.debug("decided", { commandId: "c1" });
    expect(quiet.lines).to.deep.equal([]);
    const verbose = capture("debug");
    verbose.logger.child({ actorId: "a1" }).debug("decided", { commandId: "c1" });
    expect(verbose.lines).to.have.length(1);
    expect(verbose.lines[0]).to.deep.include({ level: "debug", msg: "decided", actorId: "a1", commandId: "c1" });
  });

  it("names time (ISO 8601), level (a word) and msg; a line's fields win over its logger's, each key once, and cannot replace those three", () => {
    const { logger, lines, texts } = capture("info");
    const before = Date.now();
    logger
      .child({ actorId: "a1", kind: "account" })
      .child({ commandId: "c1" })
      .warn("refused", { actorId: "a2", level: "debug", msg: "other", time: 0 });
    const line = lines[0]!;
    expect(line).to.deep.include({
      level: "warn",
      msg: "refused",
      service: "s",
      actorId: "a2",
      kind: "account",
      commandId: "c1",
    });
    expect(line["time"])
      .to.be.a("string")
      .and.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(line["time"] as string)).to.be.at.least(before - 1_000);
    for (const key of ["actorId", "level", "msg", "time"]) expect(texts[0]!.split(`"${key}":`), key).to.have.length(2);
    expect(texts[0]!.endsWith("\n")).to.equal(true);
  });

  it("a child's field wins over its parent's of the same key, and a parent is not changed by its children", () => {
    const { logger, lines } = capture("info");
    const parent = logger.child({ kind: "account", actorId: "a1" });
    parent.child({ kind: "transfer", transferId: "t1" }).info("child");
    parent.info("parent");
    expect(lines[0]).to.deep.include({ service: "s", kind: "transfer", actorId: "a1", transferId: "t1" });
    expect(lines[1]).to.deep.include({ service: "s", kind: "account", actorId: "a1" });
    expect(lines[1]).not.to.have.property("transferId");
  });

  it("redacts secrets by path: authorization headers, tokens, passwords, NATS credentials, at the top or one level down", () => {
    const { logger, lines } = capture("info");
    logger.child({ authorization: "Bearer child" }).info("request", {
      token: "t",
      password: "p",
      secret: "s",
      headers: { authorization: "Bearer abc", "content-type": "application/json" },
      request: { headers: { authorization: "Bearer nested", cookie: "session=1" } },
      config: {
        natsUrl: "nats://127.0.0.1:4222",
        natsUser: "engine",
        natsPassword: "pw",
        natsToken: "tok",
        natsCreds: "/run/secrets/engine.creds",
      },
      "liq-signature": "t=1,v1=abc",
    });
    expect(lines[0]).to.deep.include({
      authorization: redactedValue,
      token: redactedValue,
      password: redactedValue,
      secret: redactedValue,
      "liq-signature": redactedValue,
      headers: { authorization: redactedValue, "content-type": "application/json" },
      request: { headers: { authorization: redactedValue, cookie: redactedValue } },
      config: {
        natsUrl: "nats://127.0.0.1:4222",
        natsUser: "engine",
        natsPassword: redactedValue,
        natsToken: redactedValue,
        natsCreds: redactedValue,
      },
    });
  });

  it("redacts copies: the objects a caller logs keep their secrets, and objects without one are written as they are", () => {
    const { logger, lines } = capture("info");
    const request = { headers: { authorization: "Bearer nested", accept: "*/*" }, path: "/x" };
    const config = { natsUrl: "nats://127.0.0.1:4222", natsToken: "tok" };
    const failure = Object.assign(new Error("refused"), { token: "on the error" });
    logger.info("call", { request, config, list: ["token", { token: "in an array" }], error: failure, n: 1 });
    expect(request.headers.authorization).to.equal("Bearer nested");
    expect(config.natsToken).to.equal("tok");
    expect(lines[0]).to.deep.include({
      request: { headers: { authorization: redactedValue, accept: "*/*" }, path: "/x" },
      config: { natsUrl: "nats://127.0.0.1:4222", natsToken: redactedValue },
      list: ["token", { token: "in an array" }],
      error: { name: "Error", message: "refused" },
      n: 1,
    });
  });

  it("takes LIQ_LOG_LEVEL from the configuration, info by default, and refuses an unknown level", () => {
    expect(loadConfig({}).logLevel).to.equal("info");
    expect(loadConfig({ LIQ_LOG_LEVEL: "error" }).logLevel).to.equal("error");
    expect(loadConfig({ LIQ_LOG_LEVEL: "debug" }).logLevel).to.equal("debug");
    expect(() => loadConfig({ LIQ_LOG_LEVEL: "verbose" })).to.throw(
      ConfigError,
      'LIQ_LOG_LEVEL is "verbose"; it must be one of debug, info, warn, error',
    );
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
