import type { Registry } from "prom-client";
import type { TransferEventFeed } from "../read-models/transfer-read-model.js";
import { prometheusDecisionMetrics } from "../adapters/prometheus/decision-metrics.js";
import { ActorReads } from "../decisions/actor-reads.js";
import { DecisionEngine } from "../decisions/decision-engine.js";
import type { DecisionPolicy } from "../decisions/evaluation.js";
import { plannerEffectHandler } from "../decisions/planner-effects.js";
import { seedRulesFromWatermarks } from "../decisions/seed-rules.js";
import type { WatermarksConfig } from "../actors/account/watermarks.js";
import { ruleDirectory, type RuleEntry } from "../read-models/rule-directory.js";
import type { ViewDirectory } from "../read-models/view-directory.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { Logger } from "../runtime/ports.js";
import type { ChannelSetting } from "./banks-config.js";
import { natsStep, startViewFeed, type Bus } from "./bus.js";
import { createAlertPublisher } from "./transfer-observation.js";
import type { DecisionAlerts } from "../decisions/decision-metrics.js";
import type { Closers } from "./closers.js";
import type { EngineConfig } from "./config.js";
import type { Positions } from "./storage.js";

/** The rules as the decision engine and the API list them: fed by the rule events, before the actors start. */
export interface Rules {
  readonly directory: ViewDirectory<RuleEntry>;
  readonly ready: () => boolean;
}

export async function startRuleDirectory(
  config: EngineConfig,
  bus: Bus,
  logger: Logger,
  closers: Closers,
): Promise<Rules> {
  const directory = ruleDirectory();
  const ready = await startViewFeed(config, bus, "rule", directory, logger, closers);
  return { directory, ready };
}

/**
 * The planner's effect handler, created before the actor system, and the decision engine it hands scheduled
 * evaluations to, created after (`attach`).
 */
export function plannerEffects(): { handler: EffectHandler; attach: (engine: DecisionEngine) => void } {
  let engine: DecisionEngine | undefined;
  return {
    handler: plannerEffectHandler((plannerId, sweeps) => engine?.request(plannerId, sweeps)),
    attach: (started) => {
      engine = started;
    },
  };
}

export async function startDecisionEngine(
  config: EngineConfig,
  bus: Bus,
  parts: {
    readonly system: ActorSystem;
    readonly positions: Positions;
    readonly rules: Rules;
    readonly channels: readonly ChannelSetting[];
    readonly policy: DecisionPolicy;
    readonly watermarks: WatermarksConfig;
    readonly transferEvents: TransferEventFeed;
  },
  registry: Registry,
  logger: Logger,
  closers: Closers,
): Promise<DecisionEngine> {
  const { system, positions, rules } = parts;
  const publisher = bus.nc
    ? await natsStep(config, bus, "the alerts stream", () =>
        createAlertPublisher(bus.nc!, config.subjectPrefix, config.natsStreamReplicas),
      )
    : undefined;
  const alerts: DecisionAlerts = async (alertId, severity, alert) => publisher?.publish(alertId, severity, alert);
  const reads = new ActorReads(system);
  const engine = new DecisionEngine(
    {
      reads,
      positions: positions.directory,
      rules: rules.directory,
      channels: parts.channels.map((channel) => ({ id: channel.id, bankCode: channel.bankCode })),
      policy: parts.policy,
      now: () => Date.now(),
    },
    {
      intervalMs: config.plannerIntervalMs,
      ready: () => system.recovered && positions.ready() && rules.ready(),
      transferEvents: parts.transferEvents,
    },
    prometheusDecisionMetrics(registry),
    alerts,
    logger.child({ component: "planner" }),
  );
  const seeded = await seedRulesFromWatermarks(reads, parts.watermarks, logger);
  if (seeded > 0) logger.info("rules seeded from the watermarks file", { rules: seeded });
  // Off: no evaluation of its own, as when benchmarking what the planner costs; jobs and dry runs still evaluate.
  if (config.plannerEnabled) engine.start();
  closers.add(() => engine.stop());
  return engine;
}
