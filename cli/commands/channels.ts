import type { Channel__Output } from "../../protos/generated/liquidity/v1/Channel.js";
import type { ListChannelsResponse__Output } from "../../protos/generated/liquidity/v1/ListChannelsResponse.js";
import type { CliContext } from "../context.js";
import type { RootCommand } from "../root.js";
import { channelsText, channelText } from "../views/channels.js";

/** `liq channels ...`: the Channels service. */
export function addChannelCommands(root: RootCommand, context: CliContext): void {
  const channels = root
    .command("channels")
    .description(
      "bank channels: configuration, limits used today, circuit, fees, cut-offs (gRPC liquidity.v1.Channels)",
    );

  channels
    .command("list")
    .description("every channel configured on the engine (LIQ_BANKS_FILE), in id order (role viewer)")
    .option("--bank <code>", "only this bank's channels")
    .action((options) =>
      context.show<ListChannelsResponse__Output, "Channels">(
        "Channels",
        "ListChannels",
        { bank_code: options.bank ?? "" },
        (answer) => channelsText(answer.channels),
      ),
    );

  channels
    .command("get")
    .description("one channel as its actor holds it now (role viewer)")
    .argument("<channel>", "the channel id, e.g. BANKA-direct")
    .action((channelId) =>
      context.show<Channel__Output, "Channels">("Channels", "GetChannel", { channel_id: channelId }, channelText),
    );
}
