import { getView } from "./actor-get.js";
import { status } from "@grpc/grpc-js";
import { decodeAccountView, type AccountView, type OpenedAccountView } from "../../actors/account/view.js";
import type { ChannelView } from "../../actors/channel/view.js";
import type { TransferCommand } from "../../actors/transfer/commands.js";
import { isFutureDated } from "../../actors/transfer/evolve.js";
import { parseTransferCommand } from "../../actors/transfer/parse.js";
import { Money } from "../../actors/shared/amount.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import type { ChannelsService } from "./channels-service.js";

type CreateCommand = Extract<TransferCommand, { type: "create" }>;

/**
 * What CreateTransfer can know before it creates anything: the request's fields (as the transfer actor parses
 * them), both accounts open and in the transfer's currency, the source's available balance covering the amount
 * now, and both channels configured for that currency and speed. A transfer that fails one of these would only
 * fail later; refusing it up front tells the caller why while nothing has happened.
 *
 * The funds check is a snapshot, not a lock (and not made for a future-dated transfer): the source reservation the saga takes first is the lock, so a
 * transfer that passes here may still fail if other debits take the money in between.
 */
export async function preflightTransfer(
  system: ActorSystem,
  channels: ChannelsService,
  payload: Record<string, Json>,
  caller: Caller,
): Promise<CreateCommand> {
  const parsed = parseTransferCommand("create", payload);
  if (!parsed.ok) throw new ApiError(status.INVALID_ARGUMENT, parsed.message, parsed.code);
  const command = parsed.command as CreateCommand;
  if (command.from === command.to)
    throw new ApiError(status.INVALID_ARGUMENT, "a transfer needs two different accounts", "same_account");
  const [source, target, debitChannel, creditChannel] = await Promise.all([
    accountView(system, command.from, caller),
    accountView(system, command.to, caller),
    channels.view(command.debitChannel, caller),
    channels.view(command.creditChannel, caller),
  ]);
  const opened = checkAccount("source", command.from, source, command.currency);
  checkAccount("target", command.to, target, command.currency);
  // A future-dated transfer reserves at its start: the funds then are what counts, not those now.
  if (!isFutureDated(command, Date.now())) checkFunds(command, opened);
  checkChannel("debit_channel", command.debitChannel, debitChannel, command);
  checkChannel("credit_channel", command.creditChannel, creditChannel, command);
  return command;
}

function accountView(system: ActorSystem, accountId: string, caller: Caller): Promise<AccountView> {
  return getView(system, "account", accountId, caller, decodeAccountView);
}

function checkAccount(
  role: "source" | "target",
  accountId: string,
  view: AccountView,
  currency: string,
): OpenedAccountView {
  if (view.status === "new")
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `the ${role} account ${accountId} has not been opened`,
      "account_not_open",
    );
  if (view.status === "closed")
    throw new ApiError(status.FAILED_PRECONDITION, `the ${role} account ${accountId} is closed`, "account_closed");
  if (view.currency !== currency) {
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `the ${role} account ${accountId} holds ${view.currency}, not ${currency}`,
      "currency_mismatch",
    );
  }
  return view;
}

function checkFunds(command: CreateCommand, source: OpenedAccountView): void {
  const available = new Money(source.position.available);
  const overdraftLimit = new Money(source.overdraftLimit);
  const after = available.minus(command.amount);
  if (after.lessThan(overdraftLimit.negated())) {
    const limitNote = overdraftLimit.isZero() ? "" : ` (overdraft limit ${overdraftLimit.toFixed(4)})`;
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `the source account ${command.from} has ${available.toFixed(4)} ${command.currency} available${limitNote}, not enough for ${command.amount}`,
      "insufficient_available",
    );
  }
}

function checkChannel(field: string, channelId: string, view: ChannelView, command: CreateCommand): void {
  if (!view.configured) {
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `${field} ${channelId} has no configuration yet (the engine sends it at start)`,
      "channel_not_configured",
    );
  }
  const { config } = view;
  if (config.currency !== command.currency) {
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `${field} ${channelId} moves ${config.currency}, not ${command.currency}`,
      "currency_mismatch",
    );
  }
  if (config.speeds[command.speed] === undefined) {
    const offered = Object.keys(config.speeds).join(", ") || "none";
    throw new ApiError(
      status.FAILED_PRECONDITION,
      `${field} ${channelId} offers no ${command.speed} speed (offers: ${offered})`,
      "speed_not_supported",
    );
  }
}

/**
 * The account checks alone, for a create about to be refused for want of a channel route (transfer-route.ts): what
 * is wrong with the accounts is said first, as the full preflight says it before the channels.
 */
export async function preflightAccounts(system: ActorSystem, command: CreateCommand, caller: Caller): Promise<void> {
  const [source, target] = await Promise.all([
    accountView(system, command.from, caller),
    accountView(system, command.to, caller),
  ]);
  const opened = checkAccount("source", command.from, source, command.currency);
  checkAccount("target", command.to, target, command.currency);
  checkFunds(command, opened);
}
