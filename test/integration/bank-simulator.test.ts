import { expect } from "chai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BankOutcomeUnknown, BankRequestInvalid, type DebitRequest } from "../../adapters/banks/bank-adapter.js";
import { HttpBankAdapter } from "../../adapters/banks/http-bank-adapter.js";
import { BankSimulatorProcess, type SimulatorTotals } from "../support/bank-simulator-process.js";

/** Callbacks the simulator posts, collected by a tiny HTTP server; `waitFor` resolves on arrival (no polling). */
interface CallbackBody {
  readonly bankCode: string;
  readonly serial: string;
  readonly status: string;
  readonly bankReference: string;
  readonly reason?: string;
}

class CallbackReceiver {
  readonly received: CallbackBody[] = [];
  private readonly waiters: Array<{ serial: string; count: number; resolve: (bodies: CallbackBody[]) => void }> = [];

  private constructor(private readonly server: Server) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callbacks`;
  }

  static async start(): Promise<CallbackReceiver> {
    const server = createServer();
    const receiver = new CallbackReceiver(server);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        receiver.onCallback(JSON.parse(Buffer.concat(chunks).toString("utf8")) as CallbackBody);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  of(serial: string): CallbackBody[] {
    return this.received.filter((body) => body.serial === serial);
  }

  /** Resolves once `count` callbacks for `serial` have arrived. */
  waitFor(serial: string, count = 1): Promise<CallbackBody[]> {
    return new Promise((resolve) => {
      this.waiters.push({ serial, count, resolve });
      this.settleWaiters();
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onCallback(body: CallbackBody): void {
    this.received.push(body);
    this.settleWaiters();
  }

  private settleWaiters(): void {
    for (const waiter of this.waiters.splice(0)) {
      const bodies = this.of(waiter.serial);
      if (bodies.length >= waiter.count) waiter.resolve(bodies);
      else this.waiters.push(waiter);
    }
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("bank simulator through the HTTP bank adapter (simulator as a real process)", function () {
  this.timeout(30_000);
  let simulator: BankSimulatorProcess;
  let receiver: CallbackReceiver;
  let bankNumber = 0;
  /** A pair of banks of its own for each test: SRC with account A1 (1000 CNY), DST with B1 (0 CNY). */
  let source: string;
  let target: string;
  const adapterFor = (bankCode: string, callTimeoutMs = 2_000) =>
    new HttpBankAdapter(bankCode, simulator.baseUrl, callTimeoutMs);
  const debitOf = (serial: string, amount = "100.2500", extra: Partial<DebitRequest> = {}): DebitRequest => ({
    serial,
    account: "A1",
    amount,
    currency: "CNY",
    toBankCode: target,
    toAccount: "B1",
    speed: "normal",
    ...extra,
  });
  const creditOf = (serial: string, debitSerial: string, amount = "100.2500") => ({
    serial,
    account: "B1",
    amount,
    currency: "CNY",
    fromBankCode: source,
    fromAccount: "A1",
    debitSerial,
  });
  const cny = (totals: SimulatorTotals) => totals.currencies["CNY"]!;
  const movesOf = async (bankCode: string, serial: string) =>
    (await simulator.transactions({ bank: bankCode, serialPrefix: serial })).find(
      (transaction) => transaction.serial === serial,
    )?.moneyMoves;

  before(async () => {
    simulator = await BankSimulatorProcess.start({ SIM_SEED: "42" });
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.close();
    expect(await simulator.stop()).to.equal(0);
  });
  beforeEach(async () => {
    bankNumber += 1;
    source = `SRC${bankNumber}`;
    target = `DST${bankNumber}`;
    await simulator.createBank(source);
    await simulator.createBank(target);
    await simulator.createAccount(source, "A1", "CNY", "1000.0000");
    await simulator.createAccount(target, "B1", "CNY", "0");
  });
  afterEach(async () => {
    await simulator.resetFaults();
    const totals = cny(await simulator.totals());
    expect(totals.total, "money is conserved across all banks").to.equal(totals.funded);
  });

  it("repeats a debit with the same serial without moving money again, and refuses the serial reused with another amount", async () => {
    const bank = adapterFor(source);
    const first = await bank.debit(debitOf("t1.debit"));
    const repeat = await bank.debit(debitOf("t1.debit", "100.25"));
    expect(first.status).to.equal("succeeded");
    expect(repeat).to.deep.equal(first);
    expect(await movesOf(source, "t1.debit")).to.equal(1);
    expect((await simulator.account(source, "A1")).balance).to.equal("899.7500");

    const reused = await rejectionOf(bank.debit(debitOf("t1.debit", "100.2600")));
    expect(reused).to.be.instanceOf(BankRequestInvalid);
    expect((reused as BankRequestInvalid).code).to.equal("serial_reused");
    expect((await simulator.account(source, "A1")).balance).to.equal("899.7500");
    expect(await movesOf(source, "t1.debit")).to.equal(1);
  });

  it("conserves totals over debit then credit, and refuses a second credit of the same debit", async () => {
    const before = cny(await simulator.totals());
    expect((await adapterFor(source).debit(debitOf("t2.debit"))).status).to.equal("succeeded");
    const inFlight = cny(await simulator.totals());
    expect(inFlight.total).to.equal(before.total);
    expect(Number(inFlight.inFlight) - Number(before.inFlight)).to.be.closeTo(100.25, 1e-9);

    expect((await adapterFor(target).credit(creditOf("t2.credit", "t2.debit"))).status).to.equal("succeeded");
    const after = cny(await simulator.totals());
    expect(after.total).to.equal(before.total);
    expect(after.inFlight).to.equal(before.inFlight);
    expect((await simulator.account(source, "A1")).balance).to.equal("899.7500");
    expect((await simulator.account(target, "B1")).balance).to.equal("100.2500");

    const again = await adapterFor(target).credit(creditOf("t2.credit-again", "t2.debit"));
    expect(again.status).to.equal("rejected");
    expect(again.reason).to.match(/^debit_already_credited/);
    expect((await simulator.account(target, "B1")).balance).to.equal("100.2500");
  });

  it("conserves totals over debit then reversal, and rejects a credit after the reversal", async () => {
    const before = cny(await simulator.totals());
    await adapterFor(source).debit(debitOf("t3.debit"));
    const reversal = await adapterFor(source).reverse({
      serial: "t3.reversal",
      originalSerial: "t3.debit",
      account: "A1",
      amount: "100.2500",
      currency: "CNY",
    });
    expect(reversal.status).to.equal("succeeded");
    expect((await simulator.account(source, "A1")).balance).to.equal("1000.0000");
    const after = cny(await simulator.totals());
    expect(after).to.deep.equal(before);

    const credit = await adapterFor(target).credit(creditOf("t3.credit", "t3.debit"));
    expect(credit.status).to.equal("rejected");
    expect(credit.reason).to.match(/^debit_already_reversed/);
    expect((await simulator.account(target, "B1")).balance).to.equal("0.0000");
    expect(await movesOf(target, "t3.credit")).to.equal(0);
  });

  it("rejects a debit above the balance and moves nothing", async () => {
    const answer = await adapterFor(source).debit(debitOf("t4.debit", "1000.0001"));
    expect(answer.status).to.equal("rejected");
    expect(answer.reason).to.match(/^insufficient_funds/);
    expect((await simulator.account(source, "A1")).balance).to.equal("1000.0000");
    expect(await movesOf(source, "t4.debit")).to.equal(0);
    expect(await adapterFor(source).queryStatus("t4.debit")).to.deep.include({ status: "rejected" });
  });

  it("rejects a credit to a blocked account and leaves the money in flight", async () => {
    await adapterFor(source).debit(debitOf("t5.debit"));
    await simulator.block(target, "B1");
    const credit = await adapterFor(target).credit(creditOf("t5.credit", "t5.debit"));
    expect(credit.status).to.equal("rejected");
    expect(credit.reason).to.match(/^account_blocked/);
    const debit = (await simulator.transactions({ bank: source, serialPrefix: "t5.debit" }))[0];
    expect(debit?.flight).to.equal("in_flight");
    expect((await simulator.account(target, "B1")).balance).to.equal("0.0000");
  });

  it("surfaces timeoutAfterSuccess as BankOutcomeUnknown; the status query shows succeeded with exactly one money movement", async () => {
    await simulator.setFaults(source, {
      script: [{ op: "debit", serialPrefix: "t6.", fault: "timeoutAfterSuccess", times: 1 }],
    });
    const bank = adapterFor(source);
    const error = await rejectionOf(bank.debit(debitOf("t6.debit")));
    expect(error).to.be.instanceOf(BankOutcomeUnknown);
    expect(await bank.queryStatus("t6.debit")).to.deep.include({ status: "succeeded" });
    expect(await movesOf(source, "t6.debit")).to.equal(1);
    expect((await bank.debit(debitOf("t6.debit"))).status).to.equal("succeeded");
    expect(await movesOf(source, "t6.debit")).to.equal(1);
    expect((await simulator.account(source, "A1")).balance).to.equal("899.7500");
  });

  it("surfaces timeoutBeforeProcessing and a client timeout (latency) as BankOutcomeUnknown", async () => {
    await simulator.setFaults(source, { script: [{ op: "debit", fault: "timeoutBeforeProcessing", times: 1 }] });
    const bank = adapterFor(source);
    expect(await rejectionOf(bank.debit(debitOf("t7.dropped")))).to.be.instanceOf(BankOutcomeUnknown);
    expect(await bank.queryStatus("t7.dropped")).to.deep.equal({ status: "not_found" });

    await simulator.setFaults(source, { latencyMs: 300 });
    expect(await rejectionOf(adapterFor(source, 50).debit(debitOf("t7.slow")))).to.be.instanceOf(BankOutcomeUnknown);
    // The bank got the call all the same: the late original is processed, and a resend is deduplicated.
    expect((await bank.debit(debitOf("t7.slow"))).status).to.equal("succeeded");
    expect(await movesOf(source, "t7.slow")).to.equal(1);
  });

  it("answers every call with 503 during an outage (BankOutcomeUnknown) and moves nothing", async () => {
    await simulator.setFaults(source, { outage: true });
    const bank = adapterFor(source);
    expect(await rejectionOf(bank.debit(debitOf("t8.debit")))).to.be.instanceOf(BankOutcomeUnknown);
    expect(await rejectionOf(bank.probe())).to.be.instanceOf(BankOutcomeUnknown);
    expect(await rejectionOf(bank.queryStatus("t8.debit"))).to.be.instanceOf(BankOutcomeUnknown);
    expect(await simulator.transactions({ bank: source })).to.deep.equal([]);
    expect((await simulator.account(source, "A1")).balance).to.equal("1000.0000");
    await simulator.resetFaults(source);
    await bank.probe();
    expect(await bank.queryStatus("t8.debit")).to.deep.equal({ status: "not_found" });
  });

  it("answers accepted when processing is asynchronous and delivers the final status by callback", async () => {
    await simulator.setFaults(source, { asyncProcessingMs: 250 });
    const bank = adapterFor(source);
    const delivered = receiver.waitFor("t9.debit");
    const answer = await bank.debit(debitOf("t9.debit", "100.2500", { callbackUrl: receiver.url }));
    expect(answer.status).to.equal("accepted");
    expect(await bank.queryStatus("t9.debit")).to.deep.include({ status: "accepted" });
    const [callback] = await delivered;
    expect(callback).to.deep.equal({
      bankCode: source,
      serial: "t9.debit",
      status: "succeeded",
      bankReference: answer.bankReference,
    });
    expect(await bank.queryStatus("t9.debit")).to.deep.include({ status: "succeeded" });
    expect(await movesOf(source, "t9.debit")).to.equal(1);
  });

  it("delivers a callback twice in duplicated mode", async () => {
    await simulator.setFaults(source, { asyncProcessingMs: 20, callbackMode: "duplicated" });
    await adapterFor(source).debit(debitOf("t10.debit", "100.2500", { callbackUrl: receiver.url }));
    const callbacks = await receiver.waitFor("t10.debit", 2);
    expect(callbacks.map((callback) => callback.status)).to.deep.equal(["succeeded", "succeeded"]);
    expect(await movesOf(source, "t10.debit")).to.equal(1);
  });

  it("never delivers a callback in lost mode, while the status query shows the final status", async () => {
    await simulator.setFaults(source, { asyncProcessingMs: 20, callbackMode: "lost" });
    const bank = adapterFor(source);
    expect((await bank.debit(debitOf("t11.lost", "100.2500", { callbackUrl: receiver.url }))).status).to.equal(
      "accepted",
    );
    // Barrier: a later call with the same delay settles after the lost one (timers of equal delay fire in order);
    // its callback (normal mode, fixed when accepted) arriving means the lost one has settled and sent nothing.
    await simulator.setFaults(source, { asyncProcessingMs: 20 });
    const barrier = receiver.waitFor("t11.barrier");
    expect((await bank.debit(debitOf("t11.barrier", "1.0000", { callbackUrl: receiver.url }))).status).to.equal(
      "accepted",
    );
    await barrier;
    expect(await bank.queryStatus("t11.lost")).to.deep.include({ status: "succeeded" });
    expect(receiver.of("t11.lost")).to.deep.equal([]);
    expect(await movesOf(source, "t11.lost")).to.equal(1);
  });

  it("declines by rejectRate and by a scripted reject, with reason bank_declined and nothing moved", async () => {
    await simulator.setFaults(source, { rejectRate: 1 });
    const bank = adapterFor(source);
    expect(await bank.debit(debitOf("t13.rate"))).to.deep.include({ status: "rejected" });
    await simulator.setFaults(source, {
      script: [{ op: "debit", serialPrefix: "t13.scripted", fault: "reject", times: 1 }],
    });
    const scripted = await bank.debit(debitOf("t13.scripted"));
    expect(scripted.status).to.equal("rejected");
    expect(scripted.reason).to.match(/^bank_declined/);
    expect((await bank.debit(debitOf("t13.after-script"))).status, "the script entry is spent").to.equal("succeeded");
    expect(await movesOf(source, "t13.rate")).to.equal(0);
    expect(await movesOf(source, "t13.scripted")).to.equal(0);
    expect((await simulator.account(source, "A1")).balance).to.equal("899.7500");
  });

  it("answers 503 (BankOutcomeUnknown) for a scripted error503 and inside a maintenance window, and moves nothing", async () => {
    const bank = adapterFor(source);
    await simulator.setFaults(source, { script: [{ op: "debit", fault: "error503", times: 1 }] });
    expect(await rejectionOf(bank.debit(debitOf("t14.error503")))).to.be.instanceOf(BankOutcomeUnknown);
    expect(await bank.queryStatus("t14.error503")).to.deep.equal({ status: "not_found" });

    const now = Date.now();
    await simulator.setFaults(source, {
      maintenance: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }],
    });
    expect(await rejectionOf(bank.debit(debitOf("t14.maintenance")))).to.be.instanceOf(BankOutcomeUnknown);
    expect(await rejectionOf(bank.probe())).to.be.instanceOf(BankOutcomeUnknown);
    expect(await simulator.transactions({ bank: source })).to.deep.equal([]);
    expect((await simulator.account(source, "A1")).balance).to.equal("1000.0000");
  });

  it("exports the day's booking as camt.053 and as CSV", async () => {
    await adapterFor(source).debit(debitOf("t12.debit"));
    await adapterFor(target).credit(creditOf("t12.credit", "t12.debit"));
    const [credit] = await simulator.transactions({ bank: target, serialPrefix: "t12.credit" });
    const day = credit!.receivedAt.slice(0, 10);

    const camt = await adapterFor(target).statement("B1", day, "camt053");
    expect(camt).to.include("<BkToCstmrStmt>");
    expect(camt).to.include("<Acct><Id><Othr><Id>B1</Id></Othr></Id>");
    expect(camt).to.match(/<Cd>OPBD<\/Cd><\/CdOrPrtry><\/Tp>\s*<Amt Ccy="CNY">0\.0000<\/Amt>/);
    expect(camt).to.match(/<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp>\s*<Amt Ccy="CNY">100\.2500<\/Amt>/);
    expect(camt).to.match(/<Ntry>\s*<Amt Ccy="CNY">100\.2500<\/Amt>\s*<CdtDbtInd>CRDT<\/CdtDbtInd>/);
    expect(camt).to.include(`<BookgDt><Dt>${day}</Dt></BookgDt>`);
    expect(camt).to.include(`<AcctSvcrRef>${credit!.bankReference}</AcctSvcrRef>`);
    expect(camt).to.include("<EndToEndId>t12.credit</EndToEndId>");

    const csv = (await adapterFor(source).statement("A1", day, "csv")).trimEnd().split("\r\n");
    expect(csv[0]).to.match(/^booking_date,/);
    expect(csv).to.have.length(2);
    expect(csv[1]).to.include(",t12.debit,debit,DBIT,100.2500,CNY,899.7500,");
  });

  const badInputs: Array<[string, () => Promise<unknown>, string]> = [
    ["amount in exponent form", () => adapterFor(source).debit(debitOf("bad.exponent", "1e3")), "invalid_amount"],
    [
      "amount with 5 decimal places",
      () => adapterFor(source).debit(debitOf("bad.places", "12.12345")),
      "invalid_amount",
    ],
    ["negative amount", () => adapterFor(source).debit(debitOf("bad.negative", "-5.0000")), "invalid_amount"],
    [
      "missing serial",
      () => adapterFor(source).debit({ ...debitOf("x"), serial: undefined as unknown as string }),
      "missing_field",
    ],
    ["unknown bank", () => adapterFor("NOBANK").debit(debitOf("bad.bank")), "unknown_bank"],
    [
      "statement date that is no calendar day",
      () => adapterFor(source).statement("A1", "2026-02-30", "csv"),
      "invalid_date",
    ],
  ];
  for (const [label, call, code] of badInputs) {
    it(`refuses a bad input (${label}) as BankRequestInvalid and changes nothing`, async () => {
      const totalsBefore = await simulator.totals();
      const error = await rejectionOf(call());
      expect(error).to.be.instanceOf(BankRequestInvalid);
      expect((error as BankRequestInvalid).code).to.equal(code);
      expect(await simulator.transactions({ bank: source })).to.deep.equal([]);
      expect((await simulator.account(source, "A1")).balance).to.equal("1000.0000");
      expect(await simulator.totals()).to.deep.equal(totalsBefore);
    });
  }
});

describe("bank simulator process", function () {
  this.timeout(30_000);

  it("makes the same random fault decisions for the same SIM_SEED", async () => {
    const decisions = async () => {
      const simulator = await BankSimulatorProcess.start({ SIM_SEED: "7" });
      try {
        await simulator.createBank("BANKA");
        await simulator.createAccount("BANKA", "A1", "CNY", "1000000.0000");
        await simulator.setFaults("BANKA", { rejectRate: 0.5 });
        const bank = new HttpBankAdapter("BANKA", simulator.baseUrl, 2_000);
        const statuses: string[] = [];
        for (let index = 0; index < 24; index++) {
          statuses.push(
            (
              await bank.debit({
                serial: `seed.${index}`,
                account: "A1",
                amount: "1",
                currency: "CNY",
                toBankCode: "BANKB",
                toAccount: "B1",
                speed: "normal",
              })
            ).status,
          );
        }
        return statuses;
      } finally {
        await simulator.stop();
      }
    };
    const first = await decisions();
    expect(first).to.include("rejected").and.to.include("succeeded");
    expect(await decisions()).to.deep.equal(first);
  });

  it("maps a malformed 200 answer to BankOutcomeUnknown and a 409 without JSON to BankRequestInvalid", async () => {
    const answers = new Map<string, [number, string]>([
      ["/banks/FAKE/debit", [200, '{"status":"done"}']],
      ["/banks/FAKE/transactions/x", [200, "not json"]],
      ["/banks/FAKE/reversal", [409, "conflict"]],
    ]);
    const fake = createServer((request, response) => {
      const [status, body] = answers.get(request.url ?? "") ?? [500, ""];
      request.resume();
      request.on("end", () => response.writeHead(status, { "content-type": "application/json" }).end(body));
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    try {
      const bank = new HttpBankAdapter("FAKE", `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, 2_000);
      expect(
        await rejectionOf(
          bank.debit({
            serial: "x",
            account: "A1",
            amount: "1",
            currency: "CNY",
            toBankCode: "B",
            toAccount: "B1",
            speed: "normal",
          }),
        ),
      ).to.be.instanceOf(BankOutcomeUnknown);
      expect(await rejectionOf(bank.queryStatus("x"))).to.be.instanceOf(BankOutcomeUnknown);
      const invalid = await rejectionOf(
        bank.reverse({ serial: "r", originalSerial: "x", account: "A1", amount: "1", currency: "CNY" }),
      );
      expect(invalid).to.be.instanceOf(BankRequestInvalid);
      expect((invalid as BankRequestInvalid).code).to.equal("http_409");
      expect(await rejectionOf(bank.probe())).to.be.instanceOf(BankOutcomeUnknown);
    } finally {
      fake.closeAllConnections();
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it("creates the banks of SIM_CONFIG at start and exits 0 on SIGTERM", async () => {
    const directory = mkdtempSync(join(tmpdir(), "bank-sim-"));
    const configPath = join(directory, "config.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        banks: [{ code: "BANKA", accounts: [{ account: "A1", currency: "CNY", balance: "1000000.0000" }] }],
      }),
    );
    const simulator = await BankSimulatorProcess.start({ SIM_CONFIG: configPath });
    try {
      expect(await new HttpBankAdapter("BANKA", simulator.baseUrl, 2_000).balance("A1")).to.deep.include({
        account: "A1",
        currency: "CNY",
        balance: "1000000.0000",
      });
    } finally {
      expect(await simulator.stop()).to.equal(0);
    }
  });
});
