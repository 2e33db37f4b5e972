import { expect } from "chai";
import { Registry } from "prom-client";
import type { AlertPublisher } from "../../adapters/nats/jetstream-alerts.js";
import { TransferMetrics } from "../../adapters/prometheus/transfer-metrics.js";
import { transferEventHandler } from "../../engine/transfer-observation.js";
import type { JsonObject } from "../../runtime/json.js";
import { silentLogger } from "../../runtime/logger.js";

const alertEvent: JsonObject = {
  type: "alertRaised",
  severity: "critical",
  code: "credit_failed_after_debit",
  message: "m",
  from: "BANKA:A1",
  to: "BANKB:B1",
  amount: "5.0000",
  currency: "CNY",
  status: "COMPENSATING",
  transferId: "t-1",
  at: 1,
};

/** A series' value, undefined when the registry has no such series (not the same as 0). */
async function sample(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  // A histogram's series (`_sum`, `_count`) are values of the base metric, told apart by metricName.
  const metric = (await registry.getMetricsAsJSON()).find(
    (candidate) => name === candidate.name || name.startsWith(`${candidate.name}_`),
  );
  const found = metric?.values.find(
    (value) =>
      ((value as { metricName?: string }).metricName ?? metric.name) === name &&
      Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return found?.value;
}

describe("transfer observation: alerts relayed from events, metrics from events (ADR 006 §5)", () => {
  it("relays an alertRaised with an id per event, and counts it once even when the relay failed and the event came again", async () => {
    const registry = new Registry();
    const published: Array<{ id: string; severity: string; alert: JsonObject }> = [];
    let failNext = true;
    const alerts: AlertPublisher = {
      publish(id, severity, alert) {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error("stream unavailable"));
        }
        published.push({ id, severity, alert });
        return Promise.resolve();
      },
    };
    const handle = transferEventHandler(new TransferMetrics(registry), alerts, silentLogger);
    const observed = { kind: "transfer", actorId: "t-1", eventSeq: 7, event: alertEvent };
    let failure: unknown;
    await handle(observed).catch((error: unknown) => (failure = error));
    expect(failure, "a failed relay fails the handling, so the consumer redelivers").to.be.instanceOf(Error);
    expect(await sample(registry, "liq_alerts_total"), "not counted: no series yet").to.equal(undefined);
    await handle(observed);
    expect(published).to.have.length(1);
    expect(published[0]).to.deep.include({ id: "transfer:t-1:7", severity: "critical" });
    expect(published[0]!.alert).to.deep.include({
      alertId: "transfer:t-1:7",
      code: "credit_failed_after_debit",
      transferId: "t-1",
      amount: "5.0000",
    });
    expect(published[0]!.alert).to.not.have.property("type");
    expect(
      await sample(registry, "liq_alerts_total", { severity: "critical", code: "credit_failed_after_debit" }),
    ).to.equal(1);
  });

  it("counts transitions, resends, compensations and durations from the events alone", async () => {
    const registry = new Registry();
    const metrics = new TransferMetrics(registry);
    metrics.observeTransfer({
      type: "bankCalled",
      step: "debit",
      call: "send",
      attempt: 1,
      status: "DEBIT_PENDING",
      previousStatus: "CREATED",
    });
    metrics.observeTransfer({ type: "bankCalled", step: "debit", call: "send", attempt: 2, status: "DEBIT_PENDING" });
    metrics.observeTransfer({
      type: "bankCalled",
      step: "debit",
      call: "query",
      attempt: 1,
      status: "UNKNOWN",
      previousStatus: "DEBIT_PENDING",
    });
    metrics.observeTransfer({
      type: "stepFailed",
      step: "credit",
      code: "bank_rejected",
      reason: "r",
      stepMs: 2_500,
      status: "COMPENSATING",
      previousStatus: "CREDIT_PENDING",
    });
    metrics.observeTransfer({
      type: "stepSucceeded",
      step: "reversal",
      bankReference: "x",
      stepMs: 400,
      status: "COMPENSATED",
      previousStatus: "COMPENSATING",
      ageMs: 9_000,
    });
    expect(await sample(registry, "liq_transfer_bank_calls_total", { step: "debit", call: "send" })).to.equal(2);
    expect(await sample(registry, "liq_transfer_resends_total", { step: "debit" })).to.equal(1);
    expect(await sample(registry, "liq_transfer_compensations_total")).to.equal(1);
    expect(
      await sample(registry, "liq_transfer_transitions_total", { from: "CREDIT_PENDING", to: "COMPENSATING" }),
    ).to.equal(1);
    expect(
      await sample(registry, "liq_transfer_step_duration_seconds_sum", { step: "credit", outcome: "failed" }),
    ).to.equal(2.5);
    expect(await sample(registry, "liq_transfer_duration_seconds_sum", { status: "COMPENSATED" })).to.equal(9);
  });

  it("sets the circuit gauges from any channel event's health, and counts call outcomes only for fresh events", async () => {
    const registry = new Registry();
    const metrics = new TransferMetrics(registry);
    const reported = {
      type: "callReported",
      step: "debit",
      outcome: "unknown",
      latencyMs: 120,
      health: { circuit: "open", consecutiveFailures: 3, openedAt: 5 },
    };
    metrics.observeChannel("BANKA-direct", reported, false);
    expect(await sample(registry, "liq_channel_circuit_state", { channel: "BANKA-direct", state: "open" })).to.equal(1);
    expect(await sample(registry, "liq_channel_circuit_state", { channel: "BANKA-direct", state: "closed" })).to.equal(
      0,
    );
    expect(await sample(registry, "liq_channel_calls_total"), "a replayed event is not counted: no series").to.equal(
      undefined,
    );
    expect(await sample(registry, "liq_channel_consecutive_failures", { channel: "BANKA-direct" })).to.equal(3);
    metrics.observeChannel(
      "BANKA-direct",
      { ...reported, health: { circuit: "closed", consecutiveFailures: 0, openedAt: null } },
      true,
    );
    expect(await sample(registry, "liq_channel_circuit_state", { channel: "BANKA-direct", state: "closed" })).to.equal(
      1,
    );
    expect(
      await sample(registry, "liq_channel_calls_total", { channel: "BANKA-direct", step: "debit", outcome: "unknown" }),
    ).to.equal(1);
    expect(await sample(registry, "liq_channel_consecutive_failures", { channel: "BANKA-direct" })).to.equal(0);
  });
});
