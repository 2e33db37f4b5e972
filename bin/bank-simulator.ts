/**
 * The bank simulator (ADR 006 §3): one process that answers like the APIs of several banks, with faults switched
 * through its admin API. A TEST TOOL: the admin API has no authentication, and all state is in memory, so a
 * restart loses every bank, account and transaction (crash tests kill the engine, never the simulator).
 *
 * Environment: SIM_HOST (default 127.0.0.1), SIM_PORT (default 7070; 0 = a free port), SIM_CONFIG (optional JSON
 * file: `{ "banks": [{ "code", "accounts": [{ "account", "currency", "balance" }], "faults"? }] }`), SIM_SEED
 * (seed of the fault generators, default "0"). Prints `{"event":"listening","port":N}` on stdout once it listens.
 */
import { readFileSync } from "node:fs";
import { startSimulatorServer, type RunningSimulator } from "../simulator/server.js";
import { jsonLogger } from "../runtime/logger.js";

const logger = jsonLogger({ service: "bank-simulator" });

function readSetup(path: string | undefined): unknown {
  if (path === undefined || path === "") return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as unknown;
}

function portFrom(text: string | undefined): number {
  const port = Number(text ?? "7070");
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`SIM_PORT must be a port number, not ${String(text)}`);
  return port;
}

async function start(): Promise<RunningSimulator> {
  try {
    return await startSimulatorServer({
      host: process.env["SIM_HOST"] ?? "127.0.0.1",
      port: portFrom(process.env["SIM_PORT"]),
      seed: process.env["SIM_SEED"] ?? "0",
      logger,
      setup: readSetup(process.env["SIM_CONFIG"]),
    });
  } catch (error) {
    logger.error("bank simulator could not start", { error });
    process.exit(1);
  }
}

const running = await start();
process.stdout.write(`${JSON.stringify({ event: "listening", port: running.port })}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  void running.close().then(() => process.exit(0));
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
