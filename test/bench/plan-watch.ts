import type { ClientReadableStream } from "@grpc/grpc-js";
import type { SuggestionUpdate__Output } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";

/** A dip not followed by its suggestion by then is given up on (and restored): the pool could not cover it. */
const planWaitMs = 10_000;

/**
 * Follows the engine's suggestions (gRPC WatchSuggestions, as a treasurer's screen would) to time each dip, from its
 * entry acknowledged to the first suggestion that tops its account up, and to say which accounts the planner is busy
 * with (a dip there would not be planned: one plan at a time per account).
 */
export class PlanWatch {
  dips = 0;
  private readonly planLatencies: number[] = [];
  /** Dipped accounts waiting for their plan: the entry's acknowledgement time (undefined while it is in flight). */
  private readonly waiting = new Map<string, { ackedAt: number | undefined; since: number; seenAt?: number }>();
  private readonly restores: string[] = [];
  private readonly restoring = new Set<string>();
  /** Pending suggestions, and the accounts they involve (source or target). */
  private readonly pending = new Map<string, readonly string[]>();
  private readonly involved = new Map<string, number>();

  constructor(private readonly stream: ClientReadableStream<SuggestionUpdate__Output>) {
    stream.on("data", (update: SuggestionUpdate__Output) => this.onUpdate(update));
    // Cancelled at the end of a run; any other error shows as plans never seen.
    stream.on("error", () => undefined);
  }

  close(): void {
    this.stream.cancel();
  }

  latencies(): number[] {
    return [...this.planLatencies];
  }

  busy(accountId: string): boolean {
    return this.waiting.has(accountId) || this.restoring.has(accountId) || (this.involved.get(accountId) ?? 0) > 0;
  }

  dipping(accountId: string): void {
    this.dips++;
    this.waiting.set(accountId, { ackedAt: undefined, since: performance.now() });
  }

  dipFailed(accountId: string): void {
    this.waiting.delete(accountId);
  }

  dipped(accountId: string, at: number): void {
    const dip = this.waiting.get(accountId);
    if (!dip) return;
    if (dip.seenAt !== undefined) {
      // The suggestion came before the entry's reply: the plan took no time the client could see.
      this.planLatencies.push(Math.max(0, dip.seenAt - at));
      this.restore(accountId);
      return;
    }
    this.waiting.set(accountId, { ...dip, ackedAt: at });
  }

  /** The next account to credit back: planned, or given up on after `planWaitMs`. */
  takeRestore(): string | undefined {
    const now = performance.now();
    for (const [accountId, dip] of this.waiting) {
      if (now - dip.since < planWaitMs) break;
      if (dip.ackedAt !== undefined) this.restore(accountId);
    }
    const next = this.restores.shift();
    return next;
  }

  restored(accountId: string): void {
    this.restoring.delete(accountId);
  }

  private restore(accountId: string): void {
    this.waiting.delete(accountId);
    this.restoring.add(accountId);
    this.restores.push(accountId);
  }

  private onUpdate(update: SuggestionUpdate__Output): void {
    const suggestion = update.suggestion;
    if (!suggestion?.transfer) return;
    const id = suggestion.suggestion_id;
    const accounts = [suggestion.transfer.from, suggestion.transfer.to];
    if (suggestion.status === "PENDING" && !this.pending.has(id)) {
      this.pending.set(id, accounts);
      for (const account of accounts) this.involved.set(account, (this.involved.get(account) ?? 0) + 1);
    } else if (suggestion.status !== "PENDING" && this.pending.has(id)) {
      this.pending.delete(id);
      for (const account of accounts) this.involved.set(account, (this.involved.get(account) ?? 1) - 1);
    }
    if (update.cause !== "suggestionCreated") return;
    const dip = this.waiting.get(suggestion.transfer.to);
    if (!dip || dip.seenAt !== undefined) return;
    const seenAt = performance.now();
    if (dip.ackedAt === undefined) {
      this.waiting.set(suggestion.transfer.to, { ...dip, seenAt });
      return;
    }
    this.planLatencies.push(seenAt - dip.ackedAt);
    this.restore(suggestion.transfer.to);
  }
}
