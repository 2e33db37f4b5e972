import type { ListSuggestionsResponse__Output } from "../../protos/generated/liquidity/v1/ListSuggestionsResponse.js";
import { CliFailure } from "../failures.js";
import type { Suggestion__Output } from "../../protos/generated/liquidity/v1/Suggestion.js";
import type { SuggestionResult__Output } from "../../protos/generated/liquidity/v1/SuggestionResult.js";
import type { SuggestionUpdate__Output } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";
import { countArgument, newRequestId } from "../arguments.js";
import type { CliContext } from "../context.js";
import { morePagesText, readPages } from "../pages.js";
import type { CommandGroup, RootCommand } from "../root.js";
import { suggestionDocument, suggestionsText, suggestionText, suggestionUpdateText } from "../views/suggestions.js";

/** The filters `list` and `watch` share, as the wire takes them. */
function filterOf(options: { status?: string[]; pool?: string; currency?: string; rule?: string }) {
  return {
    statuses: (options.status ?? []).map((value) => value.toUpperCase()),
    pool: options.pool ?? "",
    currency: options.currency ?? "",
    rule_id: options.rule ?? "",
  };
}

function withFilters(command: CommandGroup) {
  return command
    .option("--status <statuses...>", "any of these statuses, e.g. --status PENDING CREATE_FAILED")
    .option("--pool <pool>", "only suggestions for this pool")
    .option("--currency <code>", "only transfers in this currency")
    .option("--rule <rule>", "only suggestions of this rule");
}

/** Approve and reject: the same shape, each with its idempotency key, shown so that a repeat can reuse it. */
async function decide(
  context: CliContext,
  method: "ApproveSuggestion" | "RejectSuggestion",
  suggestionId: string,
  requestId: string | undefined,
  fields: Record<string, string>,
  done: string,
): Promise<void> {
  const id = requestId ?? newRequestId();
  const result = await context.engine().unary<SuggestionResult__Output, "Suggestions">("Suggestions", method, {
    suggestion_id: suggestionId,
    request_id: id,
    ...fields,
  });
  const suggestion = result.suggestion;
  const headline = result.duplicate
    ? `duplicate: nothing applied now (the stored outcome of request ${id})`
    : `${done} ${suggestionId}: now ${suggestion?.status ?? "-"} (request id ${id}; a repeat with --request-id ${id} changes nothing)`;
  context.print(
    { ...result, suggestion: suggestionDocument(suggestion), request_id: id },
    () => `${headline}\n${suggestion ? suggestionText(suggestion) : ""}`,
  );
}

/** `liq suggestions ...`: the Suggestions service (transfers the planner proposes, approved by people; ADR 012). */
export function addSuggestionCommands(root: RootCommand, context: CliContext): void {
  const suggestions = root
    .command("suggestions")
    .description("transfers the planner proposes, waiting for people to approve them (gRPC liquidity.v1.Suggestions)");

  withFilters(suggestions.command("list"))
    .description("suggestions in id order, filtered (role viewer); it may trail a call's answer by a moment")
    .option("--page-size <n>", "suggestions per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after a previous answer's next page token")
    .option("--all", "every page")
    .action(async (options) => {
      const read = (token: string) =>
        context.engine().unary<ListSuggestionsResponse__Output, "Suggestions">("Suggestions", "ListSuggestions", {
          ...filterOf(options),
          page_size: options.pageSize ?? 0,
          page_token: token,
        });
      const { items, nextPageToken } = await readPages(options.pageToken, options.all, read, (a) => a.suggestions);
      context.print(
        { suggestions: items.map(suggestionDocument), next_page_token: nextPageToken },
        () => suggestionsText(items) + morePagesText(nextPageToken),
      );
    });

  suggestions
    .command("get")
    .description("a suggestion as its actor holds it now, with its reason and approvals (role viewer)")
    .argument("<suggestion>", "the suggestion id")
    .option(
      "--wait <seconds>",
      "wait up to this long for the suggestion to exist (the planner makes it moments after a position or rule change)",
      countArgument(600),
    )
    .action(async (suggestionId, options) => {
      const read = () =>
        context
          .engine()
          .unary<Suggestion__Output, "Suggestions">("Suggestions", "GetSuggestion", { suggestion_id: suggestionId });
      const suggestion = await untilFound(read, (options.wait ?? 0) * 1_000);
      context.print(suggestionDocument(suggestion), () => suggestionText(suggestion));
    });

  suggestions
    .command("approve")
    .description(
      "approve a PENDING suggestion (role approver; not the rule's last editor); the last approval creates its transfer",
    )
    .argument("<suggestion>", "the suggestion id")
    .option("--comment <text>", "recorded with the approval")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((suggestionId, options) =>
      decide(
        context,
        "ApproveSuggestion",
        suggestionId,
        options.requestId,
        { comment: options.comment ?? "" },
        "approved",
      ),
    );

  suggestions
    .command("reject")
    .description("reject a PENDING suggestion (role approver)")
    .argument("<suggestion>", "the suggestion id")
    .requiredOption("--reason <text>", "why (recorded)")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((suggestionId, options) =>
      decide(context, "RejectSuggestion", suggestionId, options.requestId, { reason: options.reason }, "rejected"),
    );

  withFilters(suggestions.command("watch"))
    .description("every matching suggestion as it is now, then every change, until Ctrl-C (role viewer)")
    .action((options) =>
      context.follow<SuggestionUpdate__Output, "Suggestions">(
        "Suggestions",
        "WatchSuggestions",
        filterOf(options),
        suggestionUpdateText,
        (update) => ({ ...update, suggestion: suggestionDocument(update.suggestion) }),
      ),
    );
}

/** Reads until the suggestion exists or `waitMs` has passed (then its last refusal); any other failure at once. */
async function untilFound<T>(read: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      const missing = error instanceof CliFailure && error.code === "suggestion_not_found";
      if (!missing || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
