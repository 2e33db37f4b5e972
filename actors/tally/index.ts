import type { ActorKind } from "../../runtime/actor-kind.js";
import type { TallyCommand } from "./commands.js";
import { decideTally } from "./decide.js";
import type { TallyEvent } from "./events.js";
import { evolveTally } from "./evolve.js";
import { parseTallyCommand } from "./parse.js";
import type { TallyRejectionCode } from "./rejections.js";
import { decodeTallyState, encodeTallyState, initialTallyState, type TallyState } from "./state.js";

/** The reference actor kind: exact decimal sums that must not go negative, and durable reminders. */
export const tallyKind: ActorKind<TallyState, TallyCommand, TallyEvent, TallyRejectionCode> = {
  name: "tally",
  initialState: () => initialTallyState,
  parseCommand: parseTallyCommand,
  decide: decideTally,
  evolve: evolveTally,
  encodeState: encodeTallyState,
  decodeState: decodeTallyState,
};

export type { TallyCommand, TallyEvent, TallyRejectionCode, TallyState };
