import { status } from "@grpc/grpc-js";
import { parseAccountKey } from "../../actors/account/account-key.js";
import {
  decodeDifferenceReply,
  decodeReconciliationView,
  differenceClasses,
  differenceStatuses,
  parseReconciliationId,
  reconciliationIdOf,
} from "../../actors/reconciliation/index.js";
import { differenceIdPattern, isCalendarDate } from "../../actors/reconciliation/id.js";
import { stepNames } from "../../actors/transfer/commands.js";
import {
  matchesDifference,
  type DifferenceDirectory,
  type DifferenceFilter,
} from "../../read-models/difference-directory.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import { truncateText } from "../../runtime/text.js";
import { childSpan } from "../../runtime/trace-context.js";
import type { ConfirmDifferenceResolutionRequest__Output } from "../../protos/generated/liquidity/v1/ConfirmDifferenceResolutionRequest.js";
import type { Difference } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResult } from "../../protos/generated/liquidity/v1/DifferenceResult.js";
import type { ExplainDifferenceRequest__Output } from "../../protos/generated/liquidity/v1/ExplainDifferenceRequest.js";
import type { GetDifferenceRequest__Output } from "../../protos/generated/liquidity/v1/GetDifferenceRequest.js";
import type { ListDifferencesRequest__Output } from "../../protos/generated/liquidity/v1/ListDifferencesRequest.js";
import type { ListDifferencesResponse } from "../../protos/generated/liquidity/v1/ListDifferencesResponse.js";
import type { RejectDifferenceResolutionRequest__Output } from "../../protos/generated/liquidity/v1/RejectDifferenceResolutionRequest.js";
import type { ResolveDifferenceRequest__Output } from "../../protos/generated/liquidity/v1/ResolveDifferenceRequest.js";
import type { WatchDifferencesRequest__Output } from "../../protos/generated/liquidity/v1/WatchDifferencesRequest.js";
import { getView } from "./actor-get.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { differenceOf, differenceSummaryOf, wireActions, type WireAction } from "./difference-messages.js";
import { commandIdFor, requestId } from "./positions-service.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/** Which reconciliation actor holds a difference, and its id. */
interface DifferenceAddress {
  readonly reconciliationId: string;
  readonly differenceId: string;
}

/** The fields every call on one difference carries. */
interface DifferenceRequest {
  readonly difference_id: string;
  readonly account_id: string;
  readonly date: string;
}

/**
 * The Differences service (ADR 014 §4): listings and watches from the difference directory, the rest through the
 * reconciliation actor of the difference's account and day, which journals each change with its principal and
 * enforces maker-checker. Every resolve carries `approvalAbove`, the engine's LIQ_RECON_APPROVAL_ABOVE: no call can
 * leave it out, so a resolution above it always waits for a second person.
 */
export class DifferencesService {
  constructor(
    private readonly system: ActorSystem,
    readonly directory: DifferenceDirectory,
    /** A decimal string (engine/config.ts validates it). */
    private readonly approvalAbove: string,
  ) {}

  listDifferences(request: ListDifferencesRequest__Output): ListDifferencesResponse {
    const limit = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (limit > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    const filter = filterOf(request);
    const page = this.directory.list(
      (entry) => matchesDifference(filter, entry),
      decodePageToken(request.page_token),
      limit,
    );
    return {
      differences: page.views.map(differenceSummaryOf),
      next_page_token: page.more ? encodePageToken(page.lastId) : "",
    };
  }

  async getDifference(request: GetDifferenceRequest__Output, caller: Caller): Promise<Difference> {
    return this.read(this.addressOf(request), caller);
  }

  explainDifference(request: ExplainDifferenceRequest__Output, caller: Caller): Promise<DifferenceResult> {
    return this.command(request, "explain", { note: request.note, evidence: request.evidence }, caller);
  }

  resolveDifference(request: ResolveDifferenceRequest__Output, caller: Caller): Promise<DifferenceResult> {
    if (!Object.hasOwn(wireActions, request.action))
      throw invalid(`action must be one of ${Object.keys(wireActions).join(", ")}, not ${shown(request.action)}`);
    const action = wireActions[request.action as WireAction];
    const payload: Record<string, Json> = { action, reason: request.reason, approvalAbove: this.approvalAbove };
    if (action === "settleTransfer") {
      if (!(stepNames as readonly string[]).includes(request.step))
        throw invalid(`settle_transfer needs step, one of ${stepNames.join(", ")}`);
      payload["transferId"] = request.transfer_id;
      payload["step"] = request.step;
      if (request.bank_reference !== "") payload["bankReference"] = request.bank_reference;
    } else if (request.transfer_id !== "" || request.step !== "" || request.bank_reference !== "") {
      throw invalid(`transfer_id, step and bank_reference are for settle_transfer, not ${request.action}`);
    }
    return this.command(request, "resolve", payload, caller);
  }

  confirmResolution(request: ConfirmDifferenceResolutionRequest__Output, caller: Caller): Promise<DifferenceResult> {
    return this.command(request, "confirmResolution", { comment: request.comment }, caller);
  }

  rejectResolution(request: RejectDifferenceResolutionRequest__Output, caller: Caller): Promise<DifferenceResult> {
    return this.command(request, "rejectResolution", { reason: request.reason }, caller);
  }

  /** Validates a watch request into a filter. */
  watchFilter(request: WatchDifferencesRequest__Output): DifferenceFilter {
    return filterOf(request);
  }

  /** Command id `<call>:<principal>/<request_id>`: a retry is the same command, answered, applied once. */
  private async command(
    request: DifferenceRequest & { readonly request_id: string },
    type: "explain" | "resolve" | "confirmResolution" | "rejectResolution",
    fields: Record<string, Json>,
    caller: Caller,
  ): Promise<DifferenceResult> {
    const id = requestId(request.request_id);
    const address = this.addressOf(request);
    const reply = await this.system.dispatch({
      kind: "reconciliation",
      actorId: address.reconciliationId,
      commandId: commandIdFor(`difference-${type}`, `${caller.principal}/${id}`),
      type,
      payload: { differenceId: address.differenceId, ...fields },
      principal: caller.principal,
      trace: childSpan(caller.trace),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    if (reply.duplicate === true) return { difference: await this.read(address, caller), duplicate: true };
    const { difference } = decodeDifferenceReply(
      reply.result,
      `the reply of reconciliation ${address.reconciliationId}`,
    );
    const key = parseReconciliationId(address.reconciliationId)!;
    const currency = this.directory.byId(address.differenceId)?.currency ?? null;
    return { difference: differenceOf(difference, { ...key, currency }), duplicate: false };
  }

  /** The difference as its reconciliation holds it now (a repeat's stored reply shows it as it was then). */
  private async read(address: DifferenceAddress, caller: Caller): Promise<Difference> {
    const view = await getView(
      this.system,
      "reconciliation",
      address.reconciliationId,
      caller,
      decodeReconciliationView,
    );
    const difference = view.differences.find((d) => d.differenceId === address.differenceId);
    if (!difference) throw notFound(address.differenceId, `the reconciliation of ${view.accountId} on ${view.date}`);
    return differenceOf(difference, view);
  }

  /** The reconciliation named by account_id and date, or else the one the directory knows the difference in. */
  private addressOf(request: DifferenceRequest): DifferenceAddress {
    const differenceId = request.difference_id;
    if (!differenceIdPattern.test(differenceId))
      throw invalid(`difference_id must be a difference id such as "amountDiffers-3f09a1c27be45d10"`);
    if (request.account_id === "" && request.date === "") {
      const entry = this.directory.byId(differenceId);
      if (!entry) throw notFound(differenceId, "the difference directory (give account_id and date if it is new)");
      return { reconciliationId: entry.reconciliationId, differenceId };
    }
    if (request.account_id === "" || request.date === "") throw invalid("account_id and date go together");
    const reconciliationId = reconciliationIdOf(accountIdOf(request.account_id), dateOf(request.date, "date"));
    if (!parseReconciliationId(reconciliationId))
      throw invalid(`account_id and date name no reconciliation: ${shown(reconciliationId)}`);
    return { reconciliationId, differenceId };
  }
}

function filterOf(request: {
  account_id: string;
  date_from: string;
  date_to: string;
  classes: string[];
  statuses: string[];
}): DifferenceFilter {
  const dateFrom = request.date_from === "" ? undefined : dateOf(request.date_from, "date_from");
  const dateTo = request.date_to === "" ? undefined : dateOf(request.date_to, "date_to");
  if (dateFrom !== undefined && dateTo !== undefined && dateFrom > dateTo)
    throw invalid(`date_from ${dateFrom} is after date_to ${dateTo}`);
  return {
    ...(request.account_id !== "" && { accountId: accountIdOf(request.account_id) }),
    ...(dateFrom !== undefined && { dateFrom }),
    ...(dateTo !== undefined && { dateTo }),
    classes: new Set(namesOf(request.classes, differenceClasses, "classes", "difference classes")),
    statuses: new Set(namesOf(request.statuses, differenceStatuses, "statuses", "difference statuses")),
  };
}

function namesOf<T extends string>(values: string[], allowed: readonly T[], field: string, what: string): T[] {
  for (const value of values)
    if (!(allowed as readonly string[]).includes(value))
      throw invalid(`${field} must name ${what} (${allowed.join(", ")}), not ${shown(value)}`);
  return values as T[];
}

function accountIdOf(accountId: string): string {
  const colon = accountId.indexOf(":");
  const parsed = colon < 0 ? undefined : parseAccountKey(accountId.slice(0, colon), accountId.slice(colon + 1));
  if (!parsed?.ok) throw invalid(`account_id must be BANK:NUMBER, not ${shown(accountId)}`);
  return accountId;
}

function dateOf(value: string, field: string): string {
  if (!isCalendarDate(value)) throw invalid(`${field} must be a day YYYY-MM-DD, not ${shown(value)}`);
  return value;
}

function shown(value: string): string {
  return JSON.stringify(truncateText(value, 40));
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}

function notFound(differenceId: string, where: string): ApiError {
  return new ApiError(status.NOT_FOUND, `no difference ${differenceId} in ${where}`, "difference_not_found");
}

/** Page tokens are opaque to clients: the last difference's key (reconciliation/difference id), base64url. */
function encodePageToken(lastKey: string): string {
  return Buffer.from(`d:${lastKey}`, "utf8").toString("base64url");
}

function decodePageToken(token: string): string {
  if (token === "") return "";
  const match = /^d:([A-Za-z0-9_:-]{1,128}\/[A-Za-z]{1,32}-[0-9a-f]{16})$/.exec(
    Buffer.from(token, "base64url").toString("utf8"),
  );
  if (!match) throw invalid("page_token is not one this server issued");
  return match[1]!;
}
