import { createHash } from "node:crypto";
import type { BankAdapter } from "../adapters/banks/bank-adapter.js";
import { HttpBankAdapter } from "../adapters/banks/http-bank-adapter.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { Logger } from "../runtime/ports.js";
import type { BanksConfig } from "./banks-config.js";

/** One HTTP bank adapter per configured channel. */
export function channelAdapters(banks: BanksConfig, callTimeoutMs: number): Map<string, BankAdapter> {
  return new Map(
    banks.channels.map((channel) => [channel.id, new HttpBankAdapter(channel.bankCode, channel.url, callTimeoutMs)]),
  );
}

/**
 * Sends each channel its configuration at start. The command id is a hash of the configuration, so an unchanged
 * file is a duplicate (nothing journaled) and a changed one applies once.
 */
export async function configureChannels(system: ActorSystem, banks: BanksConfig, logger: Logger): Promise<void> {
  for (const channel of banks.channels) {
    const hash = createHash("sha256").update(JSON.stringify(channel.config)).digest("hex").slice(0, 32);
    const reply = await system.dispatch({
      kind: "channel",
      actorId: channel.id,
      commandId: `configure:${hash}`,
      type: "configure",
      payload: channel.config,
      principal: "system:config",
    });
    if (!reply.ok) throw new Error(`channel ${channel.id}: configuration refused: ${reply.error.message}`);
    logger.info("channel configured", {
      channel: channel.id,
      bankCode: channel.bankCode,
      duplicate: reply.duplicate === true,
    });
  }
}
