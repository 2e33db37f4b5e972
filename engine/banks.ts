import type { Registry } from "prom-client";
import type { BankAdapter } from "../adapters/banks/bank-adapter.js";
import { ChannelProber } from "../adapters/banks/channel-prober.js";
import { transferEffectHandler } from "../adapters/banks/transfer-effects.js";
import type { AdminHttpOptions } from "../adapters/http/admin-http.js";
import { bankCallbackHandler } from "../adapters/http/bank-callbacks.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { Logger } from "../runtime/ports.js";
import { channelAdapters, configureChannels } from "./channel-wiring.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import type { ConfiguredFiles } from "./configured-files.js";

/** The engine's side of the bank wire: what the actors need before they start, and what starts once they serve. */
export interface Banks {
  /** Runs the transfer actor's effects: bank calls through the channels' adapters, commands to other actors. */
  readonly transferEffects: EffectHandler;
  /** An adapter of the first configured channel to `bankCode` (statements are the bank's, whichever channel). */
  statementAdapter(bankCode: string): BankAdapter | undefined;
  /** The admin server's `/callbacks/bank`: undefined when callbacks are off (no secrets to verify them with). */
  callbackHandler(system: ActorSystem, registry: Registry): AdminHttpOptions["bankCallback"];
  /** Once the admin server listens: the callback URL, each channel's configuration, then the prober. */
  start(system: ActorSystem, adminPort: number, closers: Closers): Promise<void>;
}

/** One HTTP adapter per configured channel, and the transfer effects that call them. */
export function wireBanks(
  config: EngineConfig,
  files: Pick<ConfiguredFiles, "banks" | "callbackSecrets">,
  logger: Logger,
): Banks {
  const { banks, callbackSecrets } = files;
  // Banks are told a callback URL only when their callbacks can be verified; otherwise transfers poll.
  const callbacksOn = callbackSecrets.size > 0;
  if (banks.channels.length > 0 && !callbacksOn)
    logger.warn("bank callbacks are off: no LIQ_BANK_CALLBACK_SECRETS_FILE; transfers poll the banks", {});
  // The callback URL names the admin port, known only once it listens: read at each call.
  let callbackUrl = callbacksOn ? config.bankCallbackUrl : undefined;
  const adapters = channelAdapters(banks, config.bankCallTimeoutMs);
  return {
    transferEffects: transferEffectHandler({ channels: adapters, callbackUrl: () => callbackUrl }),
    statementAdapter: (bankCode) => [...adapters.values()].find((adapter) => adapter.bankCode === bankCode),
    callbackHandler: (system, registry) =>
      callbacksOn ? bankCallbackHandler(system, callbackSecrets, registry) : undefined,
    start: async (system, adminPort, closers) => {
      if (callbacksOn) callbackUrl ??= `http://${config.adminHost}:${adminPort}/callbacks/bank`;
      await configureChannels(system, banks, logger);
      const prober = new ChannelProber(
        adapters,
        (request) => system.dispatch(request),
        { intervalMs: config.channelProbeIntervalMs },
        logger,
      );
      prober.start();
      closers.add(() => prober.stop());
    },
  };
}
