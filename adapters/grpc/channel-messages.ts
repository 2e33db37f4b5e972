import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import type { Channel } from "../../protos/generated/liquidity/v1/Channel.js";
import type { ChannelSpeed } from "../../protos/generated/liquidity/v1/ChannelSpeed.js";
import type { MaintenanceWindow } from "../../protos/generated/liquidity/v1/MaintenanceWindow.js";

/** A channel actor's view (actors/channel/view.ts, its `get` reply) as a Channel message. Amounts stay strings. */

const text = (value: Json | undefined): string => (typeof value === "string" ? value : "");
const count = (value: Json | undefined): number => (typeof value === "number" ? value : 0);
const millis = (value: Json | undefined): string => String(typeof value === "number" ? value : 0);
const object = (value: Json | undefined): JsonObject => (isJsonObject(value) ? value : {});
const windows = (value: Json | undefined): MaintenanceWindow[] =>
  (Array.isArray(value) ? value : []).filter(isJsonObject).map((window) => ({ from: text(window["from"]), to: text(window["to"]) }));

export function channelOf(channelId: string, bankCode: string, view: JsonObject): Channel {
  const config = object(view["config"]);
  const breaker = object(view["breaker"]);
  const breakerSettings = object(config["breaker"]);
  const usage = isJsonObject(view["usage"]) ? view["usage"] : null;
  const health = object(view["health"]);
  const speeds: ChannelSpeed[] = Object.entries(object(config["speeds"])).map(([speed, terms]) => ({
    speed,
    fee: text(object(terms)["fee"]),
    cutoff: text(object(terms)["cutoff"]),
  }));
  return {
    channel_id: channelId,
    bank_code: bankCode,
    configured: view["configured"] === true,
    currency: text(config["currency"]),
    speeds,
    utc_offset_minutes: count(config["utcOffsetMinutes"]),
    maintenance_windows: windows(config["maintenanceWindows"]),
    daily_maintenance: windows(config["dailyMaintenance"]),
    alternative: text(config["alternative"]),
    breaker: {
      circuit: text(breaker["circuit"]),
      consecutive_failures: count(breaker["consecutiveFailures"]),
      opened_at_ms: millis(breaker["openedAt"]),
      half_open_at_ms: millis(breaker["halfOpenAt"]),
      failure_threshold: count(breakerSettings["failureThreshold"]),
      open_for_ms: millis(breakerSettings["openForMs"]),
      half_open_successes_needed: count(breakerSettings["halfOpenSuccesses"]),
    },
    usage: usage && {
      day: text(usage["day"]),
      used_today: text(usage["usedToday"]),
      daily_limit: text(usage["dailyLimit"]),
      remaining: text(usage["remaining"]),
      debits: count(usage["debits"]),
    },
    health: {
      observed: count(health["observed"]),
      succeeded: count(health["succeeded"]),
      rejected: count(health["rejected"]),
      unknown: count(health["unknown"]),
      transport_failures: count(health["transport_failure"]),
      probes_ok: count(health["probe_ok"]),
      probes_failed: count(health["probe_failed"]),
      mean_latency_ms: count(health["meanLatencyMs"]),
      last_observed_at_ms: millis(health["lastObservedAt"]),
    },
  };
}
