import type { Registry } from "prom-client";
import { registerReconciliationMetrics } from "../adapters/prometheus/reconciliation-metrics.js";
import { newDifferenceDirectory, type DifferenceDirectory } from "../read-models/difference-directory.js";
import { newStatementDirectory, type StatementDirectory } from "../read-models/statement-directory.js";
import type { Logger } from "../runtime/ports.js";
import { startViewFeed, type Bus } from "./bus.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";

/**
 * The operators' side of reconciliation (ADR 014 §4): the difference directory the Differences service lists and
 * watches, the statements imported per account, whether both have caught up, and the approval threshold the service
 * passes with every resolve.
 */
export interface Differences {
  readonly directory: DifferenceDirectory;
  readonly statements: StatementDirectory;
  readonly ready: () => boolean;
  /** LIQ_RECON_APPROVAL_ABOVE, a decimal string. */
  readonly approvalAbove: string;
}

/**
 * Fed by every reconciliation and statements event (each changes one difference or adds one statement version, so
 * each directory folds them from the stream's first), with their metrics. Start it before the actors, so that the
 * in-process bus's first event is seen.
 */
export async function startDifferences(
  config: EngineConfig,
  bus: Bus,
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<Differences> {
  const directory = newDifferenceDirectory();
  const statements = newStatementDirectory();
  const differencesReady = await startViewFeed(config, bus, "reconciliation", directory, logger, closers, "all");
  const statementsReady = await startViewFeed(config, bus, "statements", statements, logger, closers, "all");
  const ready = () => differencesReady() && statementsReady();
  registerReconciliationMetrics(registry, {
    differences: directory,
    statements,
    ready,
    accountsMax: config.accountGaugesMax,
  });
  return { directory, statements, ready, approvalAbove: config.reconciliation.approvalAbove };
}
