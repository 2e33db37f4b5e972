import { status } from "@grpc/grpc-js";
import { suggestionStatuses, type SuggestionStatus } from "../../actors/suggestion/state.js";
import { decodeSuggestionView, type SuggestionView } from "../../actors/suggestion/view.js";
import {
  matchesSuggestion,
  type SuggestionDirectory,
  type SuggestionFilter,
} from "../../read-models/suggestion-directory.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { truncateText } from "../../runtime/text.js";
import { childSpan } from "../../runtime/trace-context.js";
import type { ApproveSuggestionRequest__Output } from "../../protos/generated/liquidity/v1/ApproveSuggestionRequest.js";
import type { GetSuggestionRequest__Output } from "../../protos/generated/liquidity/v1/GetSuggestionRequest.js";
import type { ListSuggestionsRequest__Output } from "../../protos/generated/liquidity/v1/ListSuggestionsRequest.js";
import type { ListSuggestionsResponse } from "../../protos/generated/liquidity/v1/ListSuggestionsResponse.js";
import type { RejectSuggestionRequest__Output } from "../../protos/generated/liquidity/v1/RejectSuggestionRequest.js";
import type { Suggestion } from "../../protos/generated/liquidity/v1/Suggestion.js";
import type { SuggestionResult } from "../../protos/generated/liquidity/v1/SuggestionResult.js";
import type { WatchSuggestionsRequest__Output } from "../../protos/generated/liquidity/v1/WatchSuggestionsRequest.js";
import { getView } from "./actor-get.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { commandIdFor, requestId } from "./positions-service.js";
import { suggestionOf } from "./suggestion-messages.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/**
 * The Suggestions service (ADR 012 §5): listings and watches from the suggestion directory (each suggestion's last
 * event), Get, Approve and Reject through the suggestion actor, which enforces maker-checker and creates the
 * transfer on the last approval. Creating suggestions is the planner's, inside the engine: there is no call for it.
 */
export class SuggestionsService {
  constructor(
    private readonly system: ActorSystem,
    readonly directory: SuggestionDirectory,
  ) {}

  listSuggestions(request: ListSuggestionsRequest__Output): ListSuggestionsResponse {
    const limit = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (limit > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    const filter = filterOf(request);
    const page = this.directory.list(
      (entry) => matchesSuggestion(filter, entry.suggestion),
      decodePageToken(request.page_token),
      limit,
    );
    return {
      suggestions: page.views.map((entry) => suggestionOf(entry.suggestion)),
      next_page_token: page.more ? encodePageToken(page.lastId) : "",
    };
  }

  async getSuggestion(request: GetSuggestionRequest__Output, caller: Caller): Promise<Suggestion> {
    return suggestionOf(await this.view(idOf(request.suggestion_id), caller));
  }

  approveSuggestion(request: ApproveSuggestionRequest__Output, caller: Caller): Promise<SuggestionResult> {
    return this.command(request, "approve", { comment: request.comment }, caller);
  }

  rejectSuggestion(request: RejectSuggestionRequest__Output, caller: Caller): Promise<SuggestionResult> {
    return this.command(request, "reject", { reason: request.reason }, caller);
  }

  /** Validates a watch request into a filter. */
  watchFilter(request: WatchSuggestionsRequest__Output): SuggestionFilter {
    return filterOf(request);
  }

  /** Command id `<call>:<principal>/<request_id>`: a retry is the same command, answered, applied once. */
  private async command(
    request: { suggestion_id: string; request_id: string },
    type: "approve" | "reject",
    payload: Record<string, Json>,
    caller: Caller,
  ): Promise<SuggestionResult> {
    const suggestionId = idOf(request.suggestion_id);
    const reply = await this.system.dispatch({
      kind: "suggestion",
      actorId: suggestionId,
      commandId: commandIdFor(type, `${caller.principal}/${requestId(request.request_id)}`),
      type,
      payload,
      principal: caller.principal,
      trace: childSpan(caller.trace),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
    // A repeat's stored reply shows the suggestion as it was then: read it as it is now.
    const view =
      reply.duplicate === true
        ? await this.view(suggestionId, caller)
        : decodeSuggestionView(reply.result, `the reply of suggestion ${suggestionId} to ${type}`);
    return { suggestion: suggestionOf(view), duplicate: reply.duplicate === true };
  }

  private view(suggestionId: string, caller: Caller): Promise<SuggestionView> {
    return getView(this.system, "suggestion", suggestionId, caller, decodeSuggestionView);
  }
}

function filterOf(request: { statuses: string[]; pool: string; currency: string; rule_id: string }): SuggestionFilter {
  for (const value of request.statuses)
    if (!(suggestionStatuses as readonly string[]).includes(value))
      throw invalid(
        `statuses must name suggestion statuses (${suggestionStatuses.join(", ")}), not ${JSON.stringify(truncateText(value, 40))}`,
      );
  return {
    statuses: new Set(request.statuses as SuggestionStatus[]),
    ...(request.pool !== "" && { pool: request.pool }),
    ...(request.currency !== "" && { currency: request.currency }),
    ...(request.rule_id !== "" && { ruleId: request.rule_id }),
  };
}

function idOf(suggestionId: string): string {
  if (!actorIdPattern.test(suggestionId)) throw invalid("suggestion_id must be 1-128 of A-Z a-z 0-9 _ : -");
  return suggestionId;
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}

/** Page tokens are opaque to clients: the last suggestion id of the page, base64url. */
function encodePageToken(lastId: string): string {
  return Buffer.from(`s:${lastId}`, "utf8").toString("base64url");
}

function decodePageToken(token: string): string {
  if (token === "") return "";
  const match = /^s:(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || !actorIdPattern.test(match[1]!)) throw invalid("page_token is not one this server issued");
  return match[1]!;
}
