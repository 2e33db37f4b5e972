import type { ActorKind } from "../../runtime/actor-kind.js";
import type { AccountCommand } from "./commands.js";
import { decideAccount } from "./decide.js";
import type { AccountEvent } from "./events.js";
import { evolveAccount } from "./evolve.js";
import { parseAccountCommand } from "./parse.js";
import { defaultAccountPolicy, type AccountPolicy } from "./policy.js";
import type { AccountRejectionCode } from "./rejections.js";
import { decodeAccountState, encodeAccountState, initialAccountState, type AccountState } from "./state.js";

/**
 * A bank account's position (ADR 003): entries, freezes, in-transit reservations, the ledger per booking day and
 * statement comparisons (ADR 014 §2), under the engine's `policy`.
 */
export function accountKindOf(
  policy: AccountPolicy,
): ActorKind<AccountState, AccountCommand, AccountEvent, AccountRejectionCode> {
  return {
    name: "account",
    logField: "account",
    initialState: () => initialAccountState,
    parseCommand: parseAccountCommand,
    decide: (state, command, context) => decideAccount(state, command, context, policy),
    evolve: (state, event) => evolveAccount(state, event, policy),
    encodeState: encodeAccountState,
    decodeState: decodeAccountState,
  };
}

/** The account kind under the default policy (tests, tools, and the engine unless configured otherwise). */
export const accountKind = accountKindOf(defaultAccountPolicy);

export { accountIdOf } from "./id.js";
export { availableOf, positionOf } from "./state.js";
export { defaultAccountPolicy, ledgerDaysKeptMax, ledgerDaysKeptMin, type AccountPolicy } from "./policy.js";
export type { AccountCommand, AccountEvent, AccountRejectionCode, AccountState };
