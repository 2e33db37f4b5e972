import type { ChannelConfigJson } from "../../actors/channel/config.js";
import type { ChannelView } from "../../actors/channel/view.js";
import type { Channel } from "../../protos/generated/liquidity/v1/Channel.js";
import type { ChannelSpeed } from "../../protos/generated/liquidity/v1/ChannelSpeed.js";
import type { MaintenanceWindow } from "../../protos/generated/liquidity/v1/MaintenanceWindow.js";

/** A channel actor's view (actors/channel/view.ts, its `get` reply) as a Channel message. Amounts stay strings. */

const millis = (value: number | null | undefined): string => String(value ?? 0);
const windows = (list: ChannelConfigJson["maintenanceWindows"] | undefined): MaintenanceWindow[] =>
  (list ?? []).map(({ from, to }) => ({ from, to }));

/** An unconfigured channel shows its configuration's fields empty (proto3 defaults). */
export function channelOf(channelId: string, bankCode: string, view: ChannelView): Channel {
  const { config, breaker, usage, health } = view;
  const speeds: ChannelSpeed[] = Object.entries(config?.speeds ?? {}).map(([speed, terms]) => ({
    speed,
    fee: terms.fee,
    cutoff: terms.cutoff,
  }));
  return {
    channel_id: channelId,
    bank_code: bankCode,
    configured: view.configured,
    currency: config?.currency ?? "",
    speeds,
    utc_offset_minutes: config?.utcOffsetMinutes ?? 0,
    maintenance_windows: windows(config?.maintenanceWindows),
    daily_maintenance: windows(config?.dailyMaintenance),
    alternative: config?.alternative ?? "",
    breaker: {
      circuit: breaker.circuit,
      consecutive_failures: breaker.consecutiveFailures,
      opened_at_ms: millis(breaker.openedAt),
      half_open_at_ms: millis(breaker.halfOpenAt),
      failure_threshold: config?.breaker.failureThreshold ?? 0,
      open_for_ms: millis(config?.breaker.openForMs),
      half_open_successes_needed: config?.breaker.halfOpenSuccesses ?? 0,
    },
    usage: usage && {
      day: usage.day,
      used_today: usage.usedToday,
      daily_limit: usage.dailyLimit,
      remaining: usage.remaining,
      debits: usage.debits,
    },
    health: {
      observed: health.observed,
      succeeded: health.succeeded,
      rejected: health.rejected,
      unknown: health.unknown,
      transport_failures: health.transport_failure,
      probes_ok: health.probe_ok,
      probes_failed: health.probe_failed,
      mean_latency_ms: health.meanLatencyMs ?? 0,
      last_observed_at_ms: millis(health.lastObservedAt),
    },
  };
}
