import type { EffectRequest } from "./actor-kind.js";
import type { Json } from "./json.js";
import type { CommandRequest, Reply } from "./messages.js";
import type { ActorRef, Logger } from "./ports.js";

/** What an effect handler answers: a command for the actor that asked, or nothing. */
export interface EffectResult {
  readonly type: string;
  readonly payload: Json;
}

/**
 * Runs one effect outside any actor's turn (a bank call, a command to another actor). It may throw: the effect is
 * then lost, and the actor's guard reminder decides what to do (ADR 006 §1).
 */
export type EffectHandler = (effect: EffectRequest, actor: ActorRef, runtime: EffectRuntime) => Promise<EffectResult | null>;

/** What a handler may use of the node: commands to other actors (an account, a channel) go through its dispatch. */
export interface EffectRuntime {
  dispatch(request: CommandRequest): Promise<Reply>;
}

export interface EffectRunnerSettings {
  readonly effectsInFlightMax: number;
  readonly effectResultDeliveriesMax: number;
}

/** The principal journaled with an effect's result. */
export const effectPrincipal = "system:effect";

/**
 * Hands effects of written entries to their kind's handler and delivers each result back to the actor as the
 * command `effect:<id>`, which the actor's journal makes idempotent.
 */
export class EffectRunner {
  private inFlight = 0;
  private stopped = false;

  constructor(
    private readonly handlers: ReadonlyMap<string, EffectHandler>,
    private readonly dispatch: (request: CommandRequest) => Promise<Reply>,
    private readonly settings: EffectRunnerSettings,
    private readonly logger: Logger,
  ) {}

  get running(): number {
    return this.inFlight;
  }

  stop(): void {
    this.stopped = true;
  }

  run(actor: ActorRef, effects: readonly EffectRequest[]): void {
    const handler = this.handlers.get(actor.kind);
    for (const effect of effects) {
      if (!handler) {
        this.logger.error("effect of a kind without an effect handler; its guard reminder takes over", { actor, effect: effect.id });
        continue;
      }
      if (this.stopped) continue;
      if (this.inFlight >= this.settings.effectsInFlightMax) {
        this.logger.warn("too many effects in flight; dropped, its guard reminder takes over", { actor, effect: effect.id });
        continue;
      }
      this.inFlight++;
      void this.runOne(handler, actor, effect).finally(() => this.inFlight--);
    }
  }

  private async runOne(handler: EffectHandler, actor: ActorRef, effect: EffectRequest): Promise<void> {
    let result: EffectResult | null;
    try {
      result = await handler(effect, actor, { dispatch: this.dispatch });
    } catch (error) {
      this.logger.warn("effect failed; its guard reminder takes over", { error, actor, effect: effect.id, type: effect.type });
      return;
    }
    if (!result) return;
    const request: CommandRequest = {
      kind: actor.kind,
      actorId: actor.actorId,
      commandId: `effect:${effect.id}`,
      type: result.type,
      payload: result.payload,
      principal: effectPrincipal,
    };
    for (let delivery = 1; !this.stopped; delivery++) {
      const reply = await this.dispatch(request);
      if (reply.ok || !reply.error.retryable) {
        if (!reply.ok) this.logger.warn("effect result refused by its actor", { actor, effect: effect.id, error: reply.error });
        return;
      }
      if (delivery >= this.settings.effectResultDeliveriesMax) {
        this.logger.warn("effect result not delivered; its guard reminder takes over", { actor, effect: effect.id, error: reply.error });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** delivery)));
    }
  }
}
