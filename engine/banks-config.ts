import type { JsonObject } from "../runtime/json.js";
import { ConfigError, readJsonConfigFile } from "./config.js";

/** One bank channel of `LIQ_BANKS_FILE`: the bank API behind it, and the channel actor's configuration. */
export interface ChannelSetting {
  readonly id: string;
  /** Base URL of the bank's API (the bank simulator's `http://host:port`). */
  readonly url: string;
  readonly bankCode: string;
  /** The `configure` payload of the channel actor (ADR 006 §4), sent at every start; `bankCode` is added. */
  readonly config: JsonObject;
}

export interface BanksConfig {
  readonly channels: readonly ChannelSetting[];
}

/**
 * Reads `LIQ_BANKS_FILE`: `{ "channels": [{ "id", "url", "bankCode", "config": {...} }] }` (docs/transfers.md "Banks and
 * channels"). No file: no channels, and transfers fail with channel_not_configured.
 */
export function loadBanksConfig(file: string | undefined): BanksConfig {
  if (file === undefined) return { channels: [] };
  const parsed = readJsonConfigFile("LIQ_BANKS_FILE", file);
  const source = `LIQ_BANKS_FILE ${file}`;
  const channels = (parsed as { channels?: unknown } | null)?.channels;
  if (!Array.isArray(channels)) throw new ConfigError(`${source} must hold { "channels": [...] }`);
  const seen = new Set<string>();
  return {
    channels: channels.map((channel: unknown, index): ChannelSetting => {
      const { id, url, bankCode, config } = (channel ?? {}) as Record<string, unknown>;
      const where = `${source} channels[${index}]`;
      if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
        throw new ConfigError(`${where}.id must be 1-64 of A-Z a-z 0-9 _ -`);
      if (seen.has(id)) throw new ConfigError(`${where}.id ${id} appears twice`);
      seen.add(id);
      if (typeof url !== "string" || !/^https?:\/\//.test(url))
        throw new ConfigError(`${where}.url must be an http(s) URL`);
      if (typeof bankCode !== "string" || !/^[A-Za-z0-9]{1,32}$/.test(bankCode))
        throw new ConfigError(`${where}.bankCode must be 1-32 letters or digits`);
      if (typeof config !== "object" || config === null || Array.isArray(config))
        throw new ConfigError(`${where}.config must be an object`);
      return { id, url: url.replace(/\/+$/, ""), bankCode, config: { ...(config as JsonObject), bankCode } };
    }),
  };
}
