import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { circuits } from "../../actors/channel/state.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";

/** Bank calls, steps and whole transfers run from tens of milliseconds to hours (an async credit, a closed channel). */
const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3_600, 14_400];

const text = (value: unknown, fallback = "unknown"): string =>
  typeof value === "string" && value !== "" ? value : fallback;
const seconds = (ms: unknown): number | undefined =>
  typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? ms / 1_000 : undefined;

/**
 * Transfer and channel metrics derived from their published events (ADR 006 §5): the events say everything needed
 * (status before and after, step latency, age at the end, attempt numbers, the channel's health), so the observer
 * keeps no state and a restart loses nothing but the counters' history, as for any Prometheus counter.
 */
export class TransferMetrics {
  private readonly transitions: Counter<"from" | "to">;
  private readonly transferDuration: Histogram<"status">;
  private readonly stepDuration: Histogram<"step" | "outcome">;
  private readonly bankCalls: Counter<"step" | "call">;
  private readonly resends: Counter<"step">;
  private readonly taskRetries: Counter<"task">;
  private readonly channelRefusals: Counter<"channel" | "code">;
  private readonly feesQuoted: Counter<"channel" | "step">;
  private readonly compensations: Counter;
  private readonly manualInterventions: Counter<"step">;
  private readonly alerts: Counter<"severity" | "code">;
  private readonly circuit: Gauge<"channel" | "state">;
  private readonly consecutiveFailures: Gauge<"channel">;
  private readonly channelCalls: Counter<"channel" | "step" | "outcome">;
  private readonly channelCallDuration: Histogram<"channel" | "step">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.transitions = new Counter({
      name: "liq_transfer_transitions_total",
      help: "Transfer status changes, by status before and after",
      labelNames: ["from", "to"],
      registers,
    });
    this.transferDuration = new Histogram({
      name: "liq_transfer_duration_seconds",
      help: "Time from a transfer's creation to its end (a terminal status or MANUAL_INTERVENTION)",
      labelNames: ["status"],
      buckets: durationBuckets,
      registers,
    });
    this.stepDuration = new Histogram({
      name: "liq_transfer_step_duration_seconds",
      help: "Time a saga step (debit, credit, reversal) took from its start to the bank's final answer",
      labelNames: ["step", "outcome"],
      buckets: durationBuckets,
      registers,
    });
    this.bankCalls = new Counter({
      name: "liq_transfer_bank_calls_total",
      help: "Bank calls decided by transfers, by step and call (send, query)",
      labelNames: ["step", "call"],
      registers,
    });
    this.resends = new Counter({
      name: "liq_transfer_resends_total",
      help: "Sends of a step after the first (the bank had not found the serial)",
      labelNames: ["step"],
      registers,
    });
    this.taskRetries = new Counter({
      name: "liq_transfer_position_task_retries_total",
      help: "Redeliveries of a position task (a command to an account)",
      labelNames: ["task"],
      registers,
    });
    this.feesQuoted = new Counter({
      name: "liq_channel_fees_quoted_total",
      help: "Fees quoted by channels for the steps they allowed, in each channel's currency (a float sum, for dashboards; the exact fee is on the transfer)",
      labelNames: ["channel", "step"],
      registers,
    });
    this.channelRefusals = new Counter({
      name: "liq_transfer_channel_refusals_total",
      help: "Times a channel refused a transfer's step, by channel and reason",
      labelNames: ["channel", "code"],
      registers,
    });
    this.compensations = new Counter({
      name: "liq_transfer_compensations_total",
      help: "Credits that failed after their debit succeeded, so the debit is being reversed",
      registers,
    });
    this.manualInterventions = new Counter({
      name: "liq_transfer_manual_interventions_total",
      help: "Transfers that stopped for an operator, by the step they stopped in",
      labelNames: ["step"],
      registers,
    });
    this.alerts = new Counter({
      name: "liq_alerts_total",
      help: "Alerts raised by transfers, by severity and code",
      labelNames: ["severity", "code"],
      registers,
    });
    this.circuit = new Gauge({
      name: "liq_channel_circuit_state",
      help: "1 for a channel's current circuit state (closed, open, half_open), 0 for the others",
      labelNames: ["channel", "state"],
      registers,
    });
    this.consecutiveFailures = new Gauge({
      name: "liq_channel_consecutive_failures",
      help: "A channel's failed or unknown calls since its last success",
      labelNames: ["channel"],
      registers,
    });
    this.channelCalls = new Counter({
      name: "liq_channel_calls_total",
      help: "Bank call outcomes reported to a channel",
      labelNames: ["channel", "step", "outcome"],
      registers,
    });
    this.channelCallDuration = new Histogram({
      name: "liq_channel_call_duration_seconds",
      help: "Bank call latency reported to a channel",
      labelNames: ["channel", "step"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  /** One transfer event as published (the event body of the bus message). */
  observeTransfer(event: JsonObject): void {
    const status = text(event["status"]);
    if (typeof event["previousStatus"] === "string")
      this.transitions.inc({ from: event["previousStatus"], to: status });
    const age = seconds(event["ageMs"]);
    if (age !== undefined) this.transferDuration.observe({ status }, age);
    switch (text(event["type"])) {
      case "stepSucceeded":
      case "stepFailed": {
        const step = text(event["step"]);
        const took = seconds(event["stepMs"]);
        if (took !== undefined)
          this.stepDuration.observe(
            { step, outcome: event["type"] === "stepSucceeded" ? "succeeded" : "failed" },
            took,
          );
        if (event["type"] === "stepFailed" && step === "credit") this.compensations.inc();
        return;
      }
      case "bankCalled": {
        const step = text(event["step"]);
        const call = text(event["call"]);
        this.bankCalls.inc({ step, call });
        if (call === "send" && typeof event["attempt"] === "number" && event["attempt"] > 1) this.resends.inc({ step });
        return;
      }
      case "positionTaskIssued":
        if (typeof event["attempt"] === "number" && event["attempt"] > 1)
          this.taskRetries.inc({ task: text(event["taskId"]) });
        return;
      case "channelAllowed": {
        const fee = Number(event["fee"]);
        if (Number.isFinite(fee) && fee >= 0)
          this.feesQuoted.inc({ channel: text(event["channel"]), step: text(event["step"]) }, fee);
        return;
      }
      case "channelRefused":
        this.channelRefusals.inc({ channel: text(event["channel"]), code: text(event["code"]) });
        return;
      case "manualInterventionRequired":
        this.manualInterventions.inc({ step: text(event["step"], "none") });
        return;
      case "alertRaised":
        this.alerts.inc({ severity: text(event["severity"]), code: text(event["code"]) });
        return;
      default:
        return;
    }
  }

  /**
   * One channel event: its health sets the gauges; `fresh` is false for events replayed to learn the current state
   * at start, which must not be counted again.
   */
  observeChannel(channel: string, event: JsonObject, fresh: boolean): void {
    const health = event["health"];
    if (isJsonObject(health)) {
      const current = health["circuit"];
      for (const state of circuits) this.circuit.set({ channel, state }, state === current ? 1 : 0);
      const failures = health["consecutiveFailures"];
      if (typeof failures === "number") this.consecutiveFailures.set({ channel }, failures);
    }
    if (!fresh || event["type"] !== "callReported") return;
    const step = text(event["step"]);
    this.channelCalls.inc({ channel, step, outcome: text(event["outcome"]) });
    const took = seconds(event["latencyMs"]);
    if (took !== undefined) this.channelCallDuration.observe({ channel, step }, took);
  }
}
