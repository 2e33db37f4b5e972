import { expect } from "chai";
import { Decimal } from "decimal.js";
import { bookingDayOf } from "../../actors/shared/booking-day.js";
import type { Difference__Output } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResult__Output } from "../../protos/generated/liquidity/v1/DifferenceResult.js";
import type { GetReportResponse__Output } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { ImportStatementResponse__Output } from "../../protos/generated/liquidity/v1/ImportStatementResponse.js";
import type { ReconcileNowResponse__Output } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import type { ReconciliationSummary__Output } from "../../protos/generated/liquidity/v1/ReconciliationSummary.js";
import { accessFile } from "../support/access-file.js";
import { TestDifferencesClient } from "../support/grpc-differences-client.js";
import { TestReconciliationClient } from "../support/grpc-reconciliation-client.js";
import { TestStatementsClient } from "../support/grpc-statements-client.js";
import { camt053Balanced, camt053Entries, withCamt053Entries } from "../support/statement-edits.js";
import { eventually } from "../support/tally.js";
import { TransferWorld, type WorldAccount } from "../support/transfer-world.js";

/** Counts by name, the ones above zero, of a summary's `matched` or `differences`. */
function counted(items: ReadonlyArray<{ rule?: string; class?: string; count: number }>): Record<string, number> {
  return Object.fromEntries(
    items.filter((item) => item.count > 0).map((item) => [item.rule ?? item.class, item.count]),
  );
}

const accounts: readonly WorldAccount[] = [
  "BANKA:A1",
  "BANKB:B1",
  "BANKC:C1",
  "BANKA:A2",
  "BANKD:D1",
  "BANKD:D2",
  "BANKD:D3",
].map((id) => ({ bankCode: id.split(":")[0]!, account: id.split(":")[1]! }));

/**
 * Acceptance of reconciliation end to end: a real engine process on NATS/JetStream and a MongoDB-wire server, the
 * bank simulator's own camt.053 statements, imported and reconciled over gRPC.
 */
describe("reconciliation acceptance against a real engine, NATS, a MongoDB-wire server and the bank simulator", function () {
  this.timeout(300_000);
  let world: TransferWorld;
  let recon: TestReconciliationClient;
  let statements: TestStatementsClient;
  let differences: TestDifferencesClient;
  let today: string;
  let requests = 0;
  let token: string;

  const address = () =>
    `127.0.0.1:${String(world.engine!.lines.find((line) => line["event"] === "ready")!["grpcPort"])}`;

  function connectClients(token: string): void {
    recon = new TestReconciliationClient(address(), token);
    statements = new TestStatementsClient(address(), token);
    differences = new TestDifferencesClient(address(), token);
  }

  function closeClients(): void {
    recon?.close();
    statements?.close();
    differences?.close();
  }

  before(async () => {
    const access = accessFile({ olivia: ["operator", "approver"] });
    world = await TransferWorld.start({
      accounts,
      env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false", LIQ_RECON_APPROVAL_ABOVE: "1000000" },
    });
    token = access.tokens["olivia"]!;
    connectClients(token);
    today = bookingDayOf(Date.now());
  });

  after(async () => {
    closeClients();
    await world?.stop();
  });

  /** Money paid in at the bank (a booking without end-to-end id) and the same credit recorded in the engine. */
  async function fund(accountId: string, amount: string): Promise<void> {
    const [bankCode, account] = accountId.split(":") as [string, string];
    await world.simulator.fund(bankCode, account, amount);
    await world.expectOk(
      world.send("account", accountId, `fund-${accountId}-${amount}`, "recordEntry", {
        entryId: `funding-${account}-${amount}`,
        direction: "credit",
        amount,
        currency: "CNY",
      }),
    );
  }

  function transfer(transferId: string, from: string, to: string, amount: string) {
    return world.expectOk(
      world.createTransfer(transferId, amount, {
        from,
        to,
        debitChannel: `${from.split(":")[0]!}-direct`,
        creditChannel: `${to.split(":")[0]!}-direct`,
      }),
    );
  }

  async function statementOf(accountId: string): Promise<string> {
    const [bankCode, account] = accountId.split(":") as [string, string];
    const url = `${world.simulator.baseUrl}/banks/${bankCode}/accounts/${account}/statement?date=${today}&format=camt053`;
    const response = await fetch(url);
    const text = await response.text();
    expect(response.status, text).to.equal(200);
    return text;
  }

  async function importStatement(xml: string): Promise<void> {
    const imported = await statements.must<ImportStatementResponse__Output>("ImportStatement", {
      content: Buffer.from(xml),
      format: "camt053",
    });
    expect(imported.statements).to.have.length(1);
  }

  async function reconcileNow(accountId: string): Promise<ReconcileNowResponse__Output> {
    return recon.must<ReconcileNowResponse__Output>("ReconcileNow", { account_id: accountId, date: today });
  }

  function report(accountId: string): Promise<GetReportResponse__Output> {
    return recon.must<GetReportResponse__Output>("GetReport", { account_id: accountId, date: today });
  }

  async function ledger(accountId: string): Promise<string> {
    return (await world.position(accountId))["ledger"]!;
  }

  function expectBalancesAgree(summary: ReconciliationSummary__Output): void {
    for (const side of ["opening", "closing"] as const) {
      const balance = summary[side]!;
      expect(new Decimal(balance.stated).eq(balance.ledger), `${summary.account_id} ${side}`).to.equal(true);
    }
  }

  it("after a faulty transfer run the bank's statements reconcile with nothing unexplained", async () => {
    for (const id of ["BANKA:A1", "BANKC:C1"]) await fund(id, "10000.00");
    // BANKA: a declined debit and a debit booked while the engine saw a timeout (settled by a status query).
    await world.simulator.setFaults("BANKA", {
      script: [
        { op: "debit", serialPrefix: "f-decline.", fault: "reject" },
        { op: "debit", serialPrefix: "f-timeout.", fault: "timeoutAfterSuccess" },
      ],
    });
    // BANKB takes credits asynchronously with its callbacks lost (the engine polls), and refuses one credit after
    // the debit succeeded: that transfer is reversed at BANKA.
    await world.simulator.setFaults("BANKB", {
      asyncProcessingMs: 100,
      callbackMode: "lost",
      script: [{ op: "credit", serialPrefix: "f-reverse.", fault: "reject" }],
    });
    // BANKC debits asynchronously and calls back twice.
    await world.simulator.setFaults("BANKC", { asyncProcessingMs: 100, callbackMode: "duplicated" });
    const run = [
      { id: "f-ok", from: "BANKA:A1", to: "BANKB:B1", amount: "101.00", end: "SUCCESS" },
      { id: "f-decline", from: "BANKA:A1", to: "BANKB:B1", amount: "102.00", end: "FAILED" },
      { id: "f-timeout", from: "BANKA:A1", to: "BANKB:B1", amount: "103.00", end: "SUCCESS" },
      { id: "f-reverse", from: "BANKA:A1", to: "BANKB:B1", amount: "104.00", end: "COMPENSATED" },
      { id: "f-dup-1", from: "BANKC:C1", to: "BANKB:B1", amount: "105.00", end: "SUCCESS" },
      { id: "f-dup-2", from: "BANKC:C1", to: "BANKA:A1", amount: "106.00", end: "SUCCESS" },
    ];
    for (const t of run) await transfer(t.id, t.from, t.to, t.amount);
    for (const t of run) {
      const settled = await world.settled(t.id, ["SUCCESS", "FAILED", "COMPENSATED", "CLOSED", "MANUAL_INTERVENTION"]);
      expect(settled["status"], t.id).to.equal(t.end);
    }
    await world.simulator.resetFaults();

    for (const accountId of ["BANKA:A1", "BANKB:B1", "BANKC:C1"]) {
      await importStatement(await statementOf(accountId));
      const { summary } = await reconcileNow(accountId);
      expect(summary, accountId).to.deep.include({ outcome: "recorded", pending_lines: 0, found: 0 });
      expect(counted(summary!.differences), accountId).to.deep.equal({});
      expect(summary!.lines_matched, accountId).to.equal(summary!.lines);
      expect(summary!.records_matched, accountId).to.equal(summary!.records);
      expectBalancesAgree(summary!);
      // Every transfer step is matched by its serial; only the fundings (no end-to-end id) by amount and date.
      const fundings = accountId === "BANKB:B1" ? 0 : 1;
      expect(counted(summary!.matched), accountId).to.deep.equal({
        serial: summary!.lines - fundings,
        ...(fundings > 0 && { amountAndDate: fundings }),
      });
    }
    // The reversal is on A1's statement and matched by serial.
    const a1 = await report("BANKA:A1");
    expect(a1.differences).to.deep.equal([]);
    expect(a1.matches.some((m) => m.records.some((r) => r.includes("f-reverse") && r.endsWith(":reversal")))).to.equal(
      true,
      JSON.stringify(a1.matches),
    );
  });

  it("a transfer left in UNKNOWN is settled by its statement line", async () => {
    await fund("BANKA:A2", "5000.00");
    // The bank books the debit but the answer is lost, and no status query is ever answered.
    await world.simulator.setFaults("BANKA", {
      script: [
        { op: "debit", serialPrefix: "u-1.", fault: "timeoutAfterSuccess" },
        { op: "query", serialPrefix: "u-1.", fault: "error503", times: 1_000 },
      ],
    });
    await transfer("u-1", "BANKA:A2", "BANKB:B1", "250.00");
    await world.settled("u-1", ["UNKNOWN", "MANUAL_INTERVENTION"]);
    const [debit] = await world.simulator.transactions({ bank: "BANKA", serialPrefix: "u-1.debit" });
    expect(debit).to.deep.include({ status: "succeeded", amount: "250.0000" });

    await importStatement(await statementOf("BANKA:A2"));
    const answer = await reconcileNow("BANKA:A2");
    expect(answer.evidence.map((e) => [e.transfer_id, e.step, e.outcome])).to.deep.equal([
      ["u-1", "debit", "delivered"],
    ]);
    await world.simulator.resetFaults("BANKA");
    const settled = await world.settled("u-1", ["SUCCESS"]);
    const timeline = settled["timeline"] as Array<{ event: string }>;
    expect(timeline.map((item) => item.event)).to.include("stepEvidenced");
    // The recorded run is the one after the evidence: the line matched by serial, nothing left open.
    expect(counted(answer.summary!.differences)).to.deep.equal({});
    expect(counted(answer.summary!.matched)).to.deep.equal({ serial: 1, amountAndDate: 1 });
    expectBalancesAgree(answer.summary!);
  });

  it("seeded discrepancies are found and classified exactly, and nothing else", async () => {
    await fund("BANKD:D1", "8000.00");
    for (const [n, amount] of ["201.00", "202.00", "203.00", "204.00"].entries())
      await transfer(`s-${n}`, "BANKD:D1", "BANKB:B1", amount);
    for (const n of [0, 1, 2, 3]) await world.settled(`s-${n}`, ["SUCCESS"]);
    // An engine entry the bank does not have.
    await world.expectOk(
      world.send("account", "BANKD:D1", "fee-d1", "recordEntry", {
        entryId: "fee-d1",
        direction: "debit",
        amount: "7.00",
        currency: "CNY",
      }),
    );

    const original = await statementOf("BANKD:D1");
    const entries = camt053Entries(original);
    const byReference = (serial: string) => entries.findIndex((entry) => entry.endToEndId === serial);
    const dropped = byReference("s-0.debit");
    const changed = byReference("s-1.debit");
    const duplicated = byReference("s-2.debit");
    expect([dropped, changed, duplicated].every((index) => index >= 0)).to.equal(true);
    const edited = entries.flatMap((entry, index) => {
      if (index === dropped) return [];
      if (index === changed) return [{ ...entry, amount: new Decimal(entry.amount).plus("0.01").toFixed(2) }];
      if (index === duplicated) return [entry, entry];
      return [entry];
    });
    edited.push({
      ...entries[changed]!,
      amount: "55.55",
      direction: "CRDT",
      bankReference: "STRAY-1",
      endToEndId: "NOTPROVIDED",
    });
    const xml = camt053Balanced(withCamt053Entries(original, edited));
    await importStatement(xml);

    const { summary } = await reconcileNow("BANKD:D1");
    expect(counted(summary!.differences)).to.deep.equal({
      missingAtBank: 2,
      missingInEngine: 1,
      amountDiffers: 1,
      duplicate: 1,
      closingBalanceDiffers: 1,
    });
    // The closing the edits imply against the engine's ledger.
    const stated = new Decimal(summary!.closing!.stated);
    const ledgerNow = new Decimal(await ledger("BANKD:D1"));
    expect(stated.minus(ledgerNow).eq(summary!.closing!.difference)).to.equal(true);
    const expectedStated = new Decimal("8000")
      .minus(new Decimal("202.00").plus("0.01"))
      .minus(new Decimal("203.00").times(2))
      .minus("204.00")
      .plus("55.55");
    expect(stated.eq(expectedStated), `${stated.toString()} vs ${expectedStated.toString()}`).to.equal(true);

    const found = (await report("BANKD:D1")).differences;
    expect(found.find((d) => d.class === "missingAtBank" && d.records.includes("entry:fee-d1"))).to.not.equal(
      undefined,
    );
    const stray = found.find((d) => d.class === "missingInEngine")!;
    const explained = await differences.must<DifferenceResult__Output>("ExplainDifference", {
      difference_id: found.find((d) => d.class === "amountDiffers")!.difference_id,
      note: "the bank charged a cent more",
      evidence: "bank advice",
      request_id: `req-${++requests}`,
    });
    expect(explained.difference).to.deep.include({ status: "explained" });

    const before = new Decimal(await ledger("BANKD:D1"));
    const resolved = await differences.must<DifferenceResult__Output>("ResolveDifference", {
      difference_id: stray.difference_id,
      action: "adjust",
      reason: "incoming payment not booked",
      request_id: `req-${++requests}`,
    });
    expect(resolved.difference).to.deep.include({ status: "resolved" });
    await eventually(
      "the adjustment is booked",
      async () =>
        (await differences.must<Difference__Output>("GetDifference", { difference_id: stray.difference_id })).booking
          ?.status === "booked",
      30_000,
      100,
    );
    const after = new Decimal(await ledger("BANKD:D1"));
    expect(after.minus(before).eq(stray.amount), `${before.toString()} -> ${after.toString()}`).to.equal(true);
  });

  it("SIGKILL during a reconciliation gives the same result as an uninterrupted run", async () => {
    // Two accounts with the same day: D3 reconciled without interruption, D2 killed after its report is stored and
    // before its run is recorded, then run again on a restarted engine.
    const twins = ["BANKD:D2", "BANKD:D3"];
    for (const id of twins) {
      const account = id.split(":")[1]!;
      await fund(id, "3000.00");
      await transfer(`k-${account}-1`, id, "BANKB:B1", "301.00");
      await transfer(`k-${account}-2`, id, "BANKB:B1", "302.00");
      await world.expectOk(
        world.send("account", id, `fee-${account}`, "recordEntry", {
          entryId: `fee-${account}`,
          direction: "debit",
          amount: "9.00",
          currency: "CNY",
        }),
      );
      for (const n of [1, 2]) await world.settled(`k-${account}-${n}`, ["SUCCESS"]);
      await importStatement(await statementOf(id));
    }
    const uninterrupted = await reconcileNow("BANKD:D3");
    expect(uninterrupted.summary).to.deep.include({ outcome: "recorded", run_no: 1 });

    closeClients();
    await world.engine!.kill();
    await world.startEngine({ LIQ_FAULT_POINT: "hold-before:reconciliation.record" });
    connectClients(token);
    const held = recon.call("ReconcileNow", { account_id: "BANKD:D2", date: today });
    await world.engine!.waitForLine((line) => line["event"] === "fault-point", 60_000);
    await world.engine!.kill();
    await held;
    closeClients();
    await world.startEngine();
    connectClients(token);

    const resumed = await reconcileNow("BANKD:D2");
    expect(resumed.summary).to.deep.include({ outcome: "recorded", run_no: 1 });
    const [a, b] = [uninterrupted.summary!, resumed.summary!];
    expect(counted(b.differences)).to.deep.equal(counted(a.differences));
    expect(counted(b.matched)).to.deep.equal(counted(a.matched));
    expect(counted(a.differences)).to.deep.equal({ missingAtBank: 1, closingBalanceDiffers: 1 });
    expect([b.lines, b.records, b.lines_matched, b.records_matched, b.found]).to.deep.equal([
      a.lines,
      a.records,
      a.lines_matched,
      a.records_matched,
      a.found,
    ]);
    expect(b.closing).to.deep.equal(a.closing);
    // Sorted: a report lists matches in statement-line order, and the bank books the two accounts' concurrent
    // transfers in either order (k-D-2's debit may be line 1 on one statement and line 2 on the other).
    const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    const shape = (r: GetReportResponse__Output) => ({
      matches: sorted(r.matches.map((m) => [m.rule, m.lines.length, m.records.map((x) => x.replace(/D[23]/g, "D"))])),
      differences: sorted(r.differences.map((d) => [d.class, d.amount, d.status])),
    });
    expect(shape(await report("BANKD:D2"))).to.deep.equal(shape(await report("BANKD:D3")));
  });
});
