/**
 * The demo feed (deploy/docker-compose.yml's `demo-feed` service): gives a fresh deployment live data. It opens in
 * the engine the accounts of the bank simulator's setup file (gRPC OpenAccount, idempotent), books each one's
 * opening balance as an upstream entry, then publishes an accounting entry to the entry stream every
 * FEED_ENTRY_INTERVAL_MS (as bin/publish-entry.ts does) and creates a transfer between two banks through gRPC every
 * FEED_TRANSFER_INTERVAL_MS. A DEMO TOOL: the entries are random and exist only in the engine, not at the banks.
 *
 * Environment: LIQ_NATS_URL (and the NATS credential variables), LIQ_SUBJECT_PREFIX, like the engine;
 * FEED_GRPC_TARGET (127.0.0.1:50051), FEED_TOKEN (a token with the operator role, required), FEED_SETUP_FILE (the
 * simulator's SIM_CONFIG file: `{"banks":[{"code","accounts":[{"account","currency","balance","pool"?}]}]}`; the
 * simulator ignores `pool`, the feed opens the account in it, default "main"), FEED_ENTRY_INTERVAL_MS (1000),
 * FEED_TRANSFER_INTERVAL_MS (15000; 0 = no transfers). Prints `{"event":"feeding",...}` on stdout once the
 * accounts are open; SIGTERM stops it (exit 0).
 */
import { loadProto } from "../adapters/grpc/proto-files.js";
import { readFileSync } from "node:fs";
import { credentials, loadPackageDefinition, Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { Decimal } from "decimal.js";
import type { ProtoGrpcType as PositionsProto } from "../protos/generated/positions.js";
import type { ProtoGrpcType as TransfersProto } from "../protos/generated/transfers.js";
import { connectNats } from "../adapters/nats/connect.js";
import { entryMessage, publishEntryMessage } from "../adapters/nats/entry-publication.js";
import { jsonLogger } from "../runtime/logger.js";

const logger = jsonLogger({ service: "demo-feed" });
const principal = "demo-feed";

/** One account of the setup file, as the feed opens it in the engine. */
interface FeedAccount {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly balance: string;
  readonly pool: string;
}

interface FeedSettings {
  readonly natsUrl: string;
  readonly prefix: string;
  readonly grpcTarget: string;
  readonly token: string;
  readonly accounts: readonly FeedAccount[];
  readonly entryIntervalMs: number;
  readonly transferIntervalMs: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

function milliseconds(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (milliseconds)`);
  return value;
}

/** The accounts of a SIM_CONFIG-shaped file. */
function feedAccounts(setup: unknown): FeedAccount[] {
  const banks = (setup as { banks?: unknown } | null)?.banks;
  if (!Array.isArray(banks))
    throw new Error('the setup file must be {"banks": [...]} (the bank simulator\'s SIM_CONFIG shape)');
  return banks.flatMap((bank: { code?: unknown; accounts?: unknown }) =>
    (Array.isArray(bank.accounts) ? bank.accounts : []).map((account: Record<string, unknown>) => ({
      bankCode: String(bank.code),
      accountNumber: String(account["account"]),
      currency: String(account["currency"]),
      balance: String(account["balance"] ?? "0"),
      pool: typeof account["pool"] === "string" ? account["pool"] : "main",
    })),
  );
}

function loadSettings(): FeedSettings {
  const accounts = feedAccounts(JSON.parse(readFileSync(required("FEED_SETUP_FILE"), "utf8")));
  if (accounts.length === 0) throw new Error("the setup file lists no accounts");
  return {
    natsUrl: process.env["LIQ_NATS_URL"] || "nats://127.0.0.1:4222",
    prefix: process.env["LIQ_SUBJECT_PREFIX"] || "liq",
    grpcTarget: process.env["FEED_GRPC_TARGET"] || "127.0.0.1:50051",
    token: required("FEED_TOKEN"),
    accounts,
    entryIntervalMs: Math.max(50, milliseconds("FEED_ENTRY_INTERVAL_MS", 1_000)),
    transferIntervalMs: milliseconds("FEED_TRANSFER_INTERVAL_MS", 15_000),
  };
}

/** The engine's gRPC API with the feed's token: unary calls as promises. */
class EngineApi {
  private readonly positions;
  private readonly transfers;
  private readonly metadata = new Metadata();

  constructor(target: string, token: string) {
    const positionsProto = loadPackageDefinition(
      loadProto("liquidity/v1/positions.proto"),
    ) as unknown as PositionsProto;
    const transfersProto = loadPackageDefinition(
      loadProto("liquidity/v1/transfers.proto"),
    ) as unknown as TransfersProto;
    this.positions = new positionsProto.liquidity.v1.Positions(target, credentials.createInsecure());
    this.transfers = new transfersProto.liquidity.v1.Transfers(target, credentials.createInsecure());
    this.metadata.set("authorization", `Bearer ${token}`);
  }

  openAccount(request: object): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.positions.OpenAccount(request, this.metadata, (error, value) => (error ? reject(error) : resolve(value))),
    );
  }

  createTransfer(request: object): Promise<{ transfer?: { status?: string } | null; duplicate?: boolean }> {
    return new Promise((resolve, reject) =>
      this.transfers.CreateTransfer(request, this.metadata, (error, value) =>
        error ? reject(error) : resolve(value ?? {}),
      ),
    );
  }

  close(): void {
    this.positions.close();
    this.transfers.close();
  }
}

const isServiceError = (error: unknown): error is ServiceError =>
  typeof (error as ServiceError | null)?.code === "number";

/** Opens an account, waiting while the engine is not serving yet; an account already open is fine. */
async function openAccount(api: EngineApi, account: FeedAccount, stopped: () => boolean): Promise<void> {
  const request = {
    account: { bank_code: account.bankCode, account_number: account.accountNumber },
    currency: account.currency,
    pool: account.pool,
    request_id: `demo-open-${account.bankCode}-${account.accountNumber}`,
  };
  for (let attempt = 1; !stopped(); attempt += 1) {
    try {
      await api.openAccount(request);
      return;
    } catch (error) {
      if (isServiceError(error) && error.code === status.ALREADY_EXISTS) return;
      if (
        !isServiceError(error) ||
        ![status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.ABORTED, status.RESOURCE_EXHAUSTED].includes(error.code)
      )
        throw error;
      if (attempt % 10 === 1)
        logger.info("waiting for the engine", { target: "OpenAccount", code: error.code, details: error.details });
      await sleep(1_000);
    }
  }
}

/** Publishes an entry to `<prefix>.entries.<bank>.<account>`, deduplicated by its message id (docs/accounts-and-ingestion.md "Ingesting accounting entries"). */
async function publishEntry(
  js: JetStreamClient,
  prefix: string,
  account: FeedAccount,
  entryId: string,
  direction: "credit" | "debit",
  amount: string,
): Promise<void> {
  const body = { entryId, direction, amount, currency: account.currency, description: "demo feed" };
  await publishEntryMessage(js, entryMessage(prefix, account.bankCode, account.accountNumber, body), principal);
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** A random amount in [min, max) with two places. */
function randomAmount(min: number, max: number): string {
  return new Decimal(Math.floor((min + Math.random() * (max - min)) * 100)).div(100).toFixed(2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A transfer between two accounts of one currency at two banks (none when there is no such pair); a refusal is logged. */
async function createTransfer(api: EngineApi, accounts: readonly FeedAccount[], requestId: string): Promise<void> {
  const from = pick(accounts);
  const targets = accounts.filter(
    (account) => account.currency === from.currency && account.bankCode !== from.bankCode,
  );
  if (targets.length === 0) return;
  const to = pick(targets);
  const request = {
    request_id: requestId,
    amount: randomAmount(1_000, 20_000),
    currency: from.currency,
    reference: "demo feed",
    from: { bank_code: from.bankCode, account_number: from.accountNumber },
    to: { bank_code: to.bankCode, account_number: to.accountNumber },
  };
  try {
    const answer = await api.createTransfer(request);
    logger.info("transfer created", {
      transferId: requestId,
      from: `${from.bankCode}:${from.accountNumber}`,
      to: `${to.bankCode}:${to.accountNumber}`,
      amount: request.amount,
      status: answer.transfer?.status,
    });
  } catch (error) {
    logger.warn("transfer refused", {
      transferId: requestId,
      code: isServiceError(error) ? error.code : undefined,
      details: isServiceError(error) ? error.details : String(error),
    });
  }
}

async function feed(settings: FeedSettings, nc: NatsConnection, api: EngineApi, stopped: () => boolean): Promise<void> {
  const js = jetstream(nc);
  for (const account of settings.accounts) {
    await openAccount(api, account, stopped);
    const opening = `opening-${account.bankCode}-${account.accountNumber}`;
    if (new Decimal(account.balance).gt(0))
      await publishEntry(js, settings.prefix, account, opening, "credit", new Decimal(account.balance).toFixed());
  }
  const run = Date.now().toString(36);
  process.stdout.write(
    `${JSON.stringify({ event: "feeding", pid: process.pid, accounts: settings.accounts.length, run })}\n`,
  );
  let lastTransferAt = Date.now();
  for (let sequence = 1; !stopped(); sequence += 1) {
    const account = pick(settings.accounts);
    await publishEntry(
      js,
      settings.prefix,
      account,
      `feed-${run}-${sequence}`,
      Math.random() < 0.5 ? "credit" : "debit",
      randomAmount(100, 5_000),
    ).catch((error: unknown) =>
      logger.warn("entry not published", { error: error instanceof Error ? error.message : String(error) }),
    );
    if (settings.transferIntervalMs > 0 && Date.now() - lastTransferAt >= settings.transferIntervalMs) {
      lastTransferAt = Date.now();
      await createTransfer(api, settings.accounts, `feed-${run}-t${sequence}`);
    }
    await sleep(settings.entryIntervalMs);
  }
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const nc = await connectNats({
    servers: settings.natsUrl,
    name: principal,
    ...(process.env["LIQ_NATS_USER"] && { user: process.env["LIQ_NATS_USER"] }),
    ...(process.env["LIQ_NATS_PASSWORD"] && { password: process.env["LIQ_NATS_PASSWORD"] }),
    ...(process.env["LIQ_NATS_TOKEN"] && { token: process.env["LIQ_NATS_TOKEN"] }),
    ...(process.env["LIQ_NATS_CREDS"] && { credsFile: process.env["LIQ_NATS_CREDS"] }),
    ...(process.env["LIQ_NATS_TLS_CA"] && { tlsCaFile: process.env["LIQ_NATS_TLS_CA"] }),
  });
  const api = new EngineApi(settings.grpcTarget, settings.token);
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  try {
    await feed(settings, nc, api, () => stopping);
  } finally {
    api.close();
    await nc.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `demo feed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
