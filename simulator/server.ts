import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../runtime/ports.js";
import { routeAdmin } from "./admin-routes.js";
import { routeBank, type RouteContext } from "./bank-routes.js";
import { dropConnection, pathSegments, sendJson } from "./http-io.js";
import { SimulatorMetrics } from "./metrics.js";
import { applySetup } from "./setup.js";
import { BankSimulator } from "./simulator.js";
import { SimulatorRequestError } from "./wire.js";

export interface SimulatorServerOptions {
  readonly host: string;
  /** 0: a free port chosen by the OS. */
  readonly port: number;
  readonly seed: string;
  readonly logger: Logger;
  /** Banks, accounts and faults to create before listening (the `SIM_CONFIG` shape). */
  readonly setup?: unknown;
}

export interface RunningSimulator {
  readonly port: number;
  readonly simulator: BankSimulator;
  close(): Promise<void>;
}

/** Starts the bank simulator's HTTP server: `/banks/{bankCode}/...` (bank API), `/admin/...` (test control) and `/metrics`. */
export async function startSimulatorServer(options: SimulatorServerOptions): Promise<RunningSimulator> {
  const simulator = new BankSimulator({ seed: options.seed, logger: options.logger });
  if (options.setup !== undefined) applySetup(simulator, options.setup);
  const lifetime = new AbortController();
  const context: RouteContext = { simulator, lifetime: lifetime.signal };
  const metrics = new SimulatorMetrics(simulator);
  const server = createServer((request, response) => {
    void handle(context, metrics, request, response).catch((error: unknown) =>
      answerError(options.logger, response, error, lifetime.signal),
    );
  });
  await listen(server, options.host, options.port);
  return {
    port: (server.address() as AddressInfo).port,
    simulator,
    close: async () => {
      lifetime.abort();
      simulator.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function handle(
  context: RouteContext,
  metrics: SimulatorMetrics,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://simulator");
  metrics.observe(request, response, url.pathname);
  if (request.method === "GET" && url.pathname === "/metrics") return metrics.answer(response);
  const [area, bankCode, ...rest] = pathSegments(url.pathname);
  if (area === "banks" && bankCode !== undefined) return routeBank(context, request, response, url, bankCode, rest);
  if (area === "admin")
    return routeAdmin(context.simulator, request, response, url, bankCode === undefined ? [] : [bankCode, ...rest]);
  throw new SimulatorRequestError(404, "no_route", `no route ${request.method ?? "?"} ${url.pathname}`);
}

function answerError(logger: Logger, response: ServerResponse, error: unknown, lifetime: AbortSignal): void {
  if (response.headersSent || lifetime.aborted) return dropConnection(response);
  if (error instanceof SimulatorRequestError)
    return sendJson(response, error.status, { code: error.code, message: error.message });
  logger.error("simulator request failed", { error });
  sendJson(response, 500, { code: "internal_error", message: "the simulator failed; see its log" });
}
