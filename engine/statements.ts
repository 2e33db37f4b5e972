import { statementPullHandler } from "../adapters/banks/statement-pull.js";
import type { StatementImporter } from "../adapters/grpc/statements-service.js";
import { StatementInbox } from "../adapters/inbox/statement-inbox.js";
import { MemoryStatementLineStore } from "../adapters/memory/memory-statement-lines.js";
import { MongoStatementLineStore } from "../adapters/mongo/mongo-statement-lines.js";
import { importStatementFile } from "../reconciliation/import.js";
import type { StatementLineStore } from "../reconciliation/ports.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { Logger } from "../runtime/ports.js";
import type { Banks } from "./banks.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import { withEffectFaultPoint, withImportFaultPoint } from "./fault-points.js";
import { mongoFailure } from "./startup-failures.js";

/**
 * Statements in (ADR 014 §1): the line store (MongoDB for a durable engine, memory when embedded), the one import
 * every door ends in, the pull's effect handler (made before the actors, handed the import once they serve), and
 * the inbox.
 */
export interface Statements {
  readonly lines: StatementLineStore;
  /** The statements kind's effect handler: pulls from the banks. */
  readonly pullEffects: EffectHandler;
  /** Binds the import to the actor system; the doors use what it returns. */
  attach(system: ActorSystem): StatementImporter;
}

export async function connectStatements(
  config: EngineConfig,
  banks: Pick<Banks, "statementAdapter">,
  closers: Closers,
): Promise<Statements> {
  const lines = await connectLineStore(config, closers);
  let importer: StatementImporter | undefined;
  const pullEffects = statementPullHandler({
    adapterOf: (bankCode) => banks.statementAdapter(bankCode),
    importer: (request) => {
      if (importer === undefined) throw new Error("a pull before the statement import is attached");
      return importer(request);
    },
  });
  return {
    lines,
    pullEffects: withEffectFaultPoint(config.faultPoint, pullEffects),
    attach: (system) => {
      const parts = withImportFaultPoint(config.faultPoint, { system, lines });
      importer = (request) => importStatementFile(parts, request);
      return importer;
    },
  };
}

async function connectLineStore(config: EngineConfig, closers: Closers): Promise<StatementLineStore> {
  if (config.mongoUrl === undefined) return new MemoryStatementLineStore();
  const store = await MongoStatementLineStore.connect({
    url: config.mongoUrl,
    database: config.mongoDatabase,
    writeConcern: { w: config.mongoWriteConcern },
    serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
  }).catch((error: unknown) => Promise.reject(mongoFailure(config, error)));
  closers.addLast(() => store.close());
  return store;
}

/** The inbox, when `LIQ_STATEMENT_INBOX` names one; stopped with the engine (a scan in progress finishes first). */
export async function startStatementInbox(
  config: EngineConfig,
  importer: StatementImporter,
  logger: Logger,
  closers: Closers,
): Promise<void> {
  if (config.statementInbox === undefined) return;
  const inbox = new StatementInbox(
    { folder: config.statementInbox, intervalMs: config.statementInboxIntervalMs },
    importer,
    logger.child({ component: "statement-inbox" }),
  );
  await inbox.start();
  closers.add(() => inbox.stop());
  logger.info("statement inbox watched", {
    folder: config.statementInbox,
    intervalMs: config.statementInboxIntervalMs,
  });
}
