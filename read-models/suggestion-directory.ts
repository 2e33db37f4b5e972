import { decodeSuggestionView, type SuggestionView } from "../actors/suggestion/view.js";
import type { SuggestionStatus } from "../actors/suggestion/state.js";
import { ViewDirectory, type PublishedEvent } from "./view-directory.js";

/** A suggestion as the directory holds it: the whole suggestion, and the event that left it so. */
export interface SuggestionEntry {
  readonly suggestion: SuggestionView;
  /** The event's type, e.g. "suggestionApproved". */
  readonly cause: string;
}

/** Every suggestion by id, from each suggestion's last event (each carries the suggestion whole). */
export type SuggestionDirectory = ViewDirectory<SuggestionEntry>;

export function newSuggestionDirectory(): SuggestionDirectory {
  return new ViewDirectory<SuggestionEntry>(entryOf);
}

/** An event without a well-formed suggestion (from an older engine, or damaged) is counted and skipped. */
function entryOf(published: PublishedEvent): SuggestionEntry | undefined {
  try {
    const suggestion = decodeSuggestionView(
      published.event["suggestion"] ?? null,
      `the suggestion of event ${published.eventSeq} of ${published.actorId}`,
    );
    return { suggestion, cause: String(published.event["type"]) };
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/** What a listing or a watch asks for; a field left out matches any suggestion. */
export interface SuggestionFilter {
  /** Empty: any status. */
  readonly statuses: ReadonlySet<SuggestionStatus>;
  readonly pool?: string;
  readonly currency?: string;
  readonly ruleId?: string;
}

export function matchesSuggestion(filter: SuggestionFilter, suggestion: SuggestionView): boolean {
  return (
    (filter.statuses.size === 0 || filter.statuses.has(suggestion.status)) &&
    (filter.pool === undefined || suggestion.pool === filter.pool) &&
    (filter.currency === undefined || suggestion.transfer.currency === filter.currency) &&
    (filter.ruleId === undefined || suggestion.ruleId === filter.ruleId)
  );
}
