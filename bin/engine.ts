import { jsonLogger } from "../runtime/logger.js";
import { AccessConfigError } from "../adapters/grpc/access.js";
import { ConfigError, loadConfig } from "./config.js";
import { startEngine } from "./start-engine.js";
import { startTracing } from "./tracing.js";

/** `npm start`: runs the engine until SIGINT/SIGTERM. Prints one JSON readiness line on stdout. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = jsonLogger({ service: "liquidity-engine" }, undefined, config.logLevel);
  let engine;
  let tracing;
  try {
    tracing = await startTracing(logger);
    engine = await startEngine(config, logger);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AccessConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (engine.mode.store === "memory") {
    process.stderr.write(
      [
        "",
        "  EMBEDDED MODE: state is held in memory and is NOT durable; it is lost when the engine stops.",
        "  To run durably, set LIQ_MONGO_URL (e.g. mongodb://127.0.0.1:27017/) and LIQ_NATS_URL (e.g. nats://127.0.0.1:4222).",
        engine.mode.transport === "none"
          ? `  Try it:  curl -s -XPOST localhost:${engine.adminPort}/v1/actors/tally/demo/commands -d '{"commandId":"c1","type":"add","payload":{"amount":"12.50"}}'`
          : "",
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
        `  Try:  grpcurl ${plaintext}-H "authorization: Bearer $LIQ_TOKEN" localhost:${engine.grpcPort} list`,
        "  (README \"Access\" explains tokens and roles for real deployments.)",
        "",
      ].join("\n") + "\n",
    );
  }
  if (tracing) logger.info("exporting traces over OTLP", { endpoint: tracing.endpoint });
  if (!engine.grpcTls) logger.warn("gRPC is plaintext: set LIQ_GRPC_TLS_CERT and LIQ_GRPC_TLS_KEY outside a trusted network", { port: engine.grpcPort });
  process.stdout.write(`${JSON.stringify({ event: "ready", pid: process.pid, ...engine.mode, adminPort: engine.adminPort, grpcPort: engine.grpcPort })}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    void engine.stop().then(() => tracing?.shutdown()).then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`engine failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
