import { randomUUID } from "node:crypto";
import type { RouteCandidate } from "../actors/channel/route-choice.js";
import { decodeChannelView, type ChannelView } from "../actors/channel/view.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { ErrorBody } from "../runtime/errors.js";
import { childSpan, type TraceContext } from "../runtime/trace-context.js";

/** A configured channel (LIQ_BANKS_FILE): its id and its bank. */
export interface BankChannel {
  readonly id: string;
  readonly bankCode: string;
}

/** Who reads the views: the principal the reads are recorded under and the span they are children of. */
export interface ViewReader {
  readonly principal: string;
  readonly trace: TraceContext;
}

/** The transfer whose channels are chosen: its two banks and currency; a channel named for an end is its only one. */
export interface RouteEnds {
  readonly sourceBank: string;
  readonly targetBank: string;
  readonly currency: string;
  readonly debitChannel?: string;
  readonly creditChannel?: string;
}

/** What `chooseRoute` takes (actors/channel/route-choice.ts): each end's channels in LIQ_BANKS_FILE's order. */
export interface RouteCandidates {
  readonly debit: readonly RouteCandidate[];
  readonly credit: readonly RouteCandidate[];
}

/** A channel actor did not answer `get` (overloaded, shutting down...): `body` is its error reply. */
export class ChannelViewUnavailable extends Error {
  override readonly name = "ChannelViewUnavailable";
  constructor(
    readonly channelId: string,
    readonly body: ErrorBody,
  ) {
    super(`channel ${channelId} did not answer get: ${body.message}`);
  }
}

/** A configured channel with the view its actor answered. */
export interface ChannelCandidate {
  readonly channelId: string;
  readonly bankCode: string;
  readonly view: ChannelView;
}

/**
 * Reads the channels that may carry a transfer, for the route chooser: the source bank's channels (the debit end)
 * and the target bank's (the credit end), or the channel named for an end, each asked for its view (`get`, never
 * journaled) in parallel and each once (a transfer within one bank has one set for both ends). For a caller with
 * one transfer to route (CreateTransfer); a caller with many reads every channel once and selects with
 * `routeCandidatesOf` (the planner).
 */
export async function readRouteCandidates(
  system: ActorSystem,
  channels: readonly BankChannel[],
  ends: RouteEnds,
  reader: ViewReader,
): Promise<RouteCandidates> {
  const wanted = new Set([
    ...endChannels(channels, ends.sourceBank, ends.debitChannel),
    ...endChannels(channels, ends.targetBank, ends.creditChannel),
  ]);
  const read = channels.filter((channel) => wanted.has(channel.id));
  const views = await Promise.all(read.map((channel) => readChannelView(system, channel.id, reader)));
  return routeCandidatesOf(
    read.map((channel, index) => ({ channelId: channel.id, bankCode: channel.bankCode, view: views[index]! })),
    ends,
  );
}

/**
 * Each end's candidates among channels whose views were read: the bank's channels that move the currency, or the
 * one named for the end (whatever it moves: the chooser says why it cannot). A channel not configured yet stays a
 * candidate, so the choice says so. The order of `channels` is kept: it breaks ties of fees.
 */
export function routeCandidatesOf(channels: readonly ChannelCandidate[], ends: RouteEnds): RouteCandidates {
  const end = (bankCode: string, named: string | undefined): RouteCandidate[] =>
    channels
      .filter((channel) =>
        named === undefined
          ? channel.bankCode === bankCode &&
            (!channel.view.configured || channel.view.config.currency === ends.currency)
          : channel.channelId === named,
      )
      .map(({ channelId, view }) => ({ channelId, view }));
  return { debit: end(ends.sourceBank, ends.debitChannel), credit: end(ends.targetBank, ends.creditChannel) };
}

function endChannels(channels: readonly BankChannel[], bankCode: string, named: string | undefined): string[] {
  return channels
    .filter((channel) => (named === undefined ? channel.bankCode === bankCode : channel.id === named))
    .map((channel) => channel.id);
}

/** One channel actor's view; a refusal (a runtime error: the actor could not answer) is thrown. */
export async function readChannelView(
  system: ActorSystem,
  channelId: string,
  reader: ViewReader,
): Promise<ChannelView> {
  const reply = await system.dispatch({
    kind: "channel",
    actorId: channelId,
    commandId: `get:${randomUUID()}`,
    type: "get",
    payload: {},
    principal: reader.principal,
    trace: childSpan(reader.trace),
  });
  if (!reply.ok) throw new ChannelViewUnavailable(channelId, reply.error);
  return decodeChannelView(reply.result, `the reply of channel ${channelId} to get`);
}
