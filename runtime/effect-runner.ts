import type { Span } from "@opentelemetry/api";
import type { EffectRequest } from "./actor-kind.js";
import type { Json } from "./json.js";
import type { CommandRequest, Reply } from "./messages.js";
import type { ActorRef, LogFields, Logger } from "./ports.js";
import { endSpan, startSpan } from "./spans.js";
import { childSpan, newTrace, traceLogFields, type TraceContext } from "./trace-context.js";

/** What an effect handler answers: a command for the actor that asked, or nothing. */
export interface EffectResult {
  readonly type: string;
  readonly payload: Json;
}

/**
 * Runs one effect outside any actor's turn (a bank call, a command to another actor). It may throw: the effect is
 * then lost, and the actor's guard reminder decides what to do (ADR 006 §1).
 */
export type EffectHandler = (
  effect: EffectRequest,
  actor: ActorRef,
  runtime: EffectRuntime,
) => Promise<EffectResult | null>;

/** What a handler may use of the node: commands to other actors (an account, a channel) go through its dispatch. */
export interface EffectRuntime {
  /** A command without a trace is given a child span of the effect's (ADR 009 §4). */
  dispatch(request: CommandRequest): Promise<Reply>;
  /** The effect's own span, a child of its entry's command span: what a bank call sends as `traceparent`. */
  readonly trace: TraceContext;
  /** Lines about this effect: they carry its trace, its actor and the effect's id and type. */
  readonly logger: Logger;
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
    /** The log fields that name an actor (its kind's, ADR 009 §6). */
    /** An actor's log fields (runtime/log-fields.ts actorLogFields, with its kind's own field name). */
    private readonly actorFields: (actor: ActorRef) => LogFields,
  ) {}

  get running(): number {
    return this.inFlight;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Runs the effects of one written entry; `trace` is the entry's (ADR 009 §4), absent in entries from before it. */
  run(actor: ActorRef, effects: readonly EffectRequest[], trace?: TraceContext): void {
    const handler = this.handlers.get(actor.kind);
    for (const effect of effects) {
      const span = trace ? childSpan(trace) : newTrace();
      const logger = this.logger.child({
        ...traceLogFields(span),
        ...this.actorFields(actor),
        effect: effect.id,
        effectType: effect.type,
      });
      if (!handler) {
        logger.error("effect of a kind without an effect handler; its guard reminder takes over");
        endSpan(effectSpan(actor, effect, span), "no effect handler");
        continue;
      }
      if (this.stopped) continue;
      if (this.inFlight >= this.settings.effectsInFlightMax) {
        logger.warn("too many effects in flight; dropped, its guard reminder takes over");
        endSpan(effectSpan(actor, effect, span), "too many effects in flight");
        continue;
      }
      this.inFlight++;
      const running = effectSpan(actor, effect, span);
      void this.runOne(handler, actor, effect, { dispatch: this.dispatchIn(span), trace: span, logger })
        .then((failure) => endSpan(running, failure))
        .finally(() => this.inFlight--);
    }
  }

  /** The node's dispatch for one effect: a command it sends without a trace becomes a child of the effect's span. */
  private dispatchIn(span: TraceContext): (request: CommandRequest) => Promise<Reply> {
    return (request) => this.dispatch(request.trace ? request : { ...request, trace: childSpan(span) });
  }

  /** Runs one effect and delivers its result; resolves with why it failed, if it did (its span's status). */
  private async runOne(
    handler: EffectHandler,
    actor: ActorRef,
    effect: EffectRequest,
    runtime: EffectRuntime,
  ): Promise<string | undefined> {
    const { logger } = runtime;
    let result: EffectResult | null;
    try {
      result = await handler(effect, actor, runtime);
    } catch (error) {
      logger.warn("effect failed; its guard reminder takes over", { error });
      return error instanceof Error ? `${error.name}: ${error.message}` : "effect failed";
    }
    if (!result) return undefined;
    const request: CommandRequest = {
      kind: actor.kind,
      actorId: actor.actorId,
      commandId: `effect:${effect.id}`,
      type: result.type,
      payload: result.payload,
      principal: effectPrincipal,
      trace: childSpan(runtime.trace),
    };
    for (let delivery = 1; !this.stopped; delivery++) {
      const reply = await this.dispatch(request);
      if (reply.ok || !reply.error.retryable) {
        if (reply.ok) return undefined;
        logger.warn("effect result refused by its actor", { commandId: request.commandId, error: reply.error });
        return `result refused: ${reply.error.code}`;
      }
      if (delivery >= this.settings.effectResultDeliveriesMax) {
        logger.warn("effect result not delivered; its guard reminder takes over", {
          commandId: request.commandId,
          error: reply.error,
        });
        return `result not delivered: ${reply.error.code}`;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** delivery)));
    }
    return "stopped before its result was delivered";
  }
}

/** The span of one effect (ADR 009 §7), from its start to its result's delivery: `effect <type>`. */
function effectSpan(actor: ActorRef, effect: EffectRequest, unit: TraceContext): Span {
  return startSpan(`effect ${effect.type}`, unit, {
    attributes: {
      "liquidity.actor.kind": actor.kind,
      "liquidity.actor.id": actor.actorId,
      "liquidity.effect.id": effect.id,
      "liquidity.effect.type": effect.type,
    },
  });
}
