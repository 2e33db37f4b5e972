import { expect } from "chai";
import { Money } from "../../actors/shared/amount.js";
import { summarize } from "../../reconciliation/matching/index.js";
import type { Match } from "../../reconciliation/model.js";
import type { ReportHeader, ReportStore, RunReportDocument } from "../../reconciliation/ports.js";
import { reportChunkItemsMax, reportsKeptPerDay } from "../../reconciliation/report-retention.js";
import { digestOf, line } from "./reconciliation-fakes.js";

/** A report of `matches` matches (a batch sum every seventh, to vary the shapes), one difference, one pending line. */
function reportOf(inputs: string, matches: number, createdAt: number, accountId = "BANKA:A1"): RunReportDocument {
  const list: Match[] = Array.from({ length: matches }, (_, index) => ({
    rule: index % 7 === 0 ? "batchSum" : "serial",
    lines: [index + 1],
    records: index % 7 === 0 ? [`entry:${index}a`, `entry:${index}b`] : [`transfer:t-${index}:debit`],
    dayShift: index % 3,
  }));
  const differences = [
    {
      class: "closingBalanceDiffers" as const,
      lines: [],
      records: [],
      amount: new Money("-12.3456"),
      detail: "the statement's closing balance on 2026-12-07 is 100, the engine's ledger 112.3456",
    },
  ];
  const pending = [line(matches + 1, "credit", "9.50", "2026-12-07", { status: "pending", bankReference: "P-1" })];
  const header: ReportHeader = {
    accountId,
    date: "2026-12-07",
    inputsDigest: digestOf(inputs),
    statementVersion: digestOf(`statement ${inputs}`),
    statementVersionNo: 2,
    statementFormat: "camt053",
    statementId: "STMT-1",
    currency: "EUR",
    createdAt,
    lineCount: matches + 1,
    recordCount: matches,
    opening: { stated: new Money("100"), date: "2026-12-07", ledger: undefined },
    closing: { stated: new Money("100"), date: "2026-12-07", ledger: new Money("112.3456") },
    summary: summarize({ matches: list, differences, pending: [matches + 1], evidence: [], sumSearchCut: false }),
    matchCount: matches,
    differenceCount: 1,
    pendingCount: 1,
  };
  return { header, matches: list, differences, pending };
}

/** The rules every ReportStore keeps (reconciliation/ports.ts), run against each adapter. */
export function reportStoreContract(name: string, open: () => Promise<{ store: ReportStore; close(): Promise<void> }>) {
  describe(`report store contract: ${name}`, function () {
    this.timeout(60_000);
    let store: ReportStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(() => close());

    it("keeps a whole report under its key: the header and each list, paged across chunks, amounts exact", async () => {
      const count = reportChunkItemsMax * 2 + 500;
      const report = reportOf("big", count, 1_000);
      expect(await store.header(report.header)).to.equal(undefined);
      await store.putReport(report);
      const header = await store.header(report.header);
      expect(header?.summary).to.deep.equal(report.header.summary);
      expect(header?.closing?.ledger?.toFixed()).to.equal("112.3456");
      expect(header?.opening?.ledger).to.equal(undefined);
      expect(header).to.deep.include({ matchCount: count, statementVersionNo: 2, statementFormat: "camt053" });
      const across = await store.section(report.header, "matches", reportChunkItemsMax - 10, 20);
      expect(across).to.deep.equal(report.matches.slice(reportChunkItemsMax - 10, reportChunkItemsMax + 10));
      expect(await store.section(report.header, "matches", count - 5, 100)).to.have.length(5);
      expect(await store.section(report.header, "matches", count, 100)).to.deep.equal([]);
      const [difference] = await store.section(report.header, "differences", 0, 10);
      expect(difference?.amount.toFixed()).to.equal("-12.3456");
      const [pending] = await store.section(report.header, "pending", 0, 10);
      expect(pending).to.deep.include({ lineNo: count + 1, status: "pending", bankReference: "P-1" });
      expect(pending?.amount.toFixed(2)).to.equal("9.50");
    });

    it("keeps the first write of a key: a rewrite changes nothing", async () => {
      const report = reportOf("same", 3, 1_000);
      await store.putReport(report);
      await store.putReport({ ...report, matches: [], header: { ...report.header, createdAt: 2_000 } });
      expect((await store.header(report.header))?.createdAt).to.equal(1_000);
      expect(await store.section(report.header, "matches", 0, 10)).to.have.length(3);
    });

    it(`keeps the newest ${reportsKeptPerDay} reports of an account and day`, async () => {
      const reports = Array.from({ length: reportsKeptPerDay + 2 }, (_, index) => reportOf(`run-${index}`, 2, index));
      for (const report of reports) await store.putReport(report);
      const otherAccount = reportOf("run-0", 2, 0, "BANKB:B1");
      await store.putReport(otherAccount);
      expect(await store.header(reports[0]!.header)).to.equal(undefined);
      expect(await store.header(reports[1]!.header)).to.equal(undefined);
      expect(await store.section(reports[0]!.header, "matches", 0, 10)).to.deep.equal([]);
      expect((await store.header(reports[2]!.header))?.createdAt).to.equal(2);
      expect(await store.header(otherAccount.header)).to.not.equal(undefined);
    });
  });
}
