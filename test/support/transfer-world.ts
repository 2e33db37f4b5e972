import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { BankSimulatorProcess } from "./bank-simulator-process.js";
import { EngineProcess } from "./engine-process.js";
import { isolatedEngineEnv } from "./integration.js";
import { eventually } from "./tally.js";

export const funding = "1000000.0000";

/** A local time of about noon for the channels, whatever the hour of the test run (cut-offs stay far away). */
function noonOffsetMinutes(): number {
  const now = new Date();
  return 12 * 60 - (now.getUTCHours() * 60 + now.getUTCMinutes());
}

function channel(id: string, bankCode: string, url: string, alternative: string | null) {
  return {
    id, url, bankCode,
    config: {
      currency: "CNY", utcOffsetMinutes: noonOffsetMinutes(), dailyLimit: "100000000",
      speeds: { normal: { fee: "1.50", cutoff: "23:59" }, urgent: { fee: "25.00", cutoff: "23:59" } },
      alternative, breaker: { failureThreshold: 3, openForMs: 60_000 },
    },
  };
}

/**
 * Two banks in a real simulator process, an engine process on the rig's NATS and MongoDB-wire server with three
 * channels (BANKA-direct with BANKA-backup as its alternative, BANKB-direct), and accounts BANKA:A1 (funded) and
 * BANKB:B1 opened in the engine and at the banks.
 */
export class TransferWorld {
  engine: EngineProcess | undefined;
  private constructor(
    readonly simulator: BankSimulatorProcess,
    readonly env: Record<string, string>,
    readonly nc: NatsConnection,
  ) {}

  static async start(): Promise<TransferWorld> {
    const simulator = await BankSimulatorProcess.start();
    for (const bank of ["BANKA", "BANKB"]) await simulator.createBank(bank);
    await simulator.createAccount("BANKA", "A1", "CNY", funding);
    await simulator.createAccount("BANKB", "B1", "CNY", "0");
    const banksFile = join(tmpdir(), `liq-banks-${process.pid}-${Date.now()}.json`);
    writeFileSync(banksFile, JSON.stringify({
      channels: [channel("BANKA-direct", "BANKA", simulator.baseUrl, "BANKA-backup"), channel("BANKA-backup", "BANKA", simulator.baseUrl, null), channel("BANKB-direct", "BANKB", simulator.baseUrl, null)],
    }));
    const env = await isolatedEngineEnv({
      LIQ_BANKS_FILE: banksFile,
      LIQ_BANK_CALL_TIMEOUT_MS: "1000",
      LIQ_TRANSFER_EFFECT_GUARD_MS: "1500",
      LIQ_TRANSFER_RETRY_DELAY_MS_MIN: "100",
      LIQ_TRANSFER_RETRY_DELAY_MS_MAX: "1000",
      LIQ_REMINDER_POLL_INTERVAL_MS: "100",
      LIQ_INGEST_ENABLED: "false",
    });
    const world = new TransferWorld(simulator, env, await connect({ servers: env["LIQ_NATS_URL"]! }));
    await world.startEngine();
    await world.expectOk(world.send("account", "BANKA:A1", "open-A1", "open", { bankCode: "BANKA", accountNumber: "A1", currency: "CNY", pool: "main" }));
    await world.expectOk(world.send("account", "BANKA:A1", "fund-A1", "recordEntry", { entryId: "opening-A1", direction: "credit", amount: funding, currency: "CNY" }));
    await world.expectOk(world.send("account", "BANKB:B1", "open-B1", "open", { bankCode: "BANKB", accountNumber: "B1", currency: "CNY", pool: "main" }));
    return world;
  }

  async startEngine(extra: Record<string, string> = {}): Promise<EngineProcess> {
    this.engine = await EngineProcess.start({ env: { ...this.env, ...extra } });
    return this.engine;
  }

  send(kind: string, actorId: string, commandId: string, type: string, payload: unknown): Promise<Reply> {
    return new NatsActorClient(this.nc, this.env["LIQ_SUBJECT_PREFIX"]!, defaultLimits.partitionCount, "test:operator").send({ kind, actorId, commandId, type, payload });
  }

  async expectOk(reply: Promise<Reply>): Promise<Record<string, unknown>> {
    const answered = await reply;
    if (!answered.ok) throw new Error(`command refused: ${JSON.stringify(answered.error)}`);
    return answered.result as Record<string, unknown>;
  }

  createTransfer(transferId: string, amount: string, extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.send("transfer", transferId, `create-${transferId}`, "create", {
      from: "BANKA:A1", to: "BANKB:B1", amount, currency: "CNY", debitChannel: "BANKA-direct", creditChannel: "BANKB-direct", ...extra,
    });
  }

  async transfer(transferId: string): Promise<Record<string, unknown>> {
    return this.expectOk(this.send("transfer", transferId, `get-${Date.now()}-${Math.random()}`, "get", {}));
  }

  /** Waits until the transfer is in one of `statuses` with every position task delivered. */
  async settled(transferId: string, statuses: readonly string[], timeoutMs = 30_000): Promise<Record<string, unknown>> {
    let last: Record<string, unknown> = {};
    await eventually(`transfer ${transferId} in ${statuses.join("/")}`, async () => {
      last = await this.transfer(transferId).catch(() => ({}));
      return statuses.includes(String(last["status"])) && last["positionTasksPending"] === 0;
    }, timeoutMs, 100).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(last).slice(0, 1_500)}`);
    });
    return last;
  }

  async position(accountId: string): Promise<Record<string, string>> {
    return (await this.expectOk(this.send("account", accountId, `get-${Date.now()}-${Math.random()}`, "get", {})))["position"] as Record<string, string>;
  }

  async stop(): Promise<void> {
    await this.engine?.kill();
    await this.nc.close();
    await this.simulator.stop();
  }
}
