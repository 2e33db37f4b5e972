import { createHash, randomUUID } from "node:crypto";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { readJournalPage } from "./journal-page.js";
import { status } from "@grpc/grpc-js";
import { parseAccountKey } from "../../actors/account/account-key.js";
import type { PositionJson } from "../../actors/account/events.js";
import type { DirectoryEntry, PositionDirectory, PositionFilter } from "../../read-models/position-directory.js";
import {
  decodeAccountReply,
  decodeAccountView,
  decodeLedgerAsOfReply,
  type OpenedAccountView,
} from "../../actors/account/view.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import { structOf } from "./struct.js";
import type { Reply } from "../../runtime/messages.js";
import type { JournalStore } from "../../runtime/ports.js";
import { childSpan } from "../../runtime/trace-context.js";
import type { AccountKey__Output } from "../../protos/generated/liquidity/v1/AccountKey.js";
import type { AccountView } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { CloseAccountRequest__Output } from "../../protos/generated/liquidity/v1/CloseAccountRequest.js";
import type { CommandResult } from "../../protos/generated/liquidity/v1/CommandResult.js";
import type { FreezeRequest__Output } from "../../protos/generated/liquidity/v1/FreezeRequest.js";
import type { GetAccountHistoryRequest__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryRequest.js";
import type { GetAccountHistoryResponse } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { GetLedgerAsOfRequest__Output } from "../../protos/generated/liquidity/v1/GetLedgerAsOfRequest.js";
import type { LedgerAsOf } from "../../protos/generated/liquidity/v1/LedgerAsOf.js";
import type { GetPositionRequest__Output } from "../../protos/generated/liquidity/v1/GetPositionRequest.js";
import type { ListPositionsRequest__Output } from "../../protos/generated/liquidity/v1/ListPositionsRequest.js";
import type { ListPositionsResponse } from "../../protos/generated/liquidity/v1/ListPositionsResponse.js";
import type { OpenAccountRequest__Output } from "../../protos/generated/liquidity/v1/OpenAccountRequest.js";
import type { Position } from "../../protos/generated/liquidity/v1/Position.js";
import type { PositionSummary } from "../../protos/generated/liquidity/v1/PositionSummary.js";
import type { RecordEntryRequest__Output } from "../../protos/generated/liquidity/v1/RecordEntryRequest.js";
import type { SyncStatementRequest__Output } from "../../protos/generated/liquidity/v1/SyncStatementRequest.js";
import type { UnfreezeRequest__Output } from "../../protos/generated/liquidity/v1/UnfreezeRequest.js";
import type { WatchPositionsRequest__Output } from "../../protos/generated/liquidity/v1/WatchPositionsRequest.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/**
 * The Positions service's logic, free of gRPC plumbing (grpc-server.ts adds access control, metrics and the
 * transport). Commands go through the runtime like any transport's; list and watch read the directory.
 */
export class PositionsService {
  constructor(
    private readonly system: ActorSystem,
    private readonly journal: JournalStore,
    private readonly directory: PositionDirectory,
  ) {}

  async openAccount(request: OpenAccountRequest__Output, caller: Caller): Promise<AccountView> {
    const key = accountKey(request.account);
    const payload: Record<string, Json> = {
      bankCode: key.bankCode,
      accountNumber: key.accountNumber,
      currency: request.currency,
      pool: request.pool,
    };
    if (request.overdraft_limit !== "") payload["overdraftLimit"] = request.overdraft_limit;
    if (request.count_in_transit_credit !== undefined)
      payload["countInTransitCredit"] = request.count_in_transit_credit;
    await this.command(key.accountId, commandIdFor("open", requestId(request.request_id)), "open", payload, caller);
    return this.getPosition({ account: request.account }, caller);
  }

  async getPosition(request: GetPositionRequest__Output, caller: Caller): Promise<AccountView> {
    const key = accountKey(request.account);
    const reply = await this.dispatch(key.accountId, `get:${randomUUID()}`, "get", {}, caller);
    const view = decodeAccountView(reply.result, `the reply of account ${key.accountId} to get`);
    if (view.status === "new")
      throw new ApiError(status.NOT_FOUND, `account ${key.accountId} has not been opened`, "account_not_open");
    return accountViewOf(key.accountId, view);
  }

  /** The ledger at the end of a booking day, from the actor: a read, no events (ADR 014 §2). */
  async ledgerAsOf(request: GetLedgerAsOfRequest__Output, caller: Caller): Promise<LedgerAsOf> {
    const key = accountKey(request.account);
    const reply = await this.dispatch(
      key.accountId,
      `ledgerAsOf:${randomUUID()}`,
      "ledgerAsOf",
      { date: request.date },
      caller,
    );
    const answer = decodeLedgerAsOfReply(reply.result, `the reply of account ${key.accountId} to ledgerAsOf`);
    return { account_id: key.accountId, date: answer.date, ledger: answer.ledger, booked_after: answer.bookedAfter };
  }

  listPositions(request: ListPositionsRequest__Output): ListPositionsResponse {
    const size = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (size > pageSizeMax)
      throw new ApiError(status.INVALID_ARGUMENT, `page_size must be at most ${pageSizeMax}`, "invalid_argument");
    const after = decodePageToken("a", request.page_token);
    const page = this.directory.list(filterOf(request), after, size);
    const last = page.entries.at(-1);
    return {
      positions: page.entries.map(summaryOf),
      next_page_token: page.more && last ? encodePageToken("a", last.accountId) : "",
    };
  }

  /** Validates a watch request into a directory filter. */
  watchFilter(request: WatchPositionsRequest__Output): PositionFilter {
    const accountIds = new Set(request.accounts.map((account) => accountKey(account).accountId));
    return { ...filterOf(request), accountIds };
  }

  recordEntry(request: RecordEntryRequest__Output, caller: Caller): Promise<CommandResult> {
    const key = accountKey(request.account);
    const payload = {
      entryId: request.entry_id,
      direction: request.direction,
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      // proto3 has no absent string: empty means the default, the day the engine records it.
      ...(request.booking_date !== "" && { bookingDate: request.booking_date }),
    };
    return this.command(
      key.accountId,
      commandIdFor("entry", nonEmpty(request.entry_id, "entry_id")),
      "recordEntry",
      payload,
      caller,
    );
  }

  freeze(request: FreezeRequest__Output, caller: Caller): Promise<CommandResult> {
    const key = accountKey(request.account);
    const payload = {
      freezeId: request.freeze_id,
      amount: request.amount,
      currency: request.currency,
      reason: request.reason,
    };
    return this.command(
      key.accountId,
      commandIdFor("freeze", nonEmpty(request.freeze_id, "freeze_id")),
      "freeze",
      payload,
      caller,
    );
  }

  unfreeze(request: UnfreezeRequest__Output, caller: Caller): Promise<CommandResult> {
    const key = accountKey(request.account);
    const payload = { freezeId: request.freeze_id, reason: request.reason };
    return this.command(
      key.accountId,
      commandIdFor("unfreeze", nonEmpty(request.freeze_id, "freeze_id")),
      "unfreeze",
      payload,
      caller,
    );
  }

  syncStatement(request: SyncStatementRequest__Output, caller: Caller): Promise<CommandResult> {
    const key = accountKey(request.account);
    const payload = {
      statementId: request.statement_id,
      balance: request.balance,
      currency: request.currency,
      asOf: request.as_of,
    };
    return this.command(
      key.accountId,
      commandIdFor("statement", nonEmpty(request.statement_id, "statement_id")),
      "syncStatement",
      payload,
      caller,
    );
  }

  closeAccount(request: CloseAccountRequest__Output, caller: Caller): Promise<CommandResult> {
    const key = accountKey(request.account);
    return this.command(
      key.accountId,
      commandIdFor("close", requestId(request.request_id)),
      "close",
      { reason: request.reason },
      caller,
    );
  }

  async accountHistory(request: GetAccountHistoryRequest__Output): Promise<GetAccountHistoryResponse> {
    const key = accountKey(request.account);
    const { entries: page, nextAfterEntrySeq } = await readJournalPage(
      this.journal,
      { kind: "account", actorId: key.accountId },
      request,
      () =>
        new ApiError(
          status.NOT_FOUND,
          `account ${key.accountId} has no history: it has not been opened`,
          "account_not_open",
        ),
    );
    return {
      entries: page.map((entry) => ({
        entry_seq: String(entry.seq),
        command_id: entry.commandId,
        command_type: entry.commandType,
        principal: entry.principal,
        recorded_at_ms: String(entry.recordedAt),
        events: entry.events.map((event, index) => ({
          event_seq: String(entry.firstEventSeq + index),
          type: event.type,
          data: structOf(event),
        })),
      })),
      next_after_entry_seq: nextAfterEntrySeq,
    };
  }

  private async command(
    accountId: string,
    commandId: string,
    type: string,
    payload: Record<string, Json>,
    caller: Caller,
  ): Promise<CommandResult> {
    const reply = await this.dispatch(accountId, commandId, type, payload, caller);
    const { position } = decodeAccountReply(reply.result, `the reply of account ${accountId} to ${type}`);
    return {
      position: positionOf(position),
      duplicate: reply.duplicate === true,
      entry_seq: String(reply.entrySeq ?? 0),
      command_id: commandId,
    };
  }

  private async dispatch(
    accountId: string,
    commandId: string,
    type: string,
    payload: Record<string, Json>,
    caller: Caller,
  ): Promise<Extract<Reply, { ok: true }>> {
    const reply = await this.system.dispatch({
      kind: "account",
      actorId: accountId,
      commandId,
      type,
      payload,
      principal: caller.principal,
      trace: childSpan(caller.trace),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    return reply;
  }
}

/** A client's account key, checked; errors name `field` (the message's field holding the key). */
export function accountKey(
  account: AccountKey__Output | null,
  field = "account",
): { accountId: string; bankCode: string; accountNumber: string } {
  if (!account)
    throw new ApiError(
      status.INVALID_ARGUMENT,
      `${field} (bank_code and account_number) is required`,
      "invalid_argument",
    );
  const parsed = parseAccountKey(account.bank_code, account.account_number, `${field}.`);
  if (!parsed.ok) throw new ApiError(status.INVALID_ARGUMENT, parsed.message, "invalid_argument");
  return { accountId: parsed.accountId, bankCode: account.bank_code, accountNumber: account.account_number };
}

function nonEmpty(value: string, field: string): string {
  if (value === "") throw new ApiError(status.INVALID_ARGUMENT, `${field} is required`, "invalid_argument");
  return value;
}

/** A client's idempotency key for one call. */
export function requestId(value: string): string {
  if (!/^[\x21-\x7e]{1,128}$/.test(value))
    throw new ApiError(
      status.INVALID_ARGUMENT,
      "request_id is required: 1-128 printable ASCII characters, your idempotency key",
      "invalid_argument",
    );
  return value;
}

/**
 * `<what>:<id>`, the command id each door derives from the client's own id, so a retry through any door is the
 * same command. Ids too long for a command id (128) are replaced by their SHA-256, which is as unique.
 */
export function commandIdFor(what: string, id: string): string {
  const plain = `${what}:${id}`;
  return plain.length <= 128 && /^[\x21-\x7e]+$/.test(plain)
    ? plain
    : `${what}#${createHash("sha256").update(id).digest("base64url")}`;
}

function filterOf(request: { bank_code: string; pool: string; currency: string }): PositionFilter {
  return {
    ...(request.bank_code !== "" && { bankCode: request.bank_code }),
    ...(request.pool !== "" && { pool: request.pool }),
    ...(request.currency !== "" && { currency: request.currency }),
  };
}

function positionOf(position: PositionJson): Position {
  return {
    ledger: position.ledger,
    frozen: position.frozen,
    in_transit_debit: position.inTransitDebit,
    in_transit_credit: position.inTransitCredit,
    available: position.available,
  };
}

export function summaryOf(entry: DirectoryEntry): PositionSummary {
  return {
    account_id: entry.accountId,
    bank_code: entry.bankCode,
    account_number: entry.accountNumber,
    currency: entry.currency,
    pool: entry.pool,
    status: entry.status,
    position: positionOf(entry.position),
    event_seq: String(entry.eventSeq),
    recorded_at_ms: String(entry.recordedAt),
  };
}

function accountViewOf(accountId: string, view: OpenedAccountView): AccountView {
  return {
    account_id: accountId,
    bank_code: view.bankCode,
    account_number: view.accountNumber,
    currency: view.currency,
    pool: view.pool,
    status: view.status,
    overdraft_limit: view.overdraftLimit,
    count_in_transit_credit: view.countInTransitCredit,
    position: positionOf(view.position),
    active_freezes: view.freezes,
    active_reservations: view.reservations,
  };
}
