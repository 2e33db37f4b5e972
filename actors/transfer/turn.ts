import type { Decision, DecideContext, ReminderRequest } from "../../runtime/actor-kind.js";
import type { WakePurpose } from "./commands.js";
import type { TransferEffect } from "./effects.js";
import type { AlertSeverity, TransferChange, TransferEvent } from "./events.js";
import { evolveTransfer } from "./evolve.js";
import type { TransferPolicy } from "./policy.js";
import { terminalStatuses, type TransferState, type TransferStatus } from "./state.js";
import { viewOf, type TransferReply } from "./view.js";

/**
 * One decision being built: events are applied as they are emitted, so later rules see their effect, exactly as
 * replay will. Collects effects and reminder changes; pure.
 */
export class Turn {
  private readonly events: TransferEvent[] = [];
  private readonly effects: TransferEffect[] = [];
  private readonly reminders = new Map<WakePurpose, ReminderRequest | null>();

  constructor(
    public state: TransferState,
    readonly policy: TransferPolicy,
    readonly context: DecideContext,
  ) {}

  get now(): number {
    return this.context.now;
  }

  get transferId(): string {
    return this.context.actorId;
  }

  emit(change: TransferChange): void {
    const before = this.state.status;
    this.state = evolveTransfer(this.state, change, this.now);
    const status = this.state.status as TransferStatus;
    const event: TransferEvent = { ...change, status, transferId: this.transferId, at: this.now };
    if (status !== before) {
      event.previousStatus = before;
      // A future-dated transfer's age counts from its start: the wait before it is not time spent moving money.
      if (terminalStatuses.has(status) || status === "MANUAL_INTERVENTION")
        event.ageMs = Math.max(0, this.now - Math.max(this.state.createdAt, this.state.request?.executeAt ?? 0));
    }
    this.events.push(event);
  }

  effect(effect: TransferEffect): void {
    this.effects.push(effect);
  }

  remind(purpose: WakePurpose, dueAt: number): void {
    this.reminders.set(purpose, { key: purpose, dueAt, command: { type: "wake", payload: { purpose } } });
  }

  cancelReminder(purpose: WakePurpose): void {
    this.reminders.set(purpose, null);
  }

  /**
   * Raises an alert as an event: durable with the decision, and relayed to the alert subject by the engine's
   * transfer observer (at least once, deduplicated by event), never as an at-most-once effect.
   */
  alert(severity: AlertSeverity, code: string, message: string): void {
    const request = this.state.request;
    this.emit({
      type: "alertRaised",
      severity,
      code,
      message,
      ...(request && { from: request.from, to: request.to, amount: request.amount, currency: request.currency }),
    });
  }

  get changed(): boolean {
    return this.events.length > 0 || this.effects.length > 0 || this.reminders.size > 0;
  }

  decision(reply: TransferReply = viewOf(this.transferId, this.state, false)): Decision<TransferEvent> {
    const set = [...this.reminders.values()].filter((reminder): reminder is ReminderRequest => reminder !== null);
    const cancel = [...this.reminders.entries()].filter(([, reminder]) => reminder === null).map(([key]) => key);
    return { events: this.events, reply, effects: this.effects, reminders: { set, cancel } };
  }
}
