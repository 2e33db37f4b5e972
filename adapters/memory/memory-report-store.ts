import type {
  ReportHeader,
  ReportKey,
  ReportSection,
  ReportSections,
  ReportStore,
  RunReportDocument,
} from "../../reconciliation/ports.js";
import { reportsKeptPerDay } from "../../reconciliation/report-retention.js";

/**
 * Reconciliation reports in memory: the embedded engine and unit tests. Not durable; like the MongoDB store it keeps
 * the newest `reportsKeptPerDay` reports of each account and day, and the first write of a key wins.
 */
export class MemoryReportStore implements ReportStore {
  private readonly reports = new Map<string, RunReportDocument>();

  async putReport(report: RunReportDocument): Promise<void> {
    const id = idOf(report.header);
    if (this.reports.has(id)) return;
    this.reports.set(id, report);
    const sameDay = [...this.reports.values()]
      .filter((kept) => kept.header.accountId === report.header.accountId && kept.header.date === report.header.date)
      .sort((a, b) => b.header.createdAt - a.header.createdAt);
    for (const old of sameDay.slice(reportsKeptPerDay)) this.reports.delete(idOf(old.header));
  }

  async header(key: ReportKey): Promise<ReportHeader | undefined> {
    return this.reports.get(idOf(key))?.header;
  }

  async section<S extends ReportSection>(
    key: ReportKey,
    section: S,
    offset: number,
    count: number,
  ): Promise<ReportSections[S][number][]> {
    const items = this.reports.get(idOf(key))?.[section] ?? [];
    return items.slice(offset, offset + count) as ReportSections[S][number][];
  }
}

function idOf(key: ReportKey): string {
  return `${key.accountId}|${key.date}|${key.inputsDigest}`;
}
