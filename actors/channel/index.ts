import type { ActorKind } from "../../runtime/actor-kind.js";
import type { ChannelCommand } from "./commands.js";
import { decideChannel } from "./decide.js";
import type { ChannelEvent } from "./events.js";
import { evolveChannel } from "./evolve.js";
import { parseChannelCommand } from "./parse.js";
import type { ChannelRejectionCode } from "./rejections.js";
import { decodeChannelState, encodeChannelState, initialChannelState, type ChannelState } from "./state.js";

/** A bank channel (ADR 006 §4): permission before every bank call, daily limit, maintenance, circuit breaker. */
export const channelKind: ActorKind<ChannelState, ChannelCommand, ChannelEvent, ChannelRejectionCode> = {
  name: "channel",
  logField: "channel",
  initialState: () => initialChannelState,
  parseCommand: parseChannelCommand,
  decide: decideChannel,
  evolve: evolveChannel,
  encodeState: encodeChannelState,
  decodeState: decodeChannelState,
};

export { halfOpenReminderKey } from "./breaker.js";
export type { CallOutcome, CallStep } from "./commands.js";
export type { AcquireRefusalCode } from "./rejections.js";
export type { ChannelCommand, ChannelEvent, ChannelRejectionCode, ChannelState };
export { channelIdPattern } from "./parse-config.js";
