import { readFileSync } from "node:fs";
import type { NatsSettings } from "../adapters/nats/connect.js";
import { prefixPattern } from "../runtime/subjects.js";
import { usageFailure } from "./failures.js";

/** The options every command takes (docs/cli.md "Settings"). */
export interface GlobalOptions {
  readonly json?: true;
  readonly server?: string;
  readonly tokenFile?: string;
  readonly caFile?: string;
  readonly timeout?: number;
}

/** How to reach the engine's gRPC API. */
export interface EngineSettings {
  /** `host:port`. */
  readonly server: string;
  /** Set: TLS, the server's certificate must chain to this CA. Unset: plaintext. */
  readonly caFile: string | undefined;
  /** The bearer token, when one is configured. */
  readonly token: string | undefined;
  /** Deadline of each unary call. */
  readonly timeoutMs: number;
}

export const defaultServer = "localhost:50051";
export const defaultTimeoutSeconds = 15;

/**
 * Flags over environment: `--server`/LIQ_SERVER, `--ca-file`/LIQ_CA_FILE, and the token from `--token-file`, else
 * LIQ_TOKEN_FILE, else LIQ_TOKEN. The token itself is never a flag: it would land in shell history.
 */
export function engineSettings(options: GlobalOptions, env: NodeJS.ProcessEnv): EngineSettings {
  const server = options.server ?? nonEmpty(env["LIQ_SERVER"]) ?? defaultServer;
  if (!/^\S+:\d{1,5}$/.test(server)) throw usageFailure(`the server must be host:port, got "${server}"`);
  return {
    server,
    caFile: options.caFile ?? nonEmpty(env["LIQ_CA_FILE"]),
    token: tokenOf(options, env),
    timeoutMs: (options.timeout ?? defaultTimeoutSeconds) * 1_000,
  };
}

function tokenOf(options: GlobalOptions, env: NodeJS.ProcessEnv): string | undefined {
  const file = options.tokenFile ?? nonEmpty(env["LIQ_TOKEN_FILE"]);
  if (file === undefined) return nonEmpty(env["LIQ_TOKEN"])?.trim();
  let token: string;
  try {
    token = readFileSync(file, "utf8").trim();
  } catch (error) {
    throw usageFailure(
      `cannot read the token file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (!/^\S{1,512}$/.test(token))
    throw usageFailure(`the token file ${file} must hold one token (no spaces, at most 512 characters)`);
  return token;
}

/** NATS as the engine's own variables configure it (docs/configuration.md "Configuration"), for the entry commands. */
export interface NatsClientSettings extends NatsSettings {
  /** LIQ_SUBJECT_PREFIX: the first token of every subject. */
  readonly prefix: string;
}

export const defaultNatsUrl = "nats://127.0.0.1:4222";

export function natsSettings(env: NodeJS.ProcessEnv): NatsClientSettings {
  const prefix = nonEmpty(env["LIQ_SUBJECT_PREFIX"]) ?? "liq";
  if (!prefixPattern.test(prefix)) throw usageFailure(`LIQ_SUBJECT_PREFIX "${prefix}" is not a NATS subject prefix`);
  const optional = (name: string, key: "user" | "password" | "token" | "credsFile" | "tlsCaFile") => {
    const value = nonEmpty(env[name]);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    servers: nonEmpty(env["LIQ_NATS_URL"]) ?? defaultNatsUrl,
    prefix,
    ...optional("LIQ_NATS_USER", "user"),
    ...optional("LIQ_NATS_PASSWORD", "password"),
    ...optional("LIQ_NATS_TOKEN", "token"),
    ...optional("LIQ_NATS_CREDS", "credsFile"),
    ...optional("LIQ_NATS_TLS_CA", "tlsCaFile"),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
