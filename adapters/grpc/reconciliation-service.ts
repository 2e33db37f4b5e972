import { status } from "@grpc/grpc-js";
import { differenceIdOf } from "../../actors/reconciliation/index.js";
import { ReconcilerReads } from "../../reconciliation/actor-reads.js";
import { ReconcileRequestInvalid, ReconciliationRunFailed } from "../../reconciliation/errors.js";
import { checkRequest, reconcileDay, type ReconcilerParts } from "../../reconciliation/reconciler.js";
import type { GetReportRequest__Output } from "../../protos/generated/liquidity/v1/GetReportRequest.js";
import type { GetReportResponse } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { ReconcileNowRequest__Output } from "../../protos/generated/liquidity/v1/ReconcileNowRequest.js";
import type { ReconcileNowResponse } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import { silentLogger } from "../../runtime/logger.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import {
  differenceOf,
  evidenceOf,
  matchOf,
  pendingOf,
  summaryOfReport,
  summaryOfResult,
} from "./reconciliation-messages.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/**
 * The Reconciliation service (ADR 014): runs an account's day now, and shows the last recorded run's report. The
 * run is recorded by the reconciler as the engine (`system:reconciler`); who asked is in the log.
 */
export class ReconciliationService {
  constructor(private readonly parts: ReconcilerParts) {}

  async reconcileNow(request: ReconcileNowRequest__Output, caller: Caller): Promise<ReconcileNowResponse> {
    const { account_id: accountId, date } = request;
    checked(accountId, date);
    (this.parts.logger ?? silentLogger).info("reconciliation asked", { principal: caller.principal, accountId, date });
    try {
      const result = await reconcileDay(this.parts, accountId, date);
      return {
        summary: summaryOfResult(result),
        evidence: result.outcome === "no_statement" ? [] : result.evidence.map(evidenceOf),
      };
    } catch (error) {
      throw apiErrorOf(error);
    }
  }

  async getReport(request: GetReportRequest__Output): Promise<GetReportResponse> {
    const { account_id: accountId, date } = request;
    checked(accountId, date);
    const size = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (size > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    const page = Math.max(1, request.page);
    const view = await new ReconcilerReads(this.parts.system)
      .reconciliation(accountId, date)
      .catch((error: unknown) => {
        throw apiErrorOf(error);
      });
    const run = view.runs.at(-1);
    if (!run)
      throw new ApiError(
        status.NOT_FOUND,
        `no reconciliation of ${accountId} on ${date} has been recorded`,
        "reconciliation_not_found",
      );
    const key = { accountId, date, inputsDigest: run.inputsDigest };
    const header = await this.parts.reports.header(key);
    if (!header)
      throw new ApiError(
        status.NOT_FOUND,
        `the report of run ${run.runNo} of ${accountId} on ${date} is no longer kept; reconcile the day again`,
        "report_not_found",
      );
    const offset = (page - 1) * size;
    const [matches, differences, pending] = await Promise.all([
      this.parts.reports.section(key, "matches", offset, size),
      this.parts.reports.section(key, "differences", offset, size),
      this.parts.reports.section(key, "pending", offset, size),
    ]);
    const statuses = new Map(view.differences.map((d) => [d.differenceId, d.status]));
    const longest = Math.max(header.matchCount, header.differenceCount, header.pendingCount);
    return {
      summary: summaryOfReport(header, run, run, "recorded"),
      matches: matches.map(matchOf),
      differences: differences.map((d) => {
        const differenceId = differenceIdOf(key, d.class, d.lines, d.records);
        return differenceOf(d, differenceId, statuses.get(differenceId) ?? "open");
      }),
      pending: pending.map(pendingOf),
      page,
      pages: Math.max(1, Math.ceil(longest / size)),
    };
  }
}

function checked(accountId: string, date: string): void {
  try {
    checkRequest(accountId, date);
  } catch (error) {
    if (error instanceof ReconcileRequestInvalid)
      throw invalid(`${error.place === "account" ? "account_id" : "date"}: ${error.reason}`);
    throw error;
  }
}

/** A run that did not finish: UNAVAILABLE when a retry may work, else FAILED_PRECONDITION; anything else is a bug. */
function apiErrorOf(error: unknown): unknown {
  if (!(error instanceof ReconciliationRunFailed)) return error;
  return new ApiError(error.retryable ? status.UNAVAILABLE : status.FAILED_PRECONDITION, error.message, error.code);
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}
