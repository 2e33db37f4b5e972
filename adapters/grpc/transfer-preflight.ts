import { randomUUID } from "node:crypto";
import { status } from "@grpc/grpc-js";
import type { TransferCommand } from "../../actors/transfer/commands.js";
import { parseTransferCommand } from "../../actors/transfer/parse.js";
import { Money } from "../../actors/shared/amount.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { childSpan } from "../../runtime/trace-context.js";
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
 * The funds check is a snapshot, not a lock: the source reservation the saga takes first is the lock, so a
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
  if (command.from === command.to) throw new ApiError(status.INVALID_ARGUMENT, "a transfer needs two different accounts", "same_account");
  const [source, target, debitChannel, creditChannel] = await Promise.all([
    accountView(system, command.from, caller),
    accountView(system, command.to, caller),
    channels.view(command.debitChannel, caller),
    channels.view(command.creditChannel, caller),
  ]);
  checkAccount("source", command.from, source, command.currency);
  checkAccount("target", command.to, target, command.currency);
  checkFunds(command, source);
  checkChannel("debit_channel", command.debitChannel, debitChannel, command);
  checkChannel("credit_channel", command.creditChannel, creditChannel, command);
  return command;
}

async function accountView(system: ActorSystem, accountId: string, caller: Caller): Promise<JsonObject> {
  const reply = await system.dispatch({
    kind: "account", actorId: accountId, commandId: `get:${randomUUID()}`, type: "get", payload: {}, principal: caller.principal, trace: childSpan(caller.trace),
  });
  if (!reply.ok) throw ApiError.fromBody(reply.error);
  if (!isJsonObject(reply.result)) throw new Error(`account ${accountId} answered get without a view`);
  return reply.result;
}

function checkAccount(role: "source" | "target", accountId: string, view: JsonObject, currency: string): void {
  if (view["status"] === "new") throw new ApiError(status.FAILED_PRECONDITION, `the ${role} account ${accountId} has not been opened`, "account_not_open");
  if (view["status"] === "closed") throw new ApiError(status.FAILED_PRECONDITION, `the ${role} account ${accountId} is closed`, "account_closed");
  if (view["currency"] !== currency) {
    throw new ApiError(status.FAILED_PRECONDITION, `the ${role} account ${accountId} holds ${String(view["currency"])}, not ${currency}`, "currency_mismatch");
  }
}

function checkFunds(command: CreateCommand, source: JsonObject): void {
  const position = isJsonObject(source["position"]) ? source["position"] : {};
  const available = new Money(String(position["available"]));
  const overdraftLimit = new Money(String(source["overdraftLimit"] ?? "0"));
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

function checkChannel(field: string, channelId: string, view: JsonObject, command: CreateCommand): void {
  const config = isJsonObject(view["config"]) ? view["config"] : null;
  if (view["configured"] !== true || config === null) {
    throw new ApiError(status.FAILED_PRECONDITION, `${field} ${channelId} has no configuration yet (the engine sends it at start)`, "channel_not_configured");
  }
  if (config["currency"] !== command.currency) {
    throw new ApiError(status.FAILED_PRECONDITION, `${field} ${channelId} moves ${String(config["currency"])}, not ${command.currency}`, "currency_mismatch");
  }
  const speeds = isJsonObject(config["speeds"]) ? config["speeds"] : {};
  if (!isJsonObject(speeds[command.speed])) {
    const offered = Object.keys(speeds).join(", ") || "none";
    throw new ApiError(status.FAILED_PRECONDITION, `${field} ${channelId} offers no ${command.speed} speed (offers: ${offered})`, "speed_not_supported");
  }
}
