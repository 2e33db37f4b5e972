import type { Registry } from "prom-client";
import { registerScheduleMetrics } from "../adapters/prometheus/schedule-metrics.js";
import { newJobDirectory, type JobDirectory } from "../read-models/job-directory.js";
import type { Logger } from "../runtime/ports.js";
import { startViewFeed, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";

/** Jobs with metric series of their own, at most: a bound on label cardinality, as for accounts. */
const jobGaugesMax = 1_000;

/** The job directory (ListJobs, the schedule metrics) and whether it has caught up with the events stream. */
export interface Jobs {
  readonly directory: JobDirectory;
  readonly ready: () => boolean;
}

/**
 * The job directory, fed by the schedule actors' events, with its metrics. Start it before the actors, so that the
 * in-process bus's first event is seen.
 */
export async function startJobDirectory(
  config: EngineConfig,
  bus: Bus,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<Jobs> {
  const directory = newJobDirectory();
  const ready = await startViewFeed(config, bus, "schedule", directory, logger, closers);
  registerScheduleMetrics(registry, directory, { jobsMax: jobGaugesMax, ready });
  return { directory, ready };
}
