import { readFileSync } from "node:fs";
import { connect, credsAuthenticator, type NatsConnection, type NodeConnectionOptions } from "@nats-io/transport-node";

/** How to reach NATS: the engine's LIQ_NATS_* settings, also read by the command-line client. */
export interface NatsSettings {
  /** Comma-separated server URLs, e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  /** A `.creds` file (user JWT + NKey seed). */
  readonly credsFile?: string;
  /** TLS is required and the server's certificate must chain to this CA. */
  readonly tlsCaFile?: string;
  readonly name?: string;
}

/**
 * Connects with credentials from configuration; reconnects forever (the engine must outlive NATS restarts).
 * `noAsyncTraces`: by default the client builds an Error per request (and one per request timer) only to append the
 * caller's stack to an error that may never come; on the engine's request-heavy path (every JetStream publish is a
 * request) that was 2-6% of its CPU. Errors keep their names and messages, only without the caller's stack.
 */
export async function connectNats(settings: NatsSettings): Promise<NatsConnection> {
  const options: NodeConnectionOptions = {
    servers: settings.servers.split(",").map((server) => server.trim()),
    name: settings.name ?? "liquidity-engine",
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  };
  if (settings.user !== undefined) options.user = settings.user;
  if (settings.password !== undefined) options.pass = settings.password;
  if (settings.token !== undefined) options.token = settings.token;
  if (settings.credsFile !== undefined) options.authenticator = credsAuthenticator(readFileSync(settings.credsFile));
  if (settings.tlsCaFile !== undefined) options.tls = { caFile: settings.tlsCaFile };
  return connect(options);
}
