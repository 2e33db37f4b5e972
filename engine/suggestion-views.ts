import type { Registry } from "prom-client";
import { registerSuggestionMetrics } from "../adapters/prometheus/suggestion-metrics.js";
import { newSuggestionDirectory, type SuggestionDirectory } from "../read-models/suggestion-directory.js";
import type { Logger } from "../runtime/ports.js";
import { startViewFeed, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";

/** The suggestion directory (listings and watches of the Suggestions API) and whether it has caught up. */
export interface SuggestionViews {
  readonly directory: SuggestionDirectory;
  readonly ready: () => boolean;
}

/** Fed by each suggestion's last event, with its metrics; start it before the actors, so the in-process bus's first event is seen. */
export async function startSuggestionViews(
  config: EngineConfig,
  bus: Bus,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<SuggestionViews> {
  const directory = newSuggestionDirectory();
  const ready = await startViewFeed(config, bus, "suggestion", directory, logger, closers);
  registerSuggestionMetrics(registry, directory, ready);
  return { directory, ready };
}
