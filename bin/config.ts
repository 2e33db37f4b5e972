import { readFileSync } from "node:fs";
import { defaultTransferPolicy, type TransferPolicy } from "../actors/transfer/policy.js";
import { defaultLimits, resolveLimits, type RuntimeLimits } from "../runtime/limits.js";
import { logLevels, type LogLevel } from "../runtime/logger.js";
import { prefixPattern } from "../runtime/subjects.js";

/** Engine configuration: environment variables over an optional JSON file (`LIQ_CONFIG`). README "Configuration". */
export interface EngineConfig {
  readonly natsUrl: string | undefined;
  readonly natsUser: string | undefined;
  readonly natsPassword: string | undefined;
  readonly natsToken: string | undefined;
  /** A NATS `.creds` file (JWT + NKey seed), for accounts run with decentralized auth. */
  readonly natsCredsFile: string | undefined;
  /** CA certificate that NATS servers' TLS certificates must chain to; TLS is required when set. */
  readonly natsTlsCaFile: string | undefined;
  /** Replicas of every JetStream stream the engine creates (1; 3 in a 3-node cluster). Applied on every start. */
  readonly natsStreamReplicas: number;
  readonly mongoUrl: string | undefined;
  readonly mongoDatabase: string;
  readonly mongoWriteConcern: "majority" | number;
  readonly subjectPrefix: string;
  readonly adminHost: string;
  readonly adminPort: number;
  /** Ingest upstream entries from the `<PREFIX>_ENTRIES` stream (ADR 004); needs NATS. */
  readonly ingestEnabled: boolean;
  readonly ingestConcurrency: number;
  /** JetStream redelivers an entry not acked within this time (after a crash, the entries that were in hand). */
  readonly ingestAckWaitMs: number;
  /** Run the transfer read model's projector on this node (ADR 007); ListTransfers reads the projection either way. */
  readonly transferIndexEnabled: boolean;
  readonly grpc: GrpcConfig;
  readonly access: AccessConfig;
  /** Per-account and per-pool watermarks for the liquidity metrics and alerts (bin/watermarks.ts, ADR 008 §2). */
  readonly watermarksFile: string | undefined;
  /** Per-account Prometheus gauges are exported for at most this many accounts (label cardinality). */
  readonly accountGaugesMax: number;
  readonly limits: RuntimeLimits;
  /** Bank channels and the banks behind them (bin/banks-config.ts). */
  readonly banksFile: string | undefined;
  /** A bank call not answered within this time has an unknown outcome (ADR 006 §3). */
  readonly bankCallTimeoutMs: number;
  /** `{ "<bankCode>": "<secret>" }`: banks sign their callbacks with these; without it, callbacks are off. */
  readonly bankCallbackSecretsFile: string | undefined;
  /** Time between health probes of every channel's bank; 0 turns probing off. */
  readonly channelProbeIntervalMs: number;
  /** Where banks post final statuses; default: this engine's admin HTTP `/callbacks/bank`. */
  readonly bankCallbackUrl: string | undefined;
  readonly transferPolicy: TransferPolicy;
  /** Log lines below this level are not written. */
  readonly logLevel: LogLevel;
  /** Test-only fault injection (README "Fault points"); never set in production. */
  readonly faultPoint: string | undefined;
}

export interface GrpcConfig {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  /** Set: clients must present a certificate signed by this CA (mutual TLS). */
  readonly tlsClientCaFile: string | undefined;
}

export interface AccessConfig {
  /** JSON file of token hashes, principals and roles (ADR 005 §5). */
  readonly file: string | undefined;
  /** Without a file: create a random admin development token (always so in embedded mode). */
  readonly development: boolean;
  readonly ratePerSecond: number;
  readonly rateBurst: number;
}

type Source = Record<string, unknown>;

/** `mailboxCapacity` -> `LIQ_MAILBOX_CAPACITY`. */
export function limitEnvName(name: string): string {
  return `LIQ_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const file: Source = env["LIQ_CONFIG"] ? (JSON.parse(readFileSync(env["LIQ_CONFIG"], "utf8")) as Source) : {};
  const text = (envName: string, fileKey: string): string | undefined => {
    const value = env[envName] ?? file[fileKey];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "string") throw new ConfigError(`${fileKey} must be a string`);
    return value;
  };
  const integer = (envName: string, fileKey: string, fallback: number): number => {
    const value = env[envName] ?? file[fileKey] ?? fallback;
    const number = typeof value === "number" ? value : Number(value);
    if (!Number.isInteger(number) || number < 0) throw new ConfigError(`${envName} must be a non-negative integer, got ${String(value)}`);
    return number;
  };
  const subjectPrefix = text("LIQ_SUBJECT_PREFIX", "subjectPrefix") ?? "liq";
  if (!prefixPattern.test(subjectPrefix)) throw new ConfigError(`LIQ_SUBJECT_PREFIX "${subjectPrefix}" is not a NATS subject prefix`);
  const writeConcernText = text("LIQ_MONGO_WRITE_CONCERN", "mongoWriteConcern") ?? "majority";
  const mongoWriteConcern = writeConcernText === "majority" ? "majority" : Number(writeConcernText);
  if (mongoWriteConcern !== "majority" && !(Number.isInteger(mongoWriteConcern) && mongoWriteConcern >= 1)) {
    throw new ConfigError(`LIQ_MONGO_WRITE_CONCERN must be "majority" or a number of members >= 1`);
  }
  const flag = (envName: string, fileKey: string, fallback = false): boolean => {
    const value = env[envName] ?? file[fileKey] ?? fallback;
    if (![true, false, "true", "false"].includes(value as string | boolean)) throw new ConfigError(`${envName} must be true or false`);
    return value === true || value === "true";
  };
  const grpc: GrpcConfig = {
    host: text("LIQ_GRPC_HOST", "grpcHost") ?? "127.0.0.1",
    port: integer("LIQ_GRPC_PORT", "grpcPort", 50051),
    tlsCertFile: text("LIQ_GRPC_TLS_CERT", "grpcTlsCert"),
    tlsKeyFile: text("LIQ_GRPC_TLS_KEY", "grpcTlsKey"),
    tlsClientCaFile: text("LIQ_GRPC_TLS_CLIENT_CA", "grpcTlsClientCa"),
  };
  if ((grpc.tlsCertFile === undefined) !== (grpc.tlsKeyFile === undefined)) throw new ConfigError("LIQ_GRPC_TLS_CERT and LIQ_GRPC_TLS_KEY must be set together");
  if (grpc.tlsClientCaFile !== undefined && grpc.tlsCertFile === undefined) throw new ConfigError("LIQ_GRPC_TLS_CLIENT_CA (mutual TLS) needs LIQ_GRPC_TLS_CERT and LIQ_GRPC_TLS_KEY");
  const access: AccessConfig = {
    file: text("LIQ_ACCESS_FILE", "accessFile"),
    development: flag("LIQ_DEV_ACCESS", "devAccess"),
    ratePerSecond: integer("LIQ_RATE_LIMIT_PER_SECOND", "rateLimitPerSecond", 2_000),
    rateBurst: integer("LIQ_RATE_LIMIT_BURST", "rateLimitBurst", 4_000),
  };
  if (access.ratePerSecond < 1 || access.rateBurst < 1) throw new ConfigError("LIQ_RATE_LIMIT_PER_SECOND and LIQ_RATE_LIMIT_BURST must be at least 1");
  return {
    natsUrl: text("LIQ_NATS_URL", "natsUrl"),
    natsCredsFile: text("LIQ_NATS_CREDS", "natsCreds"),
    natsTlsCaFile: text("LIQ_NATS_TLS_CA", "natsTlsCa"),
    natsStreamReplicas: streamReplicas(integer("LIQ_NATS_STREAM_REPLICAS", "natsStreamReplicas", 1)),
    ingestEnabled: flag("LIQ_INGEST_ENABLED", "ingestEnabled", true),
    ingestConcurrency: Math.max(1, integer("LIQ_INGEST_CONCURRENCY", "ingestConcurrency", 256)),
    ingestAckWaitMs: Math.max(1_000, integer("LIQ_INGEST_ACK_WAIT_MS", "ingestAckWaitMs", 30_000)),
    transferIndexEnabled: flag("LIQ_TRANSFER_INDEX_ENABLED", "transferIndexEnabled", true),
    grpc,
    access,
    accountGaugesMax: integer("LIQ_ACCOUNT_GAUGES_MAX", "accountGaugesMax", 10_000),
    watermarksFile: text("LIQ_WATERMARKS_FILE", "watermarksFile"),
    natsUser: text("LIQ_NATS_USER", "natsUser"),
    natsPassword: text("LIQ_NATS_PASSWORD", "natsPassword"),
    natsToken: text("LIQ_NATS_TOKEN", "natsToken"),
    mongoUrl: text("LIQ_MONGO_URL", "mongoUrl"),
    mongoDatabase: text("LIQ_MONGO_DB", "mongoDatabase") ?? "liquidity",
    mongoWriteConcern,
    subjectPrefix,
    adminHost: text("LIQ_ADMIN_HOST", "adminHost") ?? "127.0.0.1",
    adminPort: integer("LIQ_ADMIN_PORT", "adminPort", 9464),
    limits: loadLimits(env, (file["limits"] ?? {}) as Source),
    banksFile: text("LIQ_BANKS_FILE", "banksFile"),
    bankCallTimeoutMs: Math.max(1, integer("LIQ_BANK_CALL_TIMEOUT_MS", "bankCallTimeoutMs", 5_000)),
    bankCallbackSecretsFile: text("LIQ_BANK_CALLBACK_SECRETS_FILE", "bankCallbackSecretsFile"),
    channelProbeIntervalMs: integer("LIQ_CHANNEL_PROBE_INTERVAL_MS", "channelProbeIntervalMs", 30_000),
    bankCallbackUrl: text("LIQ_BANK_CALLBACK_URL", "bankCallbackUrl"),
    transferPolicy: loadTransferPolicy(env, (file["transferPolicy"] ?? {}) as Source),
    logLevel: oneOf("LIQ_LOG_LEVEL", text("LIQ_LOG_LEVEL", "logLevel") ?? "info", logLevels),
    faultPoint: text("LIQ_FAULT_POINT", "faultPoint"),
  };
}

/** JetStream keeps at most 5 replicas of a stream. */
function streamReplicas(replicas: number): number {
  if (replicas < 1 || replicas > 5) throw new ConfigError(`LIQ_NATS_STREAM_REPLICAS must be 1 to 5, got ${replicas}`);
  return replicas;
}

function oneOf<T extends string>(envName: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${envName} must be one of ${allowed.join(", ")}, got ${value}`);
  return value as T;
}

function loadLimits(env: NodeJS.ProcessEnv, file: Source): RuntimeLimits {
  const overrides: Record<string, number | boolean> = {};
  for (const [name, fallback] of Object.entries(defaultLimits)) {
    const raw = env[limitEnvName(name)] ?? file[name];
    if (raw === undefined || raw === "") continue;
    if (typeof fallback === "boolean") {
      if (!["true", "false", true, false].includes(raw as string | boolean)) throw new ConfigError(`${limitEnvName(name)} must be true or false`);
      overrides[name] = raw === true || raw === "true";
    } else {
      overrides[name] = typeof raw === "number" ? raw : Number(raw);
    }
  }
  try {
    return resolveLimits(overrides as Partial<RuntimeLimits>);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** `effectGuardMs` -> `LIQ_TRANSFER_EFFECT_GUARD_MS`; every field a positive integer. */
function loadTransferPolicy(env: NodeJS.ProcessEnv, file: Source): TransferPolicy {
  const policy: Record<string, number> = { ...defaultTransferPolicy };
  for (const name of Object.keys(defaultTransferPolicy)) {
    const envName = limitEnvName(name).replace(/^LIQ_/, "LIQ_TRANSFER_");
    const raw = env[envName] ?? file[name];
    if (raw === undefined || raw === "") continue;
    const value = typeof raw === "number" ? raw : Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${envName} must be a positive integer, got ${String(raw)}`);
    policy[name] = value;
  }
  if (policy["effectGuardMs"]! <= 0) throw new ConfigError("LIQ_TRANSFER_EFFECT_GUARD_MS must be positive");
  return policy as unknown as TransferPolicy;
}

/** A JSON configuration file named by `envName` (banks, watermarks, callback secrets): parsed, or a ConfigError. */
export function readJsonConfigFile(envName: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${envName} ${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
