import { expect } from "chai";
import { suggestionKind } from "../../actors/suggestion/index.js";
import { matchesSuggestion, newSuggestionDirectory } from "../../read-models/suggestion-directory.js";
import type { JsonObject } from "../../runtime/json.js";
import { given } from "../support/decider.js";

/** The events a suggestion's actor journals: created by the planner, then approved by alice. */
function eventsOf(suggestionId: string, currency = "CNY"): JsonObject[] {
  const test = given({ kind: suggestionKind, actorId: suggestionId, now: 1_000 });
  const proposal = {
    ruleId: "r-1",
    ruleVersion: 1,
    ruleEditor: "grpc:olivia",
    pool: "main",
    transfer: { from: "A:1", to: "B:1", amount: "5", currency, debitChannel: "a", creditChannel: "b" },
    reason: { why: "low" },
    approvalsRequired: 1,
  };
  test.when("create", proposal, { principal: "system:planner" }).thenAccepted();
  test.when("approve", {}, { principal: "grpc:alice" }).thenAccepted();
  return test.journal;
}

describe("suggestion directory", () => {
  it("holds each suggestion as its last event left it, with that event as the cause, and filters", () => {
    const directory = newSuggestionDirectory();
    const feed = (actorId: string, events: JsonObject[]) =>
      events.forEach((event, index) =>
        directory.apply({ actorId, eventSeq: index + 1, commandId: `c-${index}`, recordedAt: 1_000, event }),
      );
    feed("s-1", eventsOf("s-1"));
    feed("s-2", eventsOf("s-2", "EUR").slice(0, 1));
    expect(directory.get("s-1")).to.deep.include({ cause: "suggestionApproved" });
    expect(directory.get("s-1")?.suggestion.status).to.equal("APPROVED");
    const pendingEuros = { statuses: new Set(["PENDING" as const]), currency: "EUR" };
    expect([...directory.all()].filter((entry) => matchesSuggestion(pendingEuros, entry.suggestion))).to.have.length(1);
    expect(matchesSuggestion({ statuses: new Set(), ruleId: "r-2" }, directory.get("s-1")!.suggestion)).to.equal(false);
  });

  it("skips an event without a well-formed suggestion, and counts it", () => {
    const directory = newSuggestionDirectory();
    directory.apply({
      actorId: "s-9",
      eventSeq: 1,
      commandId: "c",
      recordedAt: 1,
      event: { type: "suggestionCreated" },
    });
    expect([directory.size, directory.ignoredEvents]).to.deep.equal([0, 1]);
  });
});
