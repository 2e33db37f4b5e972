import { randomBytes } from "node:crypto";
import { loadConfig, type EngineConfig } from "../../engine/config.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";

/** Environment for an engine on the rig's real servers, isolated by its own database and subject prefix. */
export async function isolatedEngineEnv(
  extra: Record<string, string> = {},
  servers?: { natsUrl: string; mongoUrl: string },
): Promise<Record<string, string>> {
  const { natsUrl, mongoUrl } = servers ?? (await rigServers());
  return {
    LIQ_NATS_URL: natsUrl,
    LIQ_MONGO_URL: mongoUrl,
    LIQ_MONGO_DB: uniqueDatabaseName("it"),
    LIQ_SUBJECT_PREFIX: `t${randomBytes(4).toString("hex")}`,
    LIQ_ADMIN_PORT: "0",
    LIQ_GRPC_PORT: "0",
    LIQ_DEV_ACCESS: "true",
    ...extra,
  };
}

export function configFrom(env: Record<string, string>): EngineConfig {
  return loadConfig(env);
}
