import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Decimal } from "decimal.js";
import { sha256Hex } from "../../adapters/grpc/access.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { defaultLimits } from "../../runtime/limits.js";
import type { Reply } from "../../runtime/messages.js";
import { BankSimulatorProcess } from "./bank-simulator-process.js";
import { EngineProcess } from "./engine-process.js";
import { isolatedEngineEnv } from "./integration.js";
import { eventually } from "./tally.js";

export const funding = "1000000.0000";

/** An account opened at its bank (with its opening balance) and in the engine (the same balance as an opening entry). */
export interface WorldAccount {
  readonly bankCode: string;
  readonly account: string;
  /** Opening balance, a decimal string; "0" when absent. */
  readonly funding?: string;
}

/** The channel breaker's settings (actors/channel/config.ts); absent fields keep the channel's defaults. */
export interface WorldBreaker {
  readonly failureThreshold?: number;
  readonly openForMs?: number;
  readonly halfOpenSuccesses?: number;
  readonly halfOpenCallsMax?: number;
}

/** Everything optional: `TransferWorld.start()` without options is the two-bank world other tests rely on. */
export interface TransferWorldOptions {
  /** Default: BANKA:A1 funded with `funding`, BANKB:B1 empty. Every bank named here is created with its channels. */
  readonly accounts?: readonly WorldAccount[];
  /** Engine environment over the world's defaults (e.g. other LIQ_TRANSFER_* timings, limits). */
  readonly env?: Readonly<Record<string, string>>;
  /** The simulator's environment, e.g. `SIM_SEED`. */
  readonly simulatorEnv?: Readonly<Record<string, string>>;
  /** Default: failureThreshold 3, openForMs 60 s. */
  readonly breaker?: WorldBreaker;
  /** Each channel's daily debit limit; default "100000000". */
  readonly dailyLimit?: string;
  /**
   * Extra channels per bank, `<bank>-lane1` .. `<bank>-laneN`, without alternative: a channel tracks at most 10,000
   * debits per local day (actors/channel/state.ts `debitsPerDayMax`), so a long benchmark spreads its debits.
   */
  readonly lanesPerBank?: number;
  /** Per channel id: configuration fields over the world's (speeds with their fees, maintenance windows...). */
  readonly channelConfigs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** NATS and MongoDB-wire URLs to use instead of the test rig's (the benchmark starts its own servers). */
  readonly servers?: { readonly natsUrl: string; readonly mongoUrl: string };
}

const defaultAccounts: readonly WorldAccount[] = [
  { bankCode: "BANKA", account: "A1", funding },
  { bankCode: "BANKB", account: "B1" },
];

/** A local time of about noon for the channels, whatever the hour of the test run (cut-offs stay far away). */
export function noonOffsetMinutes(): number {
  const now = new Date();
  return 12 * 60 - (now.getUTCHours() * 60 + now.getUTCMinutes());
}

function channel(id: string, bankCode: string, url: string, alternative: string | null, options: TransferWorldOptions) {
  return {
    id,
    url,
    bankCode,
    config: {
      currency: "CNY",
      utcOffsetMinutes: noonOffsetMinutes(),
      dailyLimit: options.dailyLimit ?? "100000000",
      speeds: { normal: { fee: "1.50", cutoff: "23:59" }, urgent: { fee: "25.00", cutoff: "23:59" } },
      alternative,
      breaker: { failureThreshold: 3, openForMs: 60_000, ...options.breaker },
      ...options.channelConfigs?.[id],
    },
  };
}

/** BANKA-direct (alternative BANKA-backup) and BANKA-backup; `<bank>-direct` for every other bank; lanes if asked. */
function channelsFor(banks: readonly string[], url: string, options: TransferWorldOptions) {
  const channels = banks.flatMap((bank) =>
    bank === "BANKA"
      ? [channel("BANKA-direct", bank, url, "BANKA-backup", options), channel("BANKA-backup", bank, url, null, options)]
      : [channel(`${bank}-direct`, bank, url, null, options)],
  );
  for (const bank of banks) {
    for (let lane = 1; lane <= (options.lanesPerBank ?? 0); lane++)
      channels.push(channel(`${bank}-lane${lane}`, bank, url, null, options));
  }
  return channels;
}

/** Principal of the world's own NATS client (journaled `nats:world`). */
export const worldPrincipal = "world";

/**
 * An access file holding the test's tokens (its LIQ_ACCESS_FILE, if it gave one) and the world's admin token, written
 * to `path`: the engine then takes the world's NATS commands, as it takes no token-less transfer command.
 */
function withWorldToken(testFile: string | undefined, path: string, token: string): string {
  const tokens =
    testFile === undefined ? [] : (JSON.parse(readFileSync(testFile, "utf8")) as { tokens: unknown[] }).tokens;
  tokens.push({ principal: worldPrincipal, roles: ["admin"], tokenSha256: sha256Hex(token) });
  writeFileSync(path, JSON.stringify({ tokens }), { mode: 0o600 });
  return path;
}

/**
 * Banks in a real simulator process, an engine process on the rig's NATS and MongoDB-wire server with their
 * channels, and the accounts opened in the engine and at the banks. Without options: BANKA and BANKB, channels
 * BANKA-direct (BANKA-backup as its alternative), BANKA-backup and BANKB-direct, accounts BANKA:A1 (funded) and
 * BANKB:B1.
 */
export class TransferWorld {
  engine: EngineProcess | undefined;
  private readonly client: NatsActorClient;
  private constructor(
    readonly simulator: BankSimulatorProcess,
    readonly env: Record<string, string>,
    readonly nc: NatsConnection,
    readonly accounts: readonly WorldAccount[],
    readonly channels: readonly string[],
    /** The world's admin token (principal `world`), for NATS clients of its own. */
    readonly token: string,
  ) {
    // Transfer and channel commands over NATS need a token (ADR 005 §5): the world's own, an admin's.
    this.client = new NatsActorClient(nc, this.prefix, defaultLimits.partitionCount, { token });
  }

  static async start(options: TransferWorldOptions = {}): Promise<TransferWorld> {
    const accounts = options.accounts ?? defaultAccounts;
    const banks = [...new Set(["BANKA", "BANKB", ...accounts.map((account) => account.bankCode)])];
    const simulator = await BankSimulatorProcess.start({ ...options.simulatorEnv });
    // Every bank signs its callbacks with its own secret, as the engine requires (docs/transfers.md "Banks and channels").
    const callbackSecrets = Object.fromEntries(banks.map((bank) => [bank, randomBytes(24).toString("hex")]));
    for (const bank of banks) await simulator.createBank(bank, callbackSecrets[bank]);
    for (const account of accounts)
      await simulator.createAccount(account.bankCode, account.account, "CNY", account.funding ?? "0");
    const banksFile = join(tmpdir(), `liq-banks-${process.pid}-${Date.now()}-${randomBytes(3).toString("hex")}.json`);
    const channels = channelsFor(banks, simulator.baseUrl, options);
    writeFileSync(banksFile, JSON.stringify({ channels }));
    const secretsFile = `${banksFile.slice(0, -".json".length)}-callback-secrets.json`;
    writeFileSync(secretsFile, JSON.stringify(callbackSecrets), { mode: 0o600 });
    const worldEnv = {
      LIQ_BANKS_FILE: banksFile,
      LIQ_BANK_CALLBACK_SECRETS_FILE: secretsFile,
      LIQ_BANK_CALL_TIMEOUT_MS: "1000",
      LIQ_TRANSFER_EFFECT_GUARD_MS: "1500",
      LIQ_TRANSFER_RETRY_DELAY_MS_MIN: "100",
      LIQ_TRANSFER_RETRY_DELAY_MS_MAX: "1000",
      LIQ_REMINDER_POLL_INTERVAL_MS: "100",
      LIQ_INGEST_ENABLED: "false",
      // The world's own NATS client polls transfers hard under load tests, with its token and so under its rate.
      LIQ_RATE_LIMIT_PER_SECOND: "100000",
      LIQ_RATE_LIMIT_BURST: "100000",
      ...options.env,
    };
    const token = randomBytes(18).toString("base64url");
    const accessFile = withWorldToken(
      options.env?.["LIQ_ACCESS_FILE"],
      `${banksFile.slice(0, -".json".length)}-access.json`,
      token,
    );
    const env = await isolatedEngineEnv({ ...worldEnv, LIQ_ACCESS_FILE: accessFile }, options.servers);
    const world = new TransferWorld(
      simulator,
      env,
      await connect({ servers: env["LIQ_NATS_URL"]! }),
      accounts,
      channels.map((c) => c.id),
      token,
    );
    await world.startEngine();
    for (const { bankCode, account, funding: opening } of accounts) {
      const id = `${bankCode}:${account}`;
      await world.expectOk(
        world.send("account", id, `open-${account}`, "open", {
          bankCode,
          accountNumber: account,
          currency: "CNY",
          pool: "main",
        }),
      );
      if (opening !== undefined && !new Decimal(opening).isZero()) {
        await world.expectOk(
          world.send("account", id, `fund-${account}`, "recordEntry", {
            entryId: `opening-${account}`,
            direction: "credit",
            amount: opening,
            currency: "CNY",
          }),
        );
      }
    }
    return world;
  }

  /** The engine's subject prefix (commands `<prefix>.cmd...`, events `<prefix>.evt.<kind>.<id>`). */
  get prefix(): string {
    return this.env["LIQ_SUBJECT_PREFIX"]!;
  }

  async startEngine(extra: Record<string, string> = {}): Promise<EngineProcess> {
    this.engine = await EngineProcess.start({ env: { ...this.env, ...extra } });
    return this.engine;
  }

  send(
    kind: string,
    actorId: string,
    commandId: string,
    type: string,
    payload: unknown,
    timeoutMs?: number,
  ): Promise<Reply> {
    return this.client.send({ kind, actorId, commandId, type, payload }, timeoutMs);
  }

  async expectOk(reply: Promise<Reply>): Promise<Record<string, unknown>> {
    const answered = await reply;
    if (!answered.ok) throw new Error(`command refused: ${JSON.stringify(answered.error)}`);
    return answered.result as Record<string, unknown>;
  }

  createTransfer(transferId: string, amount: string, extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.send("transfer", transferId, `create-${transferId}`, "create", {
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount,
      currency: "CNY",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
      ...extra,
    });
  }

  async transfer(transferId: string): Promise<Record<string, unknown>> {
    return this.expectOk(this.send("transfer", transferId, `get-${Date.now()}-${Math.random()}`, "get", {}));
  }

  /** Waits until the transfer is in one of `statuses` with every position task delivered. */
  async settled(transferId: string, statuses: readonly string[], timeoutMs = 30_000): Promise<Record<string, unknown>> {
    let last: Record<string, unknown> = {};
    await eventually(
      `transfer ${transferId} in ${statuses.join("/")}`,
      async () => {
        last = await this.transfer(transferId).catch(() => ({}));
        return statuses.includes(String(last["status"])) && last["positionTasksPending"] === 0;
      },
      timeoutMs,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(last).slice(0, 1_500)}`);
    });
    return last;
  }

  async position(accountId: string): Promise<Record<string, string>> {
    return (await this.expectOk(this.send("account", accountId, `get-${Date.now()}-${Math.random()}`, "get", {})))[
      "position"
    ] as Record<string, string>;
  }

  async stop(): Promise<void> {
    await this.engine?.kill();
    await this.nc.close();
    await this.simulator.stop();
  }
}
