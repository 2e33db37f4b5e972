import { channelKind, type ChannelState } from "../../actors/channel/index.js";
import { decodeChannelView, type ChannelView } from "../../actors/channel/view.js";
import { isRejection } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";

/** A configuration for `configure`, the fields a route cares about; the rest keep the channel's defaults. */
export interface ChannelSetup {
  readonly bankCode: string;
  readonly currency?: string;
  readonly speeds?: Json;
  readonly utcOffsetMinutes?: number;
  readonly dailyLimit?: string;
  readonly maintenanceWindows?: Json;
  readonly dailyMaintenance?: Json;
  readonly breaker?: Json;
}

/**
 * One channel actor driven through its own parser, decider and evolve, the engine's principal sending: what a
 * route chooser reads (`view`) and what a transfer would be answered (`allows`), at any instant.
 */
export class ChannelInMemory {
  private state: ChannelState;
  private commands = 0;

  constructor(readonly channelId: string) {
    this.state = channelKind.initialState(channelId);
  }

  static configured(channelId: string, setup: ChannelSetup, now: number): ChannelInMemory {
    const channel = new ChannelInMemory(channelId);
    channel.must(
      "configure",
      {
        currency: "EUR",
        speeds: { normal: { fee: "1.00", cutoff: "17:00" } },
        utcOffsetMinutes: 0,
        dailyLimit: "1000000",
        ...setup,
      } as Json,
      now,
    );
    return channel;
  }

  /** Sends a command; true when accepted (its events are applied), false when refused. */
  send(type: string, payload: Json, now: number): boolean {
    const parsed = channelKind.parseCommand(type, payload);
    if (!parsed.ok) throw new Error(`${type} does not parse: ${parsed.message}`);
    this.commands++;
    const result = channelKind.decide(this.state, parsed.command, {
      actorId: this.channelId,
      commandId: `c${this.commands}`,
      principal: "system:test",
      now,
    });
    if (isRejection(result)) return false;
    for (const event of result.events) this.state = channelKind.evolve(this.state, event);
    return true;
  }

  must(type: string, payload: Json, now: number): void {
    if (!this.send(type, payload, now)) throw new Error(`${type} was refused`);
  }

  /** Takes `amount` of today's daily limit, as a transfer's debit acquire does. */
  useLimit(amount: string, now: number, currency = "EUR"): void {
    this.must(
      "acquire",
      { transferId: `use-${this.commands}`, step: "debit", amount, currency, speed: this.anySpeed() },
      now,
    );
  }

  /** `failureThreshold` failed calls at `now`: the circuit opens. */
  openCircuit(now: number, failures = 5): void {
    for (let index = 0; index < failures; index++)
      this.must(
        "report",
        { transferId: `fail-${index}`, step: "debit", outcome: "transport_failure", latencyMs: 1 },
        now,
      );
  }

  /** What `get` answers at `now`, decoded as the API decodes it. */
  view(now: number): ChannelView {
    const result = channelKind.decide(
      this.state,
      { type: "get" },
      {
        actorId: this.channelId,
        commandId: "get",
        principal: "system:test",
        now,
      },
    );
    if (isRejection(result)) throw new Error("get was refused");
    return decodeChannelView(result.reply, `the view of ${this.channelId}`);
  }

  /** Whether the channel would allow a new transfer's `step` at `now` (the state is left as it was). */
  allows(step: "debit" | "credit", amount: string, currency: string, speed: string, now: number): boolean {
    const parsed = channelKind.parseCommand("acquire", { transferId: "probe-route", step, amount, currency, speed });
    if (!parsed.ok) throw new Error(parsed.message);
    const result = channelKind.decide(this.state, parsed.command, {
      actorId: this.channelId,
      commandId: "probe",
      principal: "system:test",
      now,
    });
    return !isRejection(result);
  }

  private anySpeed(): string {
    return Object.keys(this.state.config?.speeds ?? { normal: null })[0]!;
  }
}
