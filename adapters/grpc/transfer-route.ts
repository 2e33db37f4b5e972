import { status } from "@grpc/grpc-js";
import { chooseRoute, type ConsideredChannel, type RouteChoice } from "../../actors/channel/route-choice.js";
import { Money } from "../../actors/shared/amount.js";
import type { TransferCommand } from "../../actors/transfer/commands.js";
import { parseTransferCommand } from "../../actors/transfer/parse.js";
import { splitAccount } from "../../actors/transfer/steps.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { RouteChannel } from "../../protos/generated/liquidity/v1/RouteChannel.js";
import type { TransferRoute } from "../../protos/generated/liquidity/v1/TransferRoute.js";
import {
  ChannelViewUnavailable,
  readRouteCandidates,
  type BankChannel,
  type RouteCandidates,
} from "../../decisions/route-candidates.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { preflightAccounts } from "./transfer-preflight.js";

type CreateCommand = Extract<TransferCommand, { type: "create" }>;

/** A create's payload with both channels set, and the choice that set them (null when the request named both). */
export interface RoutedCreate {
  readonly payload: Record<string, Json>;
  readonly choice: RouteChoice | null;
}

/** Stands for a channel the request left out while the other fields are parsed; never sent. */
const unchosen = "unchosen";

/**
 * Fills in the channels a new create left out with the route chooser's (actors/channel/route-choice.ts): the
 * candidates' views read now, the cheapest route usable at both ends taken. When none is usable the create is
 * refused (`no_channel_available`), naming each refused channel's reason and when the next window opens, and
 * nothing is created: no debit may leave for a credit that cannot follow (ADR 010 §6). Channels the request
 * names are candidates alone at their end; a request that names both is left as it is (the preflight checks it).
 */
export async function routeCreate(
  system: ActorSystem,
  channels: readonly BankChannel[],
  payload: Record<string, Json>,
  caller: Caller,
  now: number,
): Promise<RoutedCreate> {
  const named = { debit: payload["debitChannel"], credit: payload["creditChannel"] };
  if (named.debit !== "" && named.credit !== "") return { payload, choice: null };
  const command = parsedCreate({
    ...payload,
    debitChannel: named.debit || unchosen,
    creditChannel: named.credit || unchosen,
  });
  const unconfigured = missingEnd(command, (bank) => channels.some((channel) => channel.bankCode === bank), "");
  if (unconfigured !== null) throw unconfigured;
  const candidates = await readCandidates(system, channels, command, named, caller);
  const missing = missingEnd(command, (_bank, end) => candidates[end].length > 0, ` moving ${command.currency}`);
  const choice = chooseRoute(
    { currency: command.currency, speed: command.speed, amount: new Money(command.amount), now },
    candidates.debit,
    candidates.credit,
  );
  if (missing !== null || choice.chosen === null) {
    await preflightAccounts(system, command, caller);
    throw missing ?? new ApiError(status.FAILED_PRECONDITION, noRouteMessage(command, choice), "no_channel_available");
  }
  const { debitChannel, creditChannel } = choice.chosen;
  return { payload: { ...payload, debitChannel, creditChannel }, choice };
}

/** The choice as the TransferResult.route message. */
export function transferRouteOf(choice: RouteChoice): TransferRoute | null {
  const { chosen } = choice;
  if (chosen === null) return null;
  return {
    debit_channel: chosen.debitChannel,
    credit_channel: chosen.creditChannel,
    fee: chosen.fee,
    debit_fee: chosen.debitFee,
    credit_fee: chosen.creditFee,
    cutoff: chosen.cutoff ?? "",
    considered: choice.considered.map(routeChannelOf),
  };
}

function routeChannelOf(channel: ConsideredChannel): RouteChannel {
  return {
    channel_id: channel.channelId,
    end: channel.end,
    usable: channel.usable,
    fee: channel.fee ?? "",
    cutoff: channel.cutoff ?? "",
    reason: channel.reason,
    usable_at_ms: String(channel.usableAt ?? 0),
  };
}

/** The request's other fields as the transfer actor parses them: a bad one is refused before any channel is read. */
function parsedCreate(payload: Record<string, Json>): CreateCommand {
  const parsed = parseTransferCommand("create", payload);
  if (!parsed.ok) throw new ApiError(status.INVALID_ARGUMENT, parsed.message, parsed.code);
  const command = parsed.command as CreateCommand;
  if (command.from === command.to)
    throw new ApiError(status.INVALID_ARGUMENT, "a transfer needs two different accounts", "same_account");
  return command;
}

async function readCandidates(
  system: ActorSystem,
  channels: readonly BankChannel[],
  command: CreateCommand,
  named: { debit: Json | undefined; credit: Json | undefined },
  caller: Caller,
): Promise<RouteCandidates> {
  const [sourceBank] = splitAccount(command.from);
  const [targetBank] = splitAccount(command.to);
  const ends = {
    sourceBank,
    targetBank,
    currency: command.currency,
    ...(named.debit !== "" && { debitChannel: command.debitChannel }),
    ...(named.credit !== "" && { creditChannel: command.creditChannel }),
  };
  return readRouteCandidates(system, channels, ends, caller).catch((error: unknown) => {
    throw error instanceof ChannelViewUnavailable ? ApiError.fromBody(error.body) : error;
  });
}

/**
 * The refusal for an end whose bank has no channel at all (`what` ""), checked before anything is read, as a
 * configuration fault; or none in the currency, said after the accounts (a currency the accounts do not hold is
 * the account's fault).
 */
function missingEnd(
  command: CreateCommand,
  hasChannel: (bank: string, end: "debit" | "credit") => boolean,
  what: string,
): ApiError | null {
  const ends = [
    ["debit", command.from, "debit_channel"],
    ["credit", command.to, "credit_channel"],
  ] as const;
  for (const [end, account, field] of ends) {
    const [bank] = splitAccount(account);
    if (hasChannel(bank, end)) continue;
    return new ApiError(
      status.FAILED_PRECONDITION,
      `no channel${what} is configured for bank ${bank} (LIQ_BANKS_FILE), so ${field} cannot be chosen`,
      "channel_not_configured",
    );
  }
  return null;
}

/** One line: each refused channel and why, and when a route opens (or that none will as things are). */
function noRouteMessage(command: CreateCommand, choice: RouteChoice): string {
  const refused = choice.considered
    .filter((channel) => !channel.usable)
    .map((channel) => `${channel.end} ${channel.channelId}: ${channel.reason}`);
  const next =
    choice.nextWindowAt === null
      ? "no route opens while the channels stay as they are"
      : `the next window opens at ${new Date(choice.nextWindowAt).toISOString()}`;
  return `no route can carry ${command.amount} ${command.currency} ${command.speed} now (${refused.join("; ")}); ${next}`;
}
