import type { ActorKind } from "../../runtime/actor-kind.js";
import type { AccountCommand } from "./commands.js";
import { decideAccount } from "./decide.js";
import type { AccountEvent } from "./events.js";
import { evolveAccount } from "./evolve.js";
import { parseAccountCommand } from "./parse.js";
import type { AccountRejectionCode } from "./rejections.js";
import { decodeAccountState, encodeAccountState, initialAccountState, type AccountState } from "./state.js";

/** A bank account's position (ADR 003): entries, freezes, in-transit reservations, statement syncs. */
export const accountKind: ActorKind<AccountState, AccountCommand, AccountEvent, AccountRejectionCode> = {
  name: "account",
  logField: "account",
  initialState: () => initialAccountState,
  parseCommand: parseAccountCommand,
  decide: decideAccount,
  evolve: evolveAccount,
  encodeState: encodeAccountState,
  decodeState: decodeAccountState,
};

export { accountIdOf } from "./id.js";
export { availableOf, positionOf } from "./state.js";
export type { AccountCommand, AccountEvent, AccountRejectionCode, AccountState };
