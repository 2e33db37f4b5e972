import type { JsonObject } from "../../runtime/json.js";
import type { CallOutcome, CallStep } from "./commands.js";
import type { Circuit } from "./state.js";

/** The channel's health after the event, on every event, so that a consumer can show it without state. */
export interface HealthJson extends JsonObject {
  circuit: Circuit;
  consecutiveFailures: number;
  /** When the circuit last opened (epoch ms), null while closed. */
  openedAt: number | null;
}

type WithHealth<T> = T & { health: HealthJson };

/** Amounts are decimal strings with 4 places; times are epoch milliseconds; `day` is the bank's local day. */
export type ChannelEvent = WithHealth<
  | { type: "channelConfigured"; config: JsonObject }
  | { type: "limitReserved"; transferId: string; amount: string; day: string; usedToday: string; dailyLimit: string }
  | { type: "limitReleased"; transferId: string; amount: string; day: string; usedToday: string; reason: string }
  /** An acquisition while half-open: a trial call that counts against `halfOpenCallsMax` until reported. */
  | { type: "trialCallStarted"; transferId: string; step: CallStep; acquiredAt: number }
  /** `trial`: the call was a half-open trial, so its outcome decides the circuit. */
  | {
      type: "callReported";
      transferId: string;
      step: CallStep;
      outcome: CallOutcome;
      latencyMs: number;
      at: number;
      trial: boolean;
    }
  | { type: "probeRecorded"; ok: boolean; latencyMs: number; at: number }
  | { type: "circuitOpened"; openedAt: number; halfOpenAt: number; reason: string }
  | { type: "circuitHalfOpened"; at: number }
  | { type: "circuitClosed"; at: number }
>;

export type ChannelEventType = ChannelEvent["type"];

/** An event without its health: what `decide` builds and what `evolve` needs. */
export type ChannelChange = ChannelEvent extends infer E ? (E extends ChannelEvent ? Omit<E, "health"> : never) : never;
