import { defaultAccountPolicy, ledgerDaysKeptMax, ledgerDaysKeptMin } from "../actors/account/policy.js";
import { defaultTransferPolicy, type TransferPolicy } from "../actors/transfer/policy.js";
import { defaultLimits, type RuntimeLimits } from "../runtime/limits.js";
import { logLevels, type LogLevel } from "../runtime/logger.js";
import { prefixPattern } from "../runtime/subjects.js";
import {
  amountValue,
  choiceValue,
  flagValue,
  integerValue,
  isObject,
  notASetting,
  readJsonFile,
  SettingsReader,
  textValue,
  unknownFileKeys,
  type Setting,
  type SettingsFile,
  type ValueType,
} from "./settings.js";

/** Engine configuration: environment variables over an optional JSON file (`LIQ_CONFIG`). docs/configuration.md "Configuration". */
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
  /** How long the engine waits for a reachable MongoDB server: at start (then it exits), and per operation. */
  readonly mongoServerSelectionTimeoutMs: number;
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
  /** Per-account and per-pool watermarks for the liquidity metrics and alerts (engine/watermarks.ts, ADR 008 §2). */
  readonly watermarksFile: string | undefined;
  /** How many approvers a suggestion needs and how much AUTO moves alone, per currency (engine/approval-policy.ts). */
  readonly approvalPolicyFile: string | undefined;
  /** Per-account Prometheus gauges are exported for at most this many accounts (label cardinality). */
  readonly accountGaugesMax: number;
  /** The decision engine's safety net: pools with rules are evaluated at least this often (ms); 0: off. */
  readonly plannerIntervalMs: number;
  readonly plannerEnabled: boolean;
  readonly limits: RuntimeLimits;
  /** Bank channels and the banks behind them (engine/banks-config.ts). */
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
  /** Booking days whose net movement each account keeps, for the ledger as of a day (ADR 014 §2). */
  readonly ledgerDaysKept: number;
  /** A folder the engine imports statement files from (ADR 014 §1); undefined: no inbox. */
  readonly statementInbox: string | undefined;
  /** Time between two scans of the statement inbox. */
  readonly statementInboxIntervalMs: number;
  /** Reconciliation's matching tolerances and approval threshold (ADR 014 §3-§4). */
  readonly reconciliation: ReconciliationConfig;
  /** Log lines below this level are not written. */
  readonly logLevel: LogLevel;
  /** Test-only fault injection (docs/configuration.md "Fault points"); never set in production. */
  readonly faultPoint: string | undefined;
}

export interface ReconciliationConfig {
  /** Booking days a line and a record may lie apart and still be paired by amount and date. */
  readonly dateToleranceDays: number;
  /** Largest amount difference still counted as equal: a decimal string of at least 0. */
  readonly amountTolerance: string;
  /** A resolution of a larger amount needs a second person: a decimal string of at least 0. */
  readonly approvalAbove: string;
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

/** `mailboxCapacity` -> `LIQ_MAILBOX_CAPACITY`. */
export function limitEnvName(name: string): string {
  return `LIQ_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/** `effectGuardMs` -> `LIQ_TRANSFER_EFFECT_GUARD_MS`. */
function transferPolicyEnvName(name: string): string {
  return limitEnvName(name).replace(/^LIQ_/, "LIQ_TRANSFER_");
}

function setting<T, F extends T | undefined>(
  env: string,
  key: string,
  type: ValueType<T>,
  fallback: F,
  help: string,
  secret = false,
): Setting<T> & { readonly fallback: F } {
  return { env, key, type, fallback, help, ...(secret && { secret }) };
}
const text = (env: string, key: string, help: string, type: ValueType<string> = textValue()) =>
  setting(env, key, type, undefined, help);
const port = integerValue(0, 65_535);
const host = textValue("a host name or IP address", /^[A-Za-z0-9.:[\]_-]+$/);
const natsUrls = textValue(
  "comma-separated NATS URLs such as nats://127.0.0.1:4222",
  /^((nats|tls|wss?):\/\/)?[^\s,/]+\/?(\s*,\s*((nats|tls|wss?):\/\/)?[^\s,/]+\/?)*$/,
);
const writeConcern: ValueType<"majority" | number> = {
  allowed: "majority or a number of members of at least 1",
  parse: (raw) => (raw === "majority" ? "majority" : integerValue(1).parse(raw)),
};
/** An amount of at least 0 as the wire writes it ("0", "10000.00"), kept as given. */
const faultPoints = textValue(
  "hold-publication, hold-checkpoint, hold-before:<effect>[:<step>], hold-after:<effect>[:<step>] or hold-activation:<actor id>",
  /^(hold-publication|hold-checkpoint|hold-(before|after):[a-z.]+(:[a-z-]+)?|hold-activation:[A-Za-z0-9_:-]{1,128})$/,
);

/** Every top-level setting of the engine (docs/configuration.md "Configuration"; `npm start -- --help` prints them). */
const settings = {
  natsUrl: text(
    "LIQ_NATS_URL",
    "natsUrl",
    "NATS servers (JetStream required); set with LIQ_MONGO_URL for a durable engine, neither for embedded mode",
    natsUrls,
  ),
  natsUser: text("LIQ_NATS_USER", "natsUser", "NATS user"),
  natsPassword: setting("LIQ_NATS_PASSWORD", "natsPassword", textValue(), undefined, "NATS password", true),
  natsToken: setting("LIQ_NATS_TOKEN", "natsToken", textValue(), undefined, "NATS token", true),
  natsCreds: text("LIQ_NATS_CREDS", "natsCreds", "NATS .creds file (user JWT + NKey seed)"),
  natsTlsCa: text("LIQ_NATS_TLS_CA", "natsTlsCa", "require TLS to NATS, verified against this CA file (PEM)"),
  natsStreamReplicas: setting(
    "LIQ_NATS_STREAM_REPLICAS",
    "natsStreamReplicas",
    integerValue(1, 5),
    1,
    "replicas of every JetStream stream the engine creates (3 in a 3-server cluster)",
  ),
  mongoUrl: text(
    "LIQ_MONGO_URL",
    "mongoUrl",
    "MongoDB connection string; set with LIQ_NATS_URL for a durable engine, neither for embedded mode",
    textValue("a connection string mongodb://host:port/ or mongodb+srv://...", /^mongodb(\+srv)?:\/\/\S+$/),
  ),
  mongoDatabase: setting(
    "LIQ_MONGO_DB",
    "mongoDatabase",
    textValue('a database name of 1-63 characters, none of / \\ . space " $ * < > : | ?', /^[^/\\. "$*<>:|?]{1,63}$/),
    "liquidity",
    "MongoDB database",
  ),
  mongoWriteConcern: setting(
    "LIQ_MONGO_WRITE_CONCERN",
    "mongoWriteConcern",
    writeConcern,
    "majority",
    "journal write concern: majority or a number of members",
  ),
  mongoServerSelectionTimeoutMs: setting(
    "LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS",
    "mongoServerSelectionTimeoutMs",
    integerValue(1),
    10_000,
    "wait for a reachable MongoDB server: at start (then exit 3) and per operation",
  ),
  subjectPrefix: setting(
    "LIQ_SUBJECT_PREFIX",
    "subjectPrefix",
    textValue("a NATS subject prefix: tokens of A-Z a-z 0-9 _ - joined by dots", prefixPattern),
    "liq",
    "first tokens of every subject",
  ),
  adminHost: setting(
    "LIQ_ADMIN_HOST",
    "adminHost",
    host,
    "127.0.0.1",
    "admin HTTP address: /metrics, /healthz, /readyz, bank callbacks",
  ),
  adminPort: setting("LIQ_ADMIN_PORT", "adminPort", port, 9_464, "admin HTTP port (0: any free port)"),
  grpcHost: setting("LIQ_GRPC_HOST", "grpcHost", host, "127.0.0.1", "gRPC API address"),
  grpcPort: setting("LIQ_GRPC_PORT", "grpcPort", port, 50_051, "gRPC API port (0: any free port)"),
  grpcTlsCert: text(
    "LIQ_GRPC_TLS_CERT",
    "grpcTlsCert",
    "gRPC server certificate (PEM); with LIQ_GRPC_TLS_KEY, else plaintext",
  ),
  grpcTlsKey: text("LIQ_GRPC_TLS_KEY", "grpcTlsKey", "gRPC server private key (PEM)"),
  grpcTlsClientCa: text(
    "LIQ_GRPC_TLS_CLIENT_CA",
    "grpcTlsClientCa",
    "require client certificates from this CA (mutual TLS)",
  ),
  accessFile: text(
    "LIQ_ACCESS_FILE",
    "accessFile",
    'tokens, principals and roles (docs/api.md "Access"); required by a durable engine',
  ),
  devAccess: setting(
    "LIQ_DEV_ACCESS",
    "devAccess",
    flagValue,
    false,
    "without an access file, create a development admin token (always so in embedded mode)",
  ),
  rateLimitPerSecond: setting(
    "LIQ_RATE_LIMIT_PER_SECOND",
    "rateLimitPerSecond",
    integerValue(1),
    2_000,
    "gRPC calls and NATS commands with a token, per second per principal",
  ),
  rateLimitBurst: setting(
    "LIQ_RATE_LIMIT_BURST",
    "rateLimitBurst",
    integerValue(1),
    4_000,
    "calls (gRPC, NATS with a token) a principal may make at once above its rate",
  ),
  ingestEnabled: setting(
    "LIQ_INGEST_ENABLED",
    "ingestEnabled",
    flagValue,
    true,
    "ingest accounting entries from JetStream (durable engine only)",
  ),
  ingestConcurrency: setting(
    "LIQ_INGEST_CONCURRENCY",
    "ingestConcurrency",
    integerValue(1),
    256,
    "entries ingested at once",
  ),
  ingestAckWaitMs: setting(
    "LIQ_INGEST_ACK_WAIT_MS",
    "ingestAckWaitMs",
    integerValue(1_000),
    30_000,
    "an entry not acknowledged within this time is redelivered",
  ),
  transferIndexEnabled: setting(
    "LIQ_TRANSFER_INDEX_ENABLED",
    "transferIndexEnabled",
    flagValue,
    true,
    "this node writes the transfer read model (durable engine only)",
  ),
  accountGaugesMax: setting(
    "LIQ_ACCOUNT_GAUGES_MAX",
    "accountGaugesMax",
    integerValue(0),
    10_000,
    "accounts exported as per-account Prometheus series",
  ),
  plannerEnabled: setting(
    "LIQ_PLANNER_ENABLED",
    "plannerEnabled",
    flagValue,
    true,
    "the decision engine evaluates pools on its own (positions, rule changes, its timer); false: only a job's evaluate and a dry run",
  ),
  plannerIntervalMs: setting(
    "LIQ_PLANNER_INTERVAL_MS",
    "plannerIntervalMs",
    integerValue(0),
    60_000,
    "every pool with rules is evaluated at least this often, besides on position changes (0: only on changes)",
  ),
  watermarksFile: text(
    "LIQ_WATERMARKS_FILE",
    "watermarksFile",
    "per-account and per-pool watermarks (docs/observability.md)",
  ),
  approvalPolicyFile: text(
    "LIQ_APPROVAL_POLICY_FILE",
    "approvalPolicyFile",
    "approvers a suggestion needs and what AUTO moves alone, per currency (default: two, nothing)",
  ),
  banksFile: text("LIQ_BANKS_FILE", "banksFile", "bank channels and the banks behind them (docs/transfers.md)"),
  bankCallTimeoutMs: setting(
    "LIQ_BANK_CALL_TIMEOUT_MS",
    "bankCallTimeoutMs",
    integerValue(1),
    5_000,
    "a bank call not answered within this time has an unknown outcome",
  ),
  bankCallbackSecretsFile: text(
    "LIQ_BANK_CALLBACK_SECRETS_FILE",
    "bankCallbackSecretsFile",
    '{"<bankCode>": "<secret>"}: banks sign callbacks with these; without it, transfers poll',
  ),
  channelProbeIntervalMs: setting(
    "LIQ_CHANNEL_PROBE_INTERVAL_MS",
    "channelProbeIntervalMs",
    integerValue(0),
    30_000,
    "time between health probes of each channel's bank (0: off)",
  ),
  bankCallbackUrl: text(
    "LIQ_BANK_CALLBACK_URL",
    "bankCallbackUrl",
    "where banks post final statuses (default: this engine's /callbacks/bank)",
    textValue("an http:// or https:// URL", /^https?:\/\/\S+$/),
  ),
  ledgerDaysKept: setting(
    "LIQ_LEDGER_DAYS_KEPT",
    "ledgerDaysKept",
    integerValue(ledgerDaysKeptMin, ledgerDaysKeptMax),
    defaultAccountPolicy.ledgerDaysKept,
    "booking days each account keeps: the ledger as of an older day is refused, and so is an entry booked on one",
  ),
  statementInbox: text(
    "LIQ_STATEMENT_INBOX",
    "statementInbox",
    "a folder of statement files to import; each moves to imported/ or refused/ (docs/reconciliation.md)",
  ),
  statementInboxIntervalMs: setting(
    "LIQ_STATEMENT_INBOX_INTERVAL_MS",
    "statementInboxIntervalMs",
    integerValue(100),
    10_000,
    "time between two scans of the statement inbox",
  ),
  reconDateToleranceDays: setting(
    "LIQ_RECON_DATE_TOLERANCE_DAYS",
    "reconDateToleranceDays",
    integerValue(0, 31),
    2,
    "booking days a statement line and an engine record may lie apart and still match by amount and date",
  ),
  reconAmountTolerance: setting(
    "LIQ_RECON_AMOUNT_TOLERANCE",
    "reconAmountTolerance",
    amountValue("0.50"),
    "0",
    "largest amount difference at which a statement line and an engine record still match",
  ),
  reconApprovalAbove: setting(
    "LIQ_RECON_APPROVAL_ABOVE",
    "reconApprovalAbove",
    amountValue("10000.00"),
    "10000.00",
    "a reconciliation difference resolved for a larger amount needs a second person to confirm",
  ),
  logLevel: setting(
    "LIQ_LOG_LEVEL",
    "logLevel",
    choiceValue(logLevels),
    "info",
    "log lines below this level are not written",
  ),
  faultPoint: text(
    "LIQ_FAULT_POINT",
    "faultPoint",
    "test only (docs/configuration.md); never in production",
    faultPoints,
  ),
} satisfies Record<string, Setting<unknown>>;

/** One line on each runtime limit (docs/configuration.md "Limits"); a new limit cannot be added without one. */
const limitHelp: Record<keyof RuntimeLimits, string> = {
  mailboxCapacity: "commands waiting per actor, then mailbox_full",
  batchSizeMax: "commands per group commit",
  messageSizeMaxBytes: "size of one inbound command",
  snapshotEveryEvents: "events between snapshots",
  commandIdWindowSize: "recent command ids per actor recognized as repeats",
  recentRepliesMax: "replies of recent commands (whole node) that answer repeats without a journal read",
  passivateAfterIdleMs: "idle time before an actor leaves memory",
  activeActorsMax: "actors in memory",
  journalConflictRetriesMax: "reload-and-retry rounds before journal_conflict",
  journalWriteEntriesMax: "entries per coalesced journal write",
  journalWritesInFlightMax: "concurrent journal writes",
  journalCoalesce: "share bulk journal writes between actors",
  reminderPollIntervalMs: "due-reminder lookups",
  publicationCheckpointIntervalMs: "how often the publication checkpoint is saved",
  publicationCheckpointLagMs: "margin kept under now in the publication checkpoint (clock steps)",
  recoveryActivationsInFlightMax: "actors activated at once by recovery after a start",
  recoverySearchWindowMs: "width of the first window of recovery's journal search (recordedAt ms)",
  recoverySearchWindowActors: "actors one window of recovery's journal search should list (sizes the next window)",
  publicationRetryDelayMsMin: "backoff after a failed publish, from",
  publicationRetryDelayMsMax: "backoff after a failed publish, up to",
  publicationUnackedEventsMax: "events of one actor sent and not yet acknowledged (1: one batch at a time)",
  effectsInFlightMax: "effects running at once on this node",
  effectResultDeliveriesMax: "deliveries of one effect's result before it is given up",
  partitionCount: "NATS partitions: fixed for a deployment (part of every subject)",
};

/** One line on each field of the transfer policy (docs/transfers.md "Banks and channels"). */
const transferPolicyHelp: Record<keyof TransferPolicy, string> = {
  effectGuardMs: "wait for an effect's answer before acting as if it was lost (more than LIQ_BANK_CALL_TIMEOUT_MS)",
  retryDelayMsMin: "backoff of polls, queries and retries, from",
  retryDelayMsMax: "backoff of polls, queries and retries, up to",
  sendsMax: 'sends of one step (first + resends after "not found")',
  queriesMax: "status queries of one step",
  channelAsksMax: "channel permission requests of one step",
  channelWaitMsMax: "longest single wait for a refusing channel",
  taskAttemptsMax: "deliveries of one position command",
  approvalTimeoutMs: "an unapproved transfer is cancelled after this",
};

const limitSettings = Object.entries(defaultLimits).map(([name, fallback]: [string, number | boolean]) =>
  setting<number | boolean, number | boolean>(
    limitEnvName(name),
    `limits.${name}`,
    typeof fallback === "boolean" ? flagValue : integerValue(1),
    fallback,
    limitHelp[name as keyof RuntimeLimits],
  ),
);
const transferPolicySettings = Object.entries(defaultTransferPolicy).map(([name, fallback]: [string, number]) =>
  setting(
    transferPolicyEnvName(name),
    `transferPolicy.${name}`,
    integerValue(1),
    fallback,
    transferPolicyHelp[name as keyof TransferPolicy],
  ),
);

/** `LIQ_CONFIG`: a setting of its own, read first. */
const configFileSetting = setting(
  "LIQ_CONFIG",
  "",
  textValue(),
  undefined,
  "a JSON file of settings keyed as in the second column (the variable wins)",
);

/** Every setting: `--help`, the unknown-key check and docs/configuration.md follow this list. */
export const allSettings: readonly Setting<unknown>[] = [
  configFileSetting,
  ...Object.values(settings),
  ...limitSettings,
  ...transferPolicySettings,
];

/**
 * `LIQ_` variables that are not the engine's but are known here, so not warned about: the command-line client's
 * (a user's shell holds them) and the test rig's.
 */
const otherKnownVariables = ["LIQ_SERVER", "LIQ_TOKEN", "LIQ_TOKEN_FILE", "LIQ_CA_FILE", "LIQ_TOOLS_CACHE"];
const otherKnownPrefixes = ["LIQ_TEST_"];

/** Reads and validates the whole configuration; every problem found is in the ConfigError, one line each. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const problems: string[] = [];
  const file = readConfigFile(env, problems);
  if (file) problems.push(...unknownFileKeys(file, allSettings, ["limits", "transferPolicy"]));
  const read = new SettingsReader(env, file);
  const config = assemble(read);
  refuseInconsistencies(read, config);
  problems.push(...read.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** One warning for each `LIQ_` variable that is no setting, with the nearest known name. */
export function unknownVariableWarnings(env: NodeJS.ProcessEnv): string[] {
  const names = allSettings.map((known) => known.env);
  return Object.keys(env)
    .filter(
      (name) =>
        name.startsWith("LIQ_") &&
        !names.includes(name) &&
        !otherKnownVariables.includes(name) &&
        !otherKnownPrefixes.some((prefix) => name.startsWith(prefix)),
    )
    .sort()
    .map((name) =>
      notASetting(
        name,
        allSettings.filter((known) => known.env !== ""),
        (known) => known.env,
        otherKnownVariables,
      ),
    );
}

function readConfigFile(env: NodeJS.ProcessEnv, problems: string[]): SettingsFile | undefined {
  const path = env["LIQ_CONFIG"];
  if (path === undefined || path === "") return undefined;
  const read = readJsonFile("LIQ_CONFIG", path);
  if (!read.ok) {
    problems.push(read.problem);
    return undefined;
  }
  if (!isObject(read.value)) {
    problems.push(`LIQ_CONFIG ${path} must hold a JSON object of settings, e.g. {"natsUrl": "nats://127.0.0.1:4222"}`);
    return undefined;
  }
  return { path, values: read.value };
}

function assemble(read: SettingsReader): EngineConfig {
  return {
    natsUrl: read.value(settings.natsUrl),
    natsUser: read.value(settings.natsUser),
    natsPassword: read.value(settings.natsPassword),
    natsToken: read.value(settings.natsToken),
    natsCredsFile: read.value(settings.natsCreds),
    natsTlsCaFile: read.value(settings.natsTlsCa),
    natsStreamReplicas: read.get(settings.natsStreamReplicas),
    mongoUrl: read.value(settings.mongoUrl),
    mongoDatabase: read.get(settings.mongoDatabase),
    mongoWriteConcern: read.get(settings.mongoWriteConcern),
    mongoServerSelectionTimeoutMs: read.get(settings.mongoServerSelectionTimeoutMs),
    subjectPrefix: read.get(settings.subjectPrefix),
    adminHost: read.get(settings.adminHost),
    adminPort: read.get(settings.adminPort),
    ingestEnabled: read.get(settings.ingestEnabled),
    ingestConcurrency: read.get(settings.ingestConcurrency),
    ingestAckWaitMs: read.get(settings.ingestAckWaitMs),
    transferIndexEnabled: read.get(settings.transferIndexEnabled),
    grpc: {
      host: read.get(settings.grpcHost),
      port: read.get(settings.grpcPort),
      tlsCertFile: read.value(settings.grpcTlsCert),
      tlsKeyFile: read.value(settings.grpcTlsKey),
      tlsClientCaFile: read.value(settings.grpcTlsClientCa),
    },
    access: {
      file: read.value(settings.accessFile),
      development: read.get(settings.devAccess),
      ratePerSecond: read.get(settings.rateLimitPerSecond),
      rateBurst: read.get(settings.rateLimitBurst),
    },
    watermarksFile: read.value(settings.watermarksFile),
    approvalPolicyFile: read.value(settings.approvalPolicyFile),
    accountGaugesMax: read.get(settings.accountGaugesMax),
    plannerIntervalMs: read.get(settings.plannerIntervalMs),
    plannerEnabled: read.get(settings.plannerEnabled),
    limits: Object.fromEntries(
      limitSettings.map((limit) => [limit.key.slice("limits.".length), read.value(limit)]),
    ) as unknown as RuntimeLimits,
    banksFile: read.value(settings.banksFile),
    bankCallTimeoutMs: read.get(settings.bankCallTimeoutMs),
    bankCallbackSecretsFile: read.value(settings.bankCallbackSecretsFile),
    channelProbeIntervalMs: read.get(settings.channelProbeIntervalMs),
    bankCallbackUrl: read.value(settings.bankCallbackUrl),
    transferPolicy: Object.fromEntries(
      transferPolicySettings.map((field) => [field.key.slice("transferPolicy.".length), read.value(field)]),
    ) as unknown as TransferPolicy,
    ledgerDaysKept: read.get(settings.ledgerDaysKept),
    statementInbox: read.value(settings.statementInbox),
    statementInboxIntervalMs: read.get(settings.statementInboxIntervalMs),
    reconciliation: {
      dateToleranceDays: read.get(settings.reconDateToleranceDays),
      amountTolerance: read.get(settings.reconAmountTolerance),
      approvalAbove: read.get(settings.reconApprovalAbove),
    },
    logLevel: read.get(settings.logLevel),
    faultPoint: read.value(settings.faultPoint),
  };
}

/** Settings that are each allowed but not together; every problem names all the settings involved. */
function refuseInconsistencies(read: SettingsReader, config: EngineConfig): void {
  const where = (known: Setting<unknown>) => read.origin(known);
  const halfDurable = halfDurableProblem(config, where);
  if (halfDurable !== undefined) read.refuse(halfDurable);
  if ((config.grpc.tlsCertFile === undefined) !== (config.grpc.tlsKeyFile === undefined)) {
    read.refuse(
      `${settings.grpcTlsCert.env} and ${settings.grpcTlsKey.env} must be set together (${config.grpc.tlsCertFile === undefined ? where(settings.grpcTlsKey) : where(settings.grpcTlsCert)} is set alone)`,
    );
  }
  if (config.grpc.tlsClientCaFile !== undefined && config.grpc.tlsCertFile === undefined) {
    read.refuse(
      `${where(settings.grpcTlsClientCa)} (mutual TLS) needs ${settings.grpcTlsCert.env} and ${settings.grpcTlsKey.env}`,
    );
  }
  const [guard, callTimeout] = [config.transferPolicy.effectGuardMs, config.bankCallTimeoutMs];
  if (guard <= callTimeout) {
    read.refuse(
      `${where(transferPolicySetting("effectGuardMs"))} (${guard}) must exceed ${where(settings.bankCallTimeoutMs)} (${callTimeout}): a bank call's result is awaited at least that long`,
    );
  }
  orderedPair(
    read,
    transferPolicySetting("retryDelayMsMin"),
    transferPolicySetting("retryDelayMsMax"),
    config.transferPolicy.retryDelayMsMin,
    config.transferPolicy.retryDelayMsMax,
  );
  orderedPair(
    read,
    limitSetting("publicationRetryDelayMsMin"),
    limitSetting("publicationRetryDelayMsMax"),
    config.limits.publicationRetryDelayMsMin,
    config.limits.publicationRetryDelayMsMax,
  );
}

/**
 * NATS without MongoDB would keep state in memory yet join the durable consumers that durable engines share
 * (entries, transfer observer and projector); MongoDB without NATS would journal events it never publishes.
 * The problem names both settings; undefined when both or neither are set.
 */
export function halfDurableProblem(
  config: Pick<EngineConfig, "natsUrl" | "mongoUrl">,
  where: (setting: Setting<unknown>) => string = (known) => known.env,
): string | undefined {
  if ((config.natsUrl === undefined) === (config.mongoUrl === undefined)) return undefined;
  const [set, missing] =
    config.natsUrl !== undefined ? [settings.natsUrl, settings.mongoUrl] : [settings.mongoUrl, settings.natsUrl];
  return (
    `${where(set)} is set but ${missing.env} is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, ` +
    `events and entries); set ${missing.env} too, or unset ${set.env} for the embedded engine (in memory, not durable)`
  );
}

function orderedPair(
  read: SettingsReader,
  low: Setting<unknown>,
  high: Setting<unknown>,
  lowValue: number,
  highValue: number,
): void {
  if (lowValue > highValue)
    read.refuse(`${read.origin(low)} (${lowValue}) must not exceed ${read.origin(high)} (${highValue})`);
}

function limitSetting(name: keyof RuntimeLimits): Setting<unknown> {
  return limitSettings.find((limit) => limit.key === `limits.${name}`)!;
}

function transferPolicySetting(name: keyof TransferPolicy): Setting<unknown> {
  return transferPolicySettings.find((field) => field.key === `transferPolicy.${name}`)!;
}

/** `--help`: every setting on one line: variable, file key, default, what it does. */
export function settingsUsage(): string {
  const shown = (fallback: unknown) => (fallback === undefined ? "unset" : String(fallback));
  const rows = [
    ["variable", "file key", "default", "meaning"],
    ...allSettings.map((known) => [known.env, known.key === "" ? "-" : known.key, shown(known.fallback), known.help]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join("  "))
    .join("\n");
}

/** A JSON configuration file named by `envName` (banks, watermarks, access, callback secrets): parsed, or a ConfigError. */
export function readJsonConfigFile(envName: string, file: string): unknown {
  const read = readJsonFile(envName, file);
  if (!read.ok) throw new ConfigError(read.problem);
  return read.value;
}

/** The configuration is not usable as given: one line per problem, each naming where the value came from. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.problems = list;
  }
}
