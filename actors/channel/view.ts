import type { Json } from "../../runtime/json.js";
import { formatAmount } from "../shared/amount.js";
import { JsonReader } from "../shared/json-reader.js";
import { halfOpenAtOf } from "./breaker.js";
import { configToJson, speeds, type ChannelConfigJson, type Speed } from "./config.js";
import {
  circuits,
  limitDayOf,
  observationsKept,
  usageOn,
  type ChannelState,
  type Circuit,
  type Observation,
} from "./state.js";

/** The circuit breaker as of the view's time (an open circuit whose time is up reads as half-open). */
export type ChannelBreakerView = {
  readonly circuit: Circuit;
  readonly consecutiveFailures: number;
  readonly openedAt: number | null;
  /** Set while the circuit is open. */
  readonly halfOpenAt: number | null;
  readonly halfOpenSuccesses: number;
  /** Call keys of the half-open trials not yet reported. */
  readonly trialCalls: string[];
};

/** Today's debits against the daily limit; amounts are decimal strings. */
export type ChannelUsageView = {
  readonly day: string;
  readonly usedToday: string;
  readonly dailyLimit: string;
  readonly remaining: string;
  readonly debits: number;
};

/** The last `window` observations: how many of each kind, their mean latency and when the last one was. */
export type ChannelHealthView = { readonly window: number; readonly observed: number } & {
  readonly [K in Observation["kind"]]: number;
} & {
  readonly meanLatencyMs: number | null;
  readonly lastObservedAt: number | null;
};

/** What `get` answers (describeChannel): configuration and usage once configured, the breaker and health always. */
export type ChannelView =
  | {
      readonly configured: false;
      readonly config: null;
      readonly breaker: ChannelBreakerView;
      readonly usage: null;
      readonly health: ChannelHealthView;
    }
  | {
      readonly configured: true;
      readonly config: ChannelConfigJson;
      readonly breaker: ChannelBreakerView;
      readonly usage: ChannelUsageView;
      readonly health: ChannelHealthView;
    };

/** What `acquire` answers when it allows the call (a refusal is a rejection, rejections.ts). */
export type AcquireGrant = {
  readonly allowed: true;
  readonly speed: Speed;
  readonly fee: string;
  readonly bankCode: string;
  readonly circuit: Circuit;
};

/** What `report`, `probe` and `reopenCheck` answer: the circuit after them. */
export type ChannelHealthReply = { readonly circuit: Circuit; readonly consecutiveFailures: number };

/** What `configure` answers: the configuration as it now applies. */
export type ConfigureReply = { readonly configured: ChannelConfigJson };

/** The full view for `get`, as of `now`: an open circuit whose time is up reads as half-open, a past day as empty. */
export function describeChannel(state: ChannelState, now: number): ChannelView {
  const { config, breaker } = state;
  const halfOpenAt = config && breaker.openedAt !== undefined ? halfOpenAtOf(breaker.openedAt, config) : undefined;
  const circuit =
    breaker.circuit === "open" && halfOpenAt !== undefined && now >= halfOpenAt ? "half_open" : breaker.circuit;
  const breakerView = {
    circuit,
    consecutiveFailures: breaker.consecutiveFailures,
    openedAt: breaker.openedAt ?? null,
    halfOpenAt: breaker.circuit === "open" ? (halfOpenAt ?? null) : null,
    halfOpenSuccesses: breaker.halfOpenSuccesses,
    trialCalls: [...breaker.trials.keys()],
  };
  if (!config)
    return { configured: false, config: null, breaker: breakerView, usage: null, health: healthSummary(state.recent) };
  const usage = usageOn(state, limitDayOf(state, config.utcOffsetMinutes, now));
  return {
    configured: true,
    config: configToJson(config),
    breaker: breakerView,
    usage: {
      day: usage.day,
      usedToday: formatAmount(usage.used),
      dailyLimit: formatAmount(config.dailyLimit),
      remaining: formatAmount(config.dailyLimit.minus(usage.used)),
      debits: usage.debits.size,
    },
    health: healthSummary(state.recent),
  };
}

/** Counts of the last observations by kind, their mean latency and the time of the last one. */
function healthSummary(recent: readonly Observation[]): ChannelHealthView {
  const counts: Record<Observation["kind"], number> = {
    succeeded: 0,
    rejected: 0,
    unknown: 0,
    transport_failure: 0,
    probe_ok: 0,
    probe_failed: 0,
  };
  let latencyTotal = 0;
  for (const observation of recent) {
    counts[observation.kind]++;
    latencyTotal += observation.latencyMs;
  }
  return {
    window: observationsKept,
    observed: recent.length,
    ...counts,
    meanLatencyMs: recent.length === 0 ? null : Math.round(latencyTotal / recent.length),
    lastObservedAt: recent.at(-1)?.at ?? null,
  };
}

/** A channel's `get` reply as it comes back from the runtime; `source` names it for the error ("the reply of ..."). */
export function decodeChannelView(reply: Json, source: string): ChannelView {
  const r = JsonReader.of(source, reply);
  const breaker = r.object("breaker");
  const breakerView: ChannelBreakerView = {
    circuit: breaker.oneOf("circuit", circuits),
    consecutiveFailures: breaker.integer("consecutiveFailures"),
    openedAt: breaker.integerOrNull("openedAt"),
    halfOpenAt: breaker.integerOrNull("halfOpenAt"),
    halfOpenSuccesses: breaker.integer("halfOpenSuccesses"),
    trialCalls: breaker.texts("trialCalls"),
  };
  const health = decodeHealth(r.object("health"));
  if (!r.boolean("configured")) {
    if (!r.isNull("config")) r.fail("config", "null while the channel is not configured");
    if (!r.isNull("usage")) r.fail("usage", "null while the channel is not configured");
    return { configured: false, config: null, breaker: breakerView, usage: null, health };
  }
  const config = decodeConfigJson(r.object("config"));
  const usage = r.object("usage");
  return {
    configured: true,
    config,
    breaker: breakerView,
    usage: {
      day: usage.text("day"),
      usedToday: usage.text("usedToday"),
      dailyLimit: usage.text("dailyLimit"),
      remaining: usage.text("remaining"),
      debits: usage.integer("debits"),
    },
    health,
  };
}

/** A channel's answer to an `acquire` it allowed. */
export function decodeAcquireGrant(reply: Json, source: string): AcquireGrant {
  const r = JsonReader.of(source, reply);
  if (!r.boolean("allowed")) r.fail("allowed", "true (a refusal is an error reply)");
  return {
    allowed: true,
    speed: r.oneOf("speed", speeds),
    fee: r.text("fee"),
    bankCode: r.text("bankCode"),
    circuit: r.oneOf("circuit", circuits),
  };
}

function decodeHealth(r: JsonReader): ChannelHealthView {
  return {
    window: r.integer("window"),
    observed: r.integer("observed"),
    succeeded: r.integer("succeeded"),
    rejected: r.integer("rejected"),
    unknown: r.integer("unknown"),
    transport_failure: r.integer("transport_failure"),
    probe_ok: r.integer("probe_ok"),
    probe_failed: r.integer("probe_failed"),
    meanLatencyMs: r.integerOrNull("meanLatencyMs"),
    lastObservedAt: r.integerOrNull("lastObservedAt"),
  };
}

function decodeConfigJson(r: JsonReader): ChannelConfigJson {
  const speedTerms = r.object("speeds");
  const breaker = r.object("breaker");
  const window = (w: JsonReader) => ({ from: w.text("from"), to: w.text("to") });
  return {
    bankCode: r.text("bankCode"),
    currency: r.text("currency"),
    speeds: Object.fromEntries(
      speedTerms.keys().map((key) => {
        const speed =
          speeds.find((name) => name === key) ?? speedTerms.fail(key, `absent: speeds are ${speeds.join(", ")}`);
        const terms = speedTerms.object(speed);
        return [speed, { fee: terms.text("fee"), cutoff: terms.text("cutoff") }];
      }),
    ),
    utcOffsetMinutes: r.integer("utcOffsetMinutes"),
    dailyLimit: r.text("dailyLimit"),
    maintenanceWindows: r.objects("maintenanceWindows").map(window),
    dailyMaintenance: r.objects("dailyMaintenance").map(window),
    alternative: r.textOrNull("alternative"),
    breaker: {
      failureThreshold: breaker.integer("failureThreshold"),
      openForMs: breaker.integer("openForMs"),
      halfOpenSuccesses: breaker.integer("halfOpenSuccesses"),
      halfOpenCallsMax: breaker.integer("halfOpenCallsMax"),
    },
  };
}
