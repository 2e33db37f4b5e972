import { isDeepStrictEqual } from "node:util";
import { isRejection, type EffectRequest, type ReminderRequest } from "../../runtime/actor-kind.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { transferKind, type TransferPolicy, type TransferState } from "../../actors/transfer/index.js";
import type { TransferEvent } from "../../actors/transfer/index.js";
import { decodeTransferEffect } from "../../actors/transfer/effects.js";
import { defaultTransferPolicy } from "../../actors/transfer/policy.js";
import { decodeTransferReply } from "../../actors/transfer/view.js";

export type Outcome = { ok: true; reply: Json; events: TransferEvent[] } | { ok: false; code: string; message: string };

/**
 * Drives one transfer actor's pure decide/evolve by hand, the way the runtime would (reminders consumed when they
 * fire, effects collected): a given/when/then harness for the saga's rules.
 */
export class TransferHarness {
  readonly kind;
  state: TransferState;
  now = 1_000_000;
  readonly reminders = new Map<string, ReminderRequest>();
  effects: EffectRequest[] = [];
  readonly journal: TransferEvent[] = [];
  private commandCount = 0;

  constructor(
    readonly transferId = "t-1",
    policy: Partial<TransferPolicy> = {},
  ) {
    this.kind = transferKind({ ...defaultTransferPolicy, ...policy });
    this.state = this.kind.initialState(transferId);
  }

  send(type: string, payload: Json, principal = "op:alice"): Outcome {
    const parsed = this.kind.parseCommand(type, payload);
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
    const context = { actorId: this.transferId, commandId: `c-${++this.commandCount}`, principal, now: this.now };
    const result = this.kind.decide(this.state, parsed.command, context);
    if (isRejection(result)) return { ok: false, code: result.rejected.code, message: result.rejected.message };
    for (const event of result.events) this.state = this.kind.evolve(this.state, event);
    this.assertSnapshotRoundTrip();
    if (!isDeepStrictEqual(decodeTransferReply(result.reply, "a reply"), result.reply)) throw new Error(`the reply does not decode to itself: ${JSON.stringify(result.reply)}`);
    this.journal.push(...result.events);
    for (const key of result.reminders?.cancel ?? []) this.reminders.delete(key);
    for (const reminder of result.reminders?.set ?? []) this.reminders.set(reminder.key, reminder);
    for (const effect of result.effects ?? []) {
      if (!isDeepStrictEqual(decodeTransferEffect(effect, this.transferId), effect)) throw new Error(`the effect does not decode to itself: ${JSON.stringify(effect)}`);
    }
    this.effects.push(...(result.effects ?? []));
    return { ok: true, reply: result.reply, events: [...result.events] };
  }

  /** Every state the saga reaches must come back the same from a snapshot (stored as JSON, decoded strictly). */
  private assertSnapshotRoundTrip(): void {
    const stored = JSON.parse(JSON.stringify(this.kind.encodeState(this.state))) as JsonObject;
    const decoded = this.kind.decodeState(stored);
    if (!isDeepStrictEqual(decoded, this.state)) throw new Error(`the state did not survive a snapshot: ${JSON.stringify(decoded)}`);
  }

  /** Sends as the engine (effect results, callbacks). */
  system(type: string, payload: Json): Outcome {
    return this.send(type, payload, "system:effect");
  }

  /** Takes the oldest pending effect of a type; fails the test if there is none. */
  take(type: string): EffectRequest & { payload: Record<string, Json> } {
    const index = this.effects.findIndex((effect) => effect.type === type);
    if (index < 0) throw new Error(`no pending ${type} effect; pending: ${this.effects.map((effect) => effect.type).join(", ") || "none"}`);
    const [effect] = this.effects.splice(index, 1);
    return effect as EffectRequest & { payload: Record<string, Json> };
  }

  has(type: string): boolean {
    return this.effects.some((effect) => effect.type === type);
  }

  /** Advances time to a reminder's due time and fires it, as the runtime does (consumed unless set again). */
  fire(purpose: "step" | "task" | "approval"): Outcome {
    const reminder = this.reminders.get(purpose);
    if (!reminder) throw new Error(`no ${purpose} reminder pending`);
    this.now = Math.max(this.now, reminder.dueAt);
    this.reminders.delete(purpose);
    const outcome = this.send(reminder.command.type, reminder.command.payload, "system:reminder");
    return outcome;
  }

  /** Answers every pending account command as applied (the happy path of position tasks). */
  applyPositionTasks(): string[] {
    const done: string[] = [];
    while (this.has("account.command")) {
      const effect = this.take("account.command");
      done.push(String(effect.payload["taskId"]));
      this.system("positionResult", { taskId: effect.payload["taskId"]!, ok: true });
    }
    return done;
  }

  allowChannel(fee = "1.5"): EffectRequest & { payload: Record<string, Json> } {
    const ask = this.take("channel.acquire");
    this.system("channelResult", { effectId: ask.id, allowed: true, fee });
    return this.take("bank.send");
  }

  answerBank(effect: EffectRequest & { payload: Record<string, Json> }, outcome: string, extra: Record<string, Json> = {}): Outcome {
    return this.system("bankResult", { effectId: effect.id, step: effect.payload["step"]!, outcome, ...extra });
  }

  /** The alerts raised so far (alertRaised events), oldest first. */
  get alerts(): Array<Extract<TransferEvent, { type: "alertRaised" }>> {
    return this.journal.filter((event): event is Extract<TransferEvent, { type: "alertRaised" }> => event.type === "alertRaised");
  }

  get statuses(): string[] {
    const seen: string[] = [];
    for (const event of this.journal) if (seen[seen.length - 1] !== event.status) seen.push(event.status);
    return seen;
  }
}

export const createPayload = {
  from: "BANKA:A1",
  to: "BANKB:B1",
  amount: "1000.50",
  currency: "CNY",
  speed: "normal",
  debitChannel: "BANKA-direct",
  creditChannel: "BANKB-direct",
  reference: "sweep to pool",
};
