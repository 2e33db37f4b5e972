import { randomUUID } from "node:crypto";
import { status } from "@grpc/grpc-js";
import {
  isStatus,
  requestOf,
  type TransferCursor,
  type TransferEventFeed,
  type TransferIndex,
  type TransferListQuery,
  type TransferRequestSummary,
} from "../../read-models/transfer-read-model.js";
import type { TransferCommand } from "../../actors/transfer/commands.js";
import type { TransferStatus } from "../../actors/transfer/state.js";
import { executeAtProblem } from "../../actors/transfer/execute-at.js";
import { splitAccount } from "../../actors/transfer/steps.js";
import { decodeTransferReply, type TransferReply, type TransferView } from "../../actors/transfer/view.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { Reply } from "../../runtime/messages.js";
import type { Logger } from "../../runtime/ports.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { truncateText } from "../../runtime/text.js";
import { childSpan, newTrace, type TraceContext } from "../../runtime/trace-context.js";
import type { ApproveTransferRequest__Output } from "../../protos/generated/liquidity/v1/ApproveTransferRequest.js";
import type { CancelTransferRequest__Output } from "../../protos/generated/liquidity/v1/CancelTransferRequest.js";
import type { ConfirmResolutionRequest__Output } from "../../protos/generated/liquidity/v1/ConfirmResolutionRequest.js";
import type { CreateTransferRequest__Output } from "../../protos/generated/liquidity/v1/CreateTransferRequest.js";
import type { GetTransferRequest__Output } from "../../protos/generated/liquidity/v1/GetTransferRequest.js";
import type { ListTransfersRequest__Output } from "../../protos/generated/liquidity/v1/ListTransfersRequest.js";
import type { ListTransfersResponse } from "../../protos/generated/liquidity/v1/ListTransfersResponse.js";
import type { ResolveTransferRequest__Output } from "../../protos/generated/liquidity/v1/ResolveTransferRequest.js";
import type { RetryTransferRequest__Output } from "../../protos/generated/liquidity/v1/RetryTransferRequest.js";
import type { Transfer } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult } from "../../protos/generated/liquidity/v1/TransferResult.js";
import type { TransferRoute } from "../../protos/generated/liquidity/v1/TransferRoute.js";
import type { WatchTransfersRequest__Output } from "../../protos/generated/liquidity/v1/WatchTransfersRequest.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { accountKey, commandIdFor, requestId } from "./positions-service.js";
import type { ChannelsService } from "./channels-service.js";
import { summaryOf, transferOf, transferPreviewOf } from "./transfer-messages.js";
import { preflightTransfer } from "./transfer-preflight.js";
import { routeCreate, transferRouteOf } from "./transfer-route.js";
import { TransferWatches, type TransferWatchFilter } from "./transfer-watches.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;
const watchedIdsMax = 1_000;

/** A configured bank channel (LIQ_BANKS_FILE): what a create without channels chooses from, in the file's order. */
export interface TransferChannel {
  readonly id: string;
  readonly bankCode: string;
}

/**
 * The Transfers service's logic, free of gRPC plumbing (grpc-server.ts adds access control, metrics and the
 * transport). Commands and Get go to the transfer actor; List reads the read model; Watch follows the event feed
 * (ADR 007).
 */
export class TransfersService {
  readonly watches: TransferWatches;

  constructor(
    private readonly system: ActorSystem,
    private readonly index: TransferIndex,
    feed: TransferEventFeed,
    private readonly channels: readonly TransferChannel[],
    private readonly channelsService: ChannelsService,
    logger: Logger,
  ) {
    this.watches = new TransferWatches(feed, (transferId) => this.lookupRequest(transferId), logger);
  }

  async createTransfer(request: CreateTransferRequest__Output, caller: Caller): Promise<TransferResult> {
    const transferId = idOf(request.request_id, "request_id", " (it becomes the transfer id)");
    const from = accountKey(request.from, "from").accountId;
    const to = accountKey(request.to, "to").accountId;
    let payload: Record<string, Json> = {
      from,
      to,
      amount: request.amount,
      currency: request.currency,
      debitChannel: this.namedChannel("debit_channel", request.debit_channel, from),
      creditChannel: this.namedChannel("credit_channel", request.credit_channel, to),
      approvalRequired: request.approval_required,
      reference: request.reference,
      // Empty means "not set" in proto3: the actor's defaults apply.
      ...(request.speed !== "" && { speed: request.speed }),
      ...(request.failover !== "" && { failover: request.failover }),
      ...(request.execute_at_ms !== "0" && { executeAt: millisOf(request.execute_at_ms, "execute_at_ms")! }),
    };
    // A repeat of a create skips the checks: its transfer may have moved the money they look at.
    const existing = await this.existingView(transferId, caller);
    let route: TransferRoute | null = null;
    if (existing === null) {
      checkExecuteAt(payload["executeAt"]);
      // A transfer dated in the future takes the route that is usable when it starts.
      const startsAt =
        typeof payload["executeAt"] === "number" ? Math.max(payload["executeAt"], Date.now()) : Date.now();
      const routed = await routeCreate(this.system, this.channels, payload, caller, startsAt);
      payload = routed.payload;
      route = routed.choice && transferRouteOf(routed.choice);
      const command = await preflightTransfer(this.system, this.channelsService, payload, caller);
      if (request.validate_only)
        return { transfer: previewOf(transferId, command, caller), duplicate: false, validated: true, route };
    } else if (request.validate_only) {
      throw new ApiError(
        status.ALREADY_EXISTS,
        `request_id ${transferId} is already transfer ${transferId} (${existing.status}); validate_only checks a new request`,
        "transfer_exists",
      );
    } else {
      // A repeat keeps the route its transfer took: choosing again now could differ and read as another request.
      payload = { ...payload, ...channelsLeftOut(payload, existing) };
    }
    const reply = await this.system.dispatch({
      kind: "transfer",
      actorId: transferId,
      commandId: commandIdFor("create", transferId),
      type: "create",
      payload,
      ...commandOf(caller),
    });
    if (!reply.ok && reply.error.code === "command_id_reused") {
      throw new ApiError(
        status.ALREADY_EXISTS,
        `request_id ${transferId} was used for another transfer request; nothing was applied`,
        "idempotency_key_reused",
      );
    }
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    const view = await this.viewAfter(transferId, reply, caller);
    const duplicate = reply.duplicate === true || view.existing === true;
    return { transfer: transferOf(view, false), duplicate, validated: false, route: duplicate ? null : route };
  }

  async getTransfer(request: GetTransferRequest__Output, caller: Caller): Promise<Transfer> {
    return transferOf(await this.view(idOf(request.transfer_id, "transfer_id"), caller), true);
  }

  approveTransfer(request: ApproveTransferRequest__Output, caller: Caller): Promise<TransferResult> {
    return this.command(request, "approve", { comment: request.comment }, caller);
  }

  cancelTransfer(request: CancelTransferRequest__Output, caller: Caller): Promise<TransferResult> {
    return this.command(request, "cancel", { reason: request.reason }, caller);
  }

  retryTransfer(request: RetryTransferRequest__Output, caller: Caller): Promise<TransferResult> {
    return this.command(request, "retry", { reason: request.reason }, caller);
  }

  resolveTransfer(request: ResolveTransferRequest__Output, caller: Caller): Promise<TransferResult> {
    return this.command(request, "resolve", { outcome: request.outcome, evidence: request.evidence }, caller);
  }

  confirmResolution(request: ConfirmResolutionRequest__Output, caller: Caller): Promise<TransferResult> {
    return this.command(request, "confirmResolution", { outcome: request.outcome, comment: request.comment }, caller);
  }

  async listTransfers(request: ListTransfersRequest__Output): Promise<ListTransfersResponse> {
    const limit = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (limit > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    const createdFrom = millisOf(request.created_from_ms, "created_from_ms");
    const createdTo = millisOf(request.created_to_ms, "created_to_ms");
    if (createdFrom !== undefined && createdTo !== undefined && createdFrom >= createdTo)
      throw invalid("created_from_ms must be before created_to_ms");
    const after = decodePageToken(request.page_token);
    const query: TransferListQuery = {
      statuses: statusesOf(request.statuses),
      limit,
      ...(request.account && { account: accountKey(request.account, "account").accountId }),
      ...(createdFrom !== undefined && { createdFrom }),
      ...(createdTo !== undefined && { createdTo }),
      ...(after && { after }),
    };
    const page = await this.index.list(query);
    const last = page.records.at(-1);
    return { transfers: page.records.map(summaryOf), next_page_token: page.more && last ? encodePageToken(last) : "" };
  }

  /** Validates a watch request into a filter. */
  watchFilter(request: WatchTransfersRequest__Output): TransferWatchFilter {
    if (request.transfer_ids.length > watchedIdsMax)
      throw invalid(`transfer_ids may name at most ${watchedIdsMax} transfers`);
    return {
      transferIds: new Set(request.transfer_ids.map((id) => idOf(id, "transfer_ids"))),
      statuses: statusesOf(request.statuses),
      ...(request.account && { account: accountKey(request.account, "account").accountId }),
    };
  }

  /** Approve, cancel, retry, resolve, confirm: command id `<call>:<principal>/<request_id>`, so a retry is the same command. */
  private async command(
    request: { transfer_id: string; request_id: string },
    type: string,
    payload: Record<string, Json>,
    caller: Caller,
  ): Promise<TransferResult> {
    const transferId = idOf(request.transfer_id, "transfer_id");
    const commandId = commandIdFor(type, `${caller.principal}/${requestId(request.request_id)}`);
    const reply = await this.system.dispatch({
      kind: "transfer",
      actorId: transferId,
      commandId,
      type,
      payload,
      ...commandOf(caller),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    return {
      transfer: transferOf(await this.viewAfter(transferId, reply, caller), false),
      duplicate: reply.duplicate === true,
    };
  }

  /**
   * The transfer after a command. Every transfer command replies with the actor's view (actors/transfer/turn.ts), so
   * no second call is needed, except for a stored reply of an earlier delivery (`duplicate`): that view may be stale.
   */
  private async viewAfter(
    transferId: string,
    reply: Extract<Reply, { ok: true }>,
    caller: Caller,
  ): Promise<TransferReply> {
    if (reply.duplicate !== true) {
      const view = decodeTransferReply(reply.result, `the reply of transfer ${transferId}`);
      if (view.transferId === transferId && view.status !== "NEW") return view;
    }
    return this.view(transferId, caller);
  }

  /** The actor's view (never journaled); NOT_FOUND for a transfer never created. */
  private async view(transferId: string, caller: Caller): Promise<TransferView> {
    const view = await this.existingView(transferId, caller);
    if (view === null) throw new ApiError(status.NOT_FOUND, `there is no transfer ${transferId}`, "transfer_not_found");
    return view;
  }

  /** The actor's view, or null for a transfer never created. */
  private async existingView(transferId: string, caller: Caller): Promise<TransferView | null> {
    const reply = await this.system.dispatch({
      kind: "transfer",
      actorId: transferId,
      commandId: `get:${randomUUID()}`,
      type: "get",
      payload: {},
      ...commandOf(caller),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    const view = decodeTransferReply(reply.result, `the reply of transfer ${transferId} to get`);
    return view.status !== "NEW" ? view : null;
  }

  /** A channel the request names, checked against LIQ_BANKS_FILE; "" when left out (the route chooser fills it). */
  private namedChannel(field: string, given: string, accountId: string): string {
    const [bankCode] = splitAccount(accountId);
    if (given === "") return "";
    const channel = this.channels.find((candidate) => candidate.id === given);
    if (!channel)
      throw new ApiError(
        status.INVALID_ARGUMENT,
        `${field} ${truncateText(given, 64)} is not a configured channel`,
        "unknown_channel",
      );
    if (channel.bankCode !== bankCode)
      throw new ApiError(
        status.INVALID_ARGUMENT,
        `${field} ${given} is a channel of bank ${channel.bankCode}, not of ${bankCode}`,
        "channel_bank_mismatch",
      );
    return channel.id;
  }

  /** A watched transfer's request when no creation event was seen: the read model, else the actor. */
  private async lookupRequest(transferId: string): Promise<TransferRequestSummary | null> {
    const record = await this.index.get(transferId);
    if (record?.request) return record.request;
    const view = await this.view(transferId, { principal: "system:transfer-watch", trace: newTrace() });
    return view.request ? requestOf({ ...view.request, createdBy: view.createdBy, createdAt: view.createdAt }) : null;
  }
}

/** The channels of an existing transfer for those a repeat of its create left out, as the first create chose them. */
function channelsLeftOut(payload: Record<string, Json>, existing: TransferView): Record<string, Json> {
  return {
    ...(payload["debitChannel"] === "" && { debitChannel: existing.request?.debitChannel ?? "" }),
    ...(payload["creditChannel"] === "" && { creditChannel: existing.request?.creditChannel ?? "" }),
  };
}

/** The transfer a validated request would create: its request, channels resolved, no status yet. */
function previewOf(
  transferId: string,
  command: Extract<TransferCommand, { type: "create" }>,
  caller: Caller,
): Transfer {
  const { type: _type, ...request } = command;
  return transferPreviewOf(transferId, request, caller.principal);
}

/** A command of the call: the caller's principal, and a child span of the call's (ADR 009 §3). */
function commandOf(caller: Caller): { principal: string; trace: TraceContext } {
  return { principal: caller.principal, trace: childSpan(caller.trace) };
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}

function idOf(value: string, field: string, note = ""): string {
  if (!actorIdPattern.test(value)) throw invalid(`${field} must be 1-128 of A-Z a-z 0-9 _ : -${note}`);
  return value;
}

/** A new transfer's execution time, checked on the API's clock so that the refusal names the API's field. */
function checkExecuteAt(executeAt: Json | undefined): void {
  const problem = typeof executeAt === "number" ? executeAtProblem(executeAt, Date.now(), "execute_at_ms") : undefined;
  if (problem !== undefined) throw new ApiError(status.INVALID_ARGUMENT, problem, "execute_at_out_of_range");
}

function statusesOf(values: readonly string[]): TransferStatus[] {
  for (const value of values)
    if (!isStatus(value))
      throw invalid(
        `statuses must name transfer statuses (CREATED, SUCCESS, MANUAL_INTERVENTION, ...), not ${JSON.stringify(truncateText(value, 40))}`,
      );
  return [...new Set(values)] as TransferStatus[];
}

/** 0 means "no bound"; uint64 arrives as a decimal string. */
function millisOf(value: string, field: string): number | undefined {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw invalid(`${field} is out of range`);
  return number === 0 ? undefined : number;
}

/** Page tokens are opaque to clients: the last record's position in the order, base64url. */
function encodePageToken(cursor: TransferCursor): string {
  return Buffer.from(`t:${cursor.createdAt}:${cursor.transferId}`, "utf8").toString("base64url");
}

function decodePageToken(token: string): TransferCursor | undefined {
  if (token === "") return undefined;
  const match = /^t:(\d{1,16}):(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const createdAt = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(createdAt) || !actorIdPattern.test(match[2]!))
    throw invalid("page_token is not one this server issued");
  return { createdAt, transferId: match[2]! };
}
