import { signCallback } from "../adapters/banks/callback-signature.js";
import { transferEffectHandler } from "../adapters/banks/transfer-effects.js";
import { bankCallbackHandler } from "../adapters/http/bank-callbacks.js";
import { MemoryActorStore } from "../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../adapters/memory/memory-event-bus.js";
import { scheduleEffectHandler } from "../actors/schedule/index.js";
import { defaultAccountPolicy } from "../actors/account/index.js";
import { defaultTransferPolicy } from "../actors/transfer/index.js";
import { ActorReads } from "../decisions/actor-reads.js";
import { DecisionEngine } from "../decisions/decision-engine.js";
import { noDecisionMetrics } from "../decisions/decision-metrics.js";
import { plannerIdOf } from "../decisions/evaluation.js";
import { plannerEffects } from "../engine/decisions.js";
import type { DecisionPolicy } from "../decisions/evaluation.js";
import { engineKinds } from "../engine/start-engine.js";
import { PositionDirectory } from "../read-models/position-directory.js";
import { ruleDirectory, type RuleEntry } from "../read-models/rule-directory.js";
import type { ViewDirectory } from "../read-models/view-directory.js";
import { ActorSystem } from "../runtime/actor-system.js";
import type { Json, JsonObject } from "../runtime/json.js";
import { silentLogger } from "../runtime/logger.js";
import type { Scenario } from "./scenario.js";
import { SimulatedBank, type CallbackSink, type SettlementDelays } from "./simulated-bank.js";
import { VirtualClock } from "./virtual-clock.js";

/** Rounds of the event loop one settling may take before the simulation calls itself stuck. */
const settleRoundsMax = 100_000;

/**
 * The engine's own parts in one process, on a virtual clock: the actor system with the in-memory store and bus, the
 * engine's actor kinds (accounts, transfers, channels, rules, planners, scheduled jobs), the transfer effects over
 * simulated banks that post their callbacks to the engine's callback door, the position and rule directories fed
 * by the bus, and the decision engine. Only the clock and the banks are simulated.
 *
 * The actor system is not `start`ed: its background loops (passivation, reminder polling, the publication
 * checkpoint) run on wall-clock intervals, which would make a run depend on the machine's speed. Nothing is ever
 * passivated, so every actor with a reminder is active and its reminder timer runs on the virtual clock.
 */
/**
 * The simulation measures what rules do on their own: AUTO has no ceiling (an engine without an approval policy file
 * lets AUTO move nothing alone), and a suggestion, which nobody approves here, would need one approver.
 */
const simulationPolicy: DecisionPolicy = { autoCeiling: () => null, approvalsRequired: () => 1 };

export class SimulatedEngine {
  private commands = 0;

  private constructor(
    readonly scenario: Scenario,
    readonly clock: VirtualClock,
    readonly bus: MemoryEventBus,
    readonly system: ActorSystem,
    readonly positions: PositionDirectory,
    readonly rules: ViewDirectory<RuleEntry>,
    readonly reads: ActorReads,
    private readonly decisions: DecisionEngine,
    /** Decision engine alerts by type (shortfall, ruleStopped, autoFellBackToSuggest). */
    readonly alerts: ReadonlyMap<string, number>,
    /** What went wrong outside a command's reply (a refused bank callback): the run stops at the next settling. */
    private readonly faults: readonly Error[],
  ) {}

  static create(scenario: Scenario, settlement: SettlementDelays): SimulatedEngine {
    const clock = new VirtualClock(scenario.start);
    const bus = new MemoryEventBus();
    const positions = new PositionDirectory();
    const rules = ruleDirectory();
    bus.subscribe((event) => {
      if (event.kind === "account") positions.apply(event);
      if (event.kind === "rule") rules.apply(event);
    });
    const faults: Error[] = [];
    let door: CallbackSink = async () => undefined;
    const banks = new Map(
      scenario.channels.map((channel) => [
        channel.id,
        new SimulatedBank(channel.bankCode, clock, settlement, (...callback) => door(...callback)),
      ]),
    );
    const planner = plannerEffects();
    const system = new ActorSystem({
      kinds: engineKinds({
        transferPolicy: defaultTransferPolicy,
        ledgerDaysKept: defaultAccountPolicy.ledgerDaysKept,
      }),
      store: new MemoryActorStore(),
      publisher: bus,
      clock,
      effectHandlers: {
        transfer: transferEffectHandler({ channels: banks, callbackUrl: () => "in-process" }),
        schedule: scheduleEffectHandler,
        planner: planner.handler,
      },
    });
    door = callbackDoor(system, scenario, clock, (fault) => faults.push(fault));
    const reads = new ActorReads(system);
    const alerts = new Map<string, number>();
    const decisions = new DecisionEngine(
      {
        reads,
        positions,
        rules,
        channels: scenario.channels.map((channel) => ({ id: channel.id, bankCode: channel.bankCode })),
        policy: simulationPolicy,
        now: () => clock.now(),
      },
      // The safety net's timer is the simulation's step (requestEvaluations), not a wall-clock interval.
      { intervalMs: 0, ready: () => true },
      noDecisionMetrics,
      async (_alertId, _severity, alert) => {
        const type = String(alert["type"]);
        alerts.set(type, (alerts.get(type) ?? 0) + 1);
      },
      silentLogger,
    );
    planner.attach(decisions);
    return new SimulatedEngine(scenario, clock, bus, system, positions, rules, reads, decisions, alerts, faults);
  }

  /** Starts the decision engine on what the actors hold now (it is ready at once: nothing is behind in memory). */
  async startDecisions(): Promise<void> {
    this.decisions.start();
    await this.settle();
  }

  /** Stops the decision engine: plans already recorded are still carried out, no new one is made. */
  async stopDecisions(): Promise<void> {
    await this.decisions.stop();
  }

  /** Sends a command and returns its result; a refusal is a fault of the simulation, thrown. */
  async send(
    kind: string,
    actorId: string,
    type: string,
    payload: JsonObject,
    principal: string,
    commandId = `simulation:${++this.commands}`,
  ): Promise<Json> {
    const reply = await this.system.dispatch({ kind, actorId, commandId, type, payload, principal });
    if (!reply.ok) throw new Error(`${kind} ${actorId} refused ${type}: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }

  /** The decision engine's safety net: every pool evaluated, as its timer would. */
  requestEvaluations(): void {
    for (const pool of this.scenario.pools) this.decisions.request(plannerIdOf(pool, this.scenario.currency), false);
  }

  /**
   * Lets everything the last commands started run to its end at the current virtual time: effects, their results,
   * publications, evaluations, and timers already due. All of it runs on promises over memory, so a turn of the event
   * loop with no effect in flight and no timer due means nothing is left to do until the clock moves.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < settleRoundsMax; round++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.faults.length > 0) throw this.faults[0]!;
      if (this.clock.runNextDue(this.clock.now())) continue;
      if (this.system.effectsInFlight === 0) return;
    }
    throw new Error(`the simulation did not settle within ${settleRoundsMax} turns of the event loop`);
  }

  /** Moves the clock to `time`, running every timer due on the way at its own time, each followed by a settling. */
  async advanceTo(time: number): Promise<void> {
    while (this.clock.runNextDue(time)) await this.settle();
    this.clock.moveTo(time);
    await this.settle();
  }

  async stop(): Promise<void> {
    await this.decisions.stop();
    await this.system.stop(1_000);
  }
}

/** The engine's bank callback door (adapters/http/bank-callbacks.ts), reached in process, each callback signed. */
function callbackDoor(
  system: ActorSystem,
  scenario: Scenario,
  clock: VirtualClock,
  fault: (error: Error) => void,
): CallbackSink {
  const secretOf = (bankCode: string) => `simulated-callback-secret-${bankCode}`;
  const secrets = new Map(scenario.channels.map((channel) => [channel.bankCode, secretOf(channel.bankCode)]));
  const door = bankCallbackHandler(system, secrets, undefined, () => clock.now());
  return async (bankCode, serial, status) => {
    const body = JSON.stringify({ bankCode, serial, status });
    const answer = await door(body, signCallback(secretOf(bankCode), clock.now(), body));
    if (answer.status >= 300) fault(new Error(`the engine refused the callback ${serial} ${status}: ${answer.result}`));
  };
}
