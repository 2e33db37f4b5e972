import { expect } from "chai";
import { suggestionKind } from "../../actors/suggestion/index.js";
import { matchesSuggestion, newSuggestionDirectory } from "../../read-models/suggestion-directory.js";
import { Registry } from "prom-client";
import { registerSuggestionMetrics } from "../../adapters/prometheus/suggestion-metrics.js";
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

  it("exports counts per status, and per pool the suggestions waiting and the oldest's age", async () => {
    const directory = newSuggestionDirectory();
    const feed = (actorId: string, events: JsonObject[]) =>
      events.forEach((event, index) =>
        directory.apply({ actorId, eventSeq: index + 1, commandId: `c-${index}`, recordedAt: 1_000, event }),
      );
    const registry = new Registry();
    let ready = false;
    registerSuggestionMetrics(
      registry,
      directory,
      () => ready,
      () => 61_000,
    );
    feed("s-1", eventsOf("s-1"));
    feed("s-2", eventsOf("s-2").slice(0, 1));
    feed("s-3", eventsOf("s-3", "EUR").slice(0, 1));
    expect(await registry.getMetricsAsJSON()).to.satisfy((metrics: Array<{ values: unknown[] }>) =>
      metrics.every((metric) => metric.values.length === 0),
    );
    ready = true;
    const values = async (name: string) =>
      Object.fromEntries(
        (await registry.getSingleMetric(name)!.get()).values.map((value) => [
          Object.values(value.labels).join("/"),
          value.value,
        ]),
      );
    expect(await values("liq_suggestions")).to.deep.include({ PENDING: 2, APPROVED: 1, REJECTED: 0 });
    expect(await values("liq_suggestions_pending")).to.deep.equal({ "main/CNY": 1, "main/EUR": 1 });
    expect(await values("liq_suggestion_oldest_pending_seconds")).to.deep.equal({ "main/CNY": 60, "main/EUR": 60 });
    expect(await values("liq_suggestion_oldest_approved_seconds")).to.deep.equal({ "main/CNY": 60 });
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
