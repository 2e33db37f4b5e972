import type { Channel__Output } from "../../protos/generated/liquidity/v1/Channel.js";
import type { MaintenanceWindow__Output } from "../../protos/generated/liquidity/v1/MaintenanceWindow.js";
import { orDash, record, table, time } from "../output.js";

function speedsText(channel: Channel__Output): string {
  return channel.speeds.map((speed) => `${speed.speed} fee ${speed.fee} until ${speed.cutoff}`).join("\n") || "-";
}

function windowsText(windows: readonly MaintenanceWindow__Output[]): string {
  return windows.map((window) => `${window.from} - ${window.to}`).join(", ") || "-";
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(absolute / 60)).padStart(2, "0")}:${String(absolute % 60).padStart(2, "0")}`;
}

/** Every configured channel: circuit, today's use of its limit, speeds with fees and cut-offs. */
export function channelsText(channels: readonly Channel__Output[]): string {
  const rows = channels.map((channel) => [
    channel.channel_id,
    channel.bank_code,
    channel.configured ? orDash(channel.currency) : "(not configured yet)",
    orDash(channel.breaker?.circuit),
    channel.usage ? `${channel.usage.used_today} / ${channel.usage.daily_limit}` : "-",
    orDash(channel.usage?.remaining),
    speedsText(channel),
    orDash(channel.alternative),
  ]);
  return table(
    ["channel", "bank", "currency", "circuit", "used today / limit", "remaining", "speeds", "alternative"],
    rows,
    ["left", "left", "left", "left", "right", "right"],
  );
}

/** One channel in full. */
export function channelText(channel: Channel__Output): string {
  const breaker = channel.breaker;
  const usage = channel.usage;
  const health = channel.health;
  const pairs: Array<readonly [string, string]> = [
    ["channel", channel.channel_id],
    ["bank", channel.bank_code],
    ["configured", channel.configured ? "yes" : "no (the engine has not sent it its configuration yet)"],
    ["currency", orDash(channel.currency)],
    ["bank time", offsetText(channel.utc_offset_minutes)],
    ["speeds", speedsText(channel)],
    ["daily maintenance", windowsText(channel.daily_maintenance)],
    ["maintenance windows", windowsText(channel.maintenance_windows)],
    ["alternative", orDash(channel.alternative)],
  ];
  if (breaker) {
    pairs.push([
      "circuit",
      `${breaker.circuit}, ${breaker.consecutive_failures} failures in a row${breaker.opened_at_ms !== "0" ? `, opened ${time(breaker.opened_at_ms)}` : ""}${breaker.half_open_at_ms !== "0" ? `, trial from ${time(breaker.half_open_at_ms)}` : ""}`,
    ]);
    pairs.push([
      "breaker settings",
      `opens after ${breaker.failure_threshold} failures for ${breaker.open_for_ms} ms; ${breaker.half_open_successes_needed} trial successes close it`,
    ]);
  }
  if (usage)
    pairs.push([
      "today",
      `${usage.day}: ${usage.used_today} of ${usage.daily_limit} used, ${usage.remaining} left, ${usage.debits} debits`,
    ]);
  if (health) {
    pairs.push([
      "recent calls",
      `${health.observed} observed: ${health.succeeded} succeeded, ${health.rejected} rejected, ${health.unknown} unknown, ${health.transport_failures} transport failures; mean ${health.mean_latency_ms} ms; last ${time(health.last_observed_at_ms)}`,
    ]);
    pairs.push(["probes", `${health.probes_ok} ok, ${health.probes_failed} failed`]);
  }
  return record(pairs);
}
