import { readFileSync } from "node:fs";
import { defaultLimits, resolveLimits, type RuntimeLimits } from "../runtime/limits.js";
import { prefixPattern } from "../runtime/subjects.js";

/** Engine configuration: environment variables over an optional JSON file (`LIQ_CONFIG`). README "Configuration". */
export interface EngineConfig {
  readonly natsUrl: string | undefined;
  readonly natsUser: string | undefined;
  readonly natsPassword: string | undefined;
  readonly natsToken: string | undefined;
  readonly mongoUrl: string | undefined;
  readonly mongoDatabase: string;
  readonly mongoWriteConcern: "majority" | number;
  readonly subjectPrefix: string;
  readonly adminHost: string;
  readonly adminPort: number;
  readonly limits: RuntimeLimits;
  /** Test-only fault injection (README "Fault points"); never set in production. */
  readonly faultPoint: string | undefined;
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
  return {
    natsUrl: text("LIQ_NATS_URL", "natsUrl"),
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
    faultPoint: text("LIQ_FAULT_POINT", "faultPoint"),
  };
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

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
