import { channelKind } from "../../actors/channel/index.js";
import type { EffectRuntime } from "../../runtime/effect-runner.js";
import { commandLogFields } from "../../runtime/log-fields.js";
import type { CommandRequest } from "../../runtime/messages.js";
import type { Logger } from "../../runtime/ports.js";
import { newTrace } from "../../runtime/trace-context.js";
import type { BankAdapter } from "./bank-adapter.js";

export interface ChannelProberSettings {
  /** Time between two rounds of probes; 0 turns probing off. */
  readonly intervalMs: number;
}

/**
 * Health probes for the channels (ADR 006 §4): every `intervalMs`, each channel's bank is asked for its health
 * endpoint, and the result goes to the channel actor as a `probe` command, which counts it in its circuit breaker
 * like a call outcome. So a bank that went down opens its circuit before a transfer finds out, and a half-open
 * circuit can close on probes alone. A round does not start while the previous one runs (a slow bank never piles
 * probes up); each probe is bounded by the adapter's call timeout.
 */
export class ChannelProber {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private rounds = 0;

  constructor(
    private readonly channels: ReadonlyMap<string, BankAdapter>,
    private readonly dispatch: EffectRuntime["dispatch"],
    private readonly settings: ChannelProberSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.settings.intervalMs <= 0 || this.channels.size === 0) return;
    this.timer = setInterval(() => {
      this.round ??= this.probeAll().finally(() => (this.round = undefined));
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** One round: every channel probed at once. Exposed for tests. */
  async probeAll(): Promise<void> {
    const round = ++this.rounds;
    const startedAt = this.now();
    await Promise.all(
      [...this.channels].map(([channel, adapter]) => this.probe(channel, adapter, `probe:${startedAt}:${round}`)),
    );
  }

  private async probe(channel: string, adapter: BankAdapter, roundId: string): Promise<void> {
    const started = this.now();
    let ok = true;
    try {
      await adapter.probe();
    } catch {
      ok = false;
    }
    const latencyMs = Math.max(0, this.now() - started);
    // Each probe is a trace of its own (ADR 009 §2): nothing outside the engine asked for it.
    const request: CommandRequest = {
      kind: "channel",
      actorId: channel,
      commandId: `${roundId}:${channel}`,
      type: "probe",
      payload: { ok, latencyMs },
      principal: "system:prober",
      trace: newTrace(),
    };
    const reply = await this.dispatch(request).catch((error: unknown) => ({
      ok: false as const,
      error: { code: "dispatch_failed", message: String(error) },
    }));
    if (!reply.ok)
      this.logger.warn("channel probe not recorded", {
        ...commandLogFields(request, channelKind),
        ok,
        code: reply.error.code,
        message: reply.error.message,
      });
  }
}
