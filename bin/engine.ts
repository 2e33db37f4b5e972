import { jsonLogger } from "../runtime/logger.js";
import { ConfigError, loadConfig } from "./config.js";
import { startEngine } from "./start-engine.js";

/** `npm start`: runs the engine until SIGINT/SIGTERM. Prints one JSON readiness line on stdout. */
async function main(): Promise<void> {
  const logger = jsonLogger({ service: "liquidity-engine" });
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
  const engine = await startEngine(config, logger);
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
  process.stdout.write(`${JSON.stringify({ event: "ready", pid: process.pid, ...engine.mode, adminPort: engine.adminPort })}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    void engine.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`engine failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
