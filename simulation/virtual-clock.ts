import type { Clock, ClockTimer } from "../runtime/ports.js";

interface PendingTimer {
  readonly dueAt: number;
  /** Timers due at the same time run in the order they were started. */
  readonly order: number;
  readonly callback: () => void;
}

/**
 * The simulation's clock: time moves only when the simulation moves it, and the timers started on it (the actors'
 * reminders, the simulated banks' settlements) run at their virtual due times, in order, whatever the wall clock
 * does. The same seed therefore makes the same run, however fast the machine.
 */
export class VirtualClock implements Clock {
  private current: number;
  private started = 0;
  private readonly pending = new Set<PendingTimer>();

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  readonly startTimer = (callback: () => void, delayMs: number): ClockTimer => {
    const timer: PendingTimer = { dueAt: this.current + Math.max(0, delayMs), order: this.started++, callback };
    this.pending.add(timer);
    return { cancel: () => this.pending.delete(timer) };
  };

  /** Timers not yet run. */
  get timersPending(): number {
    return this.pending.size;
  }

  /**
   * Runs the earliest timer due at or before `until`, moving the time to its due time first (never backwards);
   * false when none is due.
   */
  runNextDue(until: number): boolean {
    let next: PendingTimer | undefined;
    for (const timer of this.pending)
      if (
        timer.dueAt <= until &&
        (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.order < next.order))
      )
        next = timer;
    if (!next) return false;
    this.pending.delete(next);
    this.current = Math.max(this.current, next.dueAt);
    next.callback();
    return true;
  }

  /** Moves the time forward to `time` (a time in the past is refused: the actors' journals only go forward). */
  moveTo(time: number): void {
    if (time < this.current) throw new RangeError(`the virtual clock cannot go back from ${this.current} to ${time}`);
    this.current = time;
  }
}
