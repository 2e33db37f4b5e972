import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Registry } from "prom-client";
import { registerProcessMetrics } from "../adapters/prometheus/node-metrics.js";
import type { BankSimulator } from "./simulator.js";

/** The area of the simulator a request went to, a bounded label. */
function areaOf(pathname: string): string {
  const first = pathname.split("/")[1] ?? "";
  return first === "banks" || first === "admin" || first === "metrics" ? first : "other";
}

/**
 * The simulator's `/metrics` (scraped by the compose deployment's Prometheus): process metrics, requests by area
 * and HTTP status, and the money it holds per currency (the `/admin/totals` figures, as floats for graphs), with
 * the check that `total` equals `funded` made exactly, in decimal, as `bank_simulator_money_conserved`.
 */
export class SimulatorMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"area" | "method" | "status">;

  constructor(simulator: BankSimulator) {
    registerProcessMetrics(this.registry);
    this.requests = new Counter({
      name: "bank_simulator_requests_total",
      help: "HTTP requests the bank simulator answered, by area (banks, admin, metrics, other), method and status (dropped: connection cut)",
      labelNames: ["area", "method", "status"],
      registers: [this.registry],
    });
    new Gauge({
      name: "bank_simulator_money",
      help: "Money held by the simulated banks per currency: in accounts, in flight between banks, their total, and what was funded",
      labelNames: ["currency", "field"],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [currency, totals] of Object.entries(simulator.book.totals())) {
          this.set({ currency, field: "accounts" }, Number(totals.accounts));
          this.set({ currency, field: "in_flight" }, Number(totals.inFlight));
          this.set({ currency, field: "total" }, Number(totals.total));
          this.set({ currency, field: "funded" }, Number(totals.funded));
        }
      },
    });
    new Gauge({
      name: "bank_simulator_money_conserved",
      help: "1 when the money in accounts plus in flight equals what was funded, per currency, compared exactly (decimal strings); 0 when money appeared or vanished",
      labelNames: ["currency"],
      registers: [this.registry],
      collect() {
        this.reset();
        // Both sides are formatted to fixed 4 places (formatAmount): equal amounts are equal strings.
        for (const [currency, totals] of Object.entries(simulator.book.totals()))
          this.set({ currency }, totals.total === totals.funded ? 1 : 0);
      },
    });
  }

  /** Counts the request once its answer is sent or its connection dropped. */
  observe(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const labels = { area: areaOf(pathname), method: request.method ?? "?" };
    response.once("close", () =>
      this.requests.inc({ ...labels, status: response.writableFinished ? String(response.statusCode) : "dropped" }),
    );
  }

  async answer(response: ServerResponse): Promise<void> {
    const text = await this.registry.metrics();
    response.writeHead(200, { "content-type": this.registry.contentType, "content-length": Buffer.byteLength(text) });
    response.end(text);
  }
}
