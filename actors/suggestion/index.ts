import type { ActorKind } from "../../runtime/actor-kind.js";
import type { SuggestionCommand } from "./commands.js";
import { decideSuggestion } from "./decide.js";
import type { SuggestionEvent } from "./events.js";
import { evolveSuggestion } from "./evolve.js";
import { parseSuggestionCommand } from "./parse.js";
import type { SuggestionRejectionCode } from "./rejections.js";
import { decodeSuggestionState, encodeSuggestionState, initialSuggestionState, type SuggestionState } from "./state.js";

/**
 * A transfer the planner proposes and people approve (ADR 012 §5): one actor per suggestion id, maker-checker on
 * approval, and on the last approval the transfer with the suggestion's own id, created exactly once.
 */
export const suggestionKind: ActorKind<SuggestionState, SuggestionCommand, SuggestionEvent, SuggestionRejectionCode> = {
  name: "suggestion",
  logField: "suggestionId",
  initialState: initialSuggestionState,
  parseCommand: parseSuggestionCommand,
  decide: decideSuggestion,
  evolve: evolveSuggestion,
  encodeState: encodeSuggestionState,
  decodeState: decodeSuggestionState,
};

export { suggestionEffectHandler, suggestionPrincipal, transferCommandId } from "./effects.js";
export { approvalsRequired, autoCeiling, defaultApprovalPolicy, type ApprovalPolicy } from "./approval-policy.js";
export { suggestionStatuses, type Suggestion, type SuggestionStatus } from "./state.js";
export { decodeSuggestionView, type SuggestionView } from "./view.js";
export type { ExpiryReason, Proposal, SuggestedTransfer } from "./commands.js";
export type { SuggestionCommand, SuggestionEvent, SuggestionRejectionCode, SuggestionState };
