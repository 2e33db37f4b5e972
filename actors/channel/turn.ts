import type { Decision, ReminderRequest } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";
import type { ChannelChange, ChannelEvent } from "./events.js";
import { evolveChannel } from "./evolve.js";
import { assertBreaker, healthOf, type ChannelState } from "./state.js";

/**
 * One decision being built: each change is applied at once, so later rules see the state after it, and each
 * event gets the health after it. Dropped unused when the decision ends in a rejection.
 */
export class Turn {
  private readonly events: ChannelEvent[] = [];
  private readonly reminderSets: ReminderRequest[] = [];
  private readonly reminderCancels: string[] = [];

  constructor(private current: ChannelState) {}

  get state(): ChannelState {
    return this.current;
  }

  apply(change: ChannelChange): void {
    this.current = evolveChannel(this.current, change);
    assertBreaker(this.current.breaker);
    this.events.push({ ...change, health: healthOf(this.current) } as ChannelEvent);
  }

  setReminder(reminder: ReminderRequest): void {
    this.reminderSets.push(reminder);
  }

  cancelReminder(key: string): void {
    this.reminderCancels.push(key);
  }

  decision(reply: Json): Decision<ChannelEvent> {
    const hasReminders = this.reminderSets.length + this.reminderCancels.length > 0;
    return {
      events: this.events,
      reply,
      ...(hasReminders && { reminders: { set: this.reminderSets, cancel: this.reminderCancels } }),
    };
  }
}
