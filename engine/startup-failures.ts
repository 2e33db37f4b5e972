import { createServer } from "node:net";
import type { EngineConfig } from "./config.js";
import { ConfigError } from "./config.js";
import { redactCredentials } from "./settings.js";

/**
 * A server or address that the configuration names cannot be used now: NATS or MongoDB unreachable or refusing,
 * NATS without JetStream, a port in use. One line per problem, each naming the setting, the address and what to
 * change. The engine exits with `exitCode` (docs/configuration.md "Configuration": exit codes).
 */
export class DependencyError extends Error {
  override readonly name = "DependencyError";
  static readonly exitCode = 3;
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: ErrorOptions) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"), options);
    this.problems = list;
  }
}

/** The exit code of a failed start: 2 the configuration, 3 a dependency, 1 anything else (a bug). */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ConfigError) return 2;
  if (error instanceof DependencyError) return DependencyError.exitCode;
  return 1;
}

/** The lines a failed start prints, one per problem, without stack traces. */
export function failureLines(error: unknown): string[] {
  if (error instanceof ConfigError) return error.problems.map((problem) => `configuration error: ${problem}`);
  if (error instanceof DependencyError) return error.problems.map((problem) => `cannot start: ${problem}`);
  return [`engine failed to start: ${oneLine(error)}`];
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactCredentials(text.replace(/\s*\n\s*/g, " "));
}

function messageOf(error: unknown): string {
  return redactCredentials((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " "));
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

/** `nats://a:4222,nats://b:4222`, credentials masked. */
function natsAddress(config: Pick<EngineConfig, "natsUrl">): string {
  return redactCredentials(config.natsUrl ?? "");
}

/** Connecting to NATS failed: refused, unreachable, credentials or TLS refused. */
export function natsConnectFailure(config: EngineConfig, error: unknown): DependencyError {
  const at = `NATS at ${natsAddress(config)} (LIQ_NATS_URL)`;
  const message = messageOf(error);
  if (
    nameOf(error) === "AuthorizationError" ||
    nameOf(error) === "UserAuthenticationExpiredError" ||
    /authoriz|authenticat/i.test(message)
  ) {
    const credentials = [
      config.natsUser !== undefined && "LIQ_NATS_USER",
      config.natsPassword !== undefined && "LIQ_NATS_PASSWORD",
      config.natsToken !== undefined && "LIQ_NATS_TOKEN",
      config.natsCredsFile !== undefined && "LIQ_NATS_CREDS",
    ].filter(Boolean);
    const given =
      credentials.length > 0
        ? credentials.join(", ")
        : "none given: set LIQ_NATS_USER and LIQ_NATS_PASSWORD, LIQ_NATS_TOKEN or LIQ_NATS_CREDS";
    return new DependencyError(`${at} refused the credentials (${given}): ${message}`, { cause: error });
  }
  if (/tls|certificate|ssl/i.test(message)) {
    const ca = config.natsTlsCaFile !== undefined ? `LIQ_NATS_TLS_CA ${config.natsTlsCaFile}` : "LIQ_NATS_TLS_CA unset";
    return new DependencyError(
      `${at}: TLS failed (${ca}): ${message}; check that the server's certificate chains to that CA`,
      { cause: error },
    );
  }
  return new DependencyError(
    `cannot connect to ${at}: ${message}; start nats-server with JetStream (-js) there, or change LIQ_NATS_URL`,
    { cause: error },
  );
}

/** A JetStream request failed at start (the event stream, a consumer): no JetStream, too many replicas, ... */
export function jetStreamFailure(config: EngineConfig, what: string, error: unknown): DependencyError {
  const at = `NATS at ${natsAddress(config)} (LIQ_NATS_URL)`;
  const message = messageOf(error);
  if (nameOf(error) === "JetStreamNotEnabled" || /jetstream (is )?not enabled/i.test(message)) {
    return new DependencyError(
      `${at} has no JetStream (${message}); start nats-server with -js (or a jetstream block in its configuration), or point LIQ_NATS_URL at one that has it`,
      { cause: error },
    );
  }
  if (/insufficient resources|replicas/i.test(message)) {
    return new DependencyError(
      `${at} cannot hold ${what} with ${config.natsStreamReplicas} replicas (LIQ_NATS_STREAM_REPLICAS): ${message}; set it to at most the number of JetStream servers`,
      { cause: error },
    );
  }
  return new DependencyError(`${at}: ${what} failed: ${message}`, { cause: error });
}

/** Connecting to MongoDB failed: nothing answered in time, credentials refused, ... */
export function mongoFailure(config: EngineConfig, error: unknown): ConfigError | DependencyError {
  const address = redactCredentials(config.mongoUrl ?? "");
  const message = messageOf(error);
  if (nameOf(error) === "MongoParseError" || nameOf(error) === "MongoInvalidArgumentError") {
    return new ConfigError(
      `LIQ_MONGO_URL is ${JSON.stringify(address)}; it must be a valid connection string: ${message}`,
    );
  }
  if (nameOf(error) === "MongoServerSelectionError") {
    return new DependencyError(
      `cannot reach MongoDB at ${address} (LIQ_MONGO_URL) within ${config.mongoServerSelectionTimeoutMs} ms (LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS): ${message}; ` +
        "start MongoDB there, or change LIQ_MONGO_URL",
      { cause: error },
    );
  }
  if ((error as { code?: unknown }).code === 18 || /authentication failed/i.test(message)) {
    return new DependencyError(
      `MongoDB at ${address} (LIQ_MONGO_URL) refused the credentials of LIQ_MONGO_URL: ${message}`,
      { cause: error },
    );
  }
  return new DependencyError(
    `MongoDB at ${address} (LIQ_MONGO_URL, database LIQ_MONGO_DB=${config.mongoDatabase}): ${message}`,
    { cause: error },
  );
}

/** The variables that name a listening address, for messages. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  readonly hostVariable: string;
  readonly portVariable: string;
  readonly what: string;
}

/** Listening on an address failed: in use, not this machine's, or a privileged port. */
export function listenFailure(address: ListenAddress, error: unknown): DependencyError {
  const code = (error as { code?: unknown }).code;
  const message = messageOf(error);
  const reason =
    code === "EADDRINUSE" || /EADDRINUSE|address already in use/i.test(message)
      ? "the address is already in use"
      : code === "EACCES" || /EACCES/.test(message)
        ? "permission denied (ports below 1024 need privileges)"
        : code === "EADDRNOTAVAIL" || /EADDRNOTAVAIL/.test(message)
          ? "the host is not an address of this machine"
          : code === "ENOTFOUND" || /ENOTFOUND/.test(message)
            ? "the host name is not known"
            : message;
  return new DependencyError(
    `cannot listen on ${address.host}:${address.port} for ${address.what} (${address.hostVariable}, ${address.portVariable}): ${reason}; ` +
      `stop what uses it, or set ${address.portVariable} to a free port (0 picks one)`,
    { cause: error },
  );
}

/**
 * Whether the address can be listened on, tried before anything connects (so a port in use stops the start
 * before NATS and MongoDB are touched); port 0 always can. The real listen still reports a port taken since.
 */
export function checkCanListen(address: ListenAddress): Promise<void> {
  if (address.port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error) => reject(listenFailure(address, error)));
    server.listen({ host: address.host, port: address.port, exclusive: true }, () => server.close(() => resolve()));
  });
}
