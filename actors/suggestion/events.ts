import type { JsonObject } from "../../runtime/json.js";
import type { ExpiryReason } from "./commands.js";

/**
 * Events of the suggestion actor. Every event carries `suggestion`: the whole suggestion after it (state.ts
 * `suggestionJson`). The listing (a view directory) is fed by each actor's last event only, so the last event must
 * say everything; evolve takes the state from it too, so the two can never disagree. The other fields say what
 * happened, for a reader of the history.
 */
export type SuggestionEvent =
  | { readonly type: "suggestionCreated"; readonly suggestion: JsonObject }
  /** An approval that is not yet the last one needed. */
  | {
      readonly type: "approvalRecorded";
      readonly by: string;
      readonly comment: string;
      readonly suggestion: JsonObject;
    }
  /** The last approval needed: the transfer is being created (its first send is this entry's effect). */
  | {
      readonly type: "suggestionApproved";
      readonly by: string;
      readonly comment: string;
      readonly suggestion: JsonObject;
    }
  /** No answer from the transfer's creation yet: the same create (same command id) is sent again. */
  | { readonly type: "transferCreateRedelivered"; readonly attempt: number; readonly suggestion: JsonObject }
  | { readonly type: "transferCreated"; readonly transferId: string; readonly suggestion: JsonObject }
  | {
      readonly type: "transferCreateFailed";
      readonly code: string;
      readonly message: string;
      readonly suggestion: JsonObject;
    }
  | {
      readonly type: "suggestionRejected";
      readonly by: string;
      readonly reason: string;
      readonly suggestion: JsonObject;
    }
  | {
      readonly type: "suggestionExpired";
      readonly by: string;
      readonly reason: ExpiryReason;
      readonly suggestion: JsonObject;
    };

export type SuggestionEventType = SuggestionEvent["type"];

/** An event without its `suggestion`: what decide says happened, before the suggestion it leaves is attached. */
export type SuggestionChange = SuggestionEvent extends infer Event
  ? Event extends SuggestionEvent
    ? Omit<Event, "suggestion">
    : never
  : never;
