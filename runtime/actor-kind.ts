import type { RuntimeErrorCode } from "./errors.js";
import type { Json, JsonObject } from "./json.js";

/** What `decide` may read besides state and command: injected so that actors stay deterministic. */
export interface DecideContext {
  readonly actorId: string;
  readonly commandId: string;
  readonly principal: string;
  /** Wall-clock time of the turn, epoch milliseconds. */
  readonly now: number;
}

/** A message the runtime will deliver to the actor itself at `dueAt` (epoch ms), durably. */
export interface ReminderRequest {
  readonly key: string;
  readonly dueAt: number;
  readonly command: { readonly type: string; readonly payload: Json };
}

export interface ReminderChanges {
  readonly set?: readonly ReminderRequest[];
  readonly cancel?: readonly string[];
}

/**
 * Work outside the actor (a bank call, a command to another actor) to run once the entry is written (ADR 006 §1).
 * At most once and not durable: guard it with a reminder. `id` is unique per actor forever; the handler's answer
 * comes back as the command `effect:<id>`.
 */
export interface EffectRequest {
  readonly id: string;
  readonly type: string;
  readonly payload: Json;
}

/** An accepted command: the events to persist, the reply to return, reminder changes and effects. */
export interface Decision<E> {
  readonly events: readonly E[];
  readonly reply: Json;
  readonly reminders?: ReminderChanges;
  readonly effects?: readonly EffectRequest[];
}

/**
 * A business refusal: nothing is persisted, the caller gets `code` and a sentence. `Code` is the kind's closed list
 * of refusals (each actor's rejections.ts), so a decider cannot refuse with a code outside it.
 */
export interface Rejection<Code extends string = string> {
  readonly rejected: { readonly code: Code; readonly message: string; readonly details?: Json };
}

export type DecideResult<E, Code extends string = string> = Decision<E> | Rejection<Code>;

export function isRejection<E, Code extends string>(result: DecideResult<E, Code>): result is Rejection<Code> {
  return "rejected" in result;
}

export function reject<Code extends string>(code: Code, message: string, details?: Json): Rejection<Code> {
  return { rejected: details === undefined ? { code, message } : { code, message, details } };
}

export type ParseResult<C> =
  | { readonly ok: true; readonly command: C }
  | {
      readonly ok: false;
      readonly code: Extract<RuntimeErrorCode, "unknown_command" | "invalid_command">;
      readonly message: string;
    };

/** Every event is a JSON object with a `type`; amounts inside are decimal strings. */
export type ActorEvent = JsonObject & { readonly type: string };

/**
 * An actor kind: its name, its pure decider, and how its state crosses a snapshot; `R` is its closed list of
 * rejection codes. `decide` and `evolve` must not read clocks, randomness or I/O; `evolve` must not mutate its input.
 */
export interface ActorKind<S, C, E extends ActorEvent, R extends string = string> {
  /** Lower-case name, a NATS subject token: `[a-z][a-z0-9_]*`. */
  readonly name: string;
  /** The log field that names an actor of this kind besides `actorId` (`account`, `transferId`; ADR 009 §6). */
  readonly logField?: string;
  initialState(actorId: string): S;
  /** Validates an untrusted command; the only door from the wire to `decide`. */
  parseCommand(type: string, payload: unknown): ParseResult<C>;
  decide(state: S, command: C, context: DecideContext): DecideResult<E, R>;
  evolve(state: S, event: E): S;
  encodeState(state: S): JsonObject;
  decodeState(encoded: JsonObject): S;
}

/** The erased form the runtime stores in its registry. */
export type AnyActorKind = ActorKind<any, any, ActorEvent>;
