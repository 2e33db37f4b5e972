import type { ActorKind } from "../../runtime/actor-kind.js";
import type { TransferCommand } from "./commands.js";
import { decideTransfer } from "./decide.js";
import type { TransferEvent } from "./events.js";
import { evolveTransfer } from "./evolve.js";
import { parseTransferCommand } from "./parse.js";
import { defaultTransferPolicy, type TransferPolicy } from "./policy.js";
import type { TransferRejectionCode } from "./rejections.js";
import { decodeTransferState, encodeTransferState, initialTransferState, type TransferState } from "./state.js";

/** A fund transfer between two of our accounts: the saga of ADR 006 §2. The policy is the engine's configuration. */
export function transferKind(
  policy: TransferPolicy = defaultTransferPolicy,
): ActorKind<TransferState, TransferCommand, TransferEvent, TransferRejectionCode> {
  return {
    name: "transfer",
    logField: "transferId",
    initialState: () => initialTransferState,
    parseCommand: parseTransferCommand,
    decide: decideTransfer(policy),
    evolve: (state, event) => evolveTransfer(state, event, event.at),
    encodeState: encodeTransferState,
    decodeState: decodeTransferState,
  };
}

export { defaultTransferPolicy, type TransferPolicy } from "./policy.js";
export { isTerminal, serialOf, terminalStatuses, type TransferState, type TransferStatus } from "./state.js";
export { viewOf } from "./view.js";
export type { TransferCommand, TransferEvent, TransferRejectionCode };
