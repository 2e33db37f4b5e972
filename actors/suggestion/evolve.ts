import { assert } from "../../runtime/assert.js";
import type { SuggestionEvent } from "./events.js";
import { decodeSuggestion, type SuggestionState } from "./state.js";

/** Every event carries the whole suggestion after it (events.ts): that is the next state. */
export function evolveSuggestion(state: SuggestionState, event: SuggestionEvent): SuggestionState {
  const next = decodeSuggestion(event.suggestion, `the suggestion of a ${event.type} event`);
  assert(
    next.suggestionId === state.suggestionId,
    `an event of suggestion ${next.suggestionId} reached ${state.suggestionId}`,
  );
  return next;
}
