import { expect } from "chai";
import { Decimal } from "decimal.js";
import { funding, TransferWorld } from "../support/transfer-world.js";
import { alertsStreamNameFor } from "../../adapters/nats/jetstream-alerts.js";
import { readStoredMessages } from "../support/jetstream.js";
import { fetchMetrics, sampleOf as sample } from "../support/metrics.js";
import { eventually } from "../support/tally.js";

const terminal = ["SUCCESS", "FAILED", "CANCELLED", "COMPENSATED", "CLOSED"];

describe("transfers over real NATS, a MongoDB-wire server and the bank simulator process (ADR 006)", function () {
  this.timeout(180_000);
  let world: TransferWorld;
  before(async () => {
    world = await TransferWorld.start();
  });
  after(async () => {
    await world?.stop();
  });

  /** Money conserved at the banks, at most one money movement per transaction, and our positions equal to the banks'. */
  async function expectBooksAgree(): Promise<void> {
    const totals = await world.simulator.totals();
    expect(totals.currencies["CNY"]?.total, "money at the banks plus in flight").to.equal(
      totals.currencies["CNY"]?.funded,
    );
    const transactions = await world.simulator.transactions();
    for (const transaction of transactions)
      expect(transaction.moneyMoves, `${transaction.type} ${transaction.serial}`).to.be.at.most(1);
    const debits = transactions.filter(
      (transaction) => transaction.type === "debit" && transaction.status === "succeeded",
    );
    expect(new Set(debits.map((debit) => debit.serial)).size).to.equal(debits.length);
    const [a1, b1] = [await world.simulator.account("BANKA", "A1"), await world.simulator.account("BANKB", "B1")];
    const [positionA, positionB] = [await world.position("BANKA:A1"), await world.position("BANKB:B1")];
    expect(positionA, "A1: engine ledger equals the bank's, nothing left in transit").to.deep.include({
      ledger: new Decimal(a1.balance).toFixed(4),
      inTransitDebit: "0.0000",
      inTransitCredit: "0.0000",
    });
    expect(positionB, "B1: engine ledger equals the bank's, nothing left in transit").to.deep.include({
      ledger: new Decimal(b1.balance).toFixed(4),
      inTransitDebit: "0.0000",
      inTransitCredit: "0.0000",
    });
    expect(new Decimal(a1.balance).plus(b1.balance).plus(totals.currencies["CNY"]!.inFlight).toFixed(4)).to.equal(
      new Decimal(funding).toFixed(4),
    );
  }

  /** The engine's /metrics text. */
  async function metricsText(): Promise<string> {
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    return fetchMetrics(ready["adminPort"] as number);
  }

  it("moves money from bank A to bank B and both positions with it", async () => {
    await world.expectOk(world.createTransfer("ok-1", "1250.75"));
    const transfer = await world.settled("ok-1", ["SUCCESS"]);
    expect(transfer["bankReferences"]).to.have.keys("debit", "credit");
    const timeline = (await world.transfer("ok-1"))["timeline"] as Array<{ status: string }>;
    expect([...new Set(timeline.map((item) => item.status))]).to.deep.equal([
      "CREATED",
      "DEBIT_PENDING",
      "DEBIT_SUCCESS",
      "CREDIT_PENDING",
      "SUCCESS",
    ]);
    expect((await world.simulator.account("BANKB", "B1")).balance).to.match(/^1250\.75/);
    await expectBooksAgree();
  });

  it("resolves a debit that timed out but succeeded by a status query: one debit at the bank", async () => {
    await world.simulator.setFaults("BANKA", {
      script: [{ op: "debit", serialPrefix: "timeout-1.", fault: "timeoutAfterSuccess", times: 1 }],
    });
    await world.expectOk(world.createTransfer("timeout-1", "10.00"));
    const transfer = await world.settled("timeout-1", ["SUCCESS"]);
    const timeline = (await world.transfer("timeout-1"))["timeline"] as Array<{
      status: string;
      event: string;
      note: string;
    }>;
    expect(timeline.map((item) => item.status)).to.include("UNKNOWN");
    expect(
      timeline.filter((item) => item.event === "bankCalled" && item.note.startsWith("send timeout-1.debit")),
    ).to.have.length(1);
    expect(transfer["status"]).to.equal("SUCCESS");
    await expectBooksAgree();
  });

  it("compensates a credit the target bank refuses: reversal at bank A, money and position back", async () => {
    await world.simulator.block("BANKB", "B1", true);
    try {
      await world.expectOk(world.createTransfer("comp-1", "300.00"));
      const transfer = await world.settled("comp-1", ["COMPENSATED"]);
      expect(transfer["bankReferences"]).to.have.keys("debit", "reversal");
    } finally {
      await world.simulator.block("BANKB", "B1", false);
    }
    await expectBooksAgree();
    // The highest-severity alert, relayed from the durable event to the alerts stream with the transfer's context.
    const prefix = world.env["LIQ_SUBJECT_PREFIX"]!;
    let alerts: Array<Record<string, unknown>> = [];
    await eventually(
      "the credit-failure alert is in the alerts stream",
      async () => {
        alerts = (await readStoredMessages(world.nc, alertsStreamNameFor(prefix), `${prefix}.alerts.critical`)).map(
          (stored) => JSON.parse(stored.body) as Record<string, unknown>,
        );
        return alerts.some((alert) => alert["transferId"] === "comp-1");
      },
      15_000,
      100,
    );
    expect(alerts.filter((alert) => alert["transferId"] === "comp-1")).to.have.length(1);
    expect(alerts.find((alert) => alert["transferId"] === "comp-1")).to.deep.include({
      code: "credit_failed_after_debit",
      severity: "critical",
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "300.0000",
      currency: "CNY",
    });
    const text = await metricsText();
    expect(sample(text, "liq_transfer_compensations_total")).to.be.at.least(1);
    expect(sample(text, 'liq_alerts_total{severity="critical",code="credit_failed_after_debit"}')).to.be.at.least(1);
    expect(sample(text, 'liq_transfer_transitions_total{from="COMPENSATING",to="COMPENSATED"}')).to.be.at.least(1);
    expect(text).to.match(/liq_transfer_step_duration_seconds_count\{step="reversal",outcome="succeeded"\} [1-9]/);
  });

  it("fails a transfer whose debit the bank rejects: no money moved, the source's reservation released", async () => {
    await world.simulator.setFaults("BANKA", {
      script: [{ op: "debit", serialPrefix: "rejected-1.", fault: "reject", times: 1 }],
    });
    const before = await world.position("BANKA:A1");
    await world.expectOk(world.createTransfer("rejected-1", "77.00"));
    const transfer = await world.settled("rejected-1", ["FAILED"]);
    expect(transfer["failure"]).to.deep.include({ code: "bank_rejected" });
    expect(transfer["reservations"]).to.deep.include({ debit: "released", credit: "none" });
    const moves = (await world.simulator.transactions({ serialPrefix: "rejected-1." })).map(
      (transaction) => `${transaction.type}:${transaction.status}:${transaction.moneyMoves}`,
    );
    expect(moves).to.deep.equal(["debit:rejected:0"]);
    expect(await world.position("BANKA:A1")).to.deep.equal(before);
    await expectBooksAgree();
  });

  it("fails a transfer the source position cannot cover, without calling any bank", async () => {
    const before = (await world.simulator.transactions()).length;
    await world.expectOk(world.createTransfer("poor-1", "999999999.00"));
    const transfer = await world.settled("poor-1", ["FAILED"]);
    expect(transfer["failure"]).to.deep.include({ code: "insufficient_available" });
    expect((await world.simulator.transactions()).length).to.equal(before);
  });

  it("asks the target bank's channel before the debit: nothing leaves bank A during its maintenance, then the transfer succeeds", async () => {
    const channelView = await world.expectOk(world.send("channel", "BANKB-direct", `get-${Date.now()}`, "get", {}));
    const config = channelView["config"] as Record<string, unknown>;
    const windowEnd = Date.now() + 5_000;
    const maintenance = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(windowEnd).toISOString() };
    await world.expectOk(
      world.send("channel", "BANKB-direct", `maintenance-${Date.now()}`, "configure", {
        ...config,
        maintenanceWindows: [maintenance],
      }),
    );
    try {
      const bankBefore = (await world.simulator.account("BANKA", "A1")).balance;
      const ledgerBefore = (await world.position("BANKA:A1"))["ledger"];
      await world.expectOk(world.createTransfer("maintenance-1", "12.00", { failover: "wait" }));
      let waiting: Record<string, unknown> = {};
      await eventually(
        "the transfer waits for BANKB-direct's maintenance to end",
        async () => {
          waiting = await world.transfer("maintenance-1");
          return (waiting["step"] as { phase?: string } | null)?.phase === "wait";
        },
        10_000,
        50,
      );
      expect(Date.now(), "still inside the window (else the check below proves nothing)").to.be.below(windowEnd);
      expect(waiting["status"]).to.equal("DEBIT_PENDING");
      const timeline = waiting["timeline"] as Array<{ event: string; note: string }>;
      expect(timeline.find((item) => item.event === "channelRefused")?.note).to.equal(
        "credit channel BANKB-direct: maintenance",
      );
      expect(
        await world.simulator.transactions({ serialPrefix: "maintenance-1." }),
        "no debit reached bank A",
      ).to.deep.equal([]);
      expect((await world.simulator.account("BANKA", "A1")).balance).to.equal(bankBefore);
      expect((await world.position("BANKA:A1"))["ledger"], "the source's ledger is unchanged").to.equal(ledgerBefore);

      await world.settled("maintenance-1", ["SUCCESS"]);
      const calls = (await world.transfer("maintenance-1"))["timeline"] as Array<{
        event: string;
        note: string;
        at: number;
      }>;
      const sends = calls.filter((item) => item.event === "bankCalled");
      expect(sends.map((item) => item.note)).to.deep.equal([
        "send maintenance-1.debit via BANKA-direct",
        "send maintenance-1.credit via BANKB-direct",
      ]);
      expect(sends[0]!.at, "the debit went out once the window ended").to.be.at.least(windowEnd);
      const moves = (await world.simulator.transactions({ serialPrefix: "maintenance-1." })).map(
        (transaction) => `${transaction.type}:${transaction.moneyMoves}`,
      );
      expect(moves.sort()).to.deep.equal(["credit:1", "debit:1"]);
      await expectBooksAgree();
    } finally {
      await world.expectOk(world.send("channel", "BANKB-direct", `restore-${Date.now()}`, "configure", config));
    }
  });

  for (const callbackMode of ["duplicated", "lost"] as const) {
    it(`completes an asynchronous credit whose callback is ${callbackMode}: applied once, or found by polling`, async () => {
      const transferId = `callback-${callbackMode}`;
      const answered = (text: string, result: string) =>
        sample(text, `liq_bank_callbacks_total{result="${result}"}`) ?? 0;
      const results = ["accepted", "duplicate", "ignored"];
      const before = await metricsText();
      const since = (text: string) =>
        Object.fromEntries(results.map((result) => [result, answered(text, result) - answered(before, result)]));
      await world.simulator.setFaults("BANKB", { asyncProcessingMs: 200, callbackMode });
      try {
        await world.expectOk(world.createTransfer(transferId, "42.00"));
        await world.settled(transferId, ["SUCCESS"]);
      } finally {
        await world.simulator.resetFaults("BANKB");
      }
      if (callbackMode === "duplicated") {
        // Signed by BANKB's secret, so taken: both copies reach the transfer and are answered. The second is a
        // duplicate command when the first changed the transfer; when a poll found the outcome first, the first
        // changed nothing, so it was not journaled and the second is decided afresh: both read "accepted". Either
        // way the money moved once (below).
        let counts: Record<string, number> = {};
        await eventually(
          "both signed callbacks answered",
          async () => {
            counts = since(await metricsText());
            return counts["accepted"]! + counts["duplicate"]! + counts["ignored"]! >= 2;
          },
          30_000,
          100,
        );
      }
      const credits = await world.simulator.transactions({ bank: "BANKB", serialPrefix: `${transferId}.` });
      expect(credits.map((credit) => [credit.type, credit.moneyMoves])).to.deep.equal([["credit", 1]]);
      const timeline = (await world.transfer(transferId))["timeline"] as Array<{ event: string; note: string }>;
      // "accepted" answers the send and every poll while the bank still processes.
      expect(
        timeline.some((item) => item.event === "bankAnswered" && item.note.startsWith("credit: accepted")),
        "the bank first answered accepted",
      ).to.equal(true);
      expect(
        timeline.filter((item) => item.event === "stepSucceeded" && item.note.startsWith("credit")),
        "the credit's success applied once",
      ).to.have.length(1);
      await expectBooksAgree();
    });
  }

  it("refuses a callback not signed by the bank's secret at the engine's endpoint, and the transfer is untouched", async () => {
    // The credit waits for the bank's (signed) callback, so the forged one arrives while it is still pending.
    await world.simulator.setFaults("BANKB", { asyncRate: 1, asyncProcessingMs: 3_000 });
    try {
      await world.expectOk(world.createTransfer("forged-1", "3.00"));
      // The credit is in flight: CREDIT_PENDING, or UNKNOWN while a status query of the accepted credit is unanswered.
      const inFlight = ["CREDIT_PENDING", "UNKNOWN"];
      await world.settled("forged-1", inFlight);
      const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
      const forged = JSON.stringify({
        bankCode: "BANKB",
        serial: "forged-1.credit",
        status: "rejected",
        bankReference: "X",
      });
      const answer = await fetch(`http://127.0.0.1:${String(ready["adminPort"])}/callbacks/bank`, {
        method: "POST",
        headers: { "content-type": "application/json", "liq-signature": `t=${Date.now()},v1=${"0".repeat(64)}` },
        body: forged,
      });
      expect(answer.status).to.equal(401);
      expect(((await answer.json()) as { error: { code: string } }).error.code).to.equal("bad_signature");
      // Taken, the forged rejection would have started the compensation at once.
      expect(inFlight, "the forged callback came while the credit was in flight, and changed nothing").to.include(
        (await world.transfer("forged-1"))["status"],
      );
      await world.settled("forged-1", terminal);
    } finally {
      await world.simulator.resetFaults("BANKB");
      // Whatever happened above, the next tests start from settled books.
      await world.settled("forged-1", terminal).catch(() => undefined);
    }
    const transfer = await world.transfer("forged-1");
    expect(transfer["status"]).to.equal("SUCCESS");
    expect(
      (transfer["timeline"] as Array<{ event: string }>).filter((item) => item.event === "stepFailed"),
    ).to.deep.equal([]);
    const credits = await world.simulator.transactions({ bank: "BANKB", serialPrefix: "forged-1." });
    expect(credits.map((credit) => [credit.type, credit.status, credit.moneyMoves])).to.deep.equal([
      ["credit", "succeeded", 1],
    ]);
  });

  describe("crash matrix: the engine is SIGKILLed at a saga boundary and restarted", () => {
    const points = [
      "hold-before:bank.send:debit",
      "hold-after:bank.send:debit",
      "hold-after:account.command:settle-debit",
      "hold-before:bank.send:credit",
      "hold-after:bank.send:credit",
      "hold-after:bank.query:debit",
    ];
    for (const [index, point] of points.entries()) {
      it(`${point}: the transfer ends terminal, one debit and one credit at most, money conserved`, async () => {
        const transferId = `crash-${index}`;
        await world.engine!.kill();
        if (point === "hold-after:bank.query:debit") {
          await world.simulator.setFaults("BANKA", {
            script: [{ op: "debit", serialPrefix: `${transferId}.`, fault: "timeoutAfterSuccess", times: 1 }],
          });
        }
        const engine = await world.startEngine({ LIQ_FAULT_POINT: point });
        await world.expectOk(world.createTransfer(transferId, `${index + 1}.25`));
        await engine.waitForLine((line) => line["event"] === "fault-point", 30_000);
        await engine.kill();
        await world.startEngine();
        const transfer = await world.settled(transferId, terminal);
        expect(transfer["status"]).to.equal("SUCCESS");
        const serials = (await world.simulator.transactions({ serialPrefix: `${transferId}.` })).map(
          (transaction) => `${transaction.type}:${transaction.moneyMoves}`,
        );
        expect(serials.sort()).to.deep.equal(["credit:1", "debit:1"]);
        await expectBooksAgree();
      });
    }
  });

  // Last (mocha runs a describe's own tests before its nested ones): it leaves BANKA-direct's circuit open for a minute.
  describe("a failing channel", () => {
    it("opens the circuit of a failing channel and fails the next transfer over to the alternative channel", async () => {
      await world.simulator.setFaults("BANKA", {
        script: [
          { op: "debit", serialPrefix: "victim-1.", fault: "error503", times: 1 },
          { op: "query", serialPrefix: "victim-1.", fault: "error503", times: 2 },
        ],
      });
      await world.expectOk(world.createTransfer("victim-1", "5.00"));
      await world.settled("victim-1", ["SUCCESS"]);
      const channel = await world.expectOk(world.send("channel", "BANKA-direct", `get-${Date.now()}`, "get", {}));
      expect(
        (channel["breaker"] as { circuit: string }).circuit,
        "three unknown outcomes in a row open the circuit",
      ).to.equal("open");
      await eventually(
        "the circuit gauge shows BANKA-direct open",
        async () => sample(await metricsText(), 'liq_channel_circuit_state{channel="BANKA-direct",state="open"}') === 1,
        15_000,
        100,
      );
      expect(sample(await metricsText(), 'liq_channel_circuit_state{channel="BANKA-direct",state="closed"}')).to.equal(
        0,
      );
      await world.expectOk(world.createTransfer("failover-1", "6.00"));
      const transfer = await world.settled("failover-1", ["SUCCESS"]);
      const timeline = (await world.transfer("failover-1"))["timeline"] as Array<{ event: string; note: string }>;
      expect(timeline.find((item) => item.event === "channelRefused")?.note).to.contain(
        "circuit_open, failing over to BANKA-backup",
      );
      expect(timeline.filter((item) => item.event === "bankCalled").map((item) => item.note)).to.deep.equal([
        "send failover-1.debit via BANKA-backup",
        "send failover-1.credit via BANKB-direct",
      ]);
      expect(transfer["status"]).to.equal("SUCCESS");
      await expectBooksAgree();
    });

    it("probes each channel's bank: an outage opens the channel's circuit with no transfer involved", async () => {
      await world.engine!.kill();
      await world.startEngine({ LIQ_CHANNEL_PROBE_INTERVAL_MS: "200" });
      await world.simulator.setFaults("BANKB", { outage: true });
      try {
        let breaker: Record<string, unknown> = {};
        await eventually(
          "BANKB-direct's circuit opens on failed probes",
          async () => {
            const channel = await world.expectOk(
              world.send("channel", "BANKB-direct", `get-${Date.now()}-${Math.random()}`, "get", {}),
            );
            breaker = channel["breaker"] as Record<string, unknown>;
            return breaker["circuit"] === "open";
          },
          15_000,
          100,
        ).catch((error: Error) => {
          throw new Error(`${error.message}; breaker: ${JSON.stringify(breaker)}`);
        });
        const channel = await world.expectOk(world.send("channel", "BANKB-direct", `get-${Date.now()}`, "get", {}));
        expect((channel["health"] as { probe_failed: number }).probe_failed).to.be.at.least(3);
        const banka = await world.expectOk(world.send("channel", "BANKA-backup", `get-${Date.now()}`, "get", {}));
        expect((banka["health"] as { probe_ok: number }).probe_ok, "a healthy bank's probes succeed").to.be.at.least(1);
      } finally {
        await world.simulator.resetFaults("BANKB");
      }
    });
  });
});
