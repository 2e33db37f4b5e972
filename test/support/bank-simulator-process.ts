import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startNodeProcess, type NodeProcess } from "./node-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface SimulatorAccount {
  readonly bankCode: string;
  readonly account: string;
  readonly currency: string;
  readonly balance: string;
  readonly blocked: boolean;
}

export interface SimulatorTotals {
  readonly currencies: Record<string, { accounts: string; inFlight: string; total: string; funded: string }>;
}

export interface SimulatorTransaction {
  readonly bankCode: string;
  readonly serial: string;
  readonly type: "debit" | "credit" | "reversal";
  readonly status: "accepted" | "succeeded" | "rejected";
  readonly amount: string;
  readonly currency: string;
  readonly account: string;
  readonly bankReference: string;
  readonly reason?: string;
  readonly flight?: "in_flight" | "credited" | "reversed";
  readonly moneyMoves: number;
  readonly receivedAt: string;
  /** The `traceparent` of the call that created the transaction, when it sent a valid one. */
  readonly traceparent?: string;
}

/** The admin API's fault options (see `simulator/faults.ts`). */
export interface SimulatorFaults {
  latencyMs?: number;
  latencyJitterMs?: number;
  rejectRate?: number;
  timeoutAfterSuccessRate?: number;
  outage?: boolean;
  maintenance?: Array<{ from: string; to: string }>;
  callbackMode?: "normal" | "lost" | "duplicated";
  asyncProcessingMs?: number;
  asyncRate?: number;
  seed?: number;
  script?: Array<{
    op: "debit" | "credit" | "reversal" | "query";
    serialPrefix?: string;
    fault: "reject" | "timeoutAfterSuccess" | "timeoutBeforeProcessing" | "error503";
    times?: number;
  }>;
}

/**
 * The bank simulator as a real child process (`node --import tsx bin/bank-simulator.ts`) on a port the OS picks,
 * with typed calls to its admin API. Start it in `before`, `stop()` it in `after`.
 */
export class BankSimulatorProcess {
  private constructor(private readonly node: NodeProcess) {}

  get child(): ChildProcess {
    return this.node.child;
  }

  get port(): number {
    return this.node.line["port"] as number;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the simulator logged last (JSON lines on stderr), for failure messages. */
  get logTail(): string {
    return this.node.stderr();
  }

  static async start(env: Record<string, string> = {}, timeoutMs = 30_000): Promise<BankSimulatorProcess> {
    return new BankSimulatorProcess(
      await startNodeProcess({
        name: "bank simulator",
        args: ["--import", "tsx", "bin/bank-simulator.ts"],
        cwd: root,
        timeoutMs,
        env: { HOME: process.env["HOME"] ?? "", SIM_HOST: "127.0.0.1", SIM_PORT: "0", ...env },
        ready: (line) => line["event"] === "listening" && typeof line["port"] === "number",
      }),
    );
  }

  createBank(code: string, callbackSecret?: string): Promise<unknown> {
    return this.admin("POST", "/admin/banks", { code, ...(callbackSecret !== undefined && { callbackSecret }) });
  }

  createAccount(bankCode: string, account: string, currency: string, balance = "0"): Promise<SimulatorAccount> {
    return this.admin("POST", `/admin/banks/${bankCode}/accounts`, {
      account,
      currency,
      balance,
    }) as Promise<SimulatorAccount>;
  }

  fund(bankCode: string, account: string, amount: string): Promise<SimulatorAccount> {
    return this.admin("POST", `/admin/banks/${bankCode}/accounts/${account}/fund`, {
      amount,
    }) as Promise<SimulatorAccount>;
  }

  account(bankCode: string, account: string): Promise<SimulatorAccount> {
    return this.admin("GET", `/admin/banks/${bankCode}/accounts/${account}`) as Promise<SimulatorAccount>;
  }

  block(bankCode: string, account: string, blocked = true): Promise<SimulatorAccount> {
    return this.admin(
      "POST",
      `/admin/banks/${bankCode}/accounts/${account}/${blocked ? "block" : "unblock"}`,
      {},
    ) as Promise<SimulatorAccount>;
  }

  setFaults(bankCode: string, faults: SimulatorFaults): Promise<unknown> {
    return this.admin("POST", `/admin/banks/${bankCode}/faults`, faults);
  }

  resetFaults(bankCode?: string): Promise<unknown> {
    return this.admin(
      "POST",
      `/admin/faults/reset${bankCode === undefined ? "" : `?bank=${encodeURIComponent(bankCode)}`}`,
      {},
    );
  }

  totals(): Promise<SimulatorTotals> {
    return this.admin("GET", "/admin/totals") as Promise<SimulatorTotals>;
  }

  async transactions(filter: { bank?: string; serialPrefix?: string } = {}): Promise<SimulatorTransaction[]> {
    const query = new URLSearchParams(
      Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const body = (await this.admin("GET", `/admin/transactions?${query.toString()}`)) as {
      transactions: SimulatorTransaction[];
    };
    return body.transactions;
  }

  /** SIGKILL: the simulator's state is gone with it. */
  async kill(): Promise<void> {
    await this.node.stop("SIGKILL");
  }

  /** SIGTERM, and waits for the exit (the simulator exits 0 after closing its server). */
  stop(): Promise<number | null> {
    return this.node.stop();
  }

  private async admin(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  }
}
