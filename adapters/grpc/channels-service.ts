import { getView } from "./actor-get.js";
import { status } from "@grpc/grpc-js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { decodeChannelView, type ChannelView } from "../../actors/channel/view.js";
import type { Channel } from "../../protos/generated/liquidity/v1/Channel.js";
import type { GetChannelRequest__Output } from "../../protos/generated/liquidity/v1/GetChannelRequest.js";
import type { ListChannelsRequest__Output } from "../../protos/generated/liquidity/v1/ListChannelsRequest.js";
import type { ListChannelsResponse } from "../../protos/generated/liquidity/v1/ListChannelsResponse.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { channelOf } from "./channel-messages.js";

/** A configured bank channel (LIQ_BANKS_FILE). */
export interface ConfiguredChannel {
  readonly id: string;
  readonly bankCode: string;
}

/**
 * The Channels service: the channels of LIQ_BANKS_FILE, each as its actor holds it now (configuration, today's
 * usage against the daily limit, circuit, recent health). Read-only; channels are few, so a list asks every actor.
 */
export class ChannelsService {
  private readonly channels: readonly ConfiguredChannel[];

  constructor(
    private readonly system: ActorSystem,
    channels: readonly ConfiguredChannel[],
  ) {
    this.channels = [...channels].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  }

  async listChannels(request: ListChannelsRequest__Output, caller: Caller): Promise<ListChannelsResponse> {
    const chosen =
      request.bank_code === ""
        ? this.channels
        : this.channels.filter((channel) => channel.bankCode === request.bank_code);
    return { channels: await Promise.all(chosen.map((channel) => this.describe(channel, caller))) };
  }

  async getChannel(request: GetChannelRequest__Output, caller: Caller): Promise<Channel> {
    if (request.channel_id === "")
      throw new ApiError(status.INVALID_ARGUMENT, "channel_id is required", "invalid_argument");
    const channel = this.channels.find((candidate) => candidate.id === request.channel_id);
    if (!channel) {
      const known = this.channels.map((candidate) => candidate.id).join(", ") || "none";
      throw new ApiError(
        status.NOT_FOUND,
        `channel ${request.channel_id.slice(0, 64)} is not configured on this engine (configured: ${known})`,
        "channel_not_found",
      );
    }
    return this.describe(channel, caller);
  }

  /** The channel actor's view; `get` is never journaled. */
  view(channelId: string, caller: Caller): Promise<ChannelView> {
    return getView(this.system, "channel", channelId, caller, decodeChannelView);
  }

  private async describe(channel: ConfiguredChannel, caller: Caller): Promise<Channel> {
    return channelOf(channel.id, channel.bankCode, await this.view(channel.id, caller));
  }
}
