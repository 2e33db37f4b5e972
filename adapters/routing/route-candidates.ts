import { randomUUID } from "node:crypto";
import type { RouteCandidate } from "../../actors/channel/route-choice.js";
import { decodeChannelView, type ChannelView } from "../../actors/channel/view.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { ErrorBody } from "../../runtime/errors.js";
import { childSpan, type TraceContext } from "../../runtime/trace-context.js";

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

/**
 * Reads the channels that may carry a transfer, for the route chooser: the source bank's channels (the debit end)
 * and the target bank's (the credit end) that move the currency, or the channel named for an end, each asked for
 * its view (`get`, never journaled) in parallel and each once (a transfer within one bank has one set for both
 * ends). A channel not configured yet stays a candidate, so the choice says so. The order of `channels` is kept:
 * it breaks ties of fees. For every caller that chooses a route: CreateTransfer, and the decision engine's planner.
 */
export async function readRouteCandidates(
  system: ActorSystem,
  channels: readonly BankChannel[],
  ends: RouteEnds,
  reader: ViewReader,
): Promise<RouteCandidates> {
  const debitIds = endChannels(channels, ends.sourceBank, ends.debitChannel);
  const creditIds = endChannels(channels, ends.targetBank, ends.creditChannel);
  const ids = [...new Set([...debitIds, ...creditIds])];
  const views = new Map(
    await Promise.all(ids.map(async (id) => [id, await readChannelView(system, id, reader)] as const)),
  );
  const candidates = (endIds: readonly string[], named: string | undefined): RouteCandidate[] =>
    endIds
      .map((channelId) => ({ channelId, view: views.get(channelId)! }))
      .filter(({ view }) => named !== undefined || !view.configured || view.config.currency === ends.currency);
  return { debit: candidates(debitIds, ends.debitChannel), credit: candidates(creditIds, ends.creditChannel) };
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
