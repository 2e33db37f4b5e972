import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import type { WatermarksConfig } from "../actors/account/watermarks.js";
import { defaultApprovalPolicy, type ApprovalPolicy } from "../actors/suggestion/approval-policy.js";
import {
  AccessConfigError,
  developmentAccess,
  parseAccessSettings,
  type AccessSettings,
} from "../adapters/grpc/access.js";
import { loadApprovalPolicy } from "./approval-policy.js";
import { loadBanksConfig, type BanksConfig } from "./banks-config.js";
import { loadCallbackSecrets } from "./callback-secrets.js";
import { ConfigError, readJsonConfigFile, type EngineConfig } from "./config.js";
import { fileErrorText } from "./settings.js";
import { loadWatermarks } from "./watermarks.js";

/** What the files named by the configuration hold, read before anything connects. */
export interface ConfiguredFiles {
  readonly watermarks: WatermarksConfig;
  /** What the planner asks how many approvers a suggestion needs, and how much AUTO moves alone. */
  readonly approvalPolicy: ApprovalPolicy;
  readonly banks: BanksConfig;
  readonly callbackSecrets: ReadonlyMap<string, string>;
  readonly access: AccessSettings;
  /** Set when no access file is configured (embedded mode or LIQ_DEV_ACCESS): the admin token to use. */
  readonly developmentToken: string | undefined;
}

/**
 * Reads every file the configuration names (access, banks, watermarks, approval policy, callback secrets, TLS and
 * NATS credentials) and reports every missing or malformed one at once, each naming its variable and file.
 */
export function readConfiguredFiles(config: EngineConfig): ConfiguredFiles {
  const problems: string[] = [];
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else if (error instanceof AccessConfigError) problems.push(error.message);
      else throw error;
      return fallback;
    }
  };
  const watermarks = attempt(() => loadWatermarks(config.watermarksFile), { accounts: new Map(), pools: new Map() });
  const approvalPolicy = attempt(() => loadApprovalPolicy(config.approvalPolicyFile), defaultApprovalPolicy);
  const banks = attempt(() => loadBanksConfig(config.banksFile), { channels: [] });
  const callbackSecrets = attempt(() => loadCallbackSecrets(config.bankCallbackSecretsFile), new Map<string, string>());
  const access = attempt(() => resolveAccess(config), undefined);
  problems.push(...tlsFileProblems(config));
  problems.push(...inboxProblems(config));
  if (problems.length > 0 || access === undefined) throw new ConfigError(problems);
  return { watermarks, approvalPolicy, banks, callbackSecrets, ...access };
}

/** The access file, or a development token where that is allowed (ADR 005 §5). */
function resolveAccess(config: EngineConfig): { access: AccessSettings; developmentToken: string | undefined } {
  const rateLimit = { perSecond: config.access.ratePerSecond, burst: config.access.rateBurst };
  const file = config.access.file;
  if (file !== undefined) {
    return {
      access: parseAccessSettings(readJsonConfigFile("LIQ_ACCESS_FILE", file), rateLimit, `LIQ_ACCESS_FILE ${file}`),
      developmentToken: undefined,
    };
  }
  if (config.mongoUrl !== undefined && !config.access.development) {
    throw new ConfigError(
      'LIQ_ACCESS_FILE is not set: a durable engine needs configured tokens (docs/api.md "Access"); set LIQ_DEV_ACCESS=true for a development token instead',
    );
  }
  const development = developmentAccess(rateLimit);
  return { access: development.settings, developmentToken: development.token };
}

/** The statement inbox: a folder the engine may read, write and move files in. */
function inboxProblems(config: EngineConfig): string[] {
  const folder = config.statementInbox;
  if (folder === undefined) return [];
  try {
    if (!statSync(folder).isDirectory()) return [`LIQ_STATEMENT_INBOX ${folder}: not a folder`];
    accessSync(folder, constants.R_OK | constants.W_OK | constants.X_OK);
    return [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [`LIQ_STATEMENT_INBOX ${folder}: ${code === "ENOENT" ? "no such folder" : fileErrorText(error)}`];
  }
}

/** Certificates, keys and NATS credentials: readable, and of the kind their variable says. */
function tlsFileProblems(config: EngineConfig): string[] {
  const problems: string[] = [];
  const read = (variable: string, file: string | undefined): Buffer | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      problems.push(`${variable} ${file}: ${fileErrorText(error)}`);
      return undefined;
    }
  };
  const parsed = <T>(
    variable: string,
    file: string | undefined,
    kind: string,
    parse: (bytes: Buffer) => T,
  ): T | undefined => {
    const bytes = read(variable, file);
    if (bytes === undefined) return undefined;
    try {
      return parse(bytes);
    } catch (error) {
      problems.push(
        `${variable} ${file}: not a PEM ${kind} (${error instanceof Error ? error.message : String(error)})`,
      );
      return undefined;
    }
  };
  const certificate = parsed(
    "LIQ_GRPC_TLS_CERT",
    config.grpc.tlsCertFile,
    "certificate",
    (bytes) => new X509Certificate(bytes),
  );
  const key = parsed("LIQ_GRPC_TLS_KEY", config.grpc.tlsKeyFile, "private key", (bytes): KeyObject =>
    createPrivateKey(bytes),
  );
  if (certificate && key && !certificate.checkPrivateKey(key)) {
    problems.push(
      `LIQ_GRPC_TLS_KEY ${config.grpc.tlsKeyFile}: not the private key of the certificate in LIQ_GRPC_TLS_CERT ${config.grpc.tlsCertFile}`,
    );
  }
  parsed(
    "LIQ_GRPC_TLS_CLIENT_CA",
    config.grpc.tlsClientCaFile,
    "CA certificate",
    (bytes) => new X509Certificate(bytes),
  );
  parsed("LIQ_NATS_TLS_CA", config.natsTlsCaFile, "CA certificate", (bytes) => new X509Certificate(bytes));
  const creds = read("LIQ_NATS_CREDS", config.natsCredsFile)?.toString("utf8");
  if (
    creds !== undefined &&
    !(/-----BEGIN NATS USER JWT-----/.test(creds) && /-----BEGIN USER NKEY SEED-----/.test(creds))
  ) {
    problems.push(
      `LIQ_NATS_CREDS ${config.natsCredsFile}: not a NATS .creds file (it must hold a NATS USER JWT and a USER NKEY SEED block)`,
    );
  }
  return problems;
}
