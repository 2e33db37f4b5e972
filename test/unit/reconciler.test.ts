import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { MemoryReportStore } from "../../adapters/memory/memory-report-store.js";
import { accountKindOf } from "../../actors/account/index.js";
import {
  decodeReconciliationView,
  differenceIdOf,
  reconciliationKind,
  type ReconciliationView,
} from "../../actors/reconciliation/index.js";
import { Money } from "../../actors/shared/amount.js";
import { decodeTransferEffect } from "../../actors/transfer/effects.js";
import { transferKind } from "../../actors/transfer/index.js";
import { defaultTransferPolicy } from "../../actors/transfer/policy.js";
import { decodeTransferReply } from "../../actors/transfer/view.js";
import { reconciliationEffectHandler } from "../../reconciliation/booking-effects.js";
import { ReconcileRequestInvalid, ReconciliationRunFailed } from "../../reconciliation/errors.js";
import type { EvidenceOutcomeKind } from "../../reconciliation/evidence.js";
import type { StatementLine } from "../../reconciliation/model.js";
import { reconcileAccounts } from "../../reconciliation/reconcile-accounts.js";
import {
  reconcileDay,
  type DayResult,
  type ReconcilerParts,
  type RunOutcome,
} from "../../reconciliation/reconciler.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { EffectHandler, EffectResult } from "../../runtime/effect-runner.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import {
  BusRecords,
  closingOf,
  digestOf,
  fakeStatementsKind,
  FakeLineStore,
  line,
  type FakeVersion,
} from "../support/reconciliation-fakes.js";
import { ReconciliationService } from "../../adapters/grpc/reconciliation-service.js";
import { reconcileText, reportText } from "../../cli/views/reconciliation.js";
import type { GetReportResponse__Output } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { ReconcileNowResponse__Output } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import { newTrace } from "../../runtime/trace-context.js";
import { reportStoreContract } from "../support/report-store-contract.js";
import { eventually } from "../support/tally.js";

const now = Date.parse("2026-12-08T09:00:00Z");
const today = "2026-12-08";
const day = "2026-12-07";
const dayBefore = "2026-12-06";
const dayAfter = "2026-12-08";
const account = "BANKA:A1";
const other = "BANKB:B1";

/**
 * The transfer's effects without banks: position tasks applied to the accounts, every channel allowed (except for
 * the transfers in `silent`, whose asks go unanswered, so their step is never sent), bank calls never answered: a
 * step sent stays in flight, its outcome to come.
 */
function transferEffects(silent: ReadonlySet<string>): EffectHandler {
  return async (request, transfer, runtime): Promise<EffectResult | null> => {
    const effect = decodeTransferEffect(request, transfer.actorId);
    if (effect.type === "account.command") {
      const task = effect.payload;
      const reply = await runtime.dispatch({
        kind: "account",
        actorId: task.account,
        commandId: task.commandId,
        type: task.type,
        payload: task.payload,
        principal: `system:transfer:${transfer.actorId}`,
      });
      return { type: "positionResult", payload: { taskId: task.taskId, ok: reply.ok, attempt: task.attempt } };
    }
    if (effect.type === "channel.acquire" && !silent.has(transfer.actorId))
      return { type: "channelResult", payload: { effectId: request.id, allowed: true, fee: "0" } };
    return null;
  };
}

/** An engine in memory with the account, transfer, reconciliation and statements kinds, and the reconciler's parts. */
class World {
  readonly bus = new MemoryEventBus();
  readonly records = new BusRecords(this.bus);
  readonly lines = new FakeLineStore();
  readonly reports = new MemoryReportStore();
  readonly runs: RunOutcome[] = [];
  readonly evidence: EvidenceOutcomeKind[] = [];
  readonly silent = new Set<string>();
  readonly system = new ActorSystem({
    kinds: [
      accountKindOf({ ledgerDaysKept: 400 }),
      transferKind(defaultTransferPolicy),
      reconciliationKind,
      fakeStatementsKind,
    ],
    store: new MemoryActorStore(),
    publisher: this.bus,
    clock: { now: () => now },
    effectHandlers: { transfer: transferEffects(this.silent), reconciliation: reconciliationEffectHandler },
  });
  private commands = 0;

  readonly parts: ReconcilerParts = {
    system: this.system,
    lines: this.lines,
    records: this.records,
    reports: this.reports,
    tolerance: { dateDays: 2, amount: new Money(0) },
    now: () => now,
    metrics: {
      run: (outcome) => void this.runs.push(outcome),
      evidence: (outcome) => void this.evidence.push(outcome),
    },
    catchUpTimeoutMs: 2_000,
  };

  async send(
    kind: string,
    actorId: string,
    type: string,
    payload: Json,
    principal = "system:test",
  ): Promise<JsonObject> {
    const reply = await this.system.dispatch({
      kind,
      actorId,
      commandId: `c-${++this.commands}`,
      type,
      payload,
      principal,
    });
    if (!reply.ok) throw new Error(`${kind} ${actorId} ${type} refused: ${reply.error.code}: ${reply.error.message}`);
    return reply.result as JsonObject;
  }

  async open(accountId: string): Promise<void> {
    const [bankCode, accountNumber] = accountId.split(":") as [string, string];
    await this.send("account", accountId, "open", { bankCode, accountNumber, currency: "EUR", pool: "main" });
  }

  async entry(
    entryId: string,
    direction: "credit" | "debit",
    amount: string,
    bookingDate: string,
    accountId = account,
  ) {
    await this.send("account", accountId, "recordEntry", { entryId, direction, amount, currency: "EUR", bookingDate });
  }

  /** Registers a statement version of the account and its lines; answers its digest. */
  async statement(
    lines: readonly StatementLine[],
    options: Partial<Omit<FakeVersion, "lineCount" | "digest" | "opening" | "closing">> & {
      opening?: string;
      closing?: string | null;
      accountId?: string;
    } = {},
  ): Promise<string> {
    const fromDate = options.fromDate ?? day;
    const toDate = options.toDate ?? fromDate;
    const statementId = options.statementId ?? `STMT-${fromDate}`;
    const digest = digestOf(`${options.accountId ?? account}/${statementId}/${options.version ?? 1}/${lines.length}`);
    await this.lines.putLines(digest, lines);
    const opening = options.opening ?? "0";
    const closing = options.closing === undefined ? closingOf(opening, lines).toFixed(4) : options.closing;
    const version: FakeVersion = {
      statementId,
      version: options.version ?? 1,
      digest,
      format: options.format ?? "camt053",
      fromDate,
      toDate,
      currency: "EUR",
      lineCount: lines.length,
      opening: { amount: opening, date: fromDate },
      closing: closing === null ? null : { amount: closing, date: toDate },
      importedAt: options.importedAt ?? now,
    };
    await this.send("statements", options.accountId ?? account, "register", { version: { ...version } });
    return digest;
  }

  async view(date = day, accountId = account): Promise<ReconciliationView> {
    const reply = await this.system.query("reconciliation", `${accountId}:${date}`, "get", {}, "system:test");
    if (!reply.ok) throw new Error(reply.error.message);
    return decodeReconciliationView(reply.result, "a view");
  }

  reconcile(date = day, accountId = account): Promise<DayResult> {
    return reconcileDay(this.parts, accountId, date);
  }
}

/** The result of a run that recorded or found its inputs unchanged. */
function ran(result: DayResult): Extract<DayResult, { outcome: "recorded" | "unchanged" }> {
  if (result.outcome === "no_statement") throw new Error(`expected a run, got: ${result.message}`);
  return result;
}

/** Only the classes the run found, with how many of each. */
function classesOf(result: DayResult): Record<string, number> {
  return Object.fromEntries(Object.entries(ran(result).summary.differencesByClass).filter(([, count]) => count > 0));
}

describe("the reconciler (ADR 014 §3-§5): one account's day against its statement, recorded in its actor", () => {
  let world: World;

  beforeEach(async () => {
    world = new World();
    world.system.start();
    await world.open(account);
    await world.open(other);
    // The day before is in the account's window: its ledger is known, and it is the statement's opening.
    await world.entry("F0", "credit", "1000.00", dayBefore);
  });

  afterEach(() => world.system.stop());

  it("records a day whose lines all match the engine's records: zero differences, balances agreeing", async () => {
    await world.entry("E1", "credit", "100.00", day);
    await world.entry("E2", "debit", "30.00", day);
    const lines = [line(1, "credit", "100.00", day, { endToEndId: "E1" }), line(2, "debit", "30.00", day)];
    const digest = await world.statement(lines, { opening: "1000.00" });

    const result = ran(await world.reconcile());

    expect(result.outcome).to.equal("recorded");
    expect(result.summary.matchesByRule).to.include({ entryReference: 1, amountAndDate: 1 });
    expect(classesOf(result)).to.deep.equal({});
    expect(result.report.opening?.ledger?.toFixed()).to.equal("1000");
    expect(result.report.closing?.ledger?.toFixed()).to.equal("1070");
    const view = await world.view();
    expect(view.runCount).to.equal(1);
    expect(view.runs[0]).to.include({ statementVersion: digest, statementId: `STMT-${day}`, differenceCount: 0 });
    expect(view.differences).to.deep.equal([]);
    // The full report is kept under the run's inputs.
    const key = { accountId: account, date: day, inputsDigest: view.runs[0]!.inputsDigest };
    expect((await world.reports.header(key))?.matchCount).to.equal(2);
    expect((await world.reports.section(key, "matches", 0, 10)).map((m) => m.rule)).to.deep.equal([
      "entryReference",
      "amountAndDate",
    ]);
    expect(world.runs).to.deep.equal(["recorded"]);
  });

  it("records a seeded day's differences in the actor, each with its class, lines, records and amount", async () => {
    await world.entry("E1", "credit", "100.00", day);
    await world.entry("E3", "debit", "45.00", day);
    await world.entry("E4", "debit", "3.00", day);
    const lines = [
      line(1, "credit", "100.00", day, { endToEndId: "E1" }),
      line(2, "credit", "25.00", day, { bankReference: "BR-INT" }),
      line(3, "debit", "40.00", day, { endToEndId: "E3" }),
    ];
    // The bank's closing is its lines' (1085); the engine's ledger is 1000 + 100 - 45 - 3 = 1052.
    await world.statement(lines, { opening: "1000.00" });

    const result = ran(await world.reconcile());

    expect(classesOf(result)).to.deep.equal({
      missingAtBank: 1,
      missingInEngine: 1,
      amountDiffers: 1,
      closingBalanceDiffers: 1,
    });
    const key = { accountId: account, date: day };
    const differences = new Map((await world.view()).differences.map((d) => [d.differenceId, d]));
    const expected: Array<[string, number[], string[], string, string | null]> = [
      ["missingAtBank", [], ["entry:E4"], "3.0000", null],
      ["missingInEngine", [2], [], "25.0000", "25.0000"],
      ["amountDiffers", [3], ["entry:E3"], "5.0000", "-40.0000"],
      ["closingBalanceDiffers", [], [], "33.0000", null],
    ];
    for (const [differenceClass, lineNos, records, amount, lineEffect] of expected) {
      const id = differenceIdOf(key, differenceClass as "missingAtBank", lineNos, records);
      expect(differences.get(id), differenceClass).to.include({ status: "open", amount, lineEffect });
    }
    expect(differences.size).to.equal(4);
  });

  it("records nothing when it reads what the last run read", async () => {
    await world.entry("E1", "credit", "100.00", day);
    await world.statement([line(1, "credit", "100.00", day), line(2, "credit", "7.00", day)], { opening: "1000.00" });

    const first = ran(await world.reconcile());
    const second = ran(await world.reconcile());

    expect(first.outcome).to.equal("recorded");
    expect(second.outcome).to.equal("unchanged");
    expect(second.run.runNo).to.equal(1);
    expect(second.report.inputsDigest).to.equal(first.report.inputsDigest);
    expect((await world.view()).runCount).to.equal(1);
    // A change to what it reads is recorded: the missing line booked after all.
    await world.entry("E2", "credit", "7.00", day);
    const third = ran(await world.reconcile());
    expect(third.outcome).to.equal("recorded");
    expect(third.changes).to.deep.include({ cleared: 2 });
    expect(world.runs).to.deep.equal(["recorded", "unchanged", "recorded"]);
  });

  it("says so and records nothing when no statement covers the day", async () => {
    await world.statement([line(1, "credit", "5.00", dayBefore)], { fromDate: dayBefore });

    const result = await world.reconcile();

    expect(result).to.deep.equal({
      outcome: "no_statement",
      accountId: account,
      date: day,
      message: `no statement of ${account} covers ${day}`,
    });
    expect((await world.view()).runCount).to.equal(0);
    expect(world.runs).to.deep.equal(["no_statement"]);
  });

  it("reads the newest version of an end-of-day statement, before an intraday report or a wider statement", async () => {
    await world.entry("E1", "credit", "10.00", day);
    const lines = [line(1, "credit", "10.00", day)];
    await world.statement(lines, { statementId: "EOD", opening: "1000.00", closing: "999.00" });
    const corrected = await world.statement(lines, { statementId: "EOD", version: 2, opening: "1000.00" });
    await world.statement(lines, {
      statementId: "INTRADAY",
      format: "camt052",
      opening: "1000.00",
      importedAt: now + 1,
    });
    await world.statement(lines, { statementId: "WEEK", fromDate: dayBefore, toDate: day, opening: "0" });

    const result = ran(await world.reconcile());

    expect(result.statement).to.include({ statementId: "EOD", version: 2, digest: corrected });
    expect(result.report.statementVersion).to.equal(corrected);
    expect(classesOf(result)).to.deep.equal({});
  });

  it("reads a statement of several days for its lines of that day, its opening on its first day, its closing on its last", async () => {
    await world.entry("E1", "credit", "10.00", day);
    const lines = [
      line(1, "credit", "1000.00", dayBefore, { endToEndId: "F0" }),
      line(2, "credit", "10.00", day, { endToEndId: "E1" }),
      line(3, "credit", "99.00", day, { status: "pending" }),
    ];
    await world.statement(lines, { fromDate: dayBefore, toDate: day, opening: "0", statementId: "WEEK-49" });

    const first = ran(await world.reconcile(dayBefore));
    const second = ran(await world.reconcile(day));

    expect(first.report).to.include({ lineCount: 1, pendingCount: 0, statementId: "WEEK-49" });
    expect(first.report.opening?.stated.toFixed()).to.equal("0");
    expect(first.report.closing).to.equal(null);
    expect(first.summary.matchesByRule.entryReference).to.equal(1);
    expect(second.report).to.include({ lineCount: 2, pendingCount: 1 });
    expect(second.report.opening).to.equal(null);
    expect(second.report.closing?.stated.toFixed()).to.equal("1010");
    expect(classesOf(first)).to.deep.equal({});
    expect(classesOf(second)).to.deep.equal({});
    expect((await world.reports.section({ ...second.report }, "pending", 0, 5)).map((l) => l.lineNo)).to.deep.equal([
      3,
    ]);
  });

  it("leaves a neighbouring day's unmatched record to that day: not missing at the bank on this one", async () => {
    // Booked a day late by the bank: the record of the day before matches this day's line.
    await world.entry("LATE", "debit", "12.00", dayBefore);
    await world.entry("NEXT", "credit", "8.00", dayAfter);
    await world.entry("E1", "credit", "50.00", day);
    // The bank's opening is before the late debit: a timing difference the opening balance shows.
    await world.statement([line(1, "debit", "12.00", day), line(2, "credit", "50.00", day)], {
      opening: "1000.00",
      closing: null,
    });

    const result = ran(await world.reconcile());

    expect(result.report.recordCount).to.equal(4);
    const matches = await world.reports.section(result.report, "matches", 0, 10);
    expect(matches).to.deep.include({ rule: "amountAndDate", lines: [1], records: ["entry:LATE"], dayShift: 1 });
    // F0 (the day before) and NEXT (the day after) are unmatched and not this day's: no difference.
    expect(classesOf(result)).to.deep.equal({ openingBalanceDiffers: 1 });
  });

  it("never reports an adjustment as missing at the bank: it is the engine's approved correction of its own book", async () => {
    await world.entry("E1", "credit", "100.00", day);
    await world.entry("FEE", "debit", "2.50", day);
    // The fee the bank never charged, taken back by resolving its difference: an adjustment only the engine has.
    await world.send(
      "account",
      account,
      "recordEntry",
      {
        entryId: "adjustment:missingAtBank-0123456789abcdef",
        direction: "credit",
        amount: "2.50",
        currency: "EUR",
        bookingDate: day,
      },
      `system:reconciliation:${account}:${day}`,
    );
    await world.statement([line(1, "credit", "100.00", day)], { opening: "1000.00", closing: "1100.00" });

    const result = ran(await world.reconcile());

    // The fee is still missing at the bank (its difference, once resolved, stays so); the adjustment is not, and the
    // closing balance agrees.
    expect(classesOf(result)).to.deep.equal({ missingAtBank: 1 });
  });

  it("sends a matched line to its transfer as evidence, then runs the day again to show the step booked", async () => {
    await world.send("transfer", "t-1", "create", {
      from: account,
      to: other,
      amount: "200.00",
      currency: "EUR",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
    });
    await eventually("the debit is sent", async () => (await transferOf(world, "t-1")).step?.phase === "call");
    const statementLine = line(1, "debit", "200.00", today, { endToEndId: "t-1.debit", bankReference: "BR-9" });
    const digest = await world.statement([statementLine], { fromDate: today, opening: "1000.00", closing: null });

    const result = ran(await world.reconcile(today));

    expect(result.evidence).to.deep.equal([
      { transferId: "t-1", step: "debit", recordId: "transfer:t-1:debit", line: 1, outcome: "delivered" },
    ]);
    expect(world.evidence).to.deep.equal(["delivered"]);
    // The rerun read the step booked: a plain match, no evidence left, and two runs recorded.
    expect(result.summary.evidence).to.equal(0);
    expect(result.summary.matchesByRule.serial).to.equal(1);
    expect(result.run.runNo).to.equal(2);
    const transfer = await transferOf(world, "t-1");
    expect(transfer.bankReferences).to.deep.equal({ debit: "BR-9" });
    const evidenced = transfer.timeline?.find((item) => item.event === "stepEvidenced");
    expect(evidenced?.note).to.include(`statement STMT-${today} line 1, booked ${today}, bank reference BR-9`);
    expect(evidenced?.note).to.include(`version ${digest.slice(0, 12)}`);
    // Once more: nothing new to send, nothing new to record.
    const again = ran(await world.reconcile(today));
    expect(again.outcome).to.equal("unchanged");
    expect(again.evidence).to.deep.equal([]);
  });

  it("reports a transfer's refusal of evidence and goes on: nothing thrown, no rerun", async () => {
    world.silent.add("t-2");
    await world.send("transfer", "t-2", "create", {
      from: account,
      to: other,
      amount: "50.00",
      currency: "EUR",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
    });
    await eventually(
      "the debit is reserved",
      async () => (await world.records.recordsOf(account, today, today)).length > 0,
    );
    await world.statement([line(1, "debit", "50.00", today, { endToEndId: "t-2.debit" })], {
      fromDate: today,
      opening: "1000.00",
      closing: null,
    });

    const result = ran(await world.reconcile(today));

    expect(result.evidence).to.have.length(1);
    expect(result.evidence[0]).to.include({ transferId: "t-2", outcome: "refused", code: "evidence_step_not_sent" });
    expect(result.run.runNo).to.equal(1);
    expect(world.evidence).to.deep.equal(["refused"]);
  });

  it("books a resolution's adjustment on the account, and a rerun then clears the difference", async () => {
    await world.statement([line(1, "credit", "25.00", day, { bankReference: "INT-1" })], { opening: "1000.00" });
    ran(await world.reconcile());
    const id = differenceIdOf({ accountId: account, date: day }, "missingInEngine", [1], []);

    await world.send(
      "reconciliation",
      `${account}:${day}`,
      "resolve",
      { differenceId: id, action: "adjust", reason: "interest" },
      "grpc:alice",
    );
    await eventually("the adjustment is booked", async () => {
      const d = (await world.view()).differences.find((known) => known.differenceId === id);
      return d?.booking?.status === "booked";
    });

    const ledger = await world.system.query("account", account, "ledgerAsOf", { date: day }, "system:test");
    expect(ledger.ok && (ledger.result as JsonObject)["ledger"]).to.equal("1025.0000");
    const rerun = ran(await world.reconcile());
    expect(rerun.summary.matchesByRule.amountAndDate).to.equal(1);
    expect(classesOf(rerun)).to.deep.equal({});
    const difference = (await world.view()).differences.find((known) => known.differenceId === id);
    expect(difference?.resolution?.action).to.equal("adjust");
  });

  it("settles a transfer by a person's resolution: the effect hands it the line with every field it checks", async () => {
    await world.send("transfer", "t-3", "create", {
      from: account,
      to: other,
      amount: "70.00",
      currency: "EUR",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
    });
    await eventually("the debit is sent", async () => (await transferOf(world, "t-3")).step?.phase === "call");
    // A line that names nothing: a step not booked is never paired by amount alone, so it is missing in the engine.
    await world.statement([line(1, "debit", "70.00", today, { bankReference: "BR-77" })], {
      fromDate: today,
      opening: "1000.00",
      closing: null,
    });
    ran(await world.reconcile(today));
    const id = differenceIdOf({ accountId: account, date: today }, "missingInEngine", [1], []);

    await world.send(
      "reconciliation",
      `${account}:${today}`,
      "resolve",
      { differenceId: id, action: "settleTransfer", reason: "t-3's debit", transferId: "t-3", step: "debit" },
      "grpc:alice",
    );
    await eventually("the evidence is delivered", async () => {
      const d = (await world.view(today)).differences.find((known) => known.differenceId === id);
      return d?.booking?.status === "booked";
    });
    const transfer = await transferOf(world, "t-3");
    expect(transfer.step?.name).to.not.equal("debit");
    expect(transfer.timeline?.some((item) => item.event === "stepEvidenced")).to.equal(true);
  });

  it("refuses a malformed account or day before reading anything", async () => {
    for (const [accountId, date, place] of [
      ["BANKA", day, "account"],
      [account, "2026-02-30", "date"],
      [account, "yesterday", "date"],
    ] as const) {
      const refusal = await reconcileDay(world.parts, accountId, date).catch((error: unknown) => error);
      expect(refusal, `${accountId} ${date}`).to.be.instanceOf(ReconcileRequestInvalid);
      expect((refusal as ReconcileRequestInvalid).place).to.equal(place);
    }
    expect(world.runs).to.deep.equal([]);
  });

  it("fails a run whose records read model does not catch up, recording nothing", async () => {
    await world.statement([line(1, "credit", "5.00", day)], { opening: "1000.00" });
    world.records.held = [];
    await world.entry("E9", "credit", "5.00", day);

    const failure = await reconcileDay({ ...world.parts, catchUpTimeoutMs: 50 }, account, day).catch((e: unknown) => e);

    expect(failure).to.be.instanceOf(ReconciliationRunFailed);
    expect(failure).to.include({ code: "records_behind", retryable: true });
    expect((await world.view()).runCount).to.equal(0);
    expect(world.runs).to.deep.equal(["failed"]);
    world.records.release();
    expect(ran(await world.reconcile()).outcome).to.equal("recorded");
  });

  it("reconciles every account with a statement of the day, skipping the others", async () => {
    await world.statement([line(1, "credit", "1.00", day)], { opening: "1000.00" });

    const run = await reconcileAccounts(world.parts, [account, other], day);

    expect(run).to.deep.equal({ date: day, reconciled: 1, recorded: 1, unchanged: 0, failed: [] });
    expect((await world.view(day, other)).runCount).to.equal(0);
  });
});

describe("the Reconciliation service and liq's views of it, over the same in-memory engine", () => {
  let world: World;
  const caller = { principal: "grpc:olivia", trace: newTrace() };

  beforeEach(async () => {
    world = new World();
    world.system.start();
    await world.open(account);
    await world.entry("F0", "credit", "1000.00", dayBefore);
  });

  afterEach(() => world.system.stop());

  it("runs a day and shows its report a page at a time, each difference with its id and status now", async () => {
    const service = new ReconciliationService(world.parts);
    await world.entry("E1", "credit", "100.00", day);
    const lines = [
      line(1, "credit", "100.00", day, { endToEndId: "E1" }),
      line(2, "credit", "25.00", day),
      line(3, "debit", "4.00", day),
      line(4, "credit", "1.00", day, { status: "pending", bankReference: "P-1" }),
    ];
    await world.statement(lines, { opening: "1000.00" });

    const answer = await service.reconcileNow({ account_id: account, date: day }, caller);

    expect(answer.summary).to.deep.include({ outcome: "recorded", run_no: 1, lines: 4, pending_lines: 1, found: 3 });
    expect(answer.summary?.closing).to.deep.equal({
      stated: "1121.0000",
      date: day,
      ledger: "1100.0000",
      difference: "21.0000",
    });
    expect(answer.summary?.matched?.find((m) => m.rule === "entryReference")?.count).to.equal(1);
    const page1 = await service.getReport({ account_id: account, date: day, page: 1, page_size: 2 });
    const page2 = await service.getReport({ account_id: account, date: day, page: 2, page_size: 2 });
    expect([page1.page, page1.pages, page2.page]).to.deep.equal([1, 2, 2]);
    const differences = [...page1.differences!, ...page2.differences!];
    expect(differences.map((d) => [d.class, d.lines, d.amount, d.status])).to.deep.equal([
      ["missingInEngine", [2], "25.0000", "open"],
      ["missingInEngine", [3], "-4.0000", "open"],
      ["closingBalanceDiffers", [], "21.0000", "open"],
    ]);
    const known = new Set((await world.view()).differences.map((d) => d.differenceId));
    expect(differences.every((d) => known.has(d.difference_id!))).to.equal(true);
    expect(page1.pending).to.deep.equal([
      {
        line: 4,
        direction: "credit",
        amount: "1.0000",
        booking_date: day,
        value_date: day,
        bank_reference: "P-1",
        end_to_end_id: "",
      },
    ]);
    expect(page2.pending).to.deep.equal([]);
    const text = reportText(page1 as GetReportResponse__Output);
    expect(text).to.include(differences[0]!.difference_id!).and.include("page 1 of 2");
    expect(reconcileText(answer as ReconcileNowResponse__Output)).to.include(
      "missingInEngine 2, closingBalanceDiffers 1",
    );
  });

  it("answers NOT_FOUND for a day without a run, INVALID_ARGUMENT for a bad request, and says when no statement covers a day", async () => {
    const service = new ReconciliationService(world.parts);
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(await refusal(service.getReport({ account_id: account, date: day, page: 0, page_size: 0 }))).to.include({
      engineCode: "reconciliation_not_found",
    });
    expect(await refusal(service.getReport({ account_id: account, date: day, page: 1, page_size: 1_001 }))).to.include({
      engineCode: "invalid_argument",
    });
    expect(await refusal(service.reconcileNow({ account_id: "A1", date: day }, caller))).to.include({
      engineCode: "invalid_argument",
      message: 'account_id: "A1" is not an account id BANK:NUMBER',
    });
    const none = await service.reconcileNow({ account_id: account, date: day }, caller);
    expect(none).to.deep.equal({
      summary: {
        account_id: account,
        date: day,
        outcome: "no_statement",
        message: `no statement of ${account} covers ${day}`,
      },
      evidence: [],
    });
    expect(reconcileText(none as ReconcileNowResponse__Output)).to.include("no statement covers the day");
  });
});

reportStoreContract("memory", async () => ({ store: new MemoryReportStore(), close: async () => {} }));

async function transferOf(world: World, transferId: string) {
  const reply = await world.system.query("transfer", transferId, "get", {}, "system:test");
  if (!reply.ok) throw new Error(reply.error.message);
  return decodeTransferReply(reply.result, transferId);
}
