import { expect } from "chai";
import { isDeepStrictEqual } from "node:util";
import {
  isRejection,
  reject,
  type ActorEvent,
  type ActorKind,
  type DecideResult,
  type EffectRequest,
  type Rejection,
  type ReminderChanges,
  type ReminderRequest,
} from "../../runtime/actor-kind.js";
import type { Json, JsonObject } from "../../runtime/json.js";

/*
 * Given/when/then on an actor kind's pure decider, driven the way the runtime drives it: every command goes through
 * the kind's own parser, accepted events are folded through evolve, reminders and effects are kept pending until the
 * test fires or takes them. After every accepted command the state must survive a snapshot (encoded, stored as JSON,
 * decoded strictly) and must equal the prior snapshot with the new events folded in, as a recovering actor rebuilds it.
 */

/** What a turn may set besides the command: the clock and who sends it. */
export interface TurnContext {
  readonly now?: number;
  readonly principal?: string;
}

/** The actor under test: its kind and, when the kind checks it, its id; optional checks on what it answers. */
export interface ActorUnderTest<S, C, E extends ActorEvent> {
  readonly kind: ActorKind<S, C, E>;
  readonly actorId?: string;
  /** The clock at the start, epoch milliseconds. */
  readonly now?: number;
  /** Who sends commands unless a turn says otherwise. */
  readonly principal?: string;
  /** Decodes a reply strictly (throws on a bad one): every reply must decode to itself. */
  readonly decodeReply?: (reply: Json, commandType: string) => Json;
  /** Decodes an effect strictly: every effect must decode to itself. */
  readonly decodeEffect?: (effect: EffectRequest, actorId: string) => unknown;
}

/** A command in a prior history: `given(kind, sent("open", {...}))`. */
export class SentCommand {
  constructor(
    readonly type: string,
    readonly payload: Json,
    readonly context: TurnContext,
  ) {}
}

export function sent(type: string, payload: Json = {}, context: TurnContext = {}): SentCommand {
  return new SentCommand(type, payload, context);
}

/** An effect with its payload readable by field. */
export type PendingEffect = EffectRequest & { readonly payload: Record<string, Json> };

/** Given: an actor with a history of events or accepted commands. */
export function given<S, C, E extends ActorEvent>(
  actor: ActorKind<S, C, E> | ActorUnderTest<S, C, E>,
  ...history: ReadonlyArray<E | SentCommand>
): DeciderTest<S, C, E> {
  const test = new DeciderTest("kind" in actor ? actor : { kind: actor });
  for (const item of history) {
    if (item instanceof SentCommand)
      test.when(item.type, item.payload, item.context).thenAccepted(`given ${item.type}`);
    else test.apply([item]);
  }
  return test;
}

/** One actor's state, journal, pending reminders and effects, advanced one command at a time. */
export class DeciderTest<S, C, E extends ActorEvent> {
  readonly kind: ActorKind<S, C, E>;
  readonly actorId: string;
  state: S;
  now: number;
  readonly journal: E[] = [];
  readonly reminders = new Map<string, ReminderRequest>();
  effects: PendingEffect[] = [];
  private commandCount = 0;

  constructor(private readonly actor: ActorUnderTest<S, C, E>) {
    this.kind = actor.kind;
    this.actorId = actor.actorId ?? "actor-1";
    this.state = this.kind.initialState(this.actorId);
    this.now = actor.now ?? 1_000_000;
  }

  /** When: a wire command, parsed by the kind's parser (a parse refusal is a rejection with its code). */
  when(type: string, payload: Json = {}, context: TurnContext = {}): Then<S, C, E> {
    if (context.now !== undefined) this.now = context.now;
    const principal = context.principal ?? this.actor.principal ?? "system:test";
    const parsed = this.kind.parseCommand(type, payload);
    if (!parsed.ok) return new Then(this, reject(parsed.code, parsed.message));
    const before = this.snapshot();
    const decideContext = { actorId: this.actorId, commandId: `c-${++this.commandCount}`, principal, now: this.now };
    const result: DecideResult<E> = this.kind.decide(this.state, parsed.command, decideContext);
    if (isRejection(result)) return new Then(this, result);
    this.apply(result.events);
    this.assertReplays(before, result.events);
    this.assertDecodes(type, result.reply, result.effects ?? []);
    for (const key of result.reminders?.cancel ?? []) this.reminders.delete(key);
    for (const reminder of result.reminders?.set ?? []) this.reminders.set(reminder.key, reminder);
    this.effects.push(...((result.effects ?? []) as PendingEffect[]));
    return new Then(this, result);
  }

  /** Folds events into the state and the journal, as the runtime does when it recovers. */
  apply(events: readonly E[]): void {
    for (const event of events) this.state = this.kind.evolve(this.state, event);
    this.journal.push(...events);
  }

  /** Advances the clock to a pending reminder's due time and delivers it, as the runtime does (consumed unless set again). */
  fire(key: string): Then<S, C, E> {
    const reminder = this.reminders.get(key);
    if (!reminder)
      throw new Error(`no ${key} reminder pending; pending: ${[...this.reminders.keys()].join(", ") || "none"}`);
    this.reminders.delete(key);
    return this.when(reminder.command.type, reminder.command.payload, {
      now: Math.max(this.now, reminder.dueAt),
      principal: "system:reminder",
    });
  }

  /** Takes the oldest pending effect of a type; fails the test if there is none. */
  take(type: string): PendingEffect {
    const index = this.effects.findIndex((effect) => effect.type === type);
    if (index < 0)
      throw new Error(
        `no pending ${type} effect; pending: ${this.effects.map((effect) => effect.type).join(", ") || "none"}`,
      );
    const [effect] = this.effects.splice(index, 1);
    return effect!;
  }

  has(type: string): boolean {
    return this.effects.some((effect) => effect.type === type);
  }

  /** The state as a snapshot stores it: encoded and through JSON. */
  private snapshot(): JsonObject {
    return JSON.parse(JSON.stringify(this.kind.encodeState(this.state))) as JsonObject;
  }

  /** The state survives a snapshot, and the prior snapshot with the new events folded in gives the same state. */
  private assertReplays(before: JsonObject, events: readonly E[]): void {
    const decoded = this.kind.decodeState(this.snapshot());
    if (!isDeepStrictEqual(decoded, this.state))
      throw new Error(`the state did not survive a snapshot: ${JSON.stringify(this.kind.encodeState(decoded))}`);
    let replayed = this.kind.decodeState(before);
    for (const event of events) replayed = this.kind.evolve(replayed, event);
    if (!isDeepStrictEqual(replayed, this.state))
      throw new Error(
        `evolve over the prior snapshot gives another state: ${JSON.stringify(this.kind.encodeState(replayed))}`,
      );
  }

  private assertDecodes(type: string, reply: Json, effects: readonly EffectRequest[]): void {
    const { decodeReply, decodeEffect } = this.actor;
    if (decodeReply && !isDeepStrictEqual(decodeReply(reply, type), reply))
      throw new Error(`the reply to ${type} does not decode to itself: ${JSON.stringify(reply)}`);
    for (const effect of decodeEffect ? effects : []) {
      if (!isDeepStrictEqual(decodeEffect!(effect, this.actorId), effect))
        throw new Error(`the effect does not decode to itself: ${JSON.stringify(effect)}`);
    }
  }
}

/** Then: what one command decided, with assertions that return `this`, and `when` to go on with the same actor. */
export class Then<S, C, E extends ActorEvent> {
  constructor(
    readonly actor: DeciderTest<S, C, E>,
    readonly result: DecideResult<E>,
  ) {}

  get state(): S {
    return this.actor.state;
  }

  get rejected(): boolean {
    return isRejection(this.result);
  }

  /** "ok" for a decision, the code for a rejection. */
  get code(): string {
    return isRejection(this.result) ? this.result.rejected.code : "ok";
  }

  /** The events decided (none for a rejection). */
  get events(): readonly E[] {
    return isRejection(this.result) ? [] : this.result.events;
  }

  get eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }

  get reply(): Record<string, any> {
    return this.decision().reply as Record<string, any>;
  }

  get reminders(): ReminderChanges | undefined {
    return isRejection(this.result) ? undefined : this.result.reminders;
  }

  get effects(): readonly EffectRequest[] {
    return isRejection(this.result) ? [] : (this.result.effects ?? []);
  }

  get rejection(): Rejection["rejected"] {
    if (!isRejection(this.result))
      throw new Error(`expected a rejection, got ${this.eventTypes.join(", ") || "no events"}`);
    return this.result.rejected;
  }

  get details(): Record<string, Json> {
    return (this.rejection.details ?? {}) as Record<string, Json>;
  }

  when(type: string, payload: Json = {}, context: TurnContext = {}): Then<S, C, E> {
    return this.actor.when(type, payload, context);
  }

  thenAccepted(label?: string): this {
    expect(this.code, label).to.equal("ok");
    return this;
  }

  /** The events in order: a type, or fields each event must include. */
  thenEvents(expected: ReadonlyArray<string | JsonObject>, label?: string): this {
    this.thenAccepted(label);
    expect(this.events.length, `${label ?? "events"}: ${this.eventTypes.join(", ")}`).to.equal(expected.length);
    expected.forEach((want, index) => {
      if (typeof want === "string") expect(this.events[index]!.type, label).to.equal(want);
      else expect(this.events[index], label).to.deep.include(want);
    });
    return this;
  }

  thenRejected(code: string, message?: RegExp, label?: string): this {
    expect(this.code, label).to.equal(code);
    if (message) expect(this.rejection.message, label).to.match(message);
    return this;
  }

  /** The whole reply, or fields it must include. */
  thenReply(expected: Json, mode: "equal" | "include" = "equal"): this {
    if (mode === "equal") expect(this.reply).to.deep.equal(expected);
    else expect(this.reply).to.deep.include(expected as JsonObject);
    return this;
  }

  /** The effects this command asked for: a type, or fields each must include. */
  thenEffects(expected: ReadonlyArray<string | JsonObject>): this {
    expect(this.effects.map((effect) => effect.type)).to.have.length(expected.length);
    expected.forEach((want, index) => {
      if (typeof want === "string") expect(this.effects[index]!.type).to.equal(want);
      else expect(this.effects[index]).to.deep.include(want);
    });
    return this;
  }

  thenReminders(expected: ReminderChanges | undefined): this {
    expect(this.reminders).to.deep.equal(expected);
    return this;
  }

  private decision(): Exclude<DecideResult<E>, Rejection> {
    if (isRejection(this.result))
      throw new Error(`expected a decision, got ${this.result.rejected.code}: ${this.result.rejected.message}`);
    return this.result;
  }
}
