import { existsSync, readFileSync } from "node:fs";
import { jsonLogger } from "../runtime/logger.js";
import type { Logger } from "../runtime/ports.js";
import { loadConfig, settingsUsage, unknownVariableWarnings, type EngineConfig } from "../engine/config.js";
import { redactCredentials } from "../engine/settings.js";
import { startEngine } from "../engine/start-engine.js";
import { exitCodeOf, failureLines } from "../engine/startup-failures.js";

const usage = `usage: npm start [-- --help | --version]

Runs the liquidity engine until SIGINT or SIGTERM. It is configured by environment variables, or by the same
settings in a JSON file named by LIQ_CONFIG (a variable wins over the file; the file's limits and transferPolicy
are objects: {"limits": {"mailboxCapacity": 2000}}). Without LIQ_NATS_URL and LIQ_MONGO_URL it runs embedded (in
memory, not durable). Exit codes: 0 stopped, 2 configuration refused, 3 a server or address it names cannot be
used (NATS, MongoDB, a port), 1 any other failure. docs/configuration.md "Configuration" explains each setting.

`;
import { startTracing } from "../engine/tracing.js";

/** `npm start`: runs the engine until SIGINT/SIGTERM. Prints one JSON readiness line on stdout. */
async function main(): Promise<void> {
  if (handleArguments(process.argv.slice(2))) return;
  const config = loadConfig();
  const logger = jsonLogger({ service: "liquidity-engine" }, undefined, config.logLevel);
  for (const warning of unknownVariableWarnings(process.env)) logger.warn(warning, {});
  logger.debug("configuration", shownConfig(config));
  const tracing = await startTracing(logger);
  const engine = await startEngine(config, logger);
  if (engine.mode.store === "memory") {
    process.stderr.write(
      [
        "",
        "  EMBEDDED MODE: state is held in memory and is NOT durable; it is lost when the engine stops.",
        "  To run durably, set both LIQ_MONGO_URL (e.g. mongodb://127.0.0.1:27017/) and LIQ_NATS_URL (e.g. nats://127.0.0.1:4222).",
        `  Try it:  curl -s -XPOST localhost:${engine.adminPort}/v1/actors/tally/demo/commands -d '{"commandId":"c1","type":"add","payload":{"amount":"12.50"}}'`,
        "",
      ].join("\n") + "\n",
    );
  }
  if (engine.developmentToken !== undefined) {
    const plaintext = engine.grpcTls ? "" : "-plaintext ";
    process.stderr.write(
      [
        "",
        "  DEVELOPMENT ACCESS: no LIQ_ACCESS_FILE, so this admin token was created for this run only:",
        `    export LIQ_TOKEN=${engine.developmentToken}`,
        ...(engine.grpcPort === 50051 ? [] : [`    export LIQ_SERVER=localhost:${engine.grpcPort}`]),
        "  Try:  npx liq accounts open HSBC:001 --currency EUR --pool settlement",
        `        grpcurl ${plaintext}-H "authorization: Bearer $LIQ_TOKEN" localhost:${engine.grpcPort} list`,
        '  (docs/api.md "Access" explains tokens and roles for real deployments.)',
        "",
      ].join("\n") + "\n",
    );
  }
  if (tracing) logger.info("exporting traces over OTLP", { endpoint: tracing.endpoint });
  if (!engine.grpcTls)
    logger.warn("gRPC is plaintext: set LIQ_GRPC_TLS_CERT and LIQ_GRPC_TLS_KEY outside a trusted network", {
      port: engine.grpcPort,
    });
  process.stdout.write(
    `${JSON.stringify({ event: "ready", pid: process.pid, ...engine.mode, adminPort: engine.adminPort, grpcPort: engine.grpcPort })}\n`,
  );
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    void engine
      .stop()
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** `--help` and `--version` print and exit 0 (true: handled); anything else is refused as usage (exit 2). */
function handleArguments(args: readonly string[]): boolean {
  const [first] = args;
  if (first === undefined) return false;
  if (args.length === 1 && (first === "--help" || first === "-h")) {
    process.stdout.write(`${usage}${settingsUsage()}\n`);
    return true;
  }
  if (args.length === 1 && (first === "--version" || first === "-V")) {
    // bin/engine.ts under tsx, dist/bin/engine.js when compiled: the package manifest is one or two folders up.
    const manifestUrl = [
      new URL("../package.json", import.meta.url),
      new URL("../../package.json", import.meta.url),
    ].find((url) => existsSync(url));
    const manifest = manifestUrl
      ? (JSON.parse(readFileSync(manifestUrl, "utf8")) as { name?: string; version?: string })
      : {};
    process.stdout.write(`${manifest.name ?? "liquidity-engine"} ${manifest.version ?? "(version unknown)"}\n`);
    return true;
  }
  process.stderr.write(
    `usage error: ${args.join(" ")} is not an argument of the engine; it takes only --help or --version (settings are LIQ_ variables)\n`,
  );
  process.exit(2);
}

/** The configuration for a debug line: passwords and tokens hidden, credentials in URLs masked. */
function shownConfig(config: EngineConfig): Record<string, unknown> {
  const hidden = (value: string | undefined) => (value === undefined ? undefined : "(hidden)");
  return JSON.parse(
    redactCredentials(
      JSON.stringify({ ...config, natsPassword: hidden(config.natsPassword), natsToken: hidden(config.natsToken) }),
    ),
  ) as Record<string, unknown>;
}

/** A failed start is one line per problem on stderr, never a stack trace (debug logs it), and its exit code. */
function failed(error: unknown, logger: Logger | undefined): never {
  for (const line of failureLines(error)) process.stderr.write(`${line}\n`);
  if (exitCodeOf(error) === 1)
    logger?.debug("start-up failure", { stack: error instanceof Error ? error.stack : String(error) });
  process.exit(exitCodeOf(error));
}

main().catch((error: unknown) => failed(error, debugLogger()));

/** A logger for the start-up failure's stack when LIQ_LOG_LEVEL=debug (the configuration may not have loaded). */
function debugLogger(): Logger | undefined {
  return process.env["LIQ_LOG_LEVEL"] === "debug"
    ? jsonLogger({ service: "liquidity-engine" }, undefined, "debug")
    : undefined;
}
