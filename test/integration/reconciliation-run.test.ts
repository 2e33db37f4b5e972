import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { structOf } from "../../adapters/grpc/struct.js";
import { MongoReportStore } from "../../adapters/mongo/mongo-report-store.js";
import { decodeReconciliationView, differenceIdOf } from "../../actors/reconciliation/index.js";
import { bookingDayOf } from "../../actors/shared/booking-day.js";
import type { GetReportResponse__Output } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { JobView__Output } from "../../protos/generated/liquidity/v1/JobView.js";
import type { ReconcileNowResponse__Output } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import type { Json } from "../../runtime/json.js";
import { rigServers, uniqueDatabaseName } from "../rig/global.js";
import { accessFile } from "../support/access-file.js";
import { TestDifferencesClient } from "../support/grpc-differences-client.js";
import { TestJobsClient } from "../support/grpc-jobs-client.js";
import { TestReconciliationClient } from "../support/grpc-reconciliation-client.js";
import { reportStoreContract } from "../support/report-store-contract.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const account = "BANKA:A1";

/** Counts by name, the ones above zero, of a summary's `matched` or `differences`. */
function counted(items: ReadonlyArray<{ rule?: string; class?: string; count: number }>): Record<string, number> {
  return Object.fromEntries(
    items.filter((item) => item.count > 0).map((item) => [item.rule ?? item.class, item.count]),
  );
}

reportStoreContract("MongoDB (the rig's MongoDB-wire server)", async () => {
  const { mongoUrl } = await rigServers();
  const store = await MongoReportStore.connect({ url: mongoUrl, database: uniqueDatabaseName("reports") });
  return { store, close: () => store.close() };
});

/**
 * The reconciler in a real engine process (NATS, a MongoDB-wire server) with a real bank simulator: the bank's own
 * camt.053 statement of the day, taken in through the statement inbox, matched against what the engine booked.
 */
describe("reconciliation of an account's day, over gRPC, against a real engine and bank simulator", function () {
  this.timeout(240_000);
  let world: TransferWorld;
  let olivia: TestReconciliationClient;
  let victor: TestReconciliationClient;
  let jobs: TestJobsClient;
  let inbox: string;
  let today: string;
  let address: string;
  let access: ReturnType<typeof accessFile>;

  before(async () => {
    inbox = mkdtempSync(join(tmpdir(), "liq-statement-inbox-"));
    access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    world = await TransferWorld.start({
      accounts: [
        { bankCode: "BANKA", account: "A1" },
        { bankCode: "BANKB", account: "B1" },
      ],
      env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false", LIQ_STATEMENT_INBOX: inbox },
    });
    const ready = world.engine!.lines.find((line) => line["event"] === "ready")!;
    address = `127.0.0.1:${String(ready["grpcPort"])}`;
    olivia = new TestReconciliationClient(address, access.tokens["olivia"]);
    victor = new TestReconciliationClient(address, access.tokens["victor"]);
    jobs = new TestJobsClient(address, access.tokens["olivia"]);
  });

  after(async () => {
    olivia?.close();
    victor?.close();
    jobs?.close();
    await world?.stop();
    rmSync(inbox, { recursive: true, force: true });
  });

  it("refuses a malformed day, a viewer's run and the report of a day never reconciled, changing nothing", async () => {
    const day = bookingDayOf(Date.now());
    expect(await olivia.call("ReconcileNow", { account_id: account, date: "2026-02-30" })).to.deep.include({
      ok: false,
      code: status.INVALID_ARGUMENT,
      engineCode: "invalid_argument",
    });
    expect(await olivia.call("ReconcileNow", { account_id: "BANKA", date: day })).to.deep.include({
      ok: false,
      code: status.INVALID_ARGUMENT,
    });
    expect(await victor.call("ReconcileNow", { account_id: account, date: day })).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
    });
    expect(await victor.call("GetReport", { account_id: account, date: day })).to.deep.include({
      ok: false,
      code: status.NOT_FOUND,
      engineCode: "reconciliation_not_found",
    });
    const view = await reconciliationView(day);
    expect(view.runCount).to.equal(0);
  });

  it("matches the bank's statement, records its differences, books an adjustment, and runs again from a job", async () => {
    // What both sides booked, and what only one did: interest the bank paid (25.00) and a fee only the engine has.
    await world.simulator.fund("BANKA", "A1", "5000.00");
    await world.expectOk(
      world.send("account", account, "fund-A1", "recordEntry", {
        entryId: "fund-A1",
        direction: "credit",
        amount: "5000.00",
        currency: "CNY",
      }),
    );
    await world.expectOk(world.createTransfer("t-rec-1", "100.00"));
    await world.settled("t-rec-1", ["SUCCESS"]);
    await world.simulator.fund("BANKA", "A1", "25.00");
    await world.expectOk(
      world.send("account", account, "fee-9", "recordEntry", {
        entryId: "fee-9",
        direction: "debit",
        amount: "3.00",
        currency: "CNY",
      }),
    );
    today = bookingDayOf(Date.now());
    await importStatement(today);

    const first = await olivia.must<ReconcileNowResponse__Output>("ReconcileNow", { account_id: account, date: today });

    const summary = first.summary!;
    expect(summary).to.deep.include({ outcome: "recorded", run_no: 1, lines: 3, pending_lines: 0, found: 3 });
    expect(counted(summary.matched)).to.deep.equal({ serial: 1, amountAndDate: 1 });
    expect(counted(summary.differences)).to.deep.equal({
      missingAtBank: 1,
      missingInEngine: 1,
      closingBalanceDiffers: 1,
    });
    // The bank's closing is 5000 - 100 + 25; the engine's ledger 5000 - 100 - 3.
    expect(summary.closing).to.deep.include({ stated: "4925.0000", ledger: "4897.0000", difference: "28.0000" });

    const again = await olivia.must<ReconcileNowResponse__Output>("ReconcileNow", { account_id: account, date: today });
    expect(again.summary).to.deep.include({ outcome: "unchanged", run_no: 1 });

    const report = await victor.must<GetReportResponse__Output>("GetReport", { account_id: account, date: today });
    expect(report).to.deep.include({ page: 1, pages: 1 });
    expect(report.matches.map((m) => m.rule).sort()).to.deep.equal(["amountAndDate", "serial"]);
    const key = { accountId: account, date: today };
    const interest = report.differences.find((d) => d.class === "missingInEngine")!;
    expect(interest).to.deep.include({ amount: "25.0000", status: "open" });
    expect(interest.difference_id).to.equal(differenceIdOf(key, "missingInEngine", interest.lines, []));
    expect(report.differences.find((d) => d.class === "missingAtBank")).to.deep.include({
      records: ["entry:fee-9"],
      amount: "3.0000",
    });

    // The interest is booked by resolving its difference: the reconciliation actor's effect records the adjustment.
    const differences = new TestDifferencesClient(address, access.tokens["olivia"]);
    await differences
      .must("ResolveDifference", {
        difference_id: interest.difference_id,
        action: "adjust",
        reason: "interest for November",
        request_id: `resolve-${interest.difference_id}`,
      })
      .finally(() => differences.close());
    await eventually(
      "the adjustment is booked",
      async () =>
        (await reconciliationView(today)).differences.find((d) => d.differenceId === interest.difference_id)?.booking
          ?.status === "booked",
      30_000,
      100,
    );
    expect((await world.position(account))["ledger"]).to.equal("4922.0000");
    const rerun = await olivia.must<ReconcileNowResponse__Output>("ReconcileNow", { account_id: account, date: today });
    expect(rerun.summary).to.deep.include({ outcome: "recorded", run_no: 2, updated: 1 });
    expect(counted(rerun.summary!.matched)).to.deep.equal({ serial: 1, amountAndDate: 2 });
    expect(counted(rerun.summary!.differences)).to.deep.equal({ missingAtBank: 1, closingBalanceDiffers: 1 });

    // The same day from a scheduled job: its slot is applied, and it finds nothing new to record.
    const job = await jobs.must<JobView__Output>("PutJob", {
      job_id: "reconcile-a1",
      job: {
        cron: "* * * * * *",
        time_zone: "UTC",
        target: {
          kind: "reconciliation",
          actor_id: "daily",
          command: "run",
          payload: structOf({ account, date: today }),
        },
      },
      expected_version: 0,
      request_id: "put-reconcile-a1",
    });
    await eventually(
      "a slot of the reconciliation job is applied",
      async () =>
        (await jobs.must<JobView__Output>("GetJob", { job_id: "reconcile-a1" })).last_outcome?.outcome === "applied",
      30_000,
      200,
    );
    await jobs.must("DeleteJob", { job_id: "reconcile-a1", expected_version: job.version, request_id: "del-1" });
    expect((await reconciliationView(today)).runCount).to.equal(2);
  });

  /** The bank's camt.053 of the day for BANKA:A1, dropped in the engine's statement inbox until it is imported. */
  async function importStatement(day: string): Promise<void> {
    const url = `${world.simulator.baseUrl}/banks/BANKA/accounts/A1/statement?date=${day}&format=camt053`;
    const response = await fetch(url);
    expect(response.status, await response.clone().text()).to.equal(200);
    const name = `BANKA-A1-${day}.xml`;
    writeFileSync(join(inbox, name), await response.text());
    await eventually(
      `the statement inbox (LIQ_STATEMENT_INBOX) imports ${name} into imported/`,
      () =>
        existsSync(join(inbox, "imported")) && readdirSync(join(inbox, "imported")).some((file) => file.includes(name)),
      30_000,
      100,
    ).catch((error: Error) => {
      const refused = existsSync(join(inbox, "refused")) ? readdirSync(join(inbox, "refused")) : [];
      throw new Error(`${error.message}; refused: ${refused.join(", ") || "none"}`);
    });
  }

  async function reconciliationView(day: string) {
    const result = await world.expectOk(
      world.send("reconciliation", `${account}:${day}`, `get-${Date.now()}-${Math.random()}`, "get", {}),
    );
    return decodeReconciliationView(result as unknown as Json, "the reconciliation");
  }
});
